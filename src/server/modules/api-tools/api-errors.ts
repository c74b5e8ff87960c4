/**
 * API error decoder: turns an error string, an HTTP status or a whole JSON response into
 * explanations from the bilingual catalogue in content/api-errors.json. Pure: no Fastify, no DB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';
import type { BrandConfig } from '../../config.js';
import type { Locale } from '../../../shared/locales.js';
import { fillBrand } from '../kb/kb.render.js';

export const API_ERRORS_FILE = 'api-errors.json';
/** The catalogue shipped with Pharos (used when a custom content folder has none). */
export const BUNDLED_API_ERRORS = fileURLToPath(new URL(`../../../../content/${API_ERRORS_FILE}`, import.meta.url));

export const TOOL_IDS = ['api-errors', 'rate-limit', 'api-signature'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

// ---------------------------------------------------------------------------------------------
// Catalogue format

const text = z.object({ 'en-us': z.string().trim().min(1), 'zh-cn': z.string().trim().min(1) });
const lines = z.object({ 'en-us': z.array(z.string().trim().min(1)).min(1), 'zh-cn': z.array(z.string().trim().min(1)).min(1) });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,120}$/);
const guidance = {
  title: text,
  meaning: text,
  causes: lines,
  steps: lines,
  articles: z.array(slug).default([]),
  tools: z.array(z.enum(TOOL_IDS)).default([]),
};
const errorEntrySchema = z.object({ code: z.string().trim().min(2).max(160), category: z.string().min(1), http: z.array(z.number().int().min(100).max(599)).default([]), ...guidance });
const categorySchema = z.object({ id: z.string().regex(/^[A-Za-z]{2,20}$/), ...guidance });
const httpEntrySchema = z
  .object({
    status: z.number().int().min(100).max(599).optional(),
    class: z.enum(['1xx', '2xx', '3xx', '4xx', '5xx']).optional(),
    related: z.array(z.string()).default([]),
    ...guidance,
  })
  .refine((h) => (h.status === undefined) !== (h.class === undefined), 'an HTTP entry has exactly one of "status" and "class"');
const NOTE_KEYS = ['partial', 'detail', 'message', 'ambiguous', 'fuzzy', 'fallbackCategory', 'fallbackClosest', 'fallbackStatus', 'unknown', 'noErrors'] as const;
type NoteKey = (typeof NOTE_KEYS)[number];
const catalogueSchema = z.object({
  version: z.literal(1),
  about: z.string().optional(),
  notes: z.object(Object.fromEntries(NOTE_KEYS.map((k) => [k, text])) as Record<NoteKey, typeof text>),
  categories: z.array(categorySchema).min(1),
  unknown: z.object(guidance),
  errors: z.array(errorEntrySchema).min(1),
  http: z.array(httpEntrySchema),
});

export type ApiErrorCatalogue = z.infer<typeof catalogueSchema>;
export type CatalogueError = ApiErrorCatalogue['errors'][number];
export type CatalogueCategory = ApiErrorCatalogue['categories'][number];
export type CatalogueHttp = ApiErrorCatalogue['http'][number];
type Guidance = Pick<CatalogueError, 'title' | 'meaning' | 'causes' | 'steps' | 'articles' | 'tools'>;

/** Validates a parsed catalogue, including cross-references; throws with every problem listed. */
export function parseCatalogue(raw: unknown): ApiErrorCatalogue {
  const parsed = catalogueSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const catalogue = parsed.data;
  const problems: string[] = [];
  const categories = new Set(catalogue.categories.map((c) => c.id));
  const codes = new Set<string>();
  for (const entry of catalogue.errors) {
    const key = normalize(entry.code);
    if (codes.has(key)) problems.push(`duplicate code ${entry.code}`);
    codes.add(key);
    if (!categories.has(entry.category)) problems.push(`${entry.code}: unknown category ${entry.category}`);
    const prefix = /^(E[A-Za-z]+):/.exec(entry.code)?.[1];
    if (prefix && prefix !== entry.category) problems.push(`${entry.code}: category must be ${prefix}`);
  }
  const statuses = new Set<string>();
  for (const h of catalogue.http) {
    const key = String(h.status ?? h.class);
    if (statuses.has(key)) problems.push(`duplicate HTTP entry ${key}`);
    statuses.add(key);
    for (const code of h.related) if (!codes.has(normalize(code))) problems.push(`HTTP ${key}: related code ${code} is not in the catalogue`);
  }
  if (problems.length) throw new Error(problems.join('; '));
  return catalogue;
}

