import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import type { Locale } from '../../../shared/locales.js';
import type { BrandConfig } from '../../config.js';
import {
  findArticleIdentity,
  findArticleRow,
  findCategoryRow,
  findSectionRow,
  incrementViews,
  listArticleRows,
  listCategoryRows,
  listRevisionRows,
  listSectionRows,
  listTranslationLocales,
  type ArticleFilter,
  type ArticleRow,
  type ArticleSort,
} from './kb.queries.js';
import { articleIdOf, type KnowledgeBaseIndex } from './kb.search.js';


type Db = Kysely<Database>;

export interface TranslationInput {
  title: string;
  bodyMarkdown: string;
  labels: string[];
  status: 'draft' | 'published';
}

export const contentHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return ascii || `article-${newId().slice(-8)}`;
}

export async function upsertCategory(trx: Db, key: string, position: number, translations: Partial<Record<Locale, { title: string; description: string }>>) {
  const now = nowIso();
  const existing = await trx.selectFrom('categories').select(['id', 'position']).where('key', '=', key).executeTakeFirst();
  const id = existing?.id ?? newId('cat');
  if (!existing) await trx.insertInto('categories').values({ id, key, position, created_at: now, updated_at: now }).execute();
  else if (existing.position !== position) await trx.updateTable('categories').set({ position, updated_at: now }).where('id', '=', id).execute();
  for (const [locale, t] of Object.entries(translations)) {
    if (!t) continue;
    await trx
      .insertInto('category_translations')
      .values({ category_id: id, locale, title: t.title, description: t.description })
      .onConflict((oc) => oc.columns(['category_id', 'locale']).doUpdateSet({ title: t.title, description: t.description }))
      .execute();
  }
  return { id, created: !existing };
}

export async function upsertSection(trx: Db, key: string, categoryId: string, position: number, translations: Partial<Record<Locale, { title: string; description: string }>>) {
  const now = nowIso();
  const existing = await trx.selectFrom('sections').select(['id', 'position', 'category_id']).where('key', '=', key).executeTakeFirst();
  const id = existing?.id ?? newId('sec');
  if (!existing) await trx.insertInto('sections').values({ id, key, category_id: categoryId, position, created_at: now, updated_at: now }).execute();
  else if (existing.position !== position || existing.category_id !== categoryId)
    await trx.updateTable('sections').set({ position, category_id: categoryId, updated_at: now }).where('id', '=', id).execute();
  for (const [locale, t] of Object.entries(translations)) {
    if (!t) continue;
    await trx
      .insertInto('section_translations')
      .values({ section_id: id, locale, title: t.title, description: t.description })
      .onConflict((oc) => oc.columns(['section_id', 'locale']).doUpdateSet({ title: t.title, description: t.description }))
      .execute();
  }
  return { id, created: !existing };
}

