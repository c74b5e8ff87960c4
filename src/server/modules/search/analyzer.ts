import type { Jieba } from '@node-rs/jieba';
import { stemmer } from 'stemmer';
import { getJieba } from './jieba.js';
import { HAN_RUN, codePoints, hasHan, normalizeText } from './text.js';
import type { Locale } from './types.js';

/** Index keys of CJK character bigrams carry this prefix so they never collide with words. */
export const GRAM_PREFIX = '\u0001';

/** Tokens longer than this (hashes, addresses, base64) are not indexed. */
const MAX_TOKEN_LENGTH = 48;

const STEM_CACHE_LIMIT = 200_000;
let stemCache = new Map<string, string>();

const ALPHA = /^[a-z]+$/;
/** Letters followed by digits (erc20, bep2, trc20): indexed whole and as parts. */
const LETTERS_DIGITS = /^([a-z]{2,6})(\d{1,4})$/;
/** Non-Han words: letters, digits and marks of any other script. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** In-word apostrophes (can't, user's) are dropped so the word stays one token. */
const APOSTROPHE = /(?<=\p{L})['’](?=\p{L})/gu;
const HAS_APOSTROPHE = /['’]/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** Exchange error codes such as `EAPI:Invalid key`, `EGeneral:Permission denied`. */
const ERROR_CODE = /(?<![A-Za-z0-9])(E[A-Z][A-Za-z]*):[ ]?([A-Za-z]+(?:[ ][A-Za-z]+){0,3})/g;
/** `HTTP 429`, `http-503`, `HTTP/429`. */
const HTTP_CODE = /(?<![A-Za-z0-9])http[ \t\-_/]*([1-5]\d\d)(?![A-Za-z0-9])/gi;
/** Token standards and similar codes: `ERC-20`, `erc 20`, `TRC_20`, `BEP-2`, `SHA-256`. */
const STANDARD_CODE =
  /(?<![A-Za-z0-9])(?:(erc|trc|bep|brc|spl|eip|bip|sha|omni|src|arc|slip)[ \t_]|([a-z]{2,6})-)(\d{1,4})(?![A-Za-z0-9])/gi;

/** Words without a vowel are acronyms (https, sms, kyc…): stemming would only mangle them. */
const HAS_VOWEL = /[aeiouy]/;

/** Porter stem of a lower-case alphabetic word (memoised). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = HAS_VOWEL.test(word) ? stemmer(word) : word;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache = new Map();
    stemCache.set(word, s);
  }
  return s;
}

/** Index term of a lower-case non-Han word: the stem for alphabetic words, the word itself otherwise. */
export function latinTerm(word: string): string {
  return ALPHA.test(word) ? stem(word) : word;
}

export function isAlpha(word: string): boolean {
  return ALPHA.test(word);
}

/** NFKC + lower case + in-word apostrophes removed. */
export function foldCase(text: string): string {
  const lower = (ASCII_ONLY.test(text) ? text : normalizeText(text)).toLowerCase();
  return HAS_APOSTROPHE.test(lower) ? lower.replace(APOSTROPHE, '') : lower;
}

/** Calls `emit` with every code token of `text` (NFKC-normalised, original case). */
export function extractCodes(text: string, emit: (code: string) => void): void {
  if (text.includes(':')) {
    for (const m of text.matchAll(ERROR_CODE)) {
      const family = m[1]!.toLowerCase();
      const words = m[2]!.toLowerCase().split(' ');
      let code = `${family}:`;
      for (let i = 0; i < words.length; i++) {
        code += (i === 0 ? '' : ' ') + words[i];
        emit(code);
      }
    }
  }
  for (const m of text.matchAll(HTTP_CODE)) emit(`http${m[1]}`);
  for (const m of text.matchAll(STANDARD_CODE)) emit(`${(m[1] ?? m[2])!.toLowerCase()}${m[3]}`);
}

/** Receives the tokens of one text. */
export interface TokenSink {
  /** A word-level term: stem, code, number or jieba word. */
  word(term: string): void;
  /** A CJK character bigram (without the key prefix). */
  gram(bigram: string): void;
  /** When present, receives whole Han runs instead of their bigrams (`gram` is not called). */
  hanRun?(run: string): void;
  /** An alphabetic surface form and its stem (for prefix search). */
  surface?(surface: string, term: string): void;
}

/** Pushes the bigrams of one Han run (by code point). */
export function emitBigrams(run: string, gram: (bigram: string) => void): void {
  const chars = codePoints(run);
  for (let i = 0; i + 1 < chars.length; i++) gram(chars[i]! + chars[i + 1]!);
}

/**
 * The analysis chain used for indexing: codes, case-folded and stemmed non-Han words (with
 * letters+digits codes split into parts), jieba search-mode words for Han runs and Han character
 * bigrams.
 */
export function analyze(text: string, jieba: Jieba, sink: TokenSink): void {
  if (!text) return;
  const normalized = ASCII_ONLY.test(text) ? text : normalizeText(text);
  extractCodes(normalized, (code) => sink.word(code));
  const lower = foldCase(normalized);

  let hanText = '';
  let nonHan = lower;
  if (hasHan(lower)) {
    const runs: string[] = [];
    for (const m of lower.matchAll(HAN_RUN)) {
      runs.push(m[0]);
      if (sink.hanRun) sink.hanRun(m[0]);
      else emitBigrams(m[0], (g) => sink.gram(g));
    }
    hanText = runs.join(' ');
    nonHan = lower.replace(HAN_RUN, ' ');
  }

  for (const m of nonHan.matchAll(WORD)) {
    const word = m[0];
    if (word.length > MAX_TOKEN_LENGTH) continue;
    if (ALPHA.test(word)) {
      const term = stem(word);
      sink.word(term);
      sink.surface?.(word, term);
      continue;
    }
    sink.word(word);
    const parts = LETTERS_DIGITS.exec(word);
    if (parts) {
      sink.word(parts[1]!);
      sink.word(parts[2]!);
    }
  }

  if (hanText) {
    for (const token of jieba.cutForSearch(hanText, false)) {
      if (token !== ' ' && token.trim()) sink.word(token);
    }
  }
}

/**
 * Tokens of `text` as the index sees them: word-level terms (stems, codes and their parts, jieba
 * words) followed by the CJK character bigrams. Duplicates are kept (term frequency matters).
 * Analysis is script-based, so `locale` does not change the result; it is accepted for callers
 * that have one.
 */
export function tokenize(text: string, locale?: Locale, dictionaryWords?: readonly string[]): string[] {
  // Same segmenter configuration as a default HelpCenterSearch (compact dictionary).
  void locale;
  const words: string[] = [];
  const grams: string[] = [];
  analyze(text, getJieba(dictionaryWords), {
    word: (t) => words.push(t),
    gram: (g) => grams.push(g),
  });
  return words.concat(grams);
}
