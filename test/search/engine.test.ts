import { beforeAll, describe, expect, it } from 'vitest';
import { HelpCenterSearch, type SearchDocument } from '../../src/server/modules/search/index.js';
import { FIXTURE_DOCS } from './fixtures/docs.js';

const ids = (engine: HelpCenterSearch, q: string, locale?: 'zh-cn' | 'en-us', limit = 10): string[] =>
  engine.search(q, { locale, limit }).hits.map((h) => h.id);

let engine: HelpCenterSearch;
beforeAll(() => {
  engine = new HelpCenterSearch();
  engine.addAll(FIXTURE_DOCS);
});

describe('HelpCenterSearch basics', () => {
  it('indexes and reports size', () => {
    expect(engine.size).toBe(FIXTURE_DOCS.length);
    expect(engine.has('withdrawal-pending:zh-cn')).toBe(true);
    expect(engine.has('nope')).toBe(false);
  });

  it('rejects duplicate ids on add', () => {
    expect(() => engine.add(FIXTURE_DOCS[0]!)).toThrow(/Duplicate/);
  });

  it('validates a whole batch before adding any of it', () => {
    const e = new HelpCenterSearch();
    const batch = [FIXTURE_DOCS[0]!, FIXTURE_DOCS[1]!, FIXTURE_DOCS[0]!];
    expect(() => e.addAll(batch)).toThrow(/Duplicate/);
    expect(e.size).toBe(0);
    expect(e.search('withdrawal').total).toBe(0);
  });

  it('returns nothing for empty or punctuation-only queries', () => {
    expect(engine.search('')).toEqual({ total: 0, hits: [] });
    expect(engine.search('   ？！')).toEqual({ total: 0, hits: [] });
  });

  it('finds Chinese without spaces', () => {
    expect(ids(engine, '提币处理中', 'zh-cn')[0]).toBe('withdrawal-pending:zh-cn');
    expect(ids(engine, '助记词', 'zh-cn')[0]).toBe('seed-phrase:zh-cn');
    expect(ids(engine, '以太坊密钥', 'zh-cn')[0]).toBe('seed-phrase:zh-cn');
  });

  it('matches partial Chinese words through bigrams', () => {
    // 验证器 is a sub-word of 谷歌验证器; 确认数 appears only inside 区块确认数
    expect(ids(engine, '验证器', 'zh-cn')[0]).toBe('enable-2fa:zh-cn');
    expect(ids(engine, '确认数', 'zh-cn')[0]).toBe('deposit-not-credited:zh-cn');
  });

  it('stems and folds case in English', () => {
    expect(ids(engine, 'WITHDRAWALS pending', 'en-us')[0]).toBe('withdrawal-pending:en-us');
    expect(ids(engine, 'limit orders', 'en-us')[0]).toBe('limit-order:en-us');
  });

  it('finds codes as units', () => {
    expect(ids(engine, 'EAPI:Invalid key', 'en-us')[0]).toBe('api-invalid-key:en-us');
    expect(ids(engine, 'EGeneral:Permission denied', 'en-us')[0]).toBe('api-permission:en-us');
    expect(ids(engine, 'HTTP 429', 'en-us')[0]).toBe('api-invalid-key:en-us');
    for (const q of ['erc 20', 'ERC20', 'erc-20', 'trc20', 'BEP 20']) expect(ids(engine, q, 'en-us')[0]).toBe('usdt-networks:en-us');
    expect(ids(engine, '2fa', 'en-us')[0]).toBe('enable-2fa:en-us');
  });

  it('completes the last word as a prefix', () => {
    expect(ids(engine, 'withdr', 'en-us')[0]).toBe('withdrawal-pending:en-us');
    expect(ids(engine, 'recovery phr', 'en-us')[0]).toBe('seed-phrase:en-us');
  });

  it('tolerates typos in longer words only', () => {
    expect(ids(engine, 'withdrawl pendng', 'en-us')[0]).toBe('withdrawal-pending:en-us');
    expect(ids(engine, 'slipage', 'en-us')[0]).toBe('limit-order:en-us');
    expect(ids(engine, 'depsoit', 'en-us')[0]).toBe('deposit-not-credited:en-us');
    // 4-letter words get no fuzzy matching: "kyd" ≠ "kyc"
    expect(engine.search('kyd', { locale: 'en-us' }).total).toBe(0);
  });

  it('weights typo matches below exact matches and leaves known words alone', () => {
    const docs: SearchDocument[] = [
      { id: 'a', locale: 'en-us', title: 'Trace a payment', labels: [], body: 'trace', sectionId: 's', categoryId: 'c' },
      { id: 'b', locale: 'en-us', title: 'Trade a payment', labels: [], body: 'trade', sectionId: 's', categoryId: 'c' },
      { id: 'c', locale: 'en-us', title: 'Slippage', labels: [], body: 'Price slippage on market orders.', sectionId: 's', categoryId: 'c' },
    ];
    const e = new HelpCenterSearch();
    e.addAll(docs);
    // "trade" is a known word: it is not also read as its neighbour "trace"
    expect(e.search('trade', { locale: 'en-us' }).hits.map((h) => h.id)).toEqual(['b']);
    // "slipage" is unknown: it matches "slippage", with a lower weight than the exact word
    const typo = e.search('slipage', { locale: 'en-us' }).hits;
    const exact = e.search('slippage', { locale: 'en-us' }).hits;
    expect(typo.map((h) => h.id)).toEqual(['c']);
    expect(typo[0]!.score).toBeLessThan(exact[0]!.score * 0.5);
    expect(typo[0]!.titleHtml).toBe('<mark>Slippage</mark>');
  });

  it('handles stop words but still answers stop-word-only queries', () => {
    expect(ids(engine, 'how do I turn on 2fa', 'en-us')[0]).toBe('enable-2fa:en-us');
    const docs: SearchDocument[] = [
      { id: 'x', locale: 'en-us', title: 'The Who', labels: [], body: 'who is there', sectionId: 's', categoryId: 'c' },
      { id: 'y', locale: 'en-us', title: 'Other', labels: [], body: 'nothing else', sectionId: 's', categoryId: 'c' },
    ];
    const e = new HelpCenterSearch();
    e.addAll(docs);
    expect(e.search('the who').hits.map((h) => h.id)).toEqual(['x']);
  });
});

