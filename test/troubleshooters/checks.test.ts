import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createChainToolkit, defaultChainToolkit, toChecksumAddress } from '../../src/server/modules/chain-validation/index.js';
import { CHECKS, classifyApiError, compareNames, getCheck, nameTokens, runCheck, type CheckContext, type CheckResult } from '../../src/server/modules/troubleshooters/checks.js';
import { parseInput } from '../../src/server/modules/troubleshooters/inputs.js';
import type { InputSpec } from '../../src/server/modules/troubleshooters/model.js';
import { compareDecimal, parseDecimal } from '../../src/server/modules/troubleshooters/values.js';
import type { Locale } from '../../src/shared/locales.js';

const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const XRP = 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh';
const EVM_LOWER = '0x52908400098527886e0f7030069857d2e4169ee7';
const HASH = '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b';
const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const brand = { name: 'Lanternfish Exchange', officialDomains: ['lanternfish.example', 'www.lanternfish.example', 'support.lanternfish.example'] };

const ctx = (now = '2025-05-15T12:00:00Z', locale: Locale = 'en-us'): CheckContext => ({ locale, now: new Date(now), toolkit: defaultChainToolkit, brand });
const run = (id: keyof typeof CHECKS, args: Record<string, string | undefined>, context = ctx(), config?: unknown) => runCheck(id, args, config, context);

function outcomeOf(result: CheckResult): string {
  if (result.kind !== 'outcome') throw new Error(`expected an outcome, got ${result.kind}: ${JSON.stringify(result)}`);
  return result.outcome;
}
const messagesOf = (result: CheckResult) => (result.kind === 'outcome' ? result.messages.join(' ') : result.kind === 'invalid' ? result.errors.map((e) => e.message).join(' ') : '');

describe('document_expiry (expiry date must be in the future)', () => {
  it('expiring tomorrow is valid, today and yesterday are expired', () => {
    const tomorrow = run('document_expiry', { expiry_date: '2025-05-16' });
    expect(outcomeOf(tomorrow)).toBe('valid');
    expect(messagesOf(tomorrow)).toContain('1 day from today');
    expect(messagesOf(tomorrow)).toContain('expires soon');
    const today = run('document_expiry', { expiry_date: '2025-05-15' });
    expect(outcomeOf(today)).toBe('expired');
    expect(messagesOf(today)).toContain('expires today');
    const yesterday = run('document_expiry', { expiry_date: '2025-05-14' });
    expect(outcomeOf(yesterday)).toBe('expired');
    expect(messagesOf(yesterday)).toContain('expired on May 14, 2025');
  });

  it('uses the injected clock, at day precision in UTC', () => {
    // One second before midnight UTC is still the 15th; one second after is the 16th.
    expect(outcomeOf(run('document_expiry', { expiry_date: '2025-05-16' }, ctx('2025-05-15T23:59:59Z')))).toBe('valid');
    expect(outcomeOf(run('document_expiry', { expiry_date: '2025-05-16' }, ctx('2025-05-16T00:00:01Z')))).toBe('expired');
  });

  it('far-off dates carry no "soon" warning; messages exist in Chinese', () => {
    const later = run('document_expiry', { expiry_date: '2030-01-01' });
    expect(outcomeOf(later)).toBe('valid');
    expect(messagesOf(later)).not.toContain('soon');
    const zh = run('document_expiry', { expiry_date: '2025-05-14' }, ctx(undefined, 'zh-cn'));
    expect(messagesOf(zh)).toMatch(/已于 2025年5月14日 过期/);
  });
});

