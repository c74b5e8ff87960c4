import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Locale } from '../../../shared/locales.js';

type Db = Kysely<Database>;

export function listCategoryRows(db: Db, locale: Locale) {
  return db
    .selectFrom('categories as c')
    .innerJoin('category_translations as t', (j) => j.onRef('t.category_id', '=', 'c.id').on('t.locale', '=', locale))
    .select(['c.id', 'c.key', 'c.position', 'c.created_at', 'c.updated_at', 't.title', 't.description', 't.locale'])
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
}

export function findCategoryRow(db: Db, locale: Locale, idOrKey: string) {
  return db
    .selectFrom('categories as c')
    .innerJoin('category_translations as t', (j) => j.onRef('t.category_id', '=', 'c.id').on('t.locale', '=', locale))
    .select(['c.id', 'c.key', 'c.position', 'c.created_at', 'c.updated_at', 't.title', 't.description', 't.locale'])
    .where((eb) => eb.or([eb('c.id', '=', idOrKey), eb('c.key', '=', idOrKey)]))
    .executeTakeFirst();
}

export function listSectionRows(db: Db, locale: Locale, categoryId?: string) {
  let q = db
    .selectFrom('sections as s')
    .innerJoin('section_translations as t', (j) => j.onRef('t.section_id', '=', 's.id').on('t.locale', '=', locale))
    .innerJoin('categories as c', 'c.id', 's.category_id')
    .select(['s.id', 's.key', 's.category_id', 's.position', 's.created_at', 's.updated_at', 't.title', 't.description', 't.locale'])
    .orderBy('c.position')
    .orderBy('s.position')
    .orderBy('s.id');
  if (categoryId) q = q.where('s.category_id', '=', categoryId);
  return q.execute();
}

export function findSectionRow(db: Db, locale: Locale, idOrKey: string) {
  return db
    .selectFrom('sections as s')
    .innerJoin('section_translations as t', (j) => j.onRef('t.section_id', '=', 's.id').on('t.locale', '=', locale))
    .select(['s.id', 's.key', 's.category_id', 's.position', 's.created_at', 's.updated_at', 't.title', 't.description', 't.locale'])
    .where((eb) => eb.or([eb('s.id', '=', idOrKey), eb('s.key', '=', idOrKey)]))
    .executeTakeFirst();
}

export interface ArticleFilter {
  locale: Locale;
  sectionId?: string;
  categoryId?: string;
  label?: string;
  includeDrafts?: boolean;
  ids?: string[];
}

function articleBase(db: Db, filter: ArticleFilter) {
  let q = db
    .selectFrom('articles as a')
    .innerJoin('article_translations as t', (j) => j.onRef('t.article_id', '=', 'a.id').on('t.locale', '=', filter.locale))
    .innerJoin('sections as s', 's.id', 'a.section_id');
  if (!filter.includeDrafts) q = q.where('t.status', '=', 'published');
  if (filter.sectionId) q = q.where('a.section_id', '=', filter.sectionId);
  if (filter.categoryId) q = q.where('s.category_id', '=', filter.categoryId);
  if (filter.ids) q = q.where('a.id', 'in', filter.ids.length ? filter.ids : ['']);
  // Labels are a JSON array of strings; match the quoted element.
  if (filter.label) q = q.where('t.labels', 'like', `%${JSON.stringify(filter.label).replace(/[%_]/g, '')}%`);
  return q;
}

const voteSum = (db: Db) =>
  db.selectFrom('article_votes as v').select(['v.article_id', sql<number>`sum(v.value)`.as('vote_sum'), sql<number>`count(*)`.as('vote_count')]).groupBy('v.article_id');

export type ArticleSort = 'position' | 'title' | 'created_at' | 'updated_at' | 'popularity';

export async function listArticleRows(db: Db, filter: ArticleFilter, page: { limit: number; offset: number; sort: ArticleSort; order: 'asc' | 'desc' }) {
  const countRow = await articleBase(db, filter).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  let q = articleBase(db, filter)
    .leftJoin(voteSum(db).as('vs'), 'vs.article_id', 'a.id')
    .select([
      'a.id', 'a.slug', 'a.section_id', 'a.position', 'a.promoted', 'a.view_count', 'a.created_at', 'a.updated_at',
      's.category_id', 't.title', 't.body_md', 't.labels', 't.status', 't.locale', 't.published_at', 't.updated_at as edited_at', 't.revision',
      sql<number>`coalesce(vs.vote_sum, 0)`.as('vote_sum'), sql<number>`coalesce(vs.vote_count, 0)`.as('vote_count'),
    ]);
  const dir = page.order;
  switch (page.sort) {
    case 'title': q = q.orderBy('t.title', dir); break;
    case 'created_at': q = q.orderBy('a.created_at', dir); break;
    case 'updated_at': q = q.orderBy('t.updated_at', dir); break;
    case 'popularity': q = q.orderBy('a.promoted', 'desc').orderBy('a.view_count', 'desc').orderBy(sql`coalesce(vs.vote_sum, 0)`, 'desc'); break;
    default: q = q.orderBy('s.category_id').orderBy('s.position').orderBy('a.position', dir);
  }
  const rows = await q.orderBy('a.id').limit(page.limit).offset(page.offset).execute();
  return { rows, count: Number(countRow?.n ?? 0) };
}