describe('glossary expansion', () => {
  it('expands across languages', () => {
    // English query words in the Chinese help center and vice versa
    expect(ids(engine, 'withdraw', 'zh-cn')[0]).toBe('withdrawal-pending:zh-cn');
    expect(ids(engine, 'seed phrase', 'zh-cn')[0]).toBe('seed-phrase:zh-cn');
    expect(ids(engine, '限价单', 'en-us')[0]).toBe('limit-order:en-us');
    expect(ids(engine, '实名认证', 'en-us')[0]).toBe('verification:en-us');
    expect(ids(engine, 'two-factor', 'zh-cn')[0]).toBe('enable-2fa:zh-cn');
  });

  it('expands same-language synonyms and colloquial phrasing', () => {
    expect(ids(engine, '提现', 'zh-cn')[0]).toBe('withdrawal-pending:zh-cn');
    expect(ids(engine, '钱提不出来', 'zh-cn')[0]).toBe('withdrawal-pending:zh-cn');
    expect(ids(engine, '充值没到账', 'zh-cn')[0]).toBe('deposit-not-credited:zh-cn');
    expect(ids(engine, 'withdrawal stuck for hours', 'en-us')[0]).toBe('withdrawal-pending:en-us');
    expect(ids(engine, 'deposit not arrived', 'en-us')[0]).toBe('deposit-not-credited:en-us');
    expect(ids(engine, 'mnemonic', 'en-us')[0]).toBe('seed-phrase:en-us');
  });

  it('ranks glossary expansions below exact matches', () => {
    const docs: SearchDocument[] = [
      { id: 'exact', locale: 'zh-cn', title: '提现说明', labels: [], body: '关于提现的说明。', sectionId: 's', categoryId: 'c' },
      { id: 'synonym', locale: 'zh-cn', title: '提币说明', labels: [], body: '关于提币的说明。', sectionId: 's', categoryId: 'c' },
      { id: 'english', locale: 'en-us', title: 'Withdrawal guide', labels: [], body: 'About withdrawals.', sectionId: 's', categoryId: 'c' },
      { id: 'english-synonym', locale: 'en-us', title: 'Cash out guide', labels: [], body: 'How to cash out.', sectionId: 's', categoryId: 'c' },
    ];
    const e = new HelpCenterSearch();
    e.addAll(docs);
    const zh = e.search('提现', { locale: 'zh-cn' }).hits;
    expect(zh.map((h) => h.id)).toEqual(['exact', 'synonym']);
    expect(zh[1]!.score).toBeLessThan(zh[0]!.score * 0.6);
    const en = e.search('withdrawal', { locale: 'en-us' }).hits;
    expect(en.map((h) => h.id)).toEqual(['english', 'english-synonym']);
    expect(en[1]!.score).toBeLessThan(en[0]!.score * 0.6);
  });

  it('treats synonyms as alternatives, not additions', () => {
    const docs: SearchDocument[] = [
      { id: 'both', locale: 'en-us', title: 'Guide', labels: [], body: 'withdrawal and cash out', sectionId: 's', categoryId: 'c' },
      { id: 'literal', locale: 'en-us', title: 'Guide', labels: [], body: 'withdrawal and more text', sectionId: 's', categoryId: 'c' },
      { id: 'other', locale: 'en-us', title: 'Guide', labels: [], body: 'nothing relevant here', sectionId: 's', categoryId: 'c' },
      { id: 'synonym', locale: 'en-us', title: 'Guide', labels: [], body: 'cash out elsewhere today', sectionId: 's', categoryId: 'c' },
    ];
    const e = new HelpCenterSearch();
    e.addAll(docs);
    const hits = e.search('withdrawal').hits;
    const score = (id: string): number => hits.find((h) => h.id === id)!.score;
    // Mentioning a synonym as well does not outrank the same text without it…
    expect(score('both')).toBeCloseTo(score('literal'), 6);
    // …and the synonym alone still counts, below the user's own word.
    expect(score('synonym')).toBeGreaterThan(0);
    expect(score('synonym')).toBeLessThan(score('literal') * 0.6);
  });

  it('explains scores by query part', () => {
    const explanation = engine.explain('提现 助记词', 'seed-phrase:zh-cn');
    expect(explanation).not.toBeNull();
    const hit = engine.search('提现 助记词', { locale: 'zh-cn' }).hits.find((h) => h.id === 'seed-phrase:zh-cn')!;
    expect(explanation!.total).toBeCloseTo(hit.score, 4);
    expect(explanation!.groups.some((g) => g.variants.join(' ').includes('助记词') && g.score > 0)).toBe(true);
    expect(engine.explain('x', 'missing')).toBeNull();
  });

  it('accepts a custom glossary', () => {
    const docs: SearchDocument[] = [
      { id: 'a', locale: 'en-us', title: 'Lantern guide', labels: [], body: 'lanterns', sectionId: 's', categoryId: 'c' },
    ];
    const e = new HelpCenterSearch({ glossary: [{ terms: ['lamp', 'lantern'] }] });
    e.addAll(docs);
    expect(e.search('lamp').hits.map((h) => h.id)).toEqual(['a']);
    expect(new HelpCenterSearch({ glossary: [] }).search('lamp').total).toBe(0);
  });
});

