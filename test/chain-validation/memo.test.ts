/**
 * Memo / destination tag rules. Semantics: when the network requires a memo
 * and none is given (nor embedded in the address), the result is
 * `valid: false` with the error `memo_required`, while `networks` still lists
 * the networks on which the address itself is well-formed.
 */
import { describe, expect, it } from 'vitest';
import { createChainToolkit, validateAddress } from '../../src/server/modules/chain-validation/index.js';
import { bech32Bytes, bytesFrom, strkey } from './fixtures.js';

const XRP = 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh';
const X_TAG_1 = 'X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu'; // r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59, tag 1
const X_NO_TAG = 'X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ'; // same account, no tag
const X_TAG_0 = 'XVLhHMPHU98es4dbozjVtdWzVrDjtV8AqEL4xcZj5whKbmc'; // rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf, tag 0
const STELLAR = 'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ';
const MUXED = 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLK';
const COSMOS = bech32Bytes('cosmos', bytesFrom('memo-cosmos', 20));
const TON = 'EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N';

const codes = (r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code);

describe('XRP destination tag', () => {
  it('requires a tag: memo_required, address still recognised', () => {
    const r = validateAddress({ address: XRP, network: 'xrp' });
    expect(r.valid).toBe(false);
    expect(r.memoRequired).toBe(true);
    expect(r.networks).toEqual(['xrp']);
    expect(r.normalized).toBe(XRP);
    expect(codes(r)).toEqual(['memo_required']);
    expect(r.errors[0]?.field).toBe('memo');
    expect(r.errors[0]?.message).toContain('Destination Tag');
  });

  it('also applies without a chosen network', () => {
    const r = validateAddress({ address: XRP });
    expect(r.valid).toBe(false);
    expect(r.networks).toEqual(['xrp']);
    expect(codes(r)).toEqual(['memo_required']);
  });

  it('accepts "12345" and a numeric value', () => {
    const r = validateAddress({ address: XRP, network: 'xrp', memo: '12345' });
    expect(r.valid).toBe(true);
    expect(r.memo).toBe('12345');
    expect(validateAddress({ address: XRP, network: 'xrp', memo: 12345 }).memo).toBe('12345');
    expect(validateAddress({ address: XRP, network: 'xrp', memo: ' 0042 ' }).memo).toBe('42');
    expect(validateAddress({ address: XRP, network: 'xrp', memo: '4294967295' }).valid).toBe(true);
  });

  it.each(['abc', '-1', '1.5', '4294967296', '12 345', '0x10'])('rejects %j with invalid_memo', (memo) => {
    const r = validateAddress({ address: XRP, network: 'xrp', memo });
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['invalid_memo']);
    expect(r.errors[0]?.message).toContain('4294967295');
  });

  it('rejects full-width digits as look-alikes and invisible characters', () => {
    const full = validateAddress({ address: XRP, network: 'xrp', memo: '１２３' }, 'zh-cn');
    expect(codes(full)).toEqual(['lookalike_characters']);
    expect(full.errors[0]?.field).toBe('memo');
    expect(full.errors[0]?.message).toContain('“１”（U+FF11）看起来像“1”');
    expect(codes(validateAddress({ address: XRP, network: 'xrp', memo: '12\u200b3' }))).toEqual(['invisible_characters']);
  });

  it('extracts the tag from an X-address and normalises to the classic address', () => {
    const r = validateAddress({ address: X_TAG_1, network: 'xrp' });
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59');
    expect(r.memo).toBe('1');
    expect(r.warnings.map((w) => w.code)).toEqual(['x_address_converted']);
    expect(r.warnings[0]?.message).toContain('with destination tag 1');
    const zero = validateAddress({ address: X_TAG_0, network: 'xrp' });
    expect(zero.valid).toBe(true);
    expect(zero.memo).toBe('0');
  });

  it('an X-address without a tag still needs one', () => {
    const r = validateAddress({ address: X_NO_TAG, network: 'xrp' });
    expect(codes(r)).toEqual(['memo_required']);
    expect(r.normalized).toBe('r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59');
    expect(validateAddress({ address: X_NO_TAG, network: 'xrp', memo: '7' }).valid).toBe(true);
  });

  it('a memo that contradicts the X-address tag is invalid_memo', () => {
    expect(validateAddress({ address: X_TAG_1, network: 'xrp', memo: '1' }).valid).toBe(true);
    const r = validateAddress({ address: X_TAG_1, network: 'xrp', memo: '2' });
    expect(codes(r)).toEqual(['invalid_memo']);
    expect(r.errors[0]?.message).toContain('differs');
  });
});