export type ArticleRow = Awaited<ReturnType<typeof listArticleRows>>['rows'][number];

export function findArticleRow(db: Db, locale: Locale, idOrSlug: string, includeDrafts = false) {
  let q = articleBase(db, { locale, includeDrafts })
    .leftJoin(voteSum(db).as('vs'), 'vs.article_id', 'a.id')
    .select([
      'a.id', 'a.slug', 'a.section_id', 'a.position', 'a.promoted', 'a.view_count', 'a.created_at', 'a.updated_at',
      's.category_id', 't.title', 't.body_md', 't.labels', 't.status', 't.locale', 't.published_at', 't.updated_at as edited_at', 't.revision',
      sql<number>`coalesce(vs.vote_sum, 0)`.as('vote_sum'), sql<number>`coalesce(vs.vote_count, 0)`.as('vote_count'),
    ]);
  q = q.where((eb) => eb.or([eb('a.id', '=', idOrSlug), eb('a.slug', '=', idOrSlug)]));
  return q.executeTakeFirst();
}

export function findArticleIdentity(db: Db, idOrSlug: string) {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'section_id'])
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

export function listTranslationLocales(db: Db, articleId: string, includeDrafts = false) {
  let q = db.selectFrom('article_translations').select(['locale', 'status']).where('article_id', '=', articleId);
  if (!includeDrafts) q = q.where('status', '=', 'published');
  return q.execute();
}

/** Every published translation, for building the search index. */
export function listPublishedForIndex(db: Db, since?: string) {
  let q = db
    .selectFrom('article_translations as t')
    .innerJoin('articles as a', 'a.id', 't.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['t.id as translation_id', 'a.id', 'a.slug', 'a.section_id', 's.category_id', 't.locale', 't.title', 't.body_md', 't.labels', 't.status', 't.updated_at']);
  if (since) q = q.where('t.updated_at', '>', since);
  return q.orderBy('t.id').execute();
}

export async function incrementViews(db: Db, articleId: string) {
  await db.updateTable('articles').set((eb) => ({ view_count: eb('view_count', '+', 1) })).where('id', '=', articleId).execute();
}

export function listRevisionRows(db: Db, articleId: string, locale?: Locale) {
  let q = db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId);
  if (locale) q = q.where('locale', '=', locale);
  return q.orderBy('locale').orderBy('revision', 'desc').execute();
}

// ---- Structure (admin): categories and sections in every language, with article counts ----

export function listCategoryStructure(db: Db) {
  return db.selectFrom('categories').select(['id', 'key', 'position', 'created_at', 'updated_at']).orderBy('position').orderBy('id').execute();
}

export function listSectionStructure(db: Db) {
  return db.selectFrom('sections').select(['id', 'key', 'category_id', 'position', 'created_at', 'updated_at']).orderBy('position').orderBy('id').execute();
}

export function listCategoryTranslations(db: Db) {
  return db.selectFrom('category_translations').select(['category_id', 'locale', 'title', 'description']).execute();
}

export function listSectionTranslations(db: Db) {
  return db.selectFrom('section_translations').select(['section_id', 'locale', 'title', 'description']).execute();
}

/** Every category's id and position, in display order (for renumbering). */
export function categoryOrder(db: Db) {
  return db.selectFrom('categories').select(['id', 'position']).orderBy('position').orderBy('id').execute();
}

/** The id and position of each section of one category, in display order (for renumbering). */
export function sectionOrder(db: Db, categoryId: string) {
  return db.selectFrom('sections').select(['id', 'position']).where('category_id', '=', categoryId).orderBy('position').orderBy('id').execute();
}

/** Articles per section, drafts included. */
export async function articleCountsBySection(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('articles').select(['section_id', sql<number>`count(*)`.as('n')]).groupBy('section_id').execute();
  return new Map(rows.map((r) => [r.section_id, Number(r.n)]));
}
