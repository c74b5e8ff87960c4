import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { getCheck } from '../../src/server/modules/troubleshooters/checks.js';
import { filled, forRequestType, walk, type Answer, type EngineEnv } from '../../src/server/modules/troubleshooters/engine.js';
import { loadTroubleshooters } from '../../src/server/modules/troubleshooters/loader.js';
import type { InputKind, InputNode, Troubleshooter, TreeNode } from '../../src/server/modules/troubleshooters/model.js';
import { brandToolkit } from '../../src/server/modules/troubleshooters/troubleshooters.service.js';
import { LOCALES, type Locale } from '../../src/shared/locales.js';
import type { RequestTypeDefinition } from '../../src/shared/request-forms.js';
import { REPO_CONTENT_DIR } from '../helpers/db.js';

const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const XRP = 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh';
const SOLANA = 'So11111111111111111111111111111111111111112';
const HEX = '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b';
const NOW = new Date('2025-06-15T12:00:00Z');

const config = loadConfig({ LOG_LEVEL: 'silent' });
const toolkit = brandToolkit(config);
const env = (locale: Locale): EngineEnv => ({ locale, now: NOW, brand: config.brand, toolkit });
const requestTypes = (JSON.parse(readFileSync(join(REPO_CONTENT_DIR, 'request-types.json'), 'utf8')) as { requestTypes: RequestTypeDefinition[] }).requestTypes;
const loaded = loadTroubleshooters(REPO_CONTENT_DIR, { requestTypes });

/** Values (by check parameter) that make each check decide each outcome; several where networks must agree. */
const SAMPLES: Record<string, Record<string, Array<Record<string, string>>>> = {
  document_expiry: { valid: [{ expiry_date: '2030-01-01' }], expired: [{ expiry_date: '2020-01-01' }] },
  proof_of_address_age: { recent: [{ issue_date: '2025-05-01' }], too_old: [{ issue_date: '2020-01-01' }] },
  name_match: {
    match: [{ document_name: 'Anna Schmidt', account_name: 'ANNA  SCHMIDT' }],
    different_order: [{ document_name: 'Zhang San', account_name: 'San Zhang' }],
    missing_part: [{ document_name: 'Anna Maria Schmidt', account_name: 'Anna Schmidt' }],
    different_script: [{ document_name: '张三', account_name: 'Zhang San' }],
    mismatch: [{ document_name: 'Anna Schmidt', account_name: 'Berta Jones' }],
  },
  limit_order: {
    waiting_for_price: [{ order_type: 'limit', side: 'buy', price: '100', market_price: '120' }],
    waiting_for_trigger: [{ order_type: 'stop_loss', side: 'sell', price: '100', market_price: '120' }],
    should_have_filled: [{ order_type: 'market', side: 'buy', price: '', market_price: '120' }],
  },
  limit_fill_price: {
    within_limit: [{ side: 'buy', limit_price: '100', fill_price: '99' }],
    outside_limit: [{ side: 'sell', limit_price: '100', fill_price: '99' }],
  },
  address: {
    valid: [{ network: 'tron', address: TRON }, { network: 'solana', address: SOLANA }, { network: 'xrp', address: XRP, memo: '12345' }],
    wrong_network: [{ network: 'ethereum', address: TRON }],
    memo_missing: [{ network: 'xrp', address: XRP, memo: '' }],
  },
  tx_hash: {
    valid: [{ network: 'tron', tx_hash: HEX }, { network: 'xrp', tx_hash: HEX.toUpperCase() }],
    not_provided: [{ tx_hash: '' }],
    wrong_network: [{ network: 'solana', tx_hash: HEX }],
  },
  withdrawal_minimum: {
    below_minimum: [{ asset: 'USDT', network: 'tron', amount: '1' }],
    meets_minimum: [{ asset: 'USDT', network: 'tron', amount: '100' }],
  },
  api_error: {
    nonce: [{ api_error: 'EAPI:Invalid nonce', http_status: '' }],
    key_or_signature: [{ api_error: 'EAPI:Invalid signature', http_status: '' }],
    permission: [{ api_error: 'EGeneral:Permission denied', http_status: '403' }],
    rate_limit: [{ api_error: '', http_status: '429' }],
    unavailable: [{ api_error: 'EService:Unavailable', http_status: '503' }],
    insufficient_funds: [{ api_error: 'EOrder:Insufficient funds', http_status: '' }],
    other: [{ api_error: 'EGeneral:Invalid arguments', http_status: '400' }],
  },
  official_link: { official: [{ url: 'https://www.lanternfish.example/login' }], unofficial: [{ url: 'https://lanternfish-login.example.com/verify' }] },
};

