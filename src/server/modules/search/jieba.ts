import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { DOMAIN_WORDS } from './dictionary.js';

/** Frequency given to domain words: high enough to win over the default dictionary's splits. */
const DOMAIN_FREQ = 60_000;
/**
 * The compact dictionary keeps words seen at least this often in jieba's reference corpus (~80k
 * of 349k entries) plus every single character. Rare words (names, idioms) then fall back to
 * shorter words, which the bigram index covers; it halves jieba's memory with no measurable loss
 * on the Help Center evaluation.
 */
const COMPACT_MIN_FREQ = 20;

const instances = new Map<string, Jieba>();

/**
 * jieba's default dictionary, read directly (`@node-rs/jieba/dict` would also load and keep the
 * 6 MB IDF table, which search does not use), optionally without its rare entries.
 */
function defaultDictionary(compact: boolean): Uint8Array {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('@node-rs/jieba/dict.txt'));
  if (!compact) return source;
  // Lines are "word freq [tag]"; filter on the bytes without building a string per line.
  const out = Buffer.allocUnsafe(source.length);
  let used = 0;
  let start = 0;
  while (start < source.length) {
    let end = source.indexOf(10, start);
    if (end < 0) end = source.length;
    const space = source.indexOf(32, start);
    if (space > start && space < end) {
      let freq = 0;
      for (let i = space + 1; i < end && source[i]! >= 48 && source[i]! <= 57; i++) freq = freq * 10 + source[i]! - 48;
      const singleCharacter = space - start <= 4; // one UTF-8 encoded character
      if (freq >= COMPACT_MIN_FREQ || singleCharacter) {
        used += source.copy(out, used, start, end);
        out[used++] = 10;
      }
    }
    start = end + 1;
  }
  return out.subarray(0, used);
}

function dictLines(words: Iterable<string>): string {
  let out = '';
  for (const raw of words) {
    const word = raw.trim();
    if (!word || /\s/.test(word)) continue;
    out += `${word} ${DOMAIN_FREQ} n\n`;
  }
  return out;
}

/**
 * A jieba instance with the (compact or full) default dictionary, the domain words and
 * `extraWords`. Instances are cached by configuration (loading a dictionary costs 100-200 ms):
 * engines with the same words share one, and an engine's segmentation never changes under it.
 */
export function getJieba(extraWords: readonly string[] = [], fullDictionary = false): Jieba {
  const extra = [...new Set(extraWords.map((w) => w.trim()).filter(Boolean))].sort();
  const key = `${fullDictionary ? 'full' : 'compact'}\n${extra.join('\n')}`;
  let jieba = instances.get(key);
  if (!jieba) {
    jieba = Jieba.withDict(defaultDictionary(!fullDictionary));
    jieba.loadDict(Buffer.from(dictLines([...DOMAIN_WORDS, ...extra]), 'utf8'));
    instances.set(key, jieba);
  }
  return jieba;
}
