import { describe, expect, it } from 'vitest';
import { validateAddress, validateTxHash } from '../../src/server/modules/chain-validation/index.js';
import { scanCharacters, trimInput } from '../../src/server/modules/chain-validation/unicode.js';

const BTC = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

const codes = (r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code);

describe('trimming', () => {
  it.each([
    ['spaces and newlines', `  ${BTC}\r\n`],
    ['tabs', `\t${BTC}\t`],
    ['no-break spaces', `\u00a0${BTC}\u00a0`],
    ['ideographic spaces (Chinese IME)', `\u3000${BTC}\u3000`],
  ])('ignores %s around the value', (_kind, value) => {
    const r = validateAddress({ address: value, network: 'bitcoin' });
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe(BTC);
  });

  it('does not trim zero-width characters', () => {
    expect(trimInput(`\u200b${BTC}`)).toBe(`\u200b${BTC}`);
  });
});

describe('invisible characters', () => {
  it.each([
    ['zero-width space', '\u200b'],
    ['zero-width joiner', '\u200d'],
    ['byte order mark', '\ufeff'],
    ['right-to-left override', '\u202e'],
    ['soft hyphen', '\u00ad'],
    ['word joiner', '\u2060'],
  ])('reports a %s inside or around an address', (_kind, ch) => {
    for (const address of [`${ch}${BTC}`, `${BTC.slice(0, 10)}${ch}${BTC.slice(10)}`, `${BTC}${ch}`]) {
      const r = validateAddress({ address, network: 'bitcoin' });
      expect(r.valid).toBe(false);
      expect(codes(r)).toEqual(['invisible_characters']);
      expect(r.networks).toEqual([]);
    }
  });

  it('gives position and code point in both locales', () => {
    const address = `${BTC.slice(0, 10)}\u200b${BTC.slice(10)}`;
    const en = validateAddress({ address, network: 'bitcoin' });
    expect(en.errors[0]?.message).toContain('U+200B at position 11');
    const zh = validateAddress({ address, network: 'bitcoin' }, 'zh-cn');
    expect(zh.errors[0]?.message).toContain('第 11 位的 U+200B');
    expect(zh.errors[0]?.message).toContain('不可见字符');
  });

  it('applies to transaction hashes too', () => {
    const r = validateTxHash({ hash: `${'a'.repeat(32)}\u200b${'a'.repeat(32)}` });
    expect(codes(r)).toEqual(['invisible_characters']);
    expect(r.errors[0]?.field).toBe('hash');
  });
});

describe('look-alike characters', () => {
  it('reports a Cyrillic letter in an EVM address', () => {
    const address = ETH.replace('a', '\u0430'); // Cyrillic small a
    const r = validateAddress({ address, network: 'ethereum' });
    expect(codes(r)).toEqual(['lookalike_characters']);
    expect(r.errors[0]?.message).toContain('“а” (U+0430) at position 4 looks like “a”');
    expect(validateAddress({ address }, 'zh-cn').errors[0]?.message).toContain('第 4 位的“а”（U+0430）看起来像“a”');
  });

  it.each([
    ['full-width digits and letters', '０ｘ5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    ['Greek omicron', ETH.replace('0', '\u039f')],
    ['mathematical bold letter', ETH.replace('F', '\ud835\udc05')],
  ])('reports %s', (_kind, address) => {
    expect(codes(validateAddress({ address, network: 'ethereum' }))).toEqual(['lookalike_characters']);
  });

  it('reports other non-ASCII characters as invalid_characters', () => {
    const r = validateAddress({ address: `${BTC.slice(0, 5)}é${BTC.slice(6)}`, network: 'bitcoin' });
    expect(codes(r)).toEqual(['invalid_characters']);
    expect(r.errors[0]?.message).toContain('U+00E9');
  });

  it('reports spaces inside an address', () => {
    const r = validateAddress({ address: `${BTC.slice(0, 17)} ${BTC.slice(17)}` }, 'zh-cn');
    expect(codes(r)).toEqual(['invalid_characters']);
    expect(r.errors[0]?.message).toBe('地址中间包含空格或换行，请删除。');
  });

  it('classifies characters', () => {
    expect(scanCharacters('a\u200bb\u0430c d\u00e9').map((f) => [f.kind, f.position])).toEqual([
      ['invisible', 2],
      ['lookalike', 4],
      ['whitespace', 6],
      ['non_ascii', 8],
    ]);
  });
});

describe('oversized input', () => {
  it('rejects very long values before decoding them', () => {
    const address = validateAddress({ address: '1'.repeat(100_000) });
    expect(codes(address)).toEqual(['wrong_length']);
    expect(address.errors[0]?.message).toContain('100000');
    expect(codes(validateTxHash({ hash: 'a'.repeat(10_000) }))).toEqual(['wrong_length']);
    const memo = validateAddress({ address: 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', network: 'xrp', memo: '9'.repeat(100_000) });
    expect(codes(memo)).toEqual(['invalid_memo']);
  });
});