const DEFAULTS: Record<InputKind, string> = {
  text: 'BTC/USDT',
  name: 'Anna Schmidt',
  date: '2030-01-01',
  datetime: '2025-06-15T08:00',
  amount: '250.5',
  price: '100',
  network: 'tron',
  asset: 'USDT',
  select: '',
  address: TRON,
  memo: '',
  tx_hash: HEX,
  account_id: 'AA12 N84G 3KF9',
  order_id: 'ORD-77123',
  http_status: '500',
  api_error: 'EGeneral:Invalid arguments',
  url: 'https://www.lanternfish.example/',
};

interface Edge {
  node: TreeNode;
  choice?: string;
  outcome?: string;
}

/** Every path from the start to an end: one edge per choice and per check outcome that moves on. */
function enumeratePaths(tree: Troubleshooter, limit = 5000): Array<{ edges: Edge[]; end: string }> {
  const paths: Array<{ edges: Edge[]; end: string }> = [];
  const visit = (id: string, edges: Edge[]) => {
    if (paths.length >= limit) throw new Error(`more than ${limit} paths`);
    const node = tree.byId.get(id)!;
    if (node.type === 'end') {
      paths.push({ edges, end: id });
      return;
    }
    if (node.type === 'question') {
      for (const c of node.choices) visit(c.next, [...edges, { node, choice: c.value }]);
      return;
    }
    if (!node.check) {
      visit(node.next as string, [...edges, { node }]);
      return;
    }
    const retry = new Set(node.check.retryOn ?? []);
    for (const outcome of getCheck(node.check.id)!.outcomes.filter((o) => !retry.has(o))) {
      const next = typeof node.next === 'string' ? node.next : (node.next[outcome] ?? node.next.default!);
      visit(next, [...edges, { node, outcome }]);
    }
  };
  visit(tree.start, []);
  return paths;
}

/** Input values for a path: samples of every check on it, consistent across steps (bounded search). */
function planValues(edges: Edge[]): Map<string, string> | null {
  const constraints = edges
    .filter((e): e is Edge & { node: InputNode; outcome: string } => e.node.type === 'input' && e.outcome !== undefined)
    .map((e) => {
      const variants = SAMPLES[e.node.check!.id]?.[e.outcome];
      if (!variants) throw new Error(`no sample for ${e.node.check!.id}/${e.outcome}`);
      const argName = (param: string) => e.node.check!.args?.[param] ?? param;
      return variants.map((v) => Object.entries(v).map(([param, value]) => [argName(param), value] as const));
    });
  let tried = 0;
  const search = (i: number, facts: Map<string, string>): Map<string, string> | null => {
    if (++tried > 1000) throw new Error('sample search did not converge');
    if (i === constraints.length) return facts;
    for (const variant of constraints[i]!) {
      if (variant.some(([name, value]) => facts.has(name) && facts.get(name) !== value)) continue;
      const found = search(i + 1, new Map([...facts, ...variant]));
      if (found) return found;
    }
    return null;
  };
  return search(0, new Map());
}

function answersFor(edges: Edge[], facts: Map<string, string>): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  for (const edge of edges) {
    if (edge.node.type === 'question') answers.set(edge.node.id, { choice: edge.choice! });
    else if (edge.node.type === 'input') {
      const values: Record<string, string> = {};
      for (const input of edge.node.inputs) values[input.name] = facts.get(input.name) ?? (input.kind === 'select' ? input.options![0]!.value : DEFAULTS[input.kind]);
      answers.set(edge.node.id, { values });
    }
  }
  return answers;
}

const HAN = /[\u4e00-\u9fff]/;

