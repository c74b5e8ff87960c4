/**
 * Benchmark adapters: Pharos search and baseline engines with their default configuration.
 * Each adapter is loaded lazily so a benchmark child process only imports the engine it measures.
 */
import type { Locale, SearchDocument } from '../../src/server/modules/search/index.js';

export const ENGINE_NAMES = ['pharos', 'minisearch', 'orama', 'flexsearch', 'fts5'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface BenchEngine {
  /** Indexes all documents. */
  build(docs: SearchDocument[]): Promise<void> | void;
  /** Runs one query within a locale and returns the number of hits on the first page (≤ 10). */
  search(query: string, locale: Locale): Promise<number> | number;
}

async function pharos(): Promise<BenchEngine> {
  const { HelpCenterSearch } = await import('../../src/server/modules/search/index.js');
  const engine = new HelpCenterSearch();
  return {
    build: (docs) => engine.addAll(docs),
    search: (q, locale) => engine.search(q, { locale, limit: 10 }).hits.length,
  };
}

async function minisearch(): Promise<BenchEngine> {
  const { default: MiniSearch } = await import('minisearch');
  // Default configuration: default tokenizer and scoring, OR combination, no fuzzy/prefix.
  const engine = new MiniSearch<SearchDocument>({
    fields: ['title', 'labels', 'body'],
    storeFields: ['locale'],
    extractField: (doc, field) => {
      const value = (doc as unknown as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join(' ') : (value as string);
    },
  });
  return {
    build: (docs) => engine.addAll(docs),
    search: (q, locale) => engine.search(q, { filter: (r) => r.locale === locale }).slice(0, 10).length,
  };
}

async function orama(): Promise<BenchEngine> {
  const { create, insertMultiple, search } = await import('@orama/orama');
  const db = create({
    schema: { title: 'string', labels: 'string[]', body: 'string', locale: 'enum' } as const,
  });
  return {
    build: async (docs) => {
      await insertMultiple(db, docs.map((d) => ({ id: d.id, title: d.title, labels: d.labels, body: d.body, locale: d.locale })), 1000);
    },
    search: async (q, locale) => {
      const result = await search(db, { term: q, where: { locale: { eq: locale } }, limit: 10 });
      return result.hits.length;
    },
  };
}

interface FlexDocument {
  add(doc: Record<string, unknown>): unknown;
  search(query: string, options: Record<string, unknown>): { field?: string; tag?: string; result: unknown[] }[];
}

async function flexsearch(): Promise<BenchEngine> {
  const module = (await import('flexsearch')) as unknown as { Document: new (options: unknown) => FlexDocument };
  // Default Document index (default tokenizer/encoder); locale as a tag for filtering.
  const index = new module.Document({ document: { id: 'id', index: ['title', 'labels', 'body'], tag: 'locale' } });
  return {
    build: (docs) => {
      for (const d of docs) index.add({ id: d.id, title: d.title, labels: d.labels.join(' '), body: d.body, locale: d.locale });
    },
    search: (q, locale) => {
      const results = index.search(q, { tag: { locale }, limit: 10 });
      const ids = new Set<unknown>();
      for (const r of results) for (const id of r.result) ids.add(id);
      return Math.min(10, ids.size);
    },
  };
}

async function fts5(): Promise<BenchEngine> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, locale UNINDEXED, title, labels, body, tokenize='trigram')",
  );
  const insert = db.prepare('INSERT INTO docs (id, locale, title, labels, body) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare('SELECT id FROM docs WHERE docs MATCH ? AND locale = ? ORDER BY bm25(docs, 0, 0, 3, 2, 1) LIMIT 10');
  return {
    build: (docs) => {
      db.transaction(() => {
        for (const d of docs) insert.run(d.id, d.locale, d.title, d.labels.join(' '), d.body);
      })();
    },
    search: (q, locale) => {
      // Trigram tokens need ≥ 3 characters; terms are OR-ed phrase strings.
      const terms = q
        .split(/[\s,.;:!?，。？！、“”"()（）]+/u)
        .filter((t) => [...t].length >= 3)
        .map((t) => `"${t.replace(/"/g, '""')}"`);
      if (!terms.length) return 0;
      return select.all(terms.join(' OR '), locale).length;
    },
  };
}

export async function createEngine(name: EngineName): Promise<BenchEngine> {
  switch (name) {
    case 'pharos': return pharos();
    case 'minisearch': return minisearch();
    case 'orama': return orama();
    case 'flexsearch': return flexsearch();
    case 'fts5': return fts5();
  }
}