describe('proof_of_address_age (dated within the last 3 months)', () => {
  it('exactly three months ago is accepted, one day more is not', () => {
    const exact = run('proof_of_address_age', { issue_date: '2025-02-15' });
    expect(outcomeOf(exact)).toBe('recent');
    // It can be used through today, and not after.
    expect(messagesOf(exact)).toContain('until May 15, 2025');
    const older = run('proof_of_address_age', { issue_date: '2025-02-14' });
    expect(outcomeOf(older)).toBe('too_old');
    expect(messagesOf(older)).toContain('before February 15, 2025');
    expect(outcomeOf(run('proof_of_address_age', { issue_date: '2025-05-15' }))).toBe('recent');
  });

  it('clamps at month ends (31 May → 28 February; leap years → 29 February)', () => {
    expect(outcomeOf(run('proof_of_address_age', { issue_date: '2025-02-28' }, ctx('2025-05-31T08:00:00Z')))).toBe('recent');
    expect(outcomeOf(run('proof_of_address_age', { issue_date: '2025-02-27' }, ctx('2025-05-31T08:00:00Z')))).toBe('too_old');
    expect(outcomeOf(run('proof_of_address_age', { issue_date: '2024-02-29' }, ctx('2024-05-31T08:00:00Z')))).toBe('recent');
    expect(outcomeOf(run('proof_of_address_age', { issue_date: '2024-02-28' }, ctx('2024-05-31T08:00:00Z')))).toBe('too_old');
    // A statement of 28 February stays usable through 31 May.
    expect(messagesOf(run('proof_of_address_age', { issue_date: '2025-02-28' }, ctx('2025-03-01T00:00:00Z')))).toContain('until May 31, 2025');
  });

  it('a date in the future is asked again', () => {
    const result = run('proof_of_address_age', { issue_date: '2025-05-16' });
    expect(result.kind).toBe('invalid');
    expect(messagesOf(result)).toContain('in the future');
  });
});

describe('name_match', () => {
  const cases: Array<[string, string, string]> = [
    ['José  MÜLLER', 'jose muller', 'match'],
    ['Jean-Luc Picard', 'jean luc picard', 'match'],
    ['Søren Kierkegaard', 'Soren Kierkegaard', 'match'],
    ['Anna Straße', 'ANNA STRASSE', 'match'],
    ['Nguyễn Văn An', 'Nguyen Van An', 'match'],
    ['ＺＨＡＮＧ　San', 'zhang san', 'match'],
    ['张三', '张 三', 'match'],
    ['阿卜杜·热合曼', '阿卜杜热合曼', 'match'],
    ['Zhang San', 'San Zhang', 'different_order'],
    ['Anna Maria Schmidt', 'Anna Schmidt', 'missing_part'],
    ['张三', 'Zhang San', 'different_script'],
    ['Anna Schmidt', 'Anna Schmitt', 'mismatch'],
    ['张三', '张四', 'mismatch'],
  ];
  it.each(cases)('%s vs %s → %s', (documentName, accountName, expected) => {
    expect(outcomeOf(run('name_match', { document_name: documentName, account_name: accountName }))).toBe(expected);
    expect(compareNames(accountName, documentName).result).toBe(expected);
  });

  it('names the part that is missing and normalizes tokens', () => {
    expect(compareNames('Anna Maria Schmidt', 'anna schmidt').extra).toEqual(['maria']);
    expect(messagesOf(run('name_match', { document_name: 'Anna Maria Schmidt', account_name: 'Anna Schmidt' }))).toContain('(maria)');
    expect(nameTokens('  O’Brien,  Mary-Kate ')).toEqual(['o', 'brien', 'mary', 'kate']);
    expect(nameTokens('欧阳 娜娜')).toEqual(['欧阳娜娜']);
  });
});