/** Reads `<contentDir>/api-errors.json`, or the bundled catalogue when the folder has none. */
export function loadCatalogue(contentDir?: string): { catalogue: ApiErrorCatalogue; file: string } {
  const custom = contentDir ? join(contentDir, API_ERRORS_FILE) : null;
  const file = custom && existsSync(custom) ? custom : BUNDLED_API_ERRORS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return { catalogue: parseCatalogue(raw), file };
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding results

/**
 * How an item was recognised. Non-fallback: exact (code as written, ignoring case and spacing),
 * detail (a code followed by server detail), partial (a cut-off code), message (message text
 * without its prefix), fuzzy (a near-miss spelling), status (a catalogued HTTP status).
 * Fallbacks: category, closest-category, status-class, unknown.
 */
export type MatchKind = 'exact' | 'detail' | 'partial' | 'message' | 'fuzzy' | 'status' | 'category' | 'closest-category' | 'status-class' | 'unknown';

export interface DecodedItem {
  /** The fragment of the input this item was read from. */
  source: string;
  type: 'error' | 'http' | 'unknown';
  match: MatchKind;
  fallback: boolean;
  /** Catalogue code (`EAPI:Invalid nonce`, `apiLimitExceeded`) or `HTTP 429`; null for category/unknown fallbacks. */
  code: string | null;
  status: number | null;
  /** Category id (`EAPI`, `Futures`), `HTTP` or `unknown`. */
  category: string;
  categoryTitle: string;
  title: string;
  meaning: string;
  causes: string[];
  steps: string[];
  /** Help Center article slugs. */
  articles: string[];
  tools: ToolId[];
  /** Codes that often come with this item (HTTP statuses) or the error's usual HTTP statuses. */
  related: string[];
  note: string | null;
  detail: string | null;
  closest: string | null;
  alternatives: string[];
}

export interface DecodeResult {
  items: DecodedItem[];
  /** Set when the input is a response whose error list is empty. */
  note: string | null;
  /** More items were found than are returned. */
  truncated: boolean;
}

export const MAX_DECODE_INPUT = 20_000;
export const MAX_ITEMS = 20;
const MAX_SEGMENTS = 10;
/** Codes or statuses read from one input at most (items are then de-duplicated and capped at MAX_ITEMS). */
const MAX_HITS = 200;
const MAX_FUZZY_LENGTH = 200;
const FUZZY_MATCH = 0.7;
const FUZZY_HINT = 0.45;

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Case-insensitive key: one space, no spaces around colons, no trailing punctuation or quotes. */
function normalize(value: string): string {
  return stripEnds(value.toLowerCase().replace(/\s+/g, ' ').replace(/ ?: ?/g, ':'), LEADING_JUNK, TRAILING_JUNK);
}

const LEADING_JUNK = new Set([...' \'"`‘’“”']);
const TRAILING_JUNK = new Set([...' \'"`‘’“”.,;。，；!！?？']);
const FRAGMENT_LEADING = new Set([...' \t\n\'"`[]{}()<>,;|']);
const FRAGMENT_TRAILING = new Set([...' \t\n\'"`[]{}<>,;|.。!！?？']);

/** Drops the given characters from both ends (a loop: end-anchored regexes are quadratic on long runs). */
function stripEnds(value: string, leading: ReadonlySet<string>, trailing: ReadonlySet<string>): string {
  let start = 0;
  let end = value.length;
  while (start < end && (leading.has(value[start]!) || /\s/.test(value[start]!))) start++;
  while (end > start && (trailing.has(value[end - 1]!) || /\s/.test(value[end - 1]!))) end--;
  return value.slice(start, end);
}

/** Straight quotes and colons for curly/full-width ones; no invisible characters. */
function cleanInput(value: string): string {
  return value
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[“”＂]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/：/g, ':')
    .replace(/\r\n?/g, '\n');
}

/** Trims stray quotes, brackets and punctuation around a fragment. */
function trimFragment(value: string): string {
  return stripEnds(value, FRAGMENT_LEADING, FRAGMENT_TRAILING);
}

