import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';

/**
 * The ten official BIP39 wordlists. The bit position of each language in a mask is its index here.
 */
export const LANGUAGES = [
  'english',
  'chinese_simplified',
  'chinese_traditional',
  'japanese',
  'korean',
  'spanish',
  'french',
  'italian',
  'czech',
  'portuguese',
] as const;

export const LANG_EN = 0;
export const LANG_ZH_S = 1;
export const LANG_ZH_T = 2;

const RAW_LISTS: readonly (readonly string[])[] = [
  english,
  simplifiedChinese,
  traditionalChinese,
  japanese,
  korean,
  spanish,
  french,
  italian,
  czech,
  portuguese,
];

const COMBINING_ALL = /[\u0300-\u036f]/g;
const NEEDS_ACCENT_STRIP = /[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]/;

function isLowerAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * Canonical form used to compare user-typed words with wordlist entries: NFKC (composes Korean
 * jamo and Japanese dakuten), lower case, and Latin accents stripped (Spanish and French lists stay
 * unique without their accents, and people often type them without).
 */
export function normalizeWord(raw: string): string {
  if (isLowerAscii(raw)) return raw;
  let t = raw.normalize('NFKC').toLowerCase();
  if (NEEDS_ACCENT_STRIP.test(t)) t = t.normalize('NFD').replace(COMBINING_ALL, '');
  return t;
}

export interface WordIndex {
  /** normalized word -> bit mask of languages containing it (multi-character words only). */
  masks: Map<string, number>;
  /** per language: normalized word -> index in that language's list. */
  indexes: Map<string, number>[];
  /** Chinese single-character lookup: code unit -> language mask bits (zh_s/zh_t). */
  hanMask: Uint8Array;
  /** Chinese code unit -> index in the simplified list (or -1). */
  hanIndexS: Int16Array;
  /** Chinese code unit -> index in the traditional list (or -1). */
  hanIndexT: Int16Array;
  /** Longest normalized word per language (for near-miss checks). */
  maxLength: number[];
}

let index: WordIndex | undefined;

/** Builds (once, lazily) every lookup structure the phrase detector needs. */
export function wordIndex(): WordIndex {
  if (index) return index;
  const masks = new Map<string, number>();
  const indexes: Map<string, number>[] = [];
  const hanMask = new Uint8Array(65536);
  const hanIndexS = new Int16Array(65536).fill(-1);
  const hanIndexT = new Int16Array(65536).fill(-1);
  const maxLength: number[] = [];
  RAW_LISTS.forEach((list, lang) => {
    const byWord = new Map<string, number>();
    let longest = 0;
    list.forEach((word, i) => {
      if (lang === LANG_ZH_S || lang === LANG_ZH_T) {
        const code = word.charCodeAt(0);
        hanMask[code] = (hanMask[code] ?? 0) | (1 << lang);
        (lang === LANG_ZH_S ? hanIndexS : hanIndexT)[code] = i;
        byWord.set(word, i);
        longest = 1;
        return;
      }
      const norm = normalizeWord(word);
      byWord.set(norm, i);
      masks.set(norm, (masks.get(norm) ?? 0) | (1 << lang));
      if (norm.length > longest) longest = norm.length;
    });
    indexes.push(byWord);
    maxLength.push(longest);
  });
  index = { masks, indexes, hanMask, hanIndexS, hanIndexT, maxLength };
  return index;
}

interface DeletionIndex {
  /** every list word with one character removed */
  any: Set<string>;
  /** `${position}|${word with that position removed}` for substitution checks */
  positional: Set<string>;
}

const deletionIndexes = new Map<number, DeletionIndex>();

/** For a language: every word with one character removed (built on first use). */
function deletionIndex(lang: number): DeletionIndex {
  let found = deletionIndexes.get(lang);
  if (found) return found;
  const any = new Set<string>();
  const positional = new Set<string>();
  for (const word of wordIndex().indexes[lang]?.keys() ?? []) {
    for (let i = 0; i < word.length; i++) {
      const shorter = word.slice(0, i) + word.slice(i + 1);
      any.add(shorter);
      positional.add(`${i}|${shorter}`);
    }
  }
  found = { any, positional };
  deletionIndexes.set(lang, found);
  return found;
}

/**
 * True when `word` (already normalized, not itself in the list) is one edit away from a word of
 * `lang`: one insertion, deletion, substitution or adjacent transposition.
 */
export function isNearMiss(word: string, lang: number): boolean {
  const key = `${lang}:${word}`;
  const cached = nearMissCache.get(key);
  if (cached !== undefined) return cached;
  const result = computeNearMiss(word, lang);
  if (nearMissCache.size >= 50_000) nearMissCache.clear();
  nearMissCache.set(key, result);
  return result;
}

// Support text repeats the same words; remember recent answers (bounded).
const nearMissCache = new Map<string, boolean>();

function computeNearMiss(word: string, lang: number): boolean {
  const words = wordIndex().indexes[lang];
  if (!words || word.length < 3) return false;
  const maxLen = wordIndex().maxLength[lang] ?? 0;
  if (word.length > maxLen + 1) return false;
  const deletions = deletionIndex(lang);
  // a character is missing: the typed word is a list word minus one character
  if (deletions.any.has(word)) return true;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    // one extra character typed
    if (words.has(shorter)) return true;
    // one character substituted at position i
    if (deletions.positional.has(`${i}|${shorter}`)) return true;
  }
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
    if (words.has(swapped)) return true;
  }
  return false;
}