describe('limit_order (order type against behaviour)', () => {
  const check = (order_type: string, side: string, price: string | undefined, market_price: string) => run('limit_order', { order_type, side, price, market_price });

  it('a buy limit below the market waits for the price to fall', () => {
    const result = check('limit', 'buy', '25000', '26100');
    expect(outcomeOf(result)).toBe('waiting_for_price');
    expect(messagesOf(result)).toContain('fall about 4.21%');
  });

  it('a buy limit at or above the market should have filled', () => {
    expect(outcomeOf(check('limit', 'buy', '27000', '26100'))).toBe('should_have_filled');
    expect(outcomeOf(check('limit', 'buy', '26100', '26100'))).toBe('should_have_filled');
    expect(messagesOf(check('limit', 'buy', '27000', '26100'))).toContain('at or above the current price');
  });

  it('a sell limit above the market waits for the price to rise; below it should have filled', () => {
    const waiting = check('limit', 'sell', '27000', '26100');
    expect(outcomeOf(waiting)).toBe('waiting_for_price');
    expect(messagesOf(waiting)).toContain('rise about 3.45%');
    expect(outcomeOf(check('limit', 'sell', '25000', '26100'))).toBe('should_have_filled');
  });

  it('compares decimals exactly, not as floating point', () => {
    expect(outcomeOf(check('limit', 'buy', '0.000012339', '0.00001234'))).toBe('waiting_for_price');
    expect(outcomeOf(check('limit', 'buy', '0.00001234', '0.000012340'))).toBe('should_have_filled');
    expect(outcomeOf(check('limit', 'sell', '100000000000000000001', '100000000000000000000'))).toBe('waiting_for_price');
  });

  it('stop orders wait for their trigger; market orders should always fill', () => {
    expect(outcomeOf(check('stop_loss', 'sell', '25000', '26100'))).toBe('waiting_for_trigger');
    expect(outcomeOf(check('stop_loss', 'sell', '26500', '26100'))).toBe('should_have_filled');
    expect(outcomeOf(check('stop_loss', 'buy', '27000', '26100'))).toBe('waiting_for_trigger');
    expect(outcomeOf(check('market', 'buy', undefined, '26100'))).toBe('should_have_filled');
  });

  it('asks for the price of a limit order', () => {
    const result = check('limit', 'buy', undefined, '26100');
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.errors[0]?.param).toBe('price');
  });

  it('limit_fill_price: a limit fills at its price or better', () => {
    expect(outcomeOf(run('limit_fill_price', { side: 'buy', limit_price: '100', fill_price: '99.5' }))).toBe('within_limit');
    expect(outcomeOf(run('limit_fill_price', { side: 'buy', limit_price: '100', fill_price: '100' }))).toBe('within_limit');
    expect(outcomeOf(run('limit_fill_price', { side: 'buy', limit_price: '100', fill_price: '100.0001' }))).toBe('outside_limit');
    expect(outcomeOf(run('limit_fill_price', { side: 'sell', limit_price: '100', fill_price: '101' }))).toBe('within_limit');
    expect(outcomeOf(run('limit_fill_price', { side: 'sell', limit_price: '100', fill_price: '99.99' }))).toBe('outside_limit');
  });
});

describe('address (via the chain toolkit)', () => {
  it('a Tron address with Ethereum chosen is on the wrong network, with the toolkit message', () => {
    const result = run('address', { network: 'ethereum', address: TRON });
    expect(outcomeOf(result)).toBe('wrong_network');
    const expected = defaultChainToolkit.validateAddress({ address: TRON, network: 'ethereum' }, 'en-us').errors.find((e) => e.code === 'address_on_other_network');
    expect(messagesOf(result)).toContain(expected!.message);
    expect(messagesOf(run('address', { network: 'ethereum', address: TRON }, ctx(undefined, 'zh-cn')))).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a memo network without a memo is memo_missing; with one it is valid and carries it', () => {
    expect(outcomeOf(run('address', { network: 'xrp', address: XRP }))).toBe('memo_missing');
    const withTag = run('address', { network: 'xrp', address: XRP, memo: '12345' });
    expect(outcomeOf(withTag)).toBe('valid');
    expect(withTag.kind === 'outcome' && withTag.normalized.memo).toBe('12345');
    expect(messagesOf(withTag)).toContain('12345');
    expect(outcomeOf(run('address', { network: 'xrp', address: XRP, memo: 'abc' }))).toBe('invalid_memo');
  });

  it('normalizes valid addresses and links the explorer', () => {
    const result = run('address', { network: 'ethereum', address: EVM_LOWER });
    expect(outcomeOf(result)).toBe('valid');
    if (result.kind !== 'outcome') throw new Error('unreachable');
    expect(result.normalized.address).toBe(toChecksumAddress(EVM_LOWER));
    expect(result.links[0]?.href).toBe(defaultChainToolkit.explorerAddressUrl('ethereum', EVM_LOWER));
    expect(result.links[0]?.external).toBe(true);
  });

  it('garbage is invalid; a recovery phrase is refused as a secret', () => {
    expect(outcomeOf(run('address', { network: 'tron', address: `${TRON.slice(0, -1)}u` }))).toBe('invalid');
    expect(run('address', { network: 'tron', address: PHRASE })).toEqual({ kind: 'secret', param: 'address', kinds: ['secret_key'] });
  });

  it('respects the networks a toolkit enables', () => {
    const tronOnly: CheckContext = { ...ctx(), toolkit: createChainToolkit({ networks: ['tron'] }) };
    expect(outcomeOf(runCheck('address', { network: 'ethereum', address: EVM_LOWER }, undefined, tronOnly))).toBe('invalid');
  });
});