const splitCamel = (code: string) => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function bigrams(value: string): Map<string, number> {
  const s = value.replace(/\s+/g, '');
  const grams = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  return total ? (2 * shared) / total : 0;
}

const words = (value: string) => value.split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length > 0);

/** 0…1: character-bigram overlap, or better when every word typed appears in the candidate. */
export function similarity(typed: string, candidate: string): number {
  const a = typed.toLowerCase();
  const b = candidate.toLowerCase();
  if (!a || !b) return 0;
  if (a === b) return 1;
  let score = dice(a, b);
  const typedWords = words(a).filter((w) => w.length >= 3);
  const candidateWords = words(b);
  if (typedWords.length && candidateWords.length && typedWords.every((w) => candidateWords.some((c) => c.startsWith(w)))) {
    score = Math.max(score, 0.75 + 0.25 * Math.min(1, typedWords.length / candidateWords.length));
  }
  return score;
}

/** The input's own spelling of a normalized tail, when it can be found; else the tail. */
function originalSpelling(original: string, normalizedTail: string): string {
  const at = original.toLowerCase().lastIndexOf(normalizedTail);
  return at >= 0 ? original.slice(at, at + normalizedTail.length) : normalizedTail;
}

function interpolate(template: string, params: Record<string, string>): string {
  return template.replace(/\{\{\s*(input|code|codes|category|class|status|detail)\s*\}\}/g, (whole, key: string) => params[key] ?? whole);
}

// ---------------------------------------------------------------------------------------------
// Decoder

interface Found {
  index: number;
  item: DecodedItem;
  key: string;
}

interface IndexedError {
  entry: CatalogueError;
  key: string;
  /** Message after the category prefix, normalized (the whole code for prefix-less codes). */
  message: string;
  /** Strings compared when matching by message (message, titles). */
  candidates: string[];
  hasPrefix: boolean;
}

const HTTP_REASONS: Array<[number, string]> = [
  [400, 'bad request'],
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [404, 'not found'],
  [405, 'method not allowed'],
  [408, 'request timeout'],
  [409, 'conflict'],
  [413, 'payload too large'],
  [413, 'request entity too large'],
  [414, 'uri too long'],
  [415, 'unsupported media type'],
  [422, 'unprocessable entity'],
  [422, 'unprocessable content'],
  [429, 'too many requests'],
  [500, 'internal server error'],
  [501, 'not implemented'],
  [502, 'bad gateway'],
  [503, 'service unavailable'],
  [504, 'gateway timeout'],
  [504, 'gateway time-out'],
];
const REASON_PATTERN = HTTP_REASONS.map(([, r]) => r.replace(/[-]/g, '\\-').replace(/ /g, '\\s+')).join('|');