describe('filters and pagination', () => {
  it('filters by locale, category and section', () => {
    const all = engine.search('提币 withdrawal');
    expect(new Set(all.hits.map((h) => h.locale))).toEqual(new Set(['zh-cn', 'en-us']));
    expect(engine.search('提币 withdrawal', { locale: 'zh-cn' }).hits.every((h) => h.locale === 'zh-cn')).toBe(true);
    const security = engine.search('2fa', { categoryId: 'security' });
    expect(security.total).toBeGreaterThan(0);
    expect(security.hits.every((h) => h.categoryId === 'security')).toBe(true);
    expect(engine.search('2fa', { categoryId: 'trading' }).total).toBe(0);
    const section = engine.search('deposit network', { sectionId: 'deposits', locale: 'en-us' });
    expect(section.hits.length).toBeGreaterThan(0);
    expect(section.hits.every((h) => h.sectionId === 'deposits')).toBe(true);
  });

  it('paginates with a stable total', () => {
    const docs: SearchDocument[] = Array.from({ length: 25 }, (_, i) => ({
      id: `doc-${String(i).padStart(2, '0')}`,
      locale: 'en-us' as const,
      title: `Deposit guide ${i}`,
      labels: [],
      body: 'How deposits work.',
      sectionId: 's',
      categoryId: 'c',
    }));
    const e = new HelpCenterSearch();
    e.addAll(docs);
    const first = e.search('deposit', { limit: 10 });
    const second = e.search('deposit', { limit: 10, offset: 10 });
    const third = e.search('deposit', { limit: 10, offset: 20 });
    expect([first.total, second.total, third.total]).toEqual([25, 25, 25]);
    expect([first.hits.length, second.hits.length, third.hits.length]).toEqual([10, 10, 5]);
    const all = [...first.hits, ...second.hits, ...third.hits].map((h) => h.id);
    expect(new Set(all).size).toBe(25);
    expect(all).toEqual(e.search('deposit', { limit: 30 }).hits.map((h) => h.id));
    expect(e.search('deposit', { offset: 30 }).hits).toEqual([]);
    expect(e.search('deposit', { limit: 0 }).total).toBe(25);
  });
});