describe('tx_hash', () => {
  it('a valid hash gets the explorer link of its network', () => {
    const result = run('tx_hash', { network: 'tron', tx_hash: HASH });
    expect(outcomeOf(result)).toBe('valid');
    if (result.kind !== 'outcome') throw new Error('unreachable');
    expect(result.links[0]?.href).toBe(defaultChainToolkit.explorerTxUrl('tron', HASH));
    expect(result.links[0]?.label).toContain(new URL(result.links[0]!.href).host);
  });

  it('adds a missing 0x on EVM networks', () => {
    const result = run('tx_hash', { network: 'ethereum', tx_hash: HASH });
    expect(outcomeOf(result)).toBe('valid');
    expect(result.kind === 'outcome' && result.normalized.tx_hash).toBe(`0x${HASH}`);
  });

  it('bad, misplaced and missing hashes', () => {
    const bad = run('tx_hash', { network: 'tron', tx_hash: 'not-a-hash' });
    expect(outcomeOf(bad)).toBe('invalid');
    expect(messagesOf(bad)).toBe(defaultChainToolkit.validateTxHash({ hash: 'not-a-hash', network: 'tron' }, 'en-us').errors.map((e) => e.message).join(' '));
    expect(outcomeOf(run('tx_hash', { network: 'tron', tx_hash: HASH.slice(1) }))).toBe('invalid');
    expect(outcomeOf(run('tx_hash', { network: 'solana', tx_hash: HASH }))).toBe('wrong_network');
    expect(outcomeOf(run('tx_hash', { network: 'tron', tx_hash: TRON }))).toBe('looks_like_address');
    expect(outcomeOf(run('tx_hash', { network: 'tron' }))).toBe('not_provided');
  });
});