/** Creates the article row if the slug is new, or moves/reorders it. */
export async function upsertArticle(trx: Db, slug: string, sectionId: string, position: number, promoted: boolean) {
  const now = nowIso();
  const existing = await trx.selectFrom('articles').select(['id', 'section_id', 'position', 'promoted']).where('slug', '=', slug).executeTakeFirst();
  const id = existing?.id ?? newId('art');
  if (!existing) {
    await trx.insertInto('articles').values({ id, slug, section_id: sectionId, position, promoted: promoted ? 1 : 0, created_at: now, updated_at: now }).execute();
  } else if (existing.section_id !== sectionId || existing.position !== position || existing.promoted !== (promoted ? 1 : 0)) {
    await trx.updateTable('articles').set({ section_id: sectionId, position, promoted: promoted ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
  }
  return { id, created: !existing };
}

/**
 * Saves one locale of an article. Unchanged input is a no-op; any change bumps the revision
 * and appends a revision row (the full history). Returns what happened.
 */
export async function saveTranslation(
  trx: Db,
  articleId: string,
  locale: Locale,
  input: TranslationInput,
  author: string,
  sourceHash: string | null = null,
): Promise<'created' | 'updated' | 'unchanged'> {
  const now = nowIso();
  const labels = JSON.stringify(input.labels);
  const current = await trx.selectFrom('article_translations').selectAll().where('article_id', '=', articleId).where('locale', '=', locale).executeTakeFirst();
  if (current && current.title === input.title && current.body_md === input.bodyMarkdown && current.labels === labels && current.status === input.status) {
    if (sourceHash && current.source_hash !== sourceHash) await trx.updateTable('article_translations').set({ source_hash: sourceHash }).where('id', '=', current.id).execute();
    return 'unchanged';
  }
  const revision = (current?.revision ?? 0) + 1;
  const publishedAt = input.status === 'published' ? (current?.published_at ?? now) : null;
  if (current) {
    await trx
      .updateTable('article_translations')
      .set({ title: input.title, body_md: input.bodyMarkdown, labels, status: input.status, revision, source_hash: sourceHash, published_at: publishedAt, updated_at: now })
      .where('id', '=', current.id)
      .execute();
  } else {
    await trx
      .insertInto('article_translations')
      .values({ id: newId('atr'), article_id: articleId, locale, title: input.title, body_md: input.bodyMarkdown, labels, status: input.status, revision, source_hash: sourceHash, published_at: publishedAt, created_at: now, updated_at: now })
      .execute();
  }
  await trx
    .insertInto('article_revisions')
    .values({ id: newId('rev'), article_id: articleId, locale, revision, title: input.title, body_md: input.bodyMarkdown, labels, status: input.status, author, created_at: now })
    .execute();
  await trx.updateTable('articles').set({ updated_at: now }).where('id', '=', articleId).execute();
  return current ? 'updated' : 'created';
}

export async function deleteArticle(db: Db, idOrSlug: string) {
  const article = await findArticleIdentity(db, idOrSlug);
  if (!article) throw notFound('article');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('article_votes').where('article_id', '=', article.id).execute();
    await trx.deleteFrom('article_revisions').where('article_id', '=', article.id).execute();
    await trx.deleteFrom('article_translations').where('article_id', '=', article.id).execute();
    await trx.deleteFrom('articles').where('id', '=', article.id).execute();
  });
}

/** One vote per voter per article; voting again changes the vote. */
export async function voteOnArticle(db: Db, idOrSlug: string, locale: Locale, voterKey: string, value: 1 | -1) {
  const article = await findArticleIdentity(db, idOrSlug);
  if (!article) throw notFound('article');
  if (!voterKey) throw new AppError('validation_failed', { detail: 'missing voter' });
  const now = nowIso();
  await db
    .insertInto('article_votes')
    .values({ id: newId('vot'), article_id: article.id, locale, voter_key: voterKey, value, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['article_id', 'voter_key']).doUpdateSet({ value, locale, updated_at: now }))
    .execute();
  const totals = await db
    .selectFrom('article_votes')
    .select((eb) => [eb.fn.sum<number>('value').as('sum'), eb.fn.countAll<number>().as('count')])
    .where('article_id', '=', article.id)
    .executeTakeFirstOrThrow();
  return { articleId: article.id, value, voteSum: Number(totals.sum ?? 0), voteCount: Number(totals.count) };
}

// Read side and admin writes used by the API routes and the help-center pages.

export interface SearchPage {
  query: string;
  locale: Locale;
  page: number;
  perPage: number;
  count: number;
  hits: Array<{ article: ArticleRow; snippet: string; titleHtml: string; score: number }>;
}

export class KnowledgeBaseService {
  constructor(
    readonly db: Db,
    readonly index: KnowledgeBaseIndex,
    readonly brand: BrandConfig,
  ) {}

  categories(locale: Locale) {
    return listCategoryRows(this.db, locale);
  }

  async category(locale: Locale, idOrKey: string) {
    const row = await findCategoryRow(this.db, locale, idOrKey);
    if (!row) throw notFound('category');
    return row;
  }

  sections(locale: Locale, categoryId?: string) {
    return listSectionRows(this.db, locale, categoryId);
  }

  async section(locale: Locale, idOrKey: string) {
    const row = await findSectionRow(this.db, locale, idOrKey);
    if (!row) throw notFound('section');
    return row;
  }

  articles(filter: ArticleFilter, page: { page: number; perPage: number; sort?: ArticleSort; order?: 'asc' | 'desc' }) {
    return listArticleRows(this.db, filter, {
      limit: page.perPage,
      offset: (page.page - 1) * page.perPage,
      sort: page.sort ?? 'position',
      order: page.order ?? 'asc',
    });
  }

  async article(locale: Locale, idOrSlug: string, includeDrafts = false) {
    const row = await findArticleRow(this.db, locale, idOrSlug, includeDrafts);
    if (!row) throw notFound('article');
    return row;
  }

  /** Locales in which the article is published (for the language switch). */
  async availableLocales(articleId: string): Promise<Locale[]> {
    return (await listTranslationLocales(this.db, articleId)).map((r) => r.locale as Locale);
  }

