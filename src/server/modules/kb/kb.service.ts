import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import { LOCALES, type Locale } from '../../../shared/locales.js';
import type { BrandConfig } from '../../config.js';
import {
  articleCountsBySection,
  categoryOrder,
  findArticleIdentity,
  findArticleRow,
  findCategoryRow,
  findSectionRow,
  incrementViews,
  listArticleRows,
  listCategoryRows,
  listCategoryStructure,
  listCategoryTranslations,
  listRevisionRows,
  listSectionRows,
  listSectionStructure,
  listSectionTranslations,
  listTranslationLocales,
  sectionOrder,
  type ArticleFilter,
  type ArticleRow,
  type ArticleSort,
} from './kb.queries.js';
import { articleIdOf, type KnowledgeBaseIndex } from './kb.search.js';
import { t } from '../../i18n.js';
import { invalidFields } from '../accounts/accounts.validation.js';
import './kb.messages.js';


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
  for (const [locale, name] of Object.entries(translations)) if (name) await upsertStructureName(trx, 'category', id, locale, name);
  return { id, created: !existing };
}

export async function upsertSection(trx: Db, key: string, categoryId: string, position: number, translations: Partial<Record<Locale, { title: string; description: string }>>) {
  const now = nowIso();
  const existing = await trx.selectFrom('sections').select(['id', 'position', 'category_id']).where('key', '=', key).executeTakeFirst();
  const id = existing?.id ?? newId('sec');
  if (!existing) await trx.insertInto('sections').values({ id, key, category_id: categoryId, position, created_at: now, updated_at: now }).execute();
  else if (existing.position !== position || existing.category_id !== categoryId)
    await trx.updateTable('sections').set({ position, category_id: categoryId, updated_at: now }).where('id', '=', id).execute();
  for (const [locale, name] of Object.entries(translations)) if (name) await upsertStructureName(trx, 'section', id, locale, name);
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
    const categoryId = await this.findCategoryId(categoryIdOrKey);
    const key = input.key ?? slugify(input.name);
    const exists = await this.db.selectFrom('sections').select('id').where('key', '=', key).executeTakeFirst();
    if (exists) throw new AppError('conflict', { detail: `section key "${key}" already exists` });
    const { id } = await this.db.transaction().execute((trx) =>
      upsertSection(trx, key, categoryId, input.position ?? 0, { [locale]: { title: input.name, description: input.description ?? '' } }),
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
    const sectionId = await this.findSectionId(sectionIdOrKey);
    const slug = input.slug ?? slugify(input.title);
    const exists = await this.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
    if (exists) throw new AppError('conflict', { detail: `article slug "${slug}" already exists` });
    const id = await this.db.transaction().execute(async (trx) => {
      const { id } = await upsertArticle(trx, slug, sectionId, input.position ?? 0, input.promoted ?? false);
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

  // ---- Structure (admin console): categories and sections in both languages ----

  /** Every category with its sections, names in every language and article counts (drafts included). */
  async structure(): Promise<StructureCategory[]> {
    const [categories, sections, categoryNames, sectionNames, counts] = await Promise.all([
      listCategoryStructure(this.db),
      listSectionStructure(this.db),
      listCategoryTranslations(this.db),
      listSectionTranslations(this.db),
      articleCountsBySection(this.db),
    ]);
    const names = (rows: Array<{ locale: string; title: string; description: string }>) =>
      LOCALES.flatMap((locale) => rows.filter((r) => r.locale === locale).map((r) => ({ locale, title: r.title, description: r.description })));
    return categories.map((c) => {
      const own = sections
        .filter((s) => s.category_id === c.id)
        .map((s) => ({ ...s, translations: names(sectionNames.filter((n) => n.section_id === s.id)), article_count: counts.get(s.id) ?? 0 }));
      return { ...c, translations: names(categoryNames.filter((n) => n.category_id === c.id)), article_count: own.reduce((sum, s) => sum + s.article_count, 0), sections: own };
    });
  }

  private async structureCategory(id: string): Promise<StructureCategory> {
    const found = (await this.structure()).find((c) => c.id === id);
    if (!found) throw notFound('category');
    return found;
  }

  private async structureSection(id: string): Promise<StructureSection> {
    const found = (await this.structure()).flatMap((c) => c.sections).find((s) => s.id === id);
    if (!found) throw notFound('section');
    return found;
  }

  /** Names must be given in every language on create, and may not be blank when given. */
  private checkNames(kind: 'category' | 'section', translations: NamesInput, locale: Locale, create: boolean): void {
    const problems = LOCALES.flatMap((l) => {
      const given = translations[l];
      if (given === undefined ? !create : given.title.trim()) return [];
      return [{ path: `${kind}.translations.${l}.title`, message: t(locale, 'kb.errors.name_required', { language: t(locale, `kb.languages.${l}`) }) }];
    });
    if (problems.length) throw invalidFields(problems);
  }

  /** A free key: the one asked for (409 when taken) or one derived from the English name. */
  private async freeKey(table: 'categories' | 'sections', asked: string | undefined, name: string, locale: Locale): Promise<string> {
    const kind = table === 'categories' ? 'category' : 'section';
    const taken = async (key: string) => !!(await this.db.selectFrom(table).select('id').where('key', '=', key).executeTakeFirst());
    if (asked) {
      if (await taken(asked)) {
        const message = t(locale, 'kb.errors.key_taken', { key: asked, kind: t(locale, `kb.kinds.${kind}`) });
        throw new AppError('conflict', { detail: message }, [{ path: `${kind}.key`, message }]);
      }
      return asked;
    }
    const base = slugify(name).replace(/^article-/, `${kind}-`).slice(0, 50);
    for (let n = 1; n <= 100; n++) {
      const key = n === 1 ? base : `${base}-${n}`;
      if (!(await taken(key))) return key;
    }
    return `${kind}-${newId().slice(-10).toLowerCase()}`;
  }

  /**
   * Puts `movedId` at `index` (0-based, clamped; default last) among `siblings` (in their current
   * order, it included) and renumbers them 0, 1, 2… so positions stay distinct.
   */
  private async place(trx: Db, table: 'categories' | 'sections', siblings: Array<{ id: string; position: number }>, movedId: string, index: number | undefined, now: string): Promise<void> {
    const order = siblings.filter((s) => s.id !== movedId);
    order.splice(Math.max(0, Math.min(index ?? order.length, order.length)), 0, siblings.find((s) => s.id === movedId) ?? { id: movedId, position: -1 });
    await renumber(trx, table, order, now);
  }

  private async saveNames(trx: Db, kind: 'category' | 'section', id: string, translations: NamesInput): Promise<void> {
    for (const locale of LOCALES) {
      const given = translations[locale];
      if (given) await upsertStructureName(trx, kind, id, locale, { title: given.title.trim(), description: given.description });
    }
  }

  private async findCategoryId(idOrKey: string): Promise<string> {
    const row = await this.db.selectFrom('categories').select('id').where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)])).executeTakeFirst();
    if (!row) throw notFound('category');
    return row.id;
  }

  private async findSectionId(idOrKey: string): Promise<string> {
    const row = await this.db.selectFrom('sections').select('id').where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)])).executeTakeFirst();
    if (!row) throw notFound('section');
    return row.id;
  }

  /** The id of the category or section that receives deleted contents (`move_to`), or a localized 400. */
  private async moveTarget(kind: 'category' | 'section', moveTo: string, deletedId: string, locale: Locale): Promise<string> {
    const kindName = t(locale, `kb.kinds.${kind}`);
    const targetId = await (kind === 'category' ? this.findCategoryId(moveTo) : this.findSectionId(moveTo)).catch(() => {
      throw invalidFields([{ path: 'move_to', message: t(locale, 'kb.errors.unknown_move_target', { kind: kindName, id: moveTo }) }]);
    });
    if (targetId === deletedId) throw invalidFields([{ path: 'move_to', message: t(locale, 'kb.errors.move_to_self', { kind: kindName }) }]);
    return targetId;
  }

  /** A category named in every language at `position` (index among categories; default last). */
  async createCategoryNamed(input: { key?: string; position?: number; translations: NamesInput }, locale: Locale): Promise<StructureCategory> {
    this.checkNames('category', input.translations, locale, true);
    const key = await this.freeKey('categories', input.key, input.translations['en-us']!.title, locale);
    const id = newId('cat');
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const siblings = await categoryOrder(trx);
      await trx.insertInto('categories').values({ id, key, position: siblings.length, created_at: now, updated_at: now }).execute();
      await this.saveNames(trx, 'category', id, input.translations);
      await this.place(trx, 'categories', [...siblings, { id, position: siblings.length }], id, input.position, now);
    });
    return this.structureCategory(id);
  }

  /** Renames (any language) and/or moves a category to `position` among the categories. */
  async updateCategoryNamed(idOrKey: string, input: { position?: number; translations?: NamesInput }, locale: Locale): Promise<StructureCategory> {
    const id = await this.findCategoryId(idOrKey);
    if (input.translations) this.checkNames('category', input.translations, locale, false);
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      if (input.translations) await this.saveNames(trx, 'category', id, input.translations);
      if (input.position !== undefined) await this.place(trx, 'categories', await categoryOrder(trx), id, input.position, now);
      await trx.updateTable('categories').set({ updated_at: now }).where('id', '=', id).execute();
    });
    return this.structureCategory(id);
  }

  /**
   * Deletes a category. One that still holds articles is refused (409) unless `moveTo` names another
   * category: its sections (with their articles) then move there, after that category's own sections.
   */
  async deleteCategory(idOrKey: string, moveTo: string | undefined, locale: Locale): Promise<void> {
    const category = await this.structureCategory(await this.findCategoryId(idOrKey));
    const name = category.translations.find((n) => n.locale === locale)?.title ?? category.key;
    const targetId = moveTo ? await this.moveTarget('category', moveTo, category.id, locale) : null;
    if (!targetId && category.article_count > 0) throw new AppError('conflict', { detail: t(locale, 'kb.errors.category_not_empty', { name, articles: category.article_count }) });
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      if (targetId) {
        // Read here, not before: a section added meanwhile moves too. Positions continue after the target's own.
        const start = (await sectionOrder(trx, targetId)).length;
        for (const [i, section] of (await sectionOrder(trx, category.id)).entries()) {
          await trx.updateTable('sections').set({ category_id: targetId, position: start + i, updated_at: now }).where('id', '=', section.id).execute();
        }
      } else {
        // Re-checked here: an article added since the check above must not be deleted with its section.
        const held = await trx.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').select((eb) => eb.fn.countAll<number>().as('n')).where('s.category_id', '=', category.id).executeTakeFirst();
        if (Number(held?.n ?? 0) > 0) throw new AppError('conflict', { detail: t(locale, 'kb.errors.category_not_empty', { name, articles: Number(held!.n) }) });
      }
      // Empty sections (and all translations) go with the category (ON DELETE CASCADE).
      await trx.deleteFrom('categories').where('id', '=', category.id).execute();
      await renumber(trx, 'categories', await categoryOrder(trx), now);
    });
    await this.index.refresh();
  }

  /** A section of `categoryIdOrKey` named in every language at `position` (index in the category; default last). */
  async createSectionNamed(categoryIdOrKey: string, input: { key?: string; position?: number; translations: NamesInput }, locale: Locale): Promise<StructureSection> {
    const categoryId = await this.findCategoryId(categoryIdOrKey);
    this.checkNames('section', input.translations, locale, true);
    const key = await this.freeKey('sections', input.key, input.translations['en-us']!.title, locale);
    const id = newId('sec');
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const siblings = await sectionOrder(trx, categoryId);
      await trx.insertInto('sections').values({ id, key, category_id: categoryId, position: siblings.length, created_at: now, updated_at: now }).execute();
      await this.saveNames(trx, 'section', id, input.translations);
      await this.place(trx, 'sections', [...siblings, { id, position: siblings.length }], id, input.position, now);
    });
    return this.structureSection(id);
  }

  /** Renames and/or moves a section (to `position` in its category, or into another category). */
  async updateSectionNamed(idOrKey: string, input: { position?: number; categoryId?: string; translations?: NamesInput }, locale: Locale): Promise<StructureSection> {
    const id = await this.findSectionId(idOrKey);
    if (input.translations) this.checkNames('section', input.translations, locale, false);
    const targetCategory = input.categoryId ? await this.findCategoryId(input.categoryId) : undefined;
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      if (input.translations) await this.saveNames(trx, 'section', id, input.translations);
      const current = await trx.selectFrom('sections').select(['category_id']).where('id', '=', id).executeTakeFirstOrThrow();
      const categoryId = targetCategory ?? current.category_id;
      if (categoryId !== current.category_id) {
        await trx.updateTable('sections').set({ category_id: categoryId, updated_at: now }).where('id', '=', id).execute();
        await renumber(trx, 'sections', await sectionOrder(trx, current.category_id), now);
      }
      if (input.position !== undefined || categoryId !== current.category_id) await this.place(trx, 'sections', await sectionOrder(trx, categoryId), id, input.position, now);
      await trx.updateTable('sections').set({ updated_at: now }).where('id', '=', id).execute();
    });
    if (targetCategory) await this.index.refresh();
    return this.structureSection(id);
  }

  /**
   * Deletes a section. One that still holds articles is refused (409) unless `moveTo` names another
   * section: the articles then move there (after its own, in their order) and stay published as they were.
   */
  async deleteSection(idOrKey: string, moveTo: string | undefined, locale: Locale): Promise<void> {
    const section = await this.structureSection(await this.findSectionId(idOrKey));
    const name = section.translations.find((n) => n.locale === locale)?.title ?? section.key;
    const targetId = moveTo ? await this.moveTarget('section', moveTo, section.id, locale) : null;
    if (!targetId && section.article_count > 0) throw new AppError('conflict', { detail: t(locale, 'kb.errors.section_not_empty', { name, articles: section.article_count }) });
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      if (targetId) {
        const last = await trx.selectFrom('articles').select((eb) => eb.fn.max('position').as('max')).where('section_id', '=', targetId).executeTakeFirst();
        const start = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
        const moving = await trx.selectFrom('articles').select('id').where('section_id', '=', section.id).orderBy('position').orderBy('id').execute();
        for (const [i, article] of moving.entries()) await trx.updateTable('articles').set({ section_id: targetId, position: start + i, updated_at: now }).where('id', '=', article.id).execute();
      } else {
        const held = await trx.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('section_id', '=', section.id).executeTakeFirst();
        if (Number(held?.n ?? 0) > 0) throw new AppError('conflict', { detail: t(locale, 'kb.errors.section_not_empty', { name, articles: Number(held!.n) }) });
      }
      await trx.deleteFrom('sections').where('id', '=', section.id).execute();
      await renumber(trx, 'sections', await sectionOrder(trx, section.category_id), now);
    });
    await this.index.refresh();
  }
}