/** HTTP statuses written in recognisable ways; each has the status in group 1. */
const HTTP_PATTERNS: RegExp[] = [
  /\bHTTP(?:\/\d(?:\.\d)?)?\s{0,5}[:#]?\s{0,5}([1-5]\d\d)\b/gi,
  /\b(?:status(?:[\s_-]?code)?|http[\s_-]?status|response[\s_-]?code|error[\s_-]?code)["']?\s{0,5}[:=]?\s{0,5}["']?([1-5]\d\d)\b/gi,
  /(?:状态码|错误码|返回码|错误|HTTP\s{0,5}状态)\s{0,5}[:为是]?\s{0,5}([1-5]\d\d)(?!\d)/g,
  new RegExp(`\\b([1-5]\\d\\d)\\s+(?:${REASON_PATTERN})\\b`, 'gi'),
  /\berror\s+(5[0-3]\d)\b/gi,
];

export class ApiErrorDecoder {
  private readonly errors: IndexedError[];
  private readonly byKey = new Map<string, IndexedError>();
  private readonly categories = new Map<string, CatalogueCategory>();
  private readonly categoriesLower = new Map<string, CatalogueCategory>();
  private readonly httpByStatus = new Map<number, CatalogueHttp>();
  private readonly httpByClass = new Map<string, CatalogueHttp>();
  private readonly prefixPattern: RegExp;
  private readonly barePattern: RegExp | null;
  private readonly bareCodes = new Map<string, IndexedError>();

  constructor(readonly catalogue: ApiErrorCatalogue) {
    this.errors = catalogue.errors.map((entry) => {
      const hasPrefix = /^E[A-Za-z]+:/.test(entry.code);
      const message = hasPrefix ? normalize(entry.code.slice(entry.code.indexOf(':') + 1)) : splitCamel(entry.code);
      const candidates = [message, entry.title['en-us'].toLowerCase(), entry.title['zh-cn']];
      const indexed = { entry, key: normalize(entry.code), message, candidates, hasPrefix };
      this.byKey.set(indexed.key, indexed);
      if (!hasPrefix) this.bareCodes.set(entry.code.toLowerCase(), indexed);
      return indexed;
    });
    for (const c of catalogue.categories) {
      this.categories.set(c.id, c);
      this.categoriesLower.set(c.id.toLowerCase(), c);
    }
    for (const h of catalogue.http) {
      if (h.status !== undefined) this.httpByStatus.set(h.status, h);
      else if (h.class) this.httpByClass.set(h.class, h);
    }
    // Known prefixes in any letter case, or an unknown E-prefix in the usual capitalisation. The
    // message runs to the end of the line, a quote, a bracket, a comma or the next prefix.
    const anyCase = (id: string) => [...id].map((ch) => `[${ch.toUpperCase()}${ch.toLowerCase()}]`).join('');
    const prefixes = `(?:${catalogue.categories.filter((c) => /^E[A-Z]/.test(c.id)).map((c) => anyCase(c.id)).join('|')}|E[A-Z][A-Za-z]{1,18})`;
    const nextPrefix = `(?<![A-Za-z0-9_])${prefixes}\\s{0,5}:`;
    this.prefixPattern = new RegExp(`(?<![A-Za-z0-9_])(${prefixes})\\s{0,5}:\\s*((?:(?!${nextPrefix})[^\\n"\\[\\]{},;|\`])*)`, 'g');
    const bare = [...this.bareCodes.keys()].sort((a, b) => b.length - a.length);
    this.barePattern = bare.length ? new RegExp(`(?<![A-Za-z0-9_:])(${bare.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![A-Za-z0-9_])`, 'gi') : null;
  }

  /** Decodes everything recognisable in `input` (at most MAX_ITEMS items, in input order). */
  decode(input: string, locale: Locale, brand: BrandConfig): DecodeResult {
    const raw = cleanInput(input.slice(0, MAX_DECODE_INPUT));
    const { text, emptyErrorList } = this.flatten(raw);
    const found: Found[] = [];
    const masked = { value: text };

    this.scanPrefixed(masked, found, locale, brand);
    this.scanHttp(masked, found, locale, brand);
    this.scanBare(masked, found, locale, brand);
    if (!found.length && !emptyErrorList) this.scanMessages(masked.value, found, locale, brand);
    if (!found.length && !emptyErrorList && text.trim()) {
      found.push({ index: 0, key: 'unknown', item: this.unknownItem(trimFragment(text.trim()).slice(0, 200), locale, brand) });
    }

    const seen = new Set<string>();
    const items: DecodedItem[] = [];
    let truncated = false;
    for (const f of found.sort((a, b) => a.index - b.index)) {
      if (seen.has(f.key)) continue;
      seen.add(f.key);
      if (items.length >= MAX_ITEMS) {
        truncated = true;
        break;
      }
      items.push(f.item);
    }
    const note = emptyErrorList && !items.length ? this.note('noErrors', locale, brand, {}) : null;
    return { items, note, truncated };
  }

  /** The whole catalogue, localized. */
  list(locale: Locale, brand: BrandConfig) {
    return {
      categories: this.catalogue.categories.map((c) => ({ id: c.id, ...this.localize(c, locale, brand) })),
      errors: this.catalogue.errors.map((e) => ({ code: e.code, category: e.category, http: e.http, ...this.localize(e, locale, brand) })),
      http: this.catalogue.http.map((h) => ({ status: h.status ?? null, class: h.class ?? null, related: h.related, ...this.localize(h, locale, brand) })),
    };
  }

  // --- scanning ----------------------------------------------------------------------------

  /**
   * A JSON document becomes its string leaves (so escapes are undone) plus `status: N` lines for
   * numeric status fields. Anything else is scanned as typed.
   */
  private flatten(raw: string): { text: string; emptyErrorList: boolean } {
    const trimmed = raw.trim();
    if (!/^[[{]/.test(trimmed)) return { text: raw, emptyErrorList: false };
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      return { text: raw, emptyErrorList: false };
    }
    const parts: string[] = [];
    let nodes = 0;
    let emptyErrorList = false;
    let hasErrorValue = false;
    const walk = (value: unknown, key: string, depth: number) => {
      if (++nodes > 5000 || depth > 20) return;
      if (typeof value === 'string') parts.push(value);
      else if (typeof value === 'number' && /^(status|statuscode|status_code|httpstatus|http_status|code)$/i.test(key)) parts.push(`status: ${value}`);
      else if (Array.isArray(value)) for (const v of value) walk(v, key, depth + 1);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (/^errors?$/i.test(k)) {
            if (Array.isArray(v) && v.length === 0) emptyErrorList = true;
            else if (v !== null && v !== '') hasErrorValue = true;
          }
          walk(v, k, depth + 1);
        }
      }
    };
    walk(doc, '', 0);
    return { text: parts.join('\n'), emptyErrorList: emptyErrorList && !hasErrorValue };
  }

  /** Blanks out recognised spans (same length, so later indexes still point into the input). */
  private mask(masked: { value: string }, spans: ReadonlyArray<{ index: number; length: number }>) {
    if (!spans.length) return;
    const chars = masked.value.split('');
    for (const { index, length } of spans) chars.fill(' ', index, index + length);
    masked.value = chars.join('');
  }

  private scanPrefixed(masked: { value: string }, found: Found[], locale: Locale, brand: BrandConfig) {
    const pattern = new RegExp(this.prefixPattern.source, this.prefixPattern.flags);
    const hits: Array<{ index: number; length: number; prefix: string; rest: string }> = [];
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(masked.value)) && hits.length < MAX_HITS) {
      const prefix = m[1]!;
      const known = this.categoriesLower.get(prefix.toLowerCase());
      hits.push({ index: m.index, length: m[0].length, prefix: known?.id ?? prefix, rest: m[2] ?? '' });
    }
    this.mask(masked, hits);
    // The same text pasted many times is matched once.
    const seen = new Map<string, DecodedItem>();
    const keys = new Set<string>();
    for (const hit of hits) {
      // Hits come in input order: once MAX_ITEMS + 1 distinct items are found, later ones can neither
      // be returned nor change `truncated`, so they are not matched (fuzzy matching is the costly part).
      if (keys.size > MAX_ITEMS) break;
      const cacheKey = `${hit.prefix}|${normalize(hit.rest)}`;
      let item = seen.get(cacheKey);
      if (!item) {
        item = this.matchPrefixed(hit.prefix, hit.rest, locale, brand);
        seen.set(cacheKey, item);
      }
      const key = `${item.code ?? item.category}|${item.detail ?? ''}|${item.fallback ? item.source.toLowerCase() : ''}`;
      keys.add(key);
      found.push({ index: hit.index, item, key });
    }
  }

  private scanHttp(masked: { value: string }, found: Found[], locale: Locale, brand: BrandConfig) {
    const trimmed = masked.value.trim();
    const whole = trimmed.length <= 12 ? /^["'(\[]?\s*([1-5]\d\d)\s*["')\]]?$/.exec(trimmed) : null;
    const hits: Array<{ index: number; length: number; status: number }> = [];
    if (whole) hits.push({ index: 0, length: masked.value.length, status: Number(whole[1]) });
    for (const source of HTTP_PATTERNS) {
      const pattern = new RegExp(source.source, source.flags);
      let m: RegExpExecArray | null;
      let guard = 0;
      while ((m = pattern.exec(masked.value)) && guard++ < MAX_HITS) hits.push({ index: m.index, length: m[0].length, status: Number(m[1]) });
    }
    const statuses = new Map<number, DecodedItem>();
    for (const hit of hits.slice(0, MAX_HITS)) {
      let item = statuses.get(hit.status);
      if (!item) {
        item = this.httpItem(hit.status, locale, brand);
        statuses.set(hit.status, item);
      }
      found.push({ index: hit.index, key: `HTTP ${hit.status}`, item });
    }
    this.mask(masked, hits);
    // A reason phrase on its own ("Too Many Requests").
    const rest = masked.value.trim();
    const phrase = rest.length <= 40 ? normalize(rest) : '';
    const reason = HTTP_REASONS.find(([, r]) => r === phrase);
    if (reason && !found.length) {
      found.push({ index: 0, key: `HTTP ${reason[0]}`, item: this.httpItem(reason[0], locale, brand) });
      this.mask(masked, [{ index: 0, length: masked.value.length }]);
    }
  }

  private scanBare(masked: { value: string }, found: Found[], locale: Locale, brand: BrandConfig) {
    if (!this.barePattern) return;
    const pattern = new RegExp(this.barePattern.source, this.barePattern.flags);
    const hits: Array<{ index: number; length: number; indexed: IndexedError }> = [];
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = pattern.exec(masked.value)) && guard++ < MAX_HITS) {
      const indexed = this.bareCodes.get(m[1]!.toLowerCase());
      if (!indexed) continue;
      // A plain dictionary word (e.g. "unavailable") counts only as written or when it is the whole input.
      const isWord = /^[A-Za-z][a-z]+$/.test(indexed.entry.code);
      if (isWord && m[1] !== indexed.entry.code && masked.value.trim().toLowerCase() !== indexed.key) continue;
      hits.push({ index: m.index, length: m[0].length, indexed });
    }
    this.mask(masked, hits);
    const items = new Map<IndexedError, DecodedItem>();
    for (const hit of hits) {
      let item = items.get(hit.indexed);
      if (!item) {
        item = this.errorItem(hit.indexed, hit.indexed.entry.code, 'exact', locale, brand, {});
        items.set(hit.indexed, item);
      }
      found.push({ index: hit.index, key: hit.indexed.entry.code, item });
    }
  }

  /** Text without any recognisable code: each line (or comma-separated part) is matched by message. */
  private scanMessages(textValue: string, found: Found[], locale: Locale, brand: BrandConfig) {
    const segments = textValue
      .split(/\n|;|\||,\s/)
      .map((s) => trimFragment(s.trim()))
      .filter((s) => s.length >= 2)
      .slice(0, MAX_SEGMENTS);
    let offset = 0;
    for (const segment of segments) {
      const item = this.matchMessage(segment.slice(0, MAX_FUZZY_LENGTH), locale, brand);
      offset++;
      if (item) found.push({ index: offset, key: `${item.code ?? item.category}|${item.detail ?? ''}|${item.fallback ? segment.toLowerCase() : ''}`, item });
    }
  }

  // --- matching ----------------------------------------------------------------------------

  private matchPrefixed(prefix: string, restRaw: string, locale: Locale, brand: BrandConfig): DecodedItem {
    const rest = normalize(trimFragment(restRaw));
    const full = `${prefix.toLowerCase()}:${rest}`;
    const source = rest ? `${prefix}:${trimFragment(restRaw).trim()}` : prefix;
    const exact = this.byKey.get(full);
    if (exact) return this.errorItem(exact, source, 'exact', locale, brand, {});

    const detailed = this.longestCodePrefix(full);
    if (detailed?.detail) {
      const detail = originalSpelling(trimFragment(restRaw), detailed.detail);
      return this.errorItem(detailed.indexed, source, 'detail', locale, brand, { detail });
    }
    // A code followed by prose ("EAPI:Invalid nonce when I call Balance"): the code alone.
    if (detailed) return this.errorItem(detailed.indexed, `${prefix}:${restRaw.trim().slice(0, detailed.indexed.message.length)}`, 'exact', locale, brand, {});

    const category = this.categories.get(prefix);
    const sameCategory = this.errors.filter((e) => e.entry.category === prefix && e.hasPrefix);
    if (rest.length >= 3) {
      const partial = sameCategory.filter((e) => e.key.startsWith(full)).sort((a, b) => a.key.length - b.key.length)[0];
      if (partial) return this.errorItem(partial, source, 'partial', locale, brand, {});
    }
    const closestInCategory = rest ? this.closest(rest.slice(0, MAX_FUZZY_LENGTH), sameCategory) : null;
    if (closestInCategory && closestInCategory.score >= FUZZY_MATCH) {
      return this.errorItem(closestInCategory.indexed, source, 'fuzzy', locale, brand, { alternatives: closestInCategory.ties });
    }
    if (category) {
      const hint = closestInCategory && closestInCategory.score >= FUZZY_HINT ? closestInCategory.indexed.entry.code : null;
      return this.categoryItem(category, source, 'category', locale, brand, { closest: hint });
    }
    // Unknown prefix: the closest message anywhere decides the category.
    const anywhere = rest ? this.closest(rest.slice(0, MAX_FUZZY_LENGTH), this.errors) : null;
    if (anywhere && anywhere.score >= FUZZY_HINT) {
      const cat = this.categories.get(anywhere.indexed.entry.category)!;
      return this.categoryItem(cat, source, 'closest-category', locale, brand, { closest: anywhere.indexed.entry.code });
    }
    return this.unknownItem(source, locale, brand);
  }

  private matchMessage(segment: string, locale: Locale, brand: BrandConfig): DecodedItem | null {
    const typed = normalize(segment);
    if (!typed) return null;
    const exact = this.errors.filter((e) => e.message === typed);
    if (exact.length) {
      const alternatives = exact.slice(1).map((e) => e.entry.code);
      return this.errorItem(exact[0]!, segment, 'message', locale, brand, { alternatives });
    }
    // "Invalid arguments:volume" → the longest message it starts with.
    const detailed = this.errors
      .filter((e) => e.hasPrefix && typed.startsWith(`${e.message}:`))
      .sort((a, b) => b.message.length - a.message.length)[0];
    if (detailed) return this.errorItem(detailed, segment, 'detail', locale, brand, { detail: originalSpelling(segment, typed.slice(detailed.message.length + 1)) });
    if (typed.length >= 6) {
      const partial = this.errors.filter((e) => e.message.startsWith(typed)).sort((a, b) => a.message.length - b.message.length)[0];
      if (partial) return this.errorItem(partial, segment, 'partial', locale, brand, {});
    }
    const closest = this.closest(typed, this.errors);
    if (closest && closest.score >= FUZZY_MATCH) return this.errorItem(closest.indexed, segment, 'fuzzy', locale, brand, { alternatives: closest.ties });
    if (closest && closest.score >= FUZZY_HINT) {
      const cat = this.categories.get(closest.indexed.entry.category)!;
      return this.categoryItem(cat, segment, 'closest-category', locale, brand, { closest: closest.indexed.entry.code });
    }
    return null;
  }

  /**
   * The longest catalogue code that `full` starts with. Text after ':', '(' or ' - ' is server
   * detail; text after a plain space is prose around the code (empty detail).
   */
  private longestCodePrefix(full: string): { indexed: IndexedError; detail: string } | null {
    let best: { indexed: IndexedError; detail: string } | null = null;
    for (const e of this.errors) {
      if (!e.hasPrefix || !full.startsWith(e.key) || full.length === e.key.length) continue;
      const tail = full.slice(e.key.length);
      if (!/^(:|\s*\(|\s+-\s|\s)/.test(tail)) continue;
      if (best && best.indexed.key.length >= e.key.length) continue;
      const detail = /^(:|\s*\(|\s+-\s)/.test(tail) ? tail.replace(/^[:\s(-]+/, '').replace(/\)$/, '').trim() : '';
      best = { indexed: e, detail };
    }
    return best;
  }

  private closest(typed: string, pool: IndexedError[]): { indexed: IndexedError; score: number; ties: string[] } | null {
    let best: IndexedError | null = null;
    let bestScore = 0;
    const scores = new Map<IndexedError, number>();
    for (const e of pool) {
      const score = Math.max(...e.candidates.map((c) => similarity(typed, c)));
      scores.set(e, score);
      if (score > bestScore + 1e-9) {
        best = e;
        bestScore = score;
      }
    }
    if (!best) return null;
    const ties = [...scores].filter(([e, s]) => e !== best && Math.abs(s - bestScore) < 1e-9).map(([e]) => e.entry.code).slice(0, 4);
    return { indexed: best, score: bestScore, ties };
  }

  // --- items -------------------------------------------------------------------------------

  private localize(g: Guidance, locale: Locale, brand: BrandConfig) {
    const fill = (s: string) => fillBrand(s, brand);
    return {
      title: fill(g.title[locale]),
      meaning: fill(g.meaning[locale]),
      causes: g.causes[locale].map(fill),
      steps: g.steps[locale].map(fill),
      articles: [...g.articles],
      tools: [...g.tools],
    };
  }

  private note(key: NoteKey, locale: Locale, brand: BrandConfig, params: Record<string, string>): string {
    return fillBrand(interpolate(this.catalogue.notes[key][locale], params), brand);
  }

  private errorItem(
    indexed: IndexedError,
    source: string,
    match: MatchKind,
    locale: Locale,
    brand: BrandConfig,
    extra: { detail?: string; alternatives?: string[] },
  ): DecodedItem {
    const { entry } = indexed;
    const category = this.categories.get(entry.category)!;
    const alternatives = extra.alternatives ?? [];
    const notes: string[] = [];
    if (match === 'partial') notes.push(this.note('partial', locale, brand, { input: source, code: entry.code }));
    if (match === 'fuzzy') notes.push(this.note('fuzzy', locale, brand, { input: source, code: entry.code }));
    if (match === 'message') notes.push(this.note('message', locale, brand, {}));
    if (extra.detail) notes.push(this.note('detail', locale, brand, { detail: extra.detail }));
    if (alternatives.length) notes.push(this.note('ambiguous', locale, brand, { codes: alternatives.join(', ') }));
    const localized = this.localize(this.withCategoryDefaults(entry, category), locale, brand);
    return {
      source,
      type: 'error',
      match,
      fallback: false,
      code: entry.code,
      status: null,
      category: entry.category,
      categoryTitle: fillBrand(category.title[locale], brand),
      ...localized,
      related: entry.http.map((s) => `HTTP ${s}`),
      note: notes.length ? notes.join(' ') : null,
      detail: extra.detail ?? null,
      closest: null,
      alternatives,
    };
  }

  /** Entries without their own articles/tools borrow the category's. */
  private withCategoryDefaults(entry: CatalogueError, category: CatalogueCategory): Guidance {
    return {
      ...entry,
      articles: entry.articles.length ? entry.articles : category.articles,
      tools: entry.tools.length ? entry.tools : category.tools,
    };
  }

  private categoryItem(
    category: CatalogueCategory,
    source: string,
    match: 'category' | 'closest-category',
    locale: Locale,
    brand: BrandConfig,
    extra: { closest: string | null },
  ): DecodedItem {
    const note =
      match === 'category'
        ? this.note('fallbackCategory', locale, brand, { input: source, category: category.id })
        : this.note('fallbackClosest', locale, brand, { input: source, category: category.id, code: extra.closest ?? '' });
    return {
      source,
      type: 'error',
      match,
      fallback: true,
      code: null,
      status: null,
      category: category.id,
      categoryTitle: fillBrand(category.title[locale], brand),
      ...this.localize(category, locale, brand),
      related: [],
      note,
      detail: null,
      closest: extra.closest,
      alternatives: [],
    };
  }

  private httpItem(status: number, locale: Locale, brand: BrandConfig): DecodedItem {
    const exact = this.httpByStatus.get(status);
    const cls = `${Math.floor(status / 100)}xx`;
    const entry = exact ?? this.httpByClass.get(cls);
    if (!entry) return { ...this.unknownItem(`HTTP ${status}`, locale, brand), status };
    return {
      source: `HTTP ${status}`,
      type: 'http',
      match: exact ? 'status' : 'status-class',
      fallback: !exact,
      code: `HTTP ${status}`,
      status,
      category: 'HTTP',
      categoryTitle: 'HTTP',
      ...this.localize(entry, locale, brand),
      related: [...entry.related],
      note: exact ? null : this.note('fallbackStatus', locale, brand, { status: String(status), class: cls }),
      detail: null,
      closest: null,
      alternatives: [],
    };
  }

  private unknownItem(source: string, locale: Locale, brand: BrandConfig): DecodedItem {
    return {
      source,
      type: 'unknown',
      match: 'unknown',
      fallback: true,
      code: null,
      status: null,
      category: 'unknown',
      categoryTitle: fillBrand(this.catalogue.unknown.title[locale], brand),
      ...this.localize(this.catalogue.unknown, locale, brand),
      related: [],
      note: this.note('unknown', locale, brand, { input: source }),
      detail: null,
      closest: null,
      alternatives: [],
    };
  }
}