describe('withdrawal_minimum', () => {
  const config = { minimums: { USDT: { ethereum: '20', tron: '10', bsc: '10' }, BTC: { bitcoin: '0.0005' }, DOGE: { '*': '50' } } };
  const check = (asset: string, network: string, amount: string, locale: Locale = 'en-us') => run('withdrawal_minimum', { asset, network, amount }, ctx(undefined, locale), config);

  it('below, at and above the minimum', () => {
    const below = check('USDT', 'tron', '9.99');
    expect(outcomeOf(below)).toBe('below_minimum');
    expect(messagesOf(below)).toContain('minimum withdrawal of 10 USDT on Tron (TRC-20)');
    expect(outcomeOf(check('USDT', 'tron', '10'))).toBe('meets_minimum');
    expect(outcomeOf(check('USDT', 'tron', '10.000001'))).toBe('meets_minimum');
    expect(outcomeOf(check('BTC', 'bitcoin', '0.00049'))).toBe('below_minimum');
    expect(outcomeOf(check('DOGE', 'dogecoin', '50'))).toBe('meets_minimum');
  });

  it('suggests networks with a lower minimum', () => {
    const below = check('USDT', 'ethereum', '15');
    expect(messagesOf(below)).toContain('Tron (TRC-20) 10');
    expect(messagesOf(below)).toContain('BNB Smart Chain');
    expect(messagesOf(check('USDT', 'ethereum', '15', 'zh-cn'))).toMatch(/最低提现数量更低的网络/);
  });

  it('an asset not offered on a network is not_listed, naming where it is', () => {
    const result = check('USDT', 'bitcoin', '100');
    expect(outcomeOf(result)).toBe('not_listed');
    expect(messagesOf(result)).toContain('can be withdrawn on: Ethereum (ERC-20), Tron (TRC-20)');
    expect(outcomeOf(check('XRP', 'xrp', '100'))).toBe('not_listed');
  });

  it('rejects bad config', () => {
    const schema = getCheck('withdrawal_minimum')!.config!;
    expect(schema.safeParse(config).success).toBe(true);
    expect(schema.safeParse({ minimums: { USDT: { ethereum: '1e3' } } }).success).toBe(false);
    expect(schema.safeParse({ minimums: { USDT: { moonchain: '1' } } }).success).toBe(false);
    expect(schema.safeParse({ minimums: { usdt: { tron: '1' } } }).success).toBe(false);
  });
});

describe('api_error', () => {
  const vectors = JSON.parse(readFileSync('/work/shared/vectors/kraken_errors.extracted.json', 'utf8')) as { errors: Array<{ error: string }> };
  const known: Array<[string, string]> = [
    ['EAPI:Invalid nonce', 'nonce'],
    ['EAPI:Invalid key', 'key_or_signature'],
    ['EAPI:Invalid signature', 'key_or_signature'],
    ['EAuth:Failed', 'key_or_signature'],
    ['EGeneral:Permission denied', 'permission'],
    ['EAPI:Rate limit exceeded', 'rate_limit'],
    ['EOrder:Rate limit exceeded', 'rate_limit'],
    ['EGeneral:Temporary lockout', 'rate_limit'],
    ['EService:Unavailable', 'unavailable'],
    ['EService:Market in cancel_only mode', 'unavailable'],
    ['EOrder:Insufficient funds', 'insufficient_funds'],
    ['EGeneral:Invalid arguments', 'other'],
  ];
  it.each(known)('%s → %s', (error, category) => {
    for (const e of [error]) expect(vectors.errors.some((v) => v.error === e)).toBe(true);
    expect(outcomeOf(run('api_error', { api_error: error }))).toBe(category);
  });

  it('falls back to the HTTP status', () => {
    expect(classifyApiError('', '401')).toBe('key_or_signature');
    expect(classifyApiError('', '403')).toBe('permission');
    expect(classifyApiError('', '429')).toBe('rate_limit');
    expect(classifyApiError('', '503')).toBe('unavailable');
    expect(classifyApiError('', '400')).toBe('other');
    // The text wins over the status.
    expect(classifyApiError('EAPI:Invalid nonce', '403')).toBe('nonce');
  });

  it('links the API error decoder with the error as the query', () => {
    const result = run('api_error', { api_error: 'EAPI:Invalid nonce', http_status: '400' }, ctx(undefined, 'zh-cn'));
    expect(result.kind === 'outcome' && result.links[0]).toEqual({ label: '在 API 错误解码器中查询此错误', href: '/hc/zh-cn/tools/api-errors?q=EAPI%3AInvalid%20nonce', external: false });
    expect(run('api_error', {}).kind).toBe('invalid');
  });
});

