import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/server/modules/redaction/index.js';
import { covered, describeFindings, loadVectors } from './helpers.js';

const vectors = loadVectors();
const OFFICIAL = new Set([
  'english',
  'chinese_simplified',
  'chinese_traditional',
  'czech',
  'french',
  'italian',
  'japanese',
  'korean',
  'portuguese',
  'spanish',
]);
const CHINESE = new Set(['chinese_simplified', 'chinese_traditional']);

function words(mnemonic: string): string[] {
  return mnemonic.split(/[ \u3000]+/);
}

interface Variant {
  name: string;
  build: (w: string[], mnemonic: string) => { text: string; start: number; end: number };
}

function whole(text: string): { text: string; start: number; end: number } {
  return { text, start: 0, end: text.length };
}

function embedded(prefix: string, phrase: string, suffix: string): { text: string; start: number; end: number } {
  return { text: prefix + phrase + suffix, start: prefix.length, end: prefix.length + phrase.length };
}

const VARIANTS: Variant[] = [
  { name: 'as-is', build: (_w, m) => whole(m) },
  { name: 'comma separated', build: (w) => whole(w.join(', ')) },
  { name: 'comma without spaces', build: (w) => whole(w.join(',')) },
  { name: 'numbered "1. word"', build: (w) => embedded('1. ', w.map((x, i) => (i === 0 ? x : `${i + 1}. ${x}`)).join(' '), '') },
  { name: 'numbered "1) word" on lines', build: (w) => embedded('1) ', w.map((x, i) => (i === 0 ? x : `${i + 1}) ${x}`)).join('\n'), '') },
  { name: 'numbered "#1 word"', build: (w) => embedded('#1 ', w.map((x, i) => (i === 0 ? x : `#${i + 1} ${x}`)).join(' '), '') },
  { name: 'newline separated', build: (w) => whole(w.join('\n')) },
  { name: 'embedded in an English sentence', build: (w) => embedded('my seed is ', w.join(' '), ' please help') },
  { name: 'embedded in a Chinese sentence', build: (w) => embedded('我的助记词是', w.join(' '), '，请帮忙') },
];

const CHINESE_VARIANTS: Variant[] = [
  { name: 'spaces removed', build: (w) => whole(w.join('')) },
  { name: 'spaces removed, after 助记词是', build: (w) => embedded('我的助记词是', w.join(''), '请帮忙') },
  { name: 'spaces removed, after 助记词：', build: (w) => embedded('这是我的助记词：', w.join(''), '，谢谢') },
  { name: 'spaces removed, English context', build: (w) => embedded('my seed is ', w.join(''), ' please help') },
  { name: 'spaces removed, on its own line', build: (w) => embedded('您好，钱包打不开了。\n', w.join(''), '\n麻烦看一下') },
  { name: 'full-width commas', build: (w) => whole(w.join('，')) },
  { name: 'ideographic comma', build: (w) => whole(w.join('、')) },
];

describe('BIP39 recovery phrases: Trezor vectors', () => {
  it('loads vectors for 12 language keys', () => {
    expect(Object.keys(vectors)).toHaveLength(12);
    for (const list of Object.values(vectors)) expect(list.length).toBeGreaterThan(0);
  });

  for (const [language, list] of Object.entries(vectors)) {
    const variants = CHINESE.has(language) ? [...VARIANTS, ...CHINESE_VARIANTS] : VARIANTS;
    describe(language, () => {
      for (const variant of variants) {
        it(`finds every mnemonic (${variant.name})`, () => {
          const missed: string[] = [];
          for (const [, mnemonic] of list) {
            const { text, start, end } = variant.build(words(mnemonic), mnemonic);
            const result = scanText(text);
            if (!covered(result, start, end, 'recovery_phrase')) missed.push(`${text} => ${describeFindings(text, result)}`);
          }
          expect(missed).toEqual([]);
        });
      }

      if (OFFICIAL.has(language)) {
        it('marks checksum-valid phrases as certain', () => {
          for (const [, mnemonic] of list) {
            const result = scanText(mnemonic);
            expect(result.findings).toHaveLength(1);
            expect(result.findings[0]?.certainty).toBe('certain');
          }
        });
      }

      it('detects each vector xprv as an extended private key', () => {
        for (const [, , , xprv] of list) {
          const text = `here is my master key ${xprv} thanks`;
          const result = scanText(text);
          const start = text.indexOf(xprv);
          expect(covered(result, start, start + xprv.length, 'extended_private_key')).toBe(true);
          expect(result.findings[0]?.certainty).toBe('certain');
          expect(result.redacted).toBe('here is my master key [redacted: private key] thanks');
        }
      });
    });
  }
});
