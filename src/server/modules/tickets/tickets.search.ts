import { analyze } from '../search/analyzer.js';
import { getJieba } from '../search/jieba.js';
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from '../search/stopwords.js';
import { codePoints, hasHan } from '../search/text.js';
import { stem } from '../search/analyzer.js';

/**
 * Terms of the ticket inverted index (`ticket_terms`), from the help center's analysis chain (the
 * one behind `tokenize`). Documents keep word terms (stems, codes, numbers) and CJK character
 * bigrams; jieba's Han words are left out of the index because their segmentation depends on the
 * surrounding text, while bigrams do not. Queries match with AND semantics: a ticket must hold every
 * query term.
 */
const MAX_TERM_LENGTH = 100;
const STOP_TERMS = new Set([...ENGLISH_STOP_WORDS].flatMap((w) => [w, /^[a-z]+$/.test(w) ? stem(w) : w]));

interface Analysed {
  words: string[];
  hanWords: string[];
  grams: string[];
}

function analyse(text: string): Analysed {
  const out: Analysed = { words: [], hanWords: [], grams: [] };
  analyze(text, getJieba(), {
    word: (t) => (hasHan(t) ? out.hanWords : out.words).push(t),
    gram: (g) => out.grams.push(g),
  });
  return out;
}

export function documentTerms(text: string): string[] {
  const { words, grams } = analyse(text);
  return [...new Set([...words, ...grams])].filter((t) => t.length <= MAX_TERM_LENGTH);
}

/**
 * The terms a ticket must contain to match `query`. English stop words are dropped (unless the
 * query is only stop words). Chinese words found by jieba (minus function words) are required
 * through their character bigrams; single-character words cannot be matched through bigrams and
 * are skipped, unless the query has nothing else.
 */
export function queryTerms(query: string): string[] {
  const { words, hanWords, grams } = analyse(query.slice(0, 500));
  const unique = [...new Set(words.filter((w) => w.length <= MAX_TERM_LENGTH))];
  const meaningful = unique.filter((w) => !STOP_TERMS.has(w));
  const terms = new Set<string>(meaningful.length ? meaningful : unique);
  const required = new Set<string>();
  for (const word of hanWords) {
    if (CHINESE_STOP_WORDS.has(word)) continue;
    const chars = codePoints(word);
    for (let i = 0; i + 1 < chars.length; i++) required.add(chars[i]! + chars[i + 1]!);
  }
  for (const g of required.size ? required : grams) terms.add(g);
  return [...terms];
}

/** A query that is a ticket number ("10001" or "#10001"). */
export function ticketNumberOf(query: string): number | null {
  const match = /^\s*#?(\d{1,10})\s*$/.exec(query);
  return match ? Number(match[1]) : null;
}
