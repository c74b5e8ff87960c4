/** Locales the Help Center search understands. Kept structurally identical to `shared/locales.ts`. */
export type Locale = 'zh-cn' | 'en-us';

/** One article translation as the search engine sees it. */
export interface SearchDocument {
  id: string;
  locale: Locale;
  title: string;
  labels: string[];
  /** Plain text, already stripped of Markdown. */
  body: string;
  sectionId: string;
  categoryId: string;
}

export interface SearchOptions {
  locale?: Locale;
  categoryId?: string;
  sectionId?: string;
  /** Page size, default 10. */
  limit?: number;
  /** Number of hits to skip, default 0. */
  offset?: number;
}

export interface SearchHit {
  id: string;
  locale: Locale;
  score: number;
  title: string;
  /** HTML-escaped title with matches wrapped in `<mark>`. */
  titleHtml: string;
  /** HTML-escaped plain-text excerpt (~160 chars) around the best match, matches in `<mark>…</mark>`. */
  snippet: string;
  sectionId: string;
  categoryId: string;
  labels: string[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

export interface SuggestOptions {
  locale?: Locale;
  categoryId?: string;
  sectionId?: string;
  /** Default 5. */
  limit?: number;
}

export interface Suggestion {
  id: string;
  locale: Locale;
  title: string;
  titleHtml: string;
}

/**
 * A glossary entry. `terms` are equivalent forms (any language; same-language synonyms and
 * translations alike): a query containing one of them is expanded with all the others.
 * `expand` are one-way additions: a query containing one of `terms` also looks for them, but a
 * query containing an `expand` form does not pull in `terms` (useful for colloquial phrasing
 * such as 提不出来 → 提现失败).
 */
export interface GlossaryEntry {
  terms: string[];
  expand?: string[];
  /** Weight of the expansions relative to the user's own words; default 0.4. */
  weight?: number;
}