describe.each(loaded.list.map((tree) => [tree.key, tree] as const))('troubleshooter %s: every path to every end', (_key, tree) => {
  const paths = enumeratePaths(tree);
  const ends = tree.nodes.filter((n) => n.type === 'end').map((n) => n.id);

  it('reaches every end node', () => {
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths.map((p) => p.end))).toEqual(new Set(ends));
  });

  it.each(LOCALES)('walks each path in %s and ends with an article or a pre-filled request', (locale) => {
    for (const { edges, end } of paths) {
      const route = edges.map((e) => `${e.node.id}${e.choice ? `=${e.choice}` : e.outcome ? `:${e.outcome}` : ''}`).join(' → ');
      const facts = planValues(edges);
      expect(facts, `no consistent sample values for ${route}`).not.toBeNull();
      const answers = answersFor(edges, facts!);
      const result = walk(tree, (id) => answers.get(id), env(locale));

      expect(result.issues, route).toEqual([]);
      expect(result.current.id, route).toBe(end);
      expect(result.path.map((s) => s.node.id), route).toEqual(edges.map((e) => e.node.id));
      for (const [i, edge] of edges.entries()) if (edge.outcome) expect(result.path[i]!.check?.outcome, route).toBe(edge.outcome);
      expect(result.progress.step).toBe(result.progress.total);
      expect(result.progress.total).toBe(edges.length + 1);

      const resolved = result.end!;
      expect(resolved.title.length).toBeGreaterThan(0);
      expect(resolved.text.length).toBeGreaterThan(0);
      for (const text of [resolved.title, resolved.text, resolved.request.subject, resolved.request.description]) {
        expect(text, route).not.toContain('{{');
        if (locale === 'zh-cn') expect(text, route).toMatch(HAN);
      }
      const endNode = tree.byId.get(end)!;
      if (endNode.type === 'end' && endNode.article) expect(resolved.article?.href).toBe(`/hc/${locale}/articles/${endNode.article}`);
      expect(resolved.kind).toBe(endNode.type === 'end' ? endNode.end : '');

      // The request link: the type's form, with subject, description and only the type's own fields.
      const request = resolved.request;
      const type = requestTypes.find((t) => t.key === request.type)!;
      expect(type, route).toBeDefined();
      expect(request.type).toBe(endNode.type === 'end' && endNode.end === 'request' ? endNode.requestType : tree.requestType);
      const url = new URL(request.href, 'http://pharos.test');
      expect(url.pathname).toBe(`/hc/${locale}/requests/new`);
      expect(url.searchParams.get('type')).toBe(type.key);
      expect(url.searchParams.get('subject')).toBe(request.subject);
      expect(url.searchParams.get('description')).toBe(request.description);
      for (const [name, value] of url.searchParams) {
        if (!name.startsWith('field_')) continue;
        const field = type.fields.find((f) => f.key === name.slice(6));
        expect(field, `${route}: ${name}`).toBeDefined();
        if (field!.type === 'select') expect(field!.options!.map((o) => o.value), route).toContain(value);
      }
      // Everything collected on the path is summarized, and inputs that map to fields fill them.
      for (const step of result.path) {
        if (step.choice) expect(request.description).toContain(step.choice.label);
        for (const value of step.values ?? []) expect(request.description).toContain(value.display);
        if (step.check) for (const message of step.check.messages) expect(request.description).toContain(message);
        if (step.node.type !== 'input') continue;
        for (const input of step.node.inputs) {
          const fact = result.facts.get(input.name);
          if (input.field && fact?.value) expect(url.searchParams.get(`field_${input.field}`), `${route}: ${input.name}`).toBe(fact.value);
        }
      }
    }
  });
});

