import type { Jieba } from '@node-rs/jieba';
import { GRAM_PREFIX, extractCodes, foldCase, isAlpha, latinTerm } from './analyzer.js';
import type { ScoringGroup, ScoringTerm } from './locale-index.js';
import { CHINESE_STOP_CHARS, CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stopwords.js';
import { HAN_RUN, codePoints, hasHan, normalizeText } from './text.js';
import type { GlossaryEntry } from './types.js';

/** Relative weights of the parts of a query. The user's own words weigh 1. */
export const QUERY_WEIGHTS = {
  /** Code tokens (EAPI:Invalid key, erc20, http429). */
  code: 1.2,
  /** A Han word of one character (钱, 提). */
  hanSingle: 0.5,
  /** Search-mode sub-words of a longer Han word (手续 and 续费 of 手续费). */
  hanSubword: 0.4,
  /** CJK character bigrams. */
  bigram: 0.3,
  /** Completions of the last, possibly unfinished, query word. */
  prefix: 0.5,
  /** Typo-tolerant neighbours (one edit) of unknown words of 5+ characters. */
  fuzzy: 0.35,
  /** Glossary expansions (default; entries may set their own). */
  glossary: 0.4,
} as const;

const PREFIX_MIN_LENGTH = 3;
const PREFIX_LIMIT = 12;
const FUZZY_MIN_LENGTH = 5;
const FUZZY_LIMIT = 8;

/** What the planner needs to know about one locale's vocabulary. */
export interface Vocabulary {
  docFrequency(key: string): number;
  prefixTerms(prefix: string, exclude: string, limit: number): string[];
  fuzzyTerms(term: string, limit: number): string[];
}

/** Highlighting instructions: latin terms (stems, codes, numbers) and literal Han strings, with weights. */
export interface HighlightSpec {
  latin: Map<string, number>;
  han: Map<string, number>;
}

export interface QueryPlan {
  groups: ScoringGroup[];
  highlight: HighlightSpec;
}

interface GlossaryVariant {
  terms: string[];
  latin: string[];
  han: string[];
}

interface CompiledEntry {
  weight: number;
  variants: GlossaryVariant[];
}

export interface CompiledGlossary {
  /** Han forms by first character. */
  han: Map<string, { form: string; entry: number }[]>;
  /** Latin forms as term sequences (stop words kept), by first term. */
  latin: Map<string, { terms: string[]; entry: number }[]>;
  entries: CompiledEntry[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface WordToken {
  term: string;
  surface: string;
  stop: boolean;
}

/** Word-level analysis used for glossary forms: codes, stems, jieba words (no bigrams). */
function analyzeForm(form: string, jieba: Jieba): GlossaryVariant {
  const normalized = normalizeText(form);
  const terms: string[] = [];
  const latin: string[] = [];
  const han: string[] = [];
  extractCodes(normalized, (code) => terms.push(code));
  const lower = foldCase(normalized);
  const words = latinWords(lower.replace(HAN_RUN, ' '));
  const meaningful = words.filter((w) => !w.stop);
  for (const w of meaningful.length ? meaningful : words) {
    terms.push(w.term);
    latin.push(w.term);
  }
  for (const m of lower.matchAll(HAN_RUN)) {
    const run = m[0];
    const tokens = jieba.cut(run, false);
    if (tokens.length === 1) {
      terms.push(run);
    } else {
      // Not one word for the segmenter: match the phrase through its character bigrams.
      const chars = codePoints(run);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(GRAM_PREFIX + chars[i]! + chars[i + 1]!);
    }
    han.push(run);
  }
  return { terms: [...new Set(terms)], latin, han };
}

function latinWords(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const surface = m[0];
    if (surface.length > 48) continue;
    out.push({ surface, term: latinTerm(surface), stop: ENGLISH_STOP_WORDS.has(surface) });
  }
  return out;
}

export function compileGlossary(entries: readonly GlossaryEntry[], jieba: Jieba): CompiledGlossary {
  const compiled: CompiledGlossary = { han: new Map(), latin: new Map(), entries: [] };
  entries.forEach((entry, index) => {
    const variants: GlossaryVariant[] = [];
    const seen = new Set<string>();
    for (const form of [...entry.terms, ...(entry.expand ?? [])]) {
      const variant = analyzeForm(form, jieba);
      const key = [...variant.terms].sort().join('\u0000');
      if (!variant.terms.length || seen.has(key)) continue;
      seen.add(key);
      variants.push(variant);
    }
    compiled.entries.push({ weight: entry.weight ?? QUERY_WEIGHTS.glossary, variants });
    for (const form of entry.terms) {
      const normalized = foldCase(form).trim();
      if (!normalized) continue;
      if (hasHan(normalized)) {
        const compact = normalized.replace(/\s+/g, '');
        push(compiled.han, codePoints(compact)[0]!, { form: compact, entry: index });
      } else {
        const terms = latinWords(normalized).map((w) => w.term);
        if (terms.length) push(compiled.latin, terms[0]!, { terms, entry: index });
      }
    }
  });
  return compiled;
}

/**
 * Whether the query's term sequence continues at `at` with the form's terms; one stop word may sit
 * between two of them ("can't I withdraw" matches "can't withdraw"). Returns the number of query
 * terms covered, 0 when there is no match.
 */
function matchSequence(haystack: readonly WordToken[], at: number, needle: readonly string[]): number {
  let i = at;
  for (let j = 0; j < needle.length; j++, i++) {
    if (j > 0 && haystack[i]?.term !== needle[j] && haystack[i]?.stop && haystack[i + 1]?.term === needle[j]) i++;
    if (haystack[i]?.term !== needle[j]) return 0;
  }
  return i - at;
}

function bump(map: Map<string, number>, key: string, weight: number): void {
  if ((map.get(key) ?? 0) < weight) map.set(key, weight);
}

/**
 * Turns a user query into weighted scoring groups:
 * - each meaningful word is a group (exact term, plus prefix completions for the last word and
 *   one-edit neighbours for long words, as lower-weighted alternatives);
 * - code tokens, Han single characters and search-mode sub-words are groups of their own;
 * - CJK bigrams of the query (split at stop words) are low-weight groups;
 * - glossary entries triggered by the query add one group each with their other forms.
 */
export function planQuery(
  raw: string,
  jieba: Jieba,
  glossary: CompiledGlossary,
  vocabulary: Vocabulary | null,
): QueryPlan | null {
  const normalized = normalizeText(raw).trim();
  if (!normalized) return null;
  const groups: ScoringGroup[] = [];
  const highlight: HighlightSpec = { latin: new Map(), han: new Map() };
  const userKeys = new Set<string>();

  const single = (key: string, weight: number): void => {
    if (userKeys.has(key)) return;
    userKeys.add(key);
    groups.push({ weight, variants: [[{ key, weight: 1 }]] });
  };

  // Codes.
  const codes: string[] = [];
  extractCodes(normalized, (code) => codes.push(code));
  for (const code of codes) single(code, QUERY_WEIGHTS.code);

  const lower = foldCase(normalized);

  // Non-Han words.
  const words = latinWords(lower.replace(HAN_RUN, ' '));
  // Han runs, segmented.
  const hanRuns: { run: string; tokens: string[] }[] = [];
  for (const m of lower.matchAll(HAN_RUN)) hanRuns.push({ run: m[0], tokens: jieba.cut(m[0], false) });

  const meaningfulLatin = words.filter((w) => !w.stop).length;
  const meaningfulHan = hanRuns.reduce((n, r) => n + r.tokens.filter((t) => !CHINESE_STOP_WORDS.has(t)).length, 0);
  const dropStops = meaningfulLatin + meaningfulHan + codes.length > 0;

  const endsInWord = /[\p{L}\p{N}]$/u.test(lower) && !hasHan(lower.slice(-1));
  const lastLatin = words.length ? words[words.length - 1] : undefined;

  /** The user-word group(s) built from each latin word and each Han token, for glossary spans. */
  const latinGroups: (ScoringGroup | undefined)[] = [];
  const hanTokenGroups: { start: number; end: number; groups: ScoringGroup[] }[][] = [];
  const absorbed = new Set<ScoringGroup>();

  for (const w of words) {
    latinGroups.push(undefined);
    if (dropStops && w.stop) continue;
    if (userKeys.has(w.term)) continue;
    userKeys.add(w.term);
    const variants: ScoringTerm[][] = [[{ key: w.term, weight: 1 }]];
    bump(highlight.latin, w.term, 1);
    if (vocabulary && isAlpha(w.surface)) {
      if (w === lastLatin && endsInWord && w.surface.length >= PREFIX_MIN_LENGTH) {
        for (const t of vocabulary.prefixTerms(w.surface, w.term, PREFIX_LIMIT)) {
          variants.push([{ key: t, weight: QUERY_WEIGHTS.prefix }]);
          bump(highlight.latin, t, 0.5);
        }
      }
      // Typo tolerance only for words the index does not know: a known word is taken as meant
      // (otherwise "enable" would also match "unable").
      if (w.surface.length >= FUZZY_MIN_LENGTH && vocabulary.docFrequency(w.term) === 0) {
        for (const t of vocabulary.fuzzyTerms(w.term, FUZZY_LIMIT)) {
          variants.push([{ key: t, weight: QUERY_WEIGHTS.fuzzy }]);
          bump(highlight.latin, t, 0.4);
        }
      }
    }
    const group: ScoringGroup = { weight: 1, variants };
    groups.push(group);
    latinGroups[latinGroups.length - 1] = group;
  }

  // Han words, sub-words and bigrams. Bigrams that are also query words are left out: the word
  // carries the same signal more precisely (到账 the word, not the substring of 收到账单).
  const segments: string[] = [];
  for (const { tokens } of hanRuns) {
    const spans: { start: number; end: number; groups: ScoringGroup[] }[] = [];
    hanTokenGroups.push(spans);
    let segment = '';
    let offset = 0;
    const flush = (): void => {
      if (segment) segments.push(segment);
      segment = '';
    };
    for (const token of tokens) {
      const span = { start: offset, end: offset + token.length, groups: [] as ScoringGroup[] };
      spans.push(span);
      offset += token.length;
      const add = (key: string, weight: number): void => {
        const before = groups.length;
        single(key, weight);
        if (groups.length > before) span.groups.push(groups[before]!);
      };
      const stop = CHINESE_STOP_WORDS.has(token);
      if (dropStops && stop) {
        flush();
        continue;
      }
      segment += token;
      const length = codePoints(token).length;
      if (length === 1) {
        add(token, dropStops ? QUERY_WEIGHTS.hanSingle : 1);
        if (!dropStops) bump(highlight.han, token, 1);
        continue;
      }
      add(token, 1);
      bump(highlight.han, token, 1);
      if (length > 2) {
        for (const sub of jieba.cutForSearch(token, false)) {
          if (sub === token || CHINESE_STOP_WORDS.has(sub)) continue;
          add(sub, QUERY_WEIGHTS.hanSubword);
          bump(highlight.han, sub, 0.6);
        }
      }
    }
    flush();
  }
  for (const segment of segments) {
    const chars = codePoints(segment);
    for (let i = 0; i + 1 < chars.length; i++) {
      const gram = chars[i]! + chars[i + 1]!;
      if (CHINESE_STOP_CHARS.has(chars[i]!) || CHINESE_STOP_CHARS.has(chars[i + 1]!)) continue;
      if (userKeys.has(gram)) continue;
      single(GRAM_PREFIX + gram, QUERY_WEIGHTS.bigram);
      bump(highlight.han, gram, 0.3);
    }
  }

  // Glossary: longest match first, non-overlapping (like a synonym graph), so 交易手续费 triggers
  // its own entry, not also those of 交易 and 手续费. The user's words inside a matched form and the
  // entry's other forms become one group scoring the best of them: a synonym is an alternative to
  // the user's wording (weighted lower), not an addition to it.
  const triggered = new Map<number, ScoringGroup[]>();
  const cover = (entry: number, covered: ScoringGroup[]): void => {
    const list = triggered.get(entry) ?? [];
    for (const g of covered) {
      if (absorbed.has(g)) continue;
      absorbed.add(g);
      list.push(g);
    }
    triggered.set(entry, list);
  };
  if (hanRuns.length) {
    const tokenSet = new Set(hanRuns.flatMap((r) => r.tokens));
    hanRuns.forEach(({ run }, runIndex) => {
      for (let offset = 0; offset < run.length; ) {
        const ch = codePoints(run.slice(offset, offset + 2))[0]!;
        let best: { form: string; entry: number } | undefined;
        for (const candidate of glossary.han.get(ch) ?? []) {
          const { form } = candidate;
          if (best && form.length <= best.form.length) continue;
          const hit = form.length === ch.length ? tokenSet.has(form) : run.startsWith(form, offset);
          if (hit) best = candidate;
        }
        if (best) {
          const end = offset + best.form.length;
          const covered = hanTokenGroups[runIndex]!.filter((t) => t.start >= offset && t.end <= end).flatMap((t) => t.groups);
          cover(best.entry, covered);
        }
        offset += best ? best.form.length : ch.length;
      }
    });
  }
  for (let i = 0; i < words.length; ) {
    let best: { entry: number; covered: number } | undefined;
    for (const candidate of glossary.latin.get(words[i]!.term) ?? []) {
      const covered = matchSequence(words, i, candidate.terms);
      if (covered > (best?.covered ?? 0)) best = { entry: candidate.entry, covered };
    }
    if (best) {
      cover(best.entry, latinGroups.slice(i, i + best.covered).filter((g): g is ScoringGroup => g !== undefined));
    }
    i += best ? best.covered : 1;
  }
  const glossaryGroups: ScoringGroup[] = [];
  for (const [entryIndex, covered] of [...triggered].sort((a, b) => a[0] - b[0])) {
    const entry = glossary.entries[entryIndex]!;
    const variants: ScoringTerm[][] = [];
    const requireAll: boolean[] = [];
    // The user's own words: exact terms at their own weights.
    const literal = covered.flatMap((g) => g.variants[0]!.map((t) => ({ key: t.key, weight: t.weight * g.weight })));
    if (literal.length) {
      variants.push(literal);
      requireAll.push(false);
    }
    for (const v of entry.variants) {
      if (v.terms.every((t) => userKeys.has(t))) continue;
      const weight = entry.weight / v.terms.length;
      variants.push(v.terms.map((key) => ({ key, weight })));
      // A synonym phrase ("fund account") stands for the whole phrase, never for one of its words.
      requireAll.push(v.terms.length > 1);
      for (const t of v.latin) bump(highlight.latin, t, 0.5);
      for (const t of v.han) if (codePoints(t).length > 1) bump(highlight.han, t, 0.5);
    }
    if (variants.length) glossaryGroups.push({ weight: 1, variants, requireAll });
  }
  const kept = groups.filter((g) => !absorbed.has(g));
  groups.length = 0;
  groups.push(...kept, ...glossaryGroups);

  if (!groups.length) return null;
  return { groups, highlight };
}

