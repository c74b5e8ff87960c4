import type { Kysely } from 'kysely';
import type { BrandConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { Locale } from '../../../shared/locales.js';
import { HelpCenterSearch, type SearchDocument, type SearchOptions, type SearchResult } from '../search/index.js';
import { listPublishedForIndex } from './kb.queries.js';
import { markdownToText } from './kb.render.js';

/** Search document id for one article translation. */
export const docId = (articleId: string, locale: string) => `${articleId}:${locale}`;
export const articleIdOf = (documentId: string) => documentId.slice(0, documentId.lastIndexOf(':'));

/**
 * Keeps an in-process search index in step with the database. Writes in this process call
 * `refresh()`; other processes pick changes up on their periodic `refresh()`. The index holds
 * only published translations, loaded in id order so ranking is the same on every dialect.
 */
export class KnowledgeBaseIndex {
  private engine = new HelpCenterSearch();
  private signature = new Map<string, string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly brand: BrandConfig,
  ) {}

  get size(): number {
    return this.engine.size;
  }

  /** Reconciles the index with the database; returns how many documents changed. */
  async refresh(): Promise<number> {
    const rows = await listPublishedForIndex(this.db);
    const seen = new Set<string>();
    const changed: SearchDocument[] = [];
    for (const row of rows) {
      if (row.status !== 'published') continue;
      const id = docId(row.id, row.locale);
      seen.add(id);
      const signature = `${row.updated_at}|${row.section_id}|${row.category_id}`;
      if (this.signature.get(id) === signature) continue;
      this.signature.set(id, signature);
      changed.push({
        id,
        locale: row.locale as Locale,
        title: row.title,
        labels: JSON.parse(row.labels) as string[],
        body: markdownToText(row.body_md, this.brand),
        sectionId: row.section_id,
        categoryId: row.category_id,
      });
    }
    let removed = 0;
    for (const id of [...this.signature.keys()]) {
      if (!seen.has(id)) {
        this.signature.delete(id);
        if (this.engine.has(id)) this.engine.remove(id);
        removed++;
      }
    }
    if (this.engine.size === 0) {
      this.engine.addAll(changed); // first load: one batch is much cheaper than single adds
    } else {
      for (const doc of changed) {
        if (this.engine.has(doc.id)) this.engine.replace(doc);
        else this.engine.add(doc);
      }
    }
    return changed.length + removed;
  }

  search(query: string, options: SearchOptions): SearchResult {
    return this.engine.search(query, options);
  }
}