describe('engine details', () => {
  it('fills {{brand}} and {{brand.*}} placeholders from the configuration', () => {
    const brand = { ...config.brand, name: 'Harbor Exchange', supportEmail: 'help@harbor.example' };
    expect(filled({ 'en-us': 'Ask {{brand}} at {{ brand.supportEmail }}', 'zh-cn': '联系 {{brand.name}}' }, { locale: 'en-us', brand })).toBe('Ask Harbor Exchange at help@harbor.example');
    expect(filled({ 'en-us': 'x', 'zh-cn': '联系 {{brand.name}}' }, { locale: 'zh-cn', brand })).toBe('联系 Harbor Exchange');
  });

  const funding = loaded.get('deposits-withdrawals')!;
  const depositTo = (address: Record<string, string>, extra: Record<string, Answer> = {}) =>
    new Map<string, Answer>([
      ['direction', { choice: 'deposit' }],
      ['deposit_kind', { choice: 'crypto' }],
      ['deposit_asset', { values: { asset: 'XRP', network: address.network ?? 'xrp' } }],
      ['deposit_address', { values: { address: address.address ?? XRP, ...(address.memo !== undefined ? { memo: address.memo } : {}) } }],
      ...Object.entries(extra),
    ]);

  it('hides the memo on networks without one and names it where there is one', () => {
    const tron = walk(funding, (id) => depositTo({ network: 'tron', address: TRON }).get(id === 'deposit_address' ? 'none' : id), env('en-us'));
    expect(tron.current.id).toBe('deposit_address');
    expect(tron.inputs.find((i) => i.spec.name === 'memo')?.hidden).toBe(true);
    const xrp = walk(funding, (id) => depositTo({}).get(id === 'deposit_address' ? 'none' : id), env('zh-cn'));
    const memo = xrp.inputs.find((i) => i.spec.name === 'memo')!;
    expect(memo.hidden).toBe(false);
    expect(memo.memoLabel).toBe(toolkit.getNetwork('xrp')!.memoLabel!['zh-cn']);
  });

  it('asks again on an address the toolkit rejects, keeping what was typed', () => {
    const bad = `${TRON.slice(0, -1)}u`;
    const result = walk(funding, (id) => depositTo({ network: 'tron', address: bad }).get(id), env('en-us'));
    expect(result.current.id).toBe('deposit_address');
    expect(result.issues.map((i) => i.code)).toEqual(['check']);
    expect(result.issues[0]!.message).toBe(toolkit.validateAddress({ address: bad, network: 'tron' }, 'en-us').errors[0]!.message);
    expect(result.draft.address).toBe(bad);
    expect(result.path.map((s) => s.node.id)).toEqual(['direction', 'deposit_kind', 'deposit_asset']);
  });

  it('refuses a secret without echoing it, anywhere in the result', () => {
    const phrase = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
    const result = walk(funding, (id) => depositTo({ network: 'tron', address: phrase }).get(id), env('en-us'));
    expect(result.current.id).toBe('deposit_address');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ input: 'address', code: 'secret' });
    expect(result.issues[0]!.message).toContain('recovery phrase');
    expect(result.draft.address).toBeUndefined();
    expect(JSON.stringify({ ...result, tree: null })).not.toContain('abandon');
  });

  it('refuses a secret the shield finds in a free-text answer', () => {
    const api = loaded.get('api')!;
    const answers = new Map<string, Answer>([
      ['problem', { choice: 'error' }],
      ['error_input', { values: { api_error: 'my password is hunter2 and it fails', http_status: '' } }],
    ]);
    const result = walk(api, (id) => answers.get(id), env('zh-cn'));
    expect(result.current.id).toBe('error_input');
    expect(result.issues[0]).toMatchObject({ input: 'api_error', code: 'secret' });
    expect(result.issues[0]!.message).toContain('密码');
    expect(JSON.stringify({ ...result, tree: null })).not.toContain('hunter2');
  });

  it('narrows a pre-filled request to the live request type', () => {
    const answers = depositTo({ memo: '' });
    const result = walk(funding, (id) => answers.get(id), env('en-us'));
    expect(result.current.id).toBe('end_deposit_missing_memo');
    const request = result.end!.request;
    expect(request.fields).toMatchObject({ direction: 'deposit', asset: 'XRP', network: 'xrp', address: XRP });
    const type = requestTypes.find((t) => t.key === 'deposit_withdrawal')!;
    const withoutAddress = { ...type, fields: type.fields.filter((f) => f.key !== 'address') };
    const narrowed = forRequestType('en-us', request, withoutAddress);
    expect(narrowed.fields.address).toBeUndefined();
    expect(new URL(narrowed.href, 'http://x').searchParams.get('field_address')).toBeNull();
    expect(new URL(narrowed.href, 'http://x').searchParams.get('field_asset')).toBe('XRP');
    expect(forRequestType('en-us', request, undefined).href).toBe('/hc/en-us/requests/new');
  });
});