/** Positions 0, 1, 2… in the given order; only rows whose position changes are written. */
async function renumber(trx: Db, table: 'categories' | 'sections', ordered: Array<{ id: string; position: number }>, now: string): Promise<void> {
  for (const [position, row] of ordered.entries()) {
    if (row.position !== position) await trx.updateTable(table).set({ position, updated_at: now }).where('id', '=', row.id).execute();
  }
}

/** Inserts or updates one language's name of a category or section; the description changes only when given. */
async function upsertStructureName(trx: Db, kind: 'category' | 'section', id: string, locale: string, name: { title: string; description?: string | undefined }): Promise<void> {
  const { title } = name;
  const changes = { title, ...(name.description !== undefined ? { description: name.description } : {}) };
  const description = name.description ?? '';
  if (kind === 'category') {
    await trx.insertInto('category_translations').values({ category_id: id, locale, title, description }).onConflict((oc) => oc.columns(['category_id', 'locale']).doUpdateSet(changes)).execute();
  } else {
    await trx.insertInto('section_translations').values({ section_id: id, locale, title, description }).onConflict((oc) => oc.columns(['section_id', 'locale']).doUpdateSet(changes)).execute();
  }
}

/** Names of a category or section by language (`title` = name, `description` optional). */
export type NamesInput = Partial<Record<Locale, { title: string; description?: string | undefined }>>;

export interface StructureSection {
  id: string;
  key: string;
  category_id: string;
  position: number;
  created_at: string;
  updated_at: string;
  translations: Array<{ locale: Locale; title: string; description: string }>;
  article_count: number;
}

export interface StructureCategory extends Omit<StructureSection, 'category_id'> {
  sections: StructureSection[];
}