describe('snippets and highlighting', () => {
  it('escapes HTML and never injects raw markup', () => {
    const hit = engine.search('recovery phrase', { locale: 'en-us' }).hits[0]!;
    expect(hit.id).toBe('seed-phrase:en-us');
    const html = engine.search('script alert', { locale: 'en-us' }).hits[0]!.snippet;
    expect(html).toContain('&lt;');
    expect(html).not.toMatch(/<script/i);
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect(html).toContain('&quot;x&quot;');
  });

  it('marks matched terms in snippet and title', () => {
    const hit = engine.search('withdrawals pending', { locale: 'en-us' }).hits[0]!;
    expect(hit.titleHtml).toBe('My <mark>withdrawal</mark> is <mark>pending</mark>');
    expect(hit.snippet).toContain('<mark>Withdrawals</mark>');
    const zh = engine.search('助记词', { locale: 'zh-cn' }).hits[0]!;
    expect(zh.titleHtml).toContain('<mark>助记词</mark>');
    expect(zh.snippet).toContain('<mark>助记词</mark>');
  });

  it('keeps snippets around the best match and about 160 characters long', () => {
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(30);
    const doc: SearchDocument = {
      id: 'long',
      locale: 'en-us',
      title: 'Long article',
      labels: [],
      body: `${filler}The anti-phishing code appears in every email we send. ${filler}`,
      sectionId: 's',
      categoryId: 'c',
    };
    const e = new HelpCenterSearch();
    e.add(doc);
    const snippet = e.search('anti-phishing code').hits[0]!.snippet;
    expect(snippet).toContain('The <mark>anti-phishing code</mark> appears');
    expect(snippet).toMatch(/^…/);
    expect(snippet).toMatch(/…$/);
    const text = snippet.replace(/<\/?mark>/g, '');
    expect(text.length).toBeLessThanOrEqual(170);
    expect(text.length).toBeGreaterThan(120);
  });

  it('highlights codes in their written form', () => {
    const usdt = engine.search('erc20', { locale: 'en-us' }).hits[0]!;
    expect(usdt.titleHtml).toContain('<mark>ERC-20</mark>');
    const api = engine.search('HTTP 429', { locale: 'en-us' }).hits[0]!;
    expect(api.snippet).toContain('<mark>HTTP 429</mark>');
    const key = engine.search('EAPI:Invalid key', { locale: 'en-us' }).hits[0]!;
    expect(key.titleHtml).toBe('Fixing <mark>EAPI:Invalid key</mark> errors');
  });

  it('does not split surrogate pairs', () => {
    const emoji = '😀';
    const doc: SearchDocument = {
      id: 'astral',
      locale: 'zh-cn',
      title: '表情',
      labels: [],
      body: `${emoji.repeat(120)}提币说明${emoji.repeat(120)}`,
      sectionId: 's',
      categoryId: 'c',
    };
    const e = new HelpCenterSearch();
    e.add(doc);
    const snippet = e.search('提币').hits[0]!.snippet;
    expect(snippet).toContain('<mark>提币</mark>');
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(snippet)).toBe(false);
  });
});