describe('official_link', () => {
  it('official domains and their subdomains', () => {
    expect(outcomeOf(run('official_link', { url: 'https://www.lanternfish.example/login' }))).toBe('official');
    expect(outcomeOf(run('official_link', { url: 'lanternfish.example' }))).toBe('official');
    expect(outcomeOf(run('official_link', { url: 'HTTPS://Support.Lanternfish.Example./x' }))).toBe('official');
  });

  it('look-alikes are unofficial, with the trick explained', () => {
    const named = run('official_link', { url: 'https://lanternfish-support.com/verify' });
    expect(outcomeOf(named)).toBe('unofficial');
    expect(messagesOf(named)).toContain('uses the name Lanternfish Exchange');
    const userinfo = run('official_link', { url: 'https://lanternfish.example@evil.example/' });
    expect(outcomeOf(userinfo)).toBe('unofficial');
    expect(messagesOf(userinfo)).toContain('before the @');
    expect(messagesOf(run('official_link', { url: 'https://lаnternfish.example/' }))).toContain('look-alike');
    expect(outcomeOf(run('official_link', { url: 'https://evil.example/lanternfish.example' }))).toBe('unofficial');
  });

  it('things that are not links are asked again', () => {
    expect(outcomeOf(run('official_link', { url: 'not a link' }))).toBe('invalid');
    expect(outcomeOf(run('official_link', { url: 'javascript:alert(1)' }))).toBe('invalid');
  });
});

describe('input parsing', () => {
  const spec = (kind: InputSpec['kind'], extra: Partial<InputSpec> = {}): InputSpec => ({ name: 'x', kind, label: { 'en-us': 'Value', 'zh-cn': '值' }, ...extra });
  const inputCtx = { locale: 'en-us' as Locale, now: new Date('2025-05-15T12:00:00Z'), toolkit: defaultChainToolkit, assets: ['BTC', 'USDT'] };
  const parse = (s: InputSpec, raw: string) => parseInput(s, raw, inputCtx);

  it('dates in several spellings', () => {
    expect(parse(spec('date'), '2025-3-1')).toMatchObject({ ok: true, value: '2025-03-01' });
    expect(parse(spec('date'), '2025/03/01')).toMatchObject({ ok: true, value: '2025-03-01' });
    expect(parse(spec('date'), '2025年3月1日')).toMatchObject({ ok: true, value: '2025-03-01' });
    expect(parse(spec('date'), '2025-02-30').ok).toBe(false);
  });

  it('amounts, networks, assets, ids', () => {
    expect(parse(spec('amount'), ' 1,234.50 ')).toMatchObject({ ok: true, value: '1234.5' });
    expect(parse(spec('amount'), '0').ok).toBe(false);
    expect(parse(spec('amount'), '-3').ok).toBe(false);
    expect(parse(spec('network'), 'TRC-20')).toMatchObject({ ok: true, value: 'tron', display: 'Tron (TRC-20)' });
    expect(parse(spec('network'), 'moonchain').ok).toBe(false);
    expect(parse(spec('asset'), 'usdt')).toMatchObject({ ok: true, value: 'USDT' });
    expect(parse(spec('asset'), 'DOGE').ok).toBe(false);
    expect(parse(spec('account_id'), 'aa12 n84g')).toMatchObject({ ok: true, value: 'AA12 N84G' });
    expect(parse(spec('http_status'), '700').ok).toBe(false);
    expect(parse(spec('select', { options: [{ value: 'buy', label: { 'en-us': 'Buy', 'zh-cn': '买入' } }, { value: 'sell', label: { 'en-us': 'Sell', 'zh-cn': '卖出' } }] }), 'buy')).toMatchObject({ ok: true, display: 'Buy' });
  });

  it('required and optional', () => {
    expect(parse(spec('text'), '  ')).toEqual({ ok: false, message: 'Enter value.' });
    expect(parse(spec('text', { optional: true }), '')).toEqual({ ok: true, value: '', display: '' });
    expect(parse(spec('datetime'), '2030-01-01T10:00').ok).toBe(false);
  });

  it('decimal helpers', () => {
    expect(parseDecimal('007.100')).toBe('7.1');
    expect(parseDecimal('.5')).toBe('0.5');
    expect(compareDecimal('10', '9.999')).toBe(1);
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('0.09', '0.1')).toBe(-1);
  });
});