  recordView(articleId: string) {
    return incrementViews(this.db, articleId);
  }

  revisions(articleId: string, locale?: Locale) {
    return listRevisionRows(this.db, articleId, locale);
  }

  popular(locale: Locale, limit = 8) {
    return listArticleRows(this.db, { locale }, { limit, offset: 0, sort: 'popularity', order: 'desc' }).then((r) => r.rows);
  }

  async search(query: string, options: { locale: Locale; categoryId?: string; sectionId?: string; page: number; perPage: number }): Promise<SearchPage> {
    const trimmed = query.trim();
    if (!trimmed) return { query: trimmed, locale: options.locale, page: options.page, perPage: options.perPage, count: 0, hits: [] };
    const result = this.index.search(trimmed, {
      locale: options.locale,
      ...(options.categoryId ? { categoryId: options.categoryId } : {}),
      ...(options.sectionId ? { sectionId: options.sectionId } : {}),
      limit: options.perPage,
      offset: (options.page - 1) * options.perPage,
    });
    const ids = result.hits.map((h) => articleIdOf(h.id));
    const { rows } = await listArticleRows(this.db, { locale: options.locale, ids }, { limit: ids.length || 1, offset: 0, sort: 'position', order: 'asc' });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const hits = result.hits.flatMap((h) => {
      const article = byId.get(articleIdOf(h.id));
      return article ? [{ article, snippet: h.snippet, titleHtml: h.titleHtml, score: h.score }] : [];
    });
    return { query: trimmed, locale: options.locale, page: options.page, perPage: options.perPage, count: result.total, hits };
  }

  /** Articles related by content (search on the title and labels), then same-section fallbacks. */
  async related(article: ArticleRow, limit = 5): Promise<ArticleRow[]> {
    const locale = article.locale as Locale;
    const labels = JSON.parse(article.labels) as string[];
    const result = this.index.search(`${article.title} ${labels.join(' ')}`, { locale, limit: limit + 1 });
    const ids = result.hits.map((h) => articleIdOf(h.id)).filter((id) => id !== article.id);
    const { rows } = await listArticleRows(this.db, { locale, ids }, { limit: limit + 1, offset: 0, sort: 'position', order: 'asc' });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const picked = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    if (picked.length < limit) {
      const same = await listArticleRows(this.db, { locale, sectionId: article.section_id }, { limit: limit + 1, offset: 0, sort: 'position', order: 'asc' });
      for (const row of same.rows) if (row.id !== article.id && !picked.some((p) => p.id === row.id)) picked.push(row);
    }
    return picked.slice(0, limit);
  }

  async vote(idOrSlug: string, locale: Locale, voterKey: string, value: 1 | -1) {
    return voteOnArticle(this.db, idOrSlug, locale, voterKey, value);
  }

  async createCategory(locale: Locale, input: { key?: string; name: string; description?: string; position?: number }) {
    const key = input.key ?? slugify(input.name);
    const exists = await this.db.selectFrom('categories').select('id').where('key', '=', key).executeTakeFirst();
    if (exists) throw new AppError('conflict', { detail: `category key "${key}" already exists` });
    const { id } = await this.db.transaction().execute((trx) =>
      upsertCategory(trx, key, input.position ?? 0, { [locale]: { title: input.name, description: input.description ?? '' } }),
    );
    return this.category(locale, id);
  }

