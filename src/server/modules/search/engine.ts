import type { Jieba } from '@node-rs/jieba';
import { getJieba } from './jieba.js';
import { DEFAULT_GLOSSARY } from './glossary.js';
import { Highlighter } from './highlight.js';
import { LocaleIndex, type StoredDoc } from './locale-index.js';
import { compileGlossary, planQuery, type CompiledGlossary, type QueryPlan } from './query.js';
import type {
  GlossaryEntry,
  Locale,
  SearchDocument,
  SearchHit,
  SearchOptions,
  SearchResult,
  SuggestOptions,
  Suggestion,
} from './types.js';

const LOCALES: readonly Locale[] = ['zh-cn', 'en-us'];
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
/** Hits scoring below this fraction of the best hit are not results (keeps `total` meaningful). */
const MIN_RELATIVE_SCORE = 0.15;

export interface HelpCenterSearchOptions {
  /** Extra words for the Chinese segmenter (on top of the built-in domain dictionary). */
  dictionaryWords?: string[];
  /** Replaces the built-in bilingual glossary. */
  glossary?: GlossaryEntry[];
  /**
   * Use jieba's full 349k-word dictionary instead of the compact one (frequent words and all
   * single characters, ~80k entries): about 15 MB more memory, for corpora full of rare words.
   */
  fullDictionary?: boolean;
}

interface Candidate {
  score: number;
  id: string;
  index: LocaleIndex;
  docNo: number;
}

function better(a: Candidate, b: Candidate): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}

function copyDoc(doc: SearchDocument): StoredDoc {
  if (typeof doc.id !== 'string' || !doc.id) throw new TypeError('SearchDocument.id must be a non-empty string');
  if (doc.locale !== 'zh-cn' && doc.locale !== 'en-us') throw new TypeError(`Unsupported locale: ${String(doc.locale)}`);
  return {
    id: doc.id,
    locale: doc.locale,
    title: doc.title ?? '',
    labels: [...(doc.labels ?? [])],
    body: doc.body ?? '',
    sectionId: doc.sectionId,
    categoryId: doc.categoryId,
  };
}

/**
 * In-memory bilingual full-text search for Help Center articles.
 *
 * Chinese is segmented with jieba (search mode, domain dictionary) and also indexed as character
 * bigrams (weighted lower); English is case-folded and stemmed, with prefix completion of the
 * last word and one-edit typo tolerance for long words. Codes (EAPI:Invalid key, ERC-20, HTTP 429,
 * 2FA) are kept as units. A bilingual glossary expands queries across languages and colloquial
 * phrasing. Ranking is BM25F over title > labels > body; results are deterministic (ties broken
 * by id) whatever the insertion order.
 */
export class HelpCenterSearch {
  private readonly jieba: Jieba;
  private readonly glossary: CompiledGlossary;
  private readonly indexes: Record<Locale, LocaleIndex>;
  private readonly locations = new Map<string, { locale: Locale; docNo: number }>();

  constructor(options: HelpCenterSearchOptions = {}) {
    this.jieba = getJieba(options.dictionaryWords ?? [], options.fullDictionary ?? false);
    this.glossary = compileGlossary(options.glossary ?? DEFAULT_GLOSSARY, this.jieba);
    this.indexes = { 'zh-cn': new LocaleIndex(this.jieba), 'en-us': new LocaleIndex(this.jieba) };
  }

  get size(): number {
    return this.locations.size;
  }

  has(id: string): boolean {
    return this.locations.has(id);
  }

  /** Adds a document; throws if a document with the same id is already indexed (use `replace`). */
  add(doc: SearchDocument): void {
    if (this.locations.has(doc.id)) throw new Error(`Duplicate search document id: ${doc.id}`);
    const stored = copyDoc(doc);
    const docNo = this.indexes[stored.locale].add(stored);
    this.locations.set(stored.id, { locale: stored.locale, docNo });
  }

  /** Adds many documents (validated first: on a bad or duplicate document nothing is added). */
  addAll(docs: SearchDocument[]): void {
    const byLocale: Record<Locale, StoredDoc[]> = { 'zh-cn': [], 'en-us': [] };
    const seen = new Set<string>();
    for (const doc of docs) {
      const stored = copyDoc(doc);
      if (this.locations.has(stored.id) || seen.has(stored.id)) throw new Error(`Duplicate search document id: ${stored.id}`);
      seen.add(stored.id);
      byLocale[stored.locale].push(stored);
    }
    for (const locale of LOCALES) {
      const stored = byLocale[locale];
      if (!stored.length) continue;
      const docNos = this.indexes[locale].addMany(stored);
      stored.forEach((doc, i) => this.locations.set(doc.id, { locale, docNo: docNos[i]! }));
      this.indexes[locale].commit();
    }
  }

  /** Removes a document; unknown ids are ignored. */
  remove(id: string): void {
    const location = this.locations.get(id);
    if (!location) return;
    this.indexes[location.locale].remove(location.docNo);
    this.locations.delete(id);
  }

