import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { DOMAIN_WORDS } from './dictionary.js';

/**
 * jieba's default dictionary, read directly: `@node-rs/jieba/dict` would also load and keep the
 * 6 MB IDF table in memory, which search does not use. The buffer is dropped once loaded.
 */
function defaultDictionary(): Uint8Array {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('@node-rs/jieba/dict.txt'));
}

/** Frequency given to domain words: high enough to win over the default dictionary's splits. */
const DOMAIN_FREQ = 60_000;

const instances = new Map<string, Jieba>();

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
 * A jieba instance with the default dictionary, the domain words and `extraWords`. Instances are
 * cached by their word set (loading the dictionary costs ~200 ms): engines with the same words
 * share one, and an engine's segmentation never changes under it.
 */
export function getJieba(extraWords: readonly string[] = []): Jieba {
  const extra = [...new Set(extraWords.map((w) => w.trim()).filter(Boolean))].sort();
  const key = extra.join('\n');
  let jieba = instances.get(key);
  if (!jieba) {
    jieba = Jieba.withDict(defaultDictionary());
    jieba.loadDict(Buffer.from(dictLines([...DOMAIN_WORDS, ...extra]), 'utf8'));
    instances.set(key, jieba);
  }
  return jieba;
}