  async updateCategory(locale: Locale, idOrKey: string, input: { name?: string; description?: string; position?: number }) {
    const current = await this.db.selectFrom('categories').selectAll().where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)])).executeTakeFirst();
    if (!current) throw notFound('category');
    const tr = await this.db.selectFrom('category_translations').selectAll().where('category_id', '=', current.id).where('locale', '=', locale).executeTakeFirst();
    const name = input.name ?? tr?.title;
    if (!name) throw new AppError('validation_failed', { detail: 'category.name is required for a new translation' });
    await this.db.transaction().execute((trx) =>
      upsertCategory(trx, current.key, input.position ?? current.position, { [locale]: { title: name, description: input.description ?? tr?.description ?? '' } }),
    );
    return this.category(locale, current.id);
  }

  async createSection(locale: Locale, categoryIdOrKey: string, input: { key?: string; name: string; description?: string; position?: number }) {
    const category = await this.db.selectFrom('categories').select('id').where((eb) => eb.or([eb('id', '=', categoryIdOrKey), eb('key', '=', categoryIdOrKey)])).executeTakeFirst();
    if (!category) throw notFound('category');
    const key = input.key ?? slugify(input.name);
    const exists = await this.db.selectFrom('sections').select('id').where('key', '=', key).executeTakeFirst();
    if (exists) throw new AppError('conflict', { detail: `section key "${key}" already exists` });
    const { id } = await this.db.transaction().execute((trx) =>
      upsertSection(trx, key, category.id, input.position ?? 0, { [locale]: { title: input.name, description: input.description ?? '' } }),
    );
    return this.section(locale, id);
  }

  async updateSection(locale: Locale, idOrKey: string, input: { name?: string; description?: string; position?: number; categoryId?: string }) {
    const current = await this.db.selectFrom('sections').selectAll().where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)])).executeTakeFirst();
    if (!current) throw notFound('section');
    if (input.categoryId) {
      const category = await this.db.selectFrom('categories').select('id').where('id', '=', input.categoryId).executeTakeFirst();
      if (!category) throw notFound('category');
    }
    const tr = await this.db.selectFrom('section_translations').selectAll().where('section_id', '=', current.id).where('locale', '=', locale).executeTakeFirst();
    const name = input.name ?? tr?.title;
    if (!name) throw new AppError('validation_failed', { detail: 'section.name is required for a new translation' });
    await this.db.transaction().execute((trx) =>
      upsertSection(trx, current.key, input.categoryId ?? current.category_id, input.position ?? current.position, {
        [locale]: { title: name, description: input.description ?? tr?.description ?? '' },
      }),
    );
    return this.section(locale, current.id);
  }

  async createArticle(locale: Locale, sectionIdOrKey: string, input: { slug?: string; title: string; body: string; labelNames?: string[]; draft?: boolean; promoted?: boolean; position?: number }, author: string) {
    const section = await this.db.selectFrom('sections').select('id').where((eb) => eb.or([eb('id', '=', sectionIdOrKey), eb('key', '=', sectionIdOrKey)])).executeTakeFirst();
    if (!section) throw notFound('section');
    const slug = input.slug ?? slugify(input.title);
    const exists = await this.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
    if (exists) throw new AppError('conflict', { detail: `article slug "${slug}" already exists` });
    const id = await this.db.transaction().execute(async (trx) => {
      const { id } = await upsertArticle(trx, slug, section.id, input.position ?? 0, input.promoted ?? false);
      await saveTranslation(trx, id, locale, { title: input.title, bodyMarkdown: input.body, labels: input.labelNames ?? [], status: input.draft ? 'draft' : 'published' }, author);
      return id;
    });
    await this.index.refresh();
    return this.article(locale, id, true);
  }

  /** Updates (or adds) one translation and article-level fields; every content change is a revision. */
  async updateArticle(locale: Locale, idOrSlug: string, input: { title?: string; body?: string; labelNames?: string[]; draft?: boolean; promoted?: boolean; position?: number; sectionId?: string }, author: string) {
    const identity = await findArticleIdentity(this.db, idOrSlug);
    if (!identity) throw notFound('article');
    const article = await this.db.selectFrom('articles').selectAll().where('id', '=', identity.id).executeTakeFirstOrThrow();
    const current = await this.db.selectFrom('article_translations').selectAll().where('article_id', '=', identity.id).where('locale', '=', locale).executeTakeFirst();
    const title = input.title ?? current?.title;
    const body = input.body ?? current?.body_md;
    if (!title || !body) throw new AppError('validation_failed', { detail: 'article.title and article.body are required for a new translation' });
    if (input.sectionId) {
      const section = await this.db.selectFrom('sections').select('id').where('id', '=', input.sectionId).executeTakeFirst();
      if (!section) throw notFound('section');
    }
    await this.db.transaction().execute(async (trx) => {
      await upsertArticle(trx, article.slug, input.sectionId ?? article.section_id, input.position ?? article.position, input.promoted ?? article.promoted === 1);
      const status = input.draft === undefined ? (current?.status ?? 'published') : input.draft ? 'draft' : 'published';
      await saveTranslation(trx, article.id, locale, { title, bodyMarkdown: body, labels: input.labelNames ?? (current ? (JSON.parse(current.labels) as string[]) : []), status }, author);
    });
    await this.index.refresh();
    return this.article(locale, article.id, true);
  }

  async removeArticle(idOrSlug: string) {
    await deleteArticle(this.db, idOrSlug);
    await this.index.refresh();
  }
}