  /** Adds or replaces the document with the same id. */
  replace(doc: SearchDocument): void {
    this.remove(doc.id);
    this.add(doc);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const ranked = this.rank(query, options, offset + limit);
    if (!ranked) return { total: 0, hits: [] };
    const hits: SearchHit[] = [];
    const highlighters = new Map<LocaleIndex, Highlighter>();
    for (const c of ranked.top.slice(offset, offset + limit)) {
      const doc = c.index.docs[c.docNo]!;
      let highlighter = highlighters.get(c.index);
      if (!highlighter) {
        highlighter = new Highlighter(ranked.plans.get(c.index)!.highlight);
        highlighters.set(c.index, highlighter);
      }
      hits.push({
        id: doc.id,
        locale: doc.locale,
        score: Math.round(c.score * 1e6) / 1e6,
        title: doc.title,
        titleHtml: highlighter.title(doc.title),
        snippet: highlighter.snippet(doc.body),
        sectionId: doc.sectionId,
        categoryId: doc.categoryId,
        labels: [...doc.labels],
      });
    }
    return { total: ranked.total, hits };
  }

  /** Title suggestions for a partial query (search-as-you-type). */
  suggest(query: string, options: SuggestOptions = {}): Suggestion[] {
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(options.limit ?? 5)));
    const ranked = this.rank(query, options, limit);
    if (!ranked) return [];
    return ranked.top.map((c) => {
      const doc = c.index.docs[c.docNo]!;
      const highlighter = new Highlighter(ranked.plans.get(c.index)!.highlight);
      return { id: doc.id, locale: doc.locale, title: doc.title, titleHtml: highlighter.title(doc.title) };
    });
  }

  /**
   * Debugging aid: how each part of the query plan contributes to one document's score
   * (groups are shown as `weight × variants`; `score` is the weighted contribution).
   */
  explain(query: string, id: string): { total: number; groups: { weight: number; variants: string[]; score: number }[] } | null {
    const location = this.locations.get(id);
    if (!location) return null;
    const index = this.indexes[location.locale];
    const plan = planQuery(query, this.jieba, this.glossary, index);
    if (!plan) return { total: 0, groups: [] };
    const groups = plan.groups.map((g) => {
      index.score([g]);
      return {
        weight: g.weight,
        variants: g.variants.map((v) => v.map((t) => `${t.key.replace('\u0001', '#')}${t.weight === 1 ? '' : `*${t.weight.toFixed(2)}`}`).join('+')),
        score: index.scoreOf(location.docNo),
      };
    });
    return { total: groups.reduce((sum, g) => sum + g.score, 0), groups };
  }

  private rank(
    query: string,
    options: SearchOptions,
    keep: number,
  ): { total: number; top: Candidate[]; plans: Map<LocaleIndex, QueryPlan> } | null {
    if (typeof query !== 'string') return null;
    const locales = options.locale ? [options.locale] : LOCALES;
    const plans = new Map<LocaleIndex, QueryPlan>();
    for (const locale of locales) {
      const index = this.indexes[locale];
      if (!index || index.size === 0) continue;
      const plan = planQuery(query, this.jieba, this.glossary, index);
      if (!plan) continue;
      index.score(plan.groups);
      plans.set(index, plan);
    }
    if (!plans.size) return null;

    const { categoryId, sectionId } = options;
    const filtered = categoryId !== undefined || sectionId !== undefined;
    const accept = (doc: StoredDoc): boolean =>
      (categoryId === undefined || doc.categoryId === categoryId) && (sectionId === undefined || doc.sectionId === sectionId);

    let max = 0;
    for (const index of plans.keys()) {
      for (let i = 0, n = index.touchedCount(); i < n; i++) {
        const docNo = index.touchedDoc(i);
        const score = index.scoreOf(docNo);
        if (score > max && (!filtered || accept(index.docs[docNo]!))) max = score;
      }
    }
    if (max <= 0) return { total: 0, top: [], plans };
    const threshold = max * MIN_RELATIVE_SCORE;

    let total = 0;
    const top: Candidate[] = [];
    for (const index of plans.keys()) {
      for (let i = 0, n = index.touchedCount(); i < n; i++) {
        const docNo = index.touchedDoc(i);
        const score = index.scoreOf(docNo);
        if (score < threshold) continue;
        if (filtered && !accept(index.docs[docNo]!)) continue;
        total++;
        if (keep === 0) continue;
        if (top.length === keep && score < top[keep - 1]!.score) continue;
        const candidate: Candidate = { score, id: index.docs[docNo]!.id, index, docNo };
        if (top.length === keep && !better(candidate, top[keep - 1]!)) continue;
        let pos = top.length === keep ? keep - 1 : top.length;
        if (top.length === keep) top.pop();
        while (pos > 0 && better(candidate, top[pos - 1]!)) pos--;
        top.splice(pos, 0, candidate);
      }
    }
    return { total, top, plans };
  }
}