describe('determinism and updates', () => {
  const queries = ['提币', 'withdrawal', 'deposit network', '助记词 私钥', 'api key', '2fa', 'order'];

  const shuffled = <T>(items: T[], seed: number): T[] => {
    const out = [...items];
    let s = seed;
    for (let i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };

  it('ranks identically whatever the insertion order', () => {
    const reference = new HelpCenterSearch();
    reference.addAll(FIXTURE_DOCS);
    for (const seed of [1, 2, 3]) {
      const e = new HelpCenterSearch();
      e.addAll(shuffled(FIXTURE_DOCS, seed));
      for (const q of queries) expect(e.search(q)).toEqual(reference.search(q));
    }
  });

  it('breaks score ties by id', () => {
    const base = { locale: 'en-us' as const, title: 'Same title', labels: [], body: 'identical body', sectionId: 's', categoryId: 'c' };
    const e = new HelpCenterSearch();
    e.addAll([{ ...base, id: 'c' }, { ...base, id: 'a' }, { ...base, id: 'b' }]);
    expect(e.search('identical').hits.map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('removes and replaces documents as if they had never been indexed', () => {
    const fresh = new HelpCenterSearch();
    fresh.addAll(FIXTURE_DOCS.filter((d) => d.id !== 'limit-order:en-us'));

    const e = new HelpCenterSearch();
    e.addAll(FIXTURE_DOCS);
    e.remove('limit-order:en-us');
    e.remove('limit-order:en-us'); // unknown ids are ignored
    expect(e.has('limit-order:en-us')).toBe(false);
    expect(e.size).toBe(FIXTURE_DOCS.length - 1);
    for (const q of [...queries, 'limit order', 'slippage']) expect(e.search(q)).toEqual(fresh.search(q));

    const original = FIXTURE_DOCS.find((d) => d.id === 'withdrawal-pending:en-us')!;
    e.replace({ ...original, title: 'Cash out delays', body: 'Nothing about the original topic.' });
    expect(e.size).toBe(FIXTURE_DOCS.length - 1);
    expect(ids(e, 'cash out delays', 'en-us')[0]).toBe('withdrawal-pending:en-us');
    expect(ids(e, 'block explorer', 'en-us')).not.toContain('withdrawal-pending:en-us');
    e.replace(original);
    for (const q of queries) expect(e.search(q)).toEqual(fresh.search(q));
  });

  it('suggests titles for partial input', () => {
    const suggestions = engine.suggest('withdr', { locale: 'en-us' });
    expect(suggestions[0]?.id).toBe('withdrawal-pending:en-us');
    expect(suggestions[0]?.titleHtml).toContain('<mark>');
  });
});

describe('multi-word synonyms', () => {
  it('match only documents that contain the whole phrase, never one of its words', () => {
    const engine = new HelpCenterSearch();
    engine.addAll([
      { id: 'a:en-us', locale: 'en-us', title: 'Turn on two-factor authentication', labels: ['2FA'], body: 'Two-factor authentication protects your account even if your password leaks.', sectionId: 's2', categoryId: 'c2' },
      { id: 'b:en-us', locale: 'en-us', title: 'How to fund your trading', labels: [], body: 'You can fund account balances by bank transfer.', sectionId: 's1', categoryId: 'c1' },
    ]);
    const ids = engine.search('deposit', { locale: 'en-us' }).hits.map((h) => h.id);
    expect(ids).toContain('b:en-us'); // "fund account" is a glossary synonym of deposit
    expect(ids).not.toContain('a:en-us'); // "account" alone is not
  });
});