describe('Stellar memo', () => {
  it('requires a memo', () => {
    expect(codes(validateAddress({ address: STELLAR, network: 'stellar' }))).toEqual(['memo_required']);
  });

  it.each([
    ['text', 'deposit-42'],
    ['28-byte text', 'a'.repeat(28)],
    ['id', '18446744073709551615'],
    ['hash', 'ab'.repeat(32)],
    ['short Chinese text', '充值备注'],
  ])('accepts a %s memo', (_kind, memo) => {
    expect(validateAddress({ address: STELLAR, network: 'stellar', memo }).valid).toBe(true);
  });

  it.each([
    ['29-byte text', 'a'.repeat(29)],
    ['Chinese text over 28 bytes', '这是一个超过二十八个字节的备注内容'],
  ])('rejects a %s', (_kind, memo) => {
    expect(codes(validateAddress({ address: STELLAR, network: 'stellar', memo }))).toEqual(['invalid_memo']);
  });

  it('a muxed address carries its id as the memo', () => {
    const r = validateAddress({ address: MUXED, network: 'stellar' });
    expect(r.valid).toBe(true);
    expect(r.memo).toBe('9223372036854775808');
    expect(r.warnings[0]?.code).toBe('stellar_muxed_address');
    expect(r.warnings[0]?.message).toContain(STELLAR);
  });

  it('warns about look-alike characters in a text memo without failing', () => {
    const r = validateAddress({ address: STELLAR, network: 'stellar', memo: 'ｕｓｅｒ1' });
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['memo_lookalike_characters']);
  });
});

describe('Cosmos and TON memos', () => {
  it('Cosmos: required, at most 256 bytes', () => {
    expect(codes(validateAddress({ address: COSMOS, network: 'cosmos' }))).toEqual(['memo_required']);
    expect(validateAddress({ address: COSMOS, network: 'cosmos', memo: 'x'.repeat(256) }).valid).toBe(true);
    const long = validateAddress({ address: COSMOS, network: 'cosmos', memo: 'x'.repeat(257) });
    expect(codes(long)).toEqual(['invalid_memo']);
    expect(long.errors[0]?.message).toContain('257');
  });

  it('TON: required, comment at most 123 bytes', () => {
    expect(codes(validateAddress({ address: TON, network: 'ton' }))).toEqual(['memo_required']);
    expect(validateAddress({ address: TON, network: 'ton', memo: '123456789' }).valid).toBe(true);
    expect(validateAddress({ address: TON, network: 'ton', memo: 'y'.repeat(123) }).valid).toBe(true);
    expect(codes(validateAddress({ address: TON, network: 'ton', memo: 'y'.repeat(124) }))).toEqual(['invalid_memo']);
  });
});

describe('networks without memos', () => {
  it('ignores a memo on Ethereum with a warning', () => {
    const r = validateAddress({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'ethereum', memo: '123' });
    expect(r.valid).toBe(true);
    expect(r.memoRequired).toBe(false);
    expect(r.memo).toBeUndefined();
    expect(r.warnings.map((w) => w.code)).toContain('memo_not_supported');
  });

  it('an empty memo counts as none', () => {
    expect(codes(validateAddress({ address: XRP, network: 'xrp', memo: '   ' }))).toEqual(['memo_required']);
  });
});

describe('memo policy overrides', () => {
  it('makes the XRP tag optional for exchanges with dedicated addresses', () => {
    const kit = createChainToolkit({ memo: { xrp: 'optional' } });
    const r = kit.validateAddress({ address: XRP, network: 'xrp' });
    expect(r.valid).toBe(true);
    expect(r.memoRequired).toBe(false);
    expect(kit.validateAddress({ address: XRP, network: 'xrp', memo: 'abc' }).valid).toBe(false);
    expect(kit.listNetworks().find((n) => n.id === 'xrp')?.memo).toBe('optional');
  });

  it('can switch memos off for a memo network', () => {
    const kit = createChainToolkit({ memo: { stellar: 'none' } });
    const r = kit.validateAddress({ address: strkey(6 << 3, bytesFrom('x', 32)), network: 'stellar', memo: 'hi' });
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['memo_not_supported']);
  });

  it('refuses a memo requirement on a network without memo syntax', () => {
    expect(() => createChainToolkit({ memo: { ethereum: 'required' } })).toThrow(/memo/);
    expect(() => createChainToolkit({ memo: { xrp: 'sometimes' as never } })).toThrow(/memo policy/);
  });
});
