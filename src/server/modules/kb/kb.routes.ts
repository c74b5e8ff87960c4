import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localeSchema as localeParam } from '../../locale-schemas.js';
import { AppError } from '../../errors.js';
import type { Locale } from '../../../shared/locales.js';
import { canEditKnowledgeBase, canSeeDrafts } from './kb.policy.js';
import { paginationMeta, presentArticle, presentCategory, presentSection, presentStructureCategory, presentStructureSection, type PresentContext } from './kb.presenter.js';
import type { KnowledgeBaseService, NamesInput } from './kb.service.js';
import type { AuditAction, AuditLog } from '../audit/audit.service.js';
import { auditActorOf } from '../staff/staff.service.js';

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(30),
});

const articleSort = z.object({
  sort_by: z.enum(['position', 'title', 'created_at', 'updated_at']).default('position'),
  sort_order: z.enum(['asc', 'desc']).default('asc'),
  label_names: z.string().max(200).optional(),
});

const articleBody = z.object({
  article: z.object({
    title: z.string().trim().min(1).max(200),
    body: z.string().min(1).max(200_000).describe('Markdown'),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/).optional(),
    label_names: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
    draft: z.boolean().optional(),
    promoted: z.boolean().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  }),
});

const articleUpdateBody = z.object({
  article: articleBody.shape.article.partial().omit({ slug: true }).extend({ section_id: z.string().min(1).optional() }),
});

const categoryBody = z.object({
  category: z.object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(1000).optional(),
    position: z.number().int().min(0).max(100_000).optional(),
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/).optional(),
  }),
});
const sectionBody = z.object({ section: categoryBody.shape.category });
const sectionUpdateBody = z.object({ section: categoryBody.shape.category.partial().omit({ key: true }).extend({ category_id: z.string().min(1).optional() }) });

/**
 * Names of a category or section in each language, Zendesk "translation" style (`title` = name,
 * `body` = description). Creating needs every language; a later entry for the same locale wins.
 */
const translationsSchema = z
  .array(z.object({ locale: localeParam, title: z.string().max(120), body: z.string().max(1000).optional() }))
  .min(1)
  .max(10)
  .transform((list): NamesInput => Object.fromEntries(list.map((tr) => [tr.locale, { title: tr.title, ...(tr.body !== undefined ? { description: tr.body } : {}) }])));
const structureKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/);
const structurePosition = z.number().int().min(0).max(10_000);
const namedCategoryBody = z.object({ category: z.object({ key: structureKey.optional(), position: structurePosition.optional(), translations: translationsSchema }) });
const namedCategoryUpdate = z.object({ category: z.object({ position: structurePosition.optional(), translations: translationsSchema.optional() }) });
const namedSectionBody = z.object({ section: z.object({ key: structureKey.optional(), position: structurePosition.optional(), translations: translationsSchema }) });
const namedSectionUpdate = z.object({ section: z.object({ position: structurePosition.optional(), category_id: z.string().min(1).max(100).optional(), translations: translationsSchema.optional() }) });
const moveQuery = z.object({ move_to: z.string().min(1).max(100).optional() });

/** Anonymous voters are identified by a hash of address and user agent. */
const voterKey = (ip: string, userAgent: string | undefined, userId: string | null) =>
  createHash('sha256').update(userId ?? `${ip}|${userAgent ?? ''}`).digest('hex').slice(0, 40);

const AUDITED_METHODS: Record<string, AuditAction> = { POST: 'help_center.create', PUT: 'help_center.update', DELETE: 'help_center.delete' };

export const kbRoutes: FastifyPluginAsyncZod<{ kb: KnowledgeBaseService; ctx: PresentContext; audit: AuditLog }> = async (app, { kb, ctx, audit }) => {
  const base = `${ctx.publicUrl}/api/v2/help_center`;
  const tags = ['Help Center'];

  app.get('/api/v2/help_center/:locale/categories', { schema: { tags, params: z.object({ locale: localeParam }), querystring: pageQuery } }, async (request) => {
    const { locale } = request.params;
    const rows = await kb.categories(locale);
    const { page, per_page } = request.query;
    const slice = rows.slice((page - 1) * per_page, page * per_page);
    return { categories: slice.map((r) => presentCategory(ctx, r)), ...paginationMeta(`${base}/${locale}/categories`, page, per_page, rows.length) };
  });

  app.get('/api/v2/help_center/:locale/categories/:id', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1).max(100) }) } }, async (request) => {
    return { category: presentCategory(ctx, await kb.category(request.params.locale, request.params.id)) };
  });

  app.get('/api/v2/help_center/:locale/sections', { schema: { tags, params: z.object({ locale: localeParam }), querystring: pageQuery } }, async (request) => {
    const { locale } = request.params;
    const rows = await kb.sections(locale);
    const { page, per_page } = request.query;
    return { sections: rows.slice((page - 1) * per_page, page * per_page).map((r) => presentSection(ctx, r)), ...paginationMeta(`${base}/${locale}/sections`, page, per_page, rows.length) };
  });

  app.get('/api/v2/help_center/:locale/categories/:id/sections', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1).max(100) }), querystring: pageQuery } }, async (request) => {
    const { locale, id } = request.params;
    const category = await kb.category(locale, id);
    const rows = await kb.sections(locale, category.id);
    const { page, per_page } = request.query;
    return { sections: rows.slice((page - 1) * per_page, page * per_page).map((r) => presentSection(ctx, r)), ...paginationMeta(`${base}/${locale}/categories/${id}/sections`, page, per_page, rows.length) };
  });

  app.get('/api/v2/help_center/:locale/sections/:id', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1).max(100) }) } }, async (request) => {
    return { section: presentSection(ctx, await kb.section(request.params.locale, request.params.id)) };
  });

  const listArticles = async (locale: Locale, filter: { sectionId?: string; categoryId?: string }, query: z.infer<typeof pageQuery> & z.infer<typeof articleSort>, includeDrafts: boolean, url: string) => {
    const { rows, count } = await kb.articles(
      { locale, ...filter, ...(query.label_names ? { label: query.label_names.split(',')[0]!.trim() } : {}), includeDrafts },
      { page: query.page, perPage: query.per_page, sort: query.sort_by, order: query.sort_order },
    );
    return {
      articles: rows.map((r) => presentArticle(ctx, r, { includeMarkdown: includeDrafts })),
      ...paginationMeta(url, query.page, query.per_page, count),
      sort_by: query.sort_by,
      sort_order: query.sort_order,
    };
  };

  app.get('/api/v2/help_center/:locale/articles', { schema: { tags, params: z.object({ locale: localeParam }), querystring: pageQuery.extend(articleSort.shape) } }, async (request) => {
    const { locale } = request.params;
    return listArticles(locale, {}, request.query, canSeeDrafts(request.actor), `${base}/${locale}/articles`);
  });

  app.get('/api/v2/help_center/:locale/sections/:id/articles', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1).max(100) }), querystring: pageQuery.extend(articleSort.shape) } }, async (request) => {
    const { locale, id } = request.params;
    const section = await kb.section(locale, id);
    return listArticles(locale, { sectionId: section.id }, request.query, canSeeDrafts(request.actor), `${base}/${locale}/sections/${id}/articles`);
  });

  app.get('/api/v2/help_center/:locale/categories/:id/articles', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1).max(100) }), querystring: pageQuery.extend(articleSort.shape) } }, async (request) => {
    const { locale, id } = request.params;
    const category = await kb.category(locale, id);
    return listArticles(locale, { categoryId: category.id }, request.query, canSeeDrafts(request.actor), `${base}/${locale}/categories/${id}/articles`);
  });

  app.get('/api/v2/help_center/:locale/articles/:id', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1).max(100) }) } }, async (request) => {
    const drafts = canSeeDrafts(request.actor);
    return { article: presentArticle(ctx, await kb.article(request.params.locale, request.params.id, drafts), { includeMarkdown: drafts }) };
  });

  app.get(
    '/api/v2/help_center/articles/search',
    {
      schema: {
        tags,
        summary: 'Search articles (Zendesk-compatible)',
        querystring: z.object({
          query: z.string().max(500).default(''),
          locale: localeParam.optional(),
          category: z.string().max(100).optional(),
          section: z.string().max(100).optional(),
          page: pageQuery.shape.page,
          per_page: z.coerce.number().int().min(1).max(100).default(25),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      if (!q.query.trim()) throw new AppError('validation_failed', { detail: request.locale === 'zh-cn' ? '缺少搜索词 query' : 'the query parameter is required' });
      const locale = q.locale ?? request.locale;
      const categoryId = q.category ? (await kb.category(locale, q.category)).id : undefined;
      const sectionId = q.section ? (await kb.section(locale, q.section)).id : undefined;
      const result = await kb.search(q.query, { locale, page: q.page, perPage: q.per_page, ...(categoryId ? { categoryId } : {}), ...(sectionId ? { sectionId } : {}) });
      return {
        results: result.hits.map((h) => ({ ...presentArticle(ctx, h.article), snippet: h.snippet, result_type: 'article' as const })),
        ...paginationMeta(`${base}/articles/search`, q.page, q.per_page, result.count, { query: q.query, locale }),
      };
    },
  );

  for (const direction of ['up', 'down'] as const) {
    app.post(`/api/v2/help_center/articles/:id/${direction}`, { schema: { tags, params: z.object({ id: z.string().min(1).max(100) }), querystring: z.object({ locale: localeParam.optional() }) } }, async (request) => {
      const result = await kb.vote(request.params.id, request.query.locale ?? request.locale, voterKey(request.ip, request.headers['user-agent'], request.actor.userId), direction === 'up' ? 1 : -1);
      return { vote: { article_id: result.articleId, value: result.value, vote_sum: result.voteSum, vote_count: result.voteCount } };
    });
  }

  app.get('/api/v2/help_center/structure', { schema: { tags, summary: 'Categories and sections with names in every language and article counts (staff)' } }, async (request) => {
    if (!canSeeDrafts(request.actor)) throw new AppError(request.actor.kind === 'anonymous' ? 'sign_in_required' : 'forbidden');
    return { categories: (await kb.structure()).map((c) => presentStructureCategory(ctx, c)) };
  });

  // ---- Admin writes (Bearer admin token) ----
  app.register(async (scope) => {
    const admin = scope.withTypeProvider<ZodTypeProvider>();
    // Policy before validation: a signed-out caller or an agent learns nothing from body errors.
    admin.addHook('preValidation', async (request) => {
      if (request.actor.kind === 'anonymous') throw new AppError('unauthorized');
      if (!canEditKnowledgeBase(request.actor)) throw new AppError('forbidden');
    });
    // Every successful write here (articles, translations, categories, sections) goes to the audit log,
    // written before the answer leaves so a client that saw the change also finds its entry. Votes and
    // refused calls are not in this scope or do not succeed.
    admin.addHook('onSend', async (request, reply, payload) => {
      const action = AUDITED_METHODS[request.method];
      if (!action || reply.statusCode >= 400) return payload;
      const details: Record<string, unknown> = { route: `${request.method} ${request.routeOptions.url ?? ''}`, params: request.params, status: reply.statusCode };
      await audit
        .append({ actor: auditActorOf(request.actor, request.ip), action, subject: `help_center:${request.url.split('?')[0]!.replace('/api/v2/help_center/', '')}`.slice(0, 300), details })
        .catch((err: unknown) => request.log.error({ err }, 'audit append failed for a help-center change'));
      return payload;
    });
    const author = (label: string) => label;

    admin.post('/api/v2/help_center/:locale/categories', { schema: { tags, params: z.object({ locale: localeParam }), body: categoryBody } }, async (request, reply) => {
      const c = request.body.category;
      const row = await kb.createCategory(request.params.locale, { name: c.name, ...(c.description !== undefined ? { description: c.description } : {}), ...(c.position !== undefined ? { position: c.position } : {}), ...(c.key ? { key: c.key } : {}) });
      return reply.status(201).send({ category: presentCategory(ctx, row) });
    });

    admin.put('/api/v2/help_center/:locale/categories/:id', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1) }), body: z.object({ category: categoryBody.shape.category.partial().omit({ key: true }) }) } }, async (request) => {
      const c = request.body.category;
      const row = await kb.updateCategory(request.params.locale, request.params.id, { ...(c.name ? { name: c.name } : {}), ...(c.description !== undefined ? { description: c.description } : {}), ...(c.position !== undefined ? { position: c.position } : {}) });
      return { category: presentCategory(ctx, row) };
    });

    admin.post('/api/v2/help_center/:locale/categories/:id/sections', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1) }), body: sectionBody } }, async (request, reply) => {
      const s = request.body.section;
      const row = await kb.createSection(request.params.locale, request.params.id, { name: s.name, ...(s.description !== undefined ? { description: s.description } : {}), ...(s.position !== undefined ? { position: s.position } : {}), ...(s.key ? { key: s.key } : {}) });
      return reply.status(201).send({ section: presentSection(ctx, row) });
    });

    admin.put('/api/v2/help_center/:locale/sections/:id', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1) }), body: sectionUpdateBody } }, async (request) => {
      const s = request.body.section;
      const row = await kb.updateSection(request.params.locale, request.params.id, {
        ...(s.name ? { name: s.name } : {}),
        ...(s.description !== undefined ? { description: s.description } : {}),
        ...(s.position !== undefined ? { position: s.position } : {}),
        ...(s.category_id ? { categoryId: s.category_id } : {}),
      });
      return { section: presentSection(ctx, row) };
    });

    admin.post('/api/v2/help_center/:locale/sections/:id/articles', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1) }), body: articleBody } }, async (request, reply) => {
      const a = request.body.article;
      const row = await kb.createArticle(
        request.params.locale,
        request.params.id,
        { title: a.title, body: a.body, ...(a.slug ? { slug: a.slug } : {}), ...(a.label_names ? { labelNames: a.label_names } : {}), ...(a.draft !== undefined ? { draft: a.draft } : {}), ...(a.promoted !== undefined ? { promoted: a.promoted } : {}), ...(a.position !== undefined ? { position: a.position } : {}) },
        author(request.actor.label),
      );
      return reply.status(201).send({ article: presentArticle(ctx, row, { includeMarkdown: true }) });
    });

    admin.put('/api/v2/help_center/:locale/articles/:id', { schema: { tags, params: z.object({ locale: localeParam, id: z.string().min(1) }), body: articleUpdateBody } }, async (request) => {
      const a = request.body.article;
      const row = await kb.updateArticle(
        request.params.locale,
        request.params.id,
        {
          ...(a.title ? { title: a.title } : {}),
          ...(a.body ? { body: a.body } : {}),
          ...(a.label_names ? { labelNames: a.label_names } : {}),
          ...(a.draft !== undefined ? { draft: a.draft } : {}),
          ...(a.promoted !== undefined ? { promoted: a.promoted } : {}),
          ...(a.position !== undefined ? { position: a.position } : {}),
          ...(a.section_id ? { sectionId: a.section_id } : {}),
        },
        author(request.actor.label),
      );
      return { article: presentArticle(ctx, row, { includeMarkdown: true }) };
    });

    admin.delete('/api/v2/help_center/articles/:id', { schema: { tags, params: z.object({ id: z.string().min(1) }) } }, async (request, reply) => {
      await kb.removeArticle(request.params.id);
      return reply.status(204).send();
    });

    // Categories and sections named in every language at once (the console's structure editor).
    // `position` is the index among siblings; the server renumbers them 0, 1, 2…
    admin.post('/api/v2/help_center/categories', { schema: { tags, summary: 'Create a category named in every language', body: namedCategoryBody } }, async (request, reply) => {
      const c = request.body.category;
      const row = await kb.createCategoryNamed({ translations: c.translations, ...(c.key ? { key: c.key } : {}), ...(c.position !== undefined ? { position: c.position } : {}) }, request.locale);
      return reply.status(201).send({ category: presentStructureCategory(ctx, row) });
    });

    admin.put('/api/v2/help_center/categories/:id', { schema: { tags, summary: 'Rename (any language) or move a category', params: z.object({ id: z.string().min(1).max(100) }), body: namedCategoryUpdate } }, async (request) => {
      const c = request.body.category;
      const row = await kb.updateCategoryNamed(request.params.id, { ...(c.translations ? { translations: c.translations } : {}), ...(c.position !== undefined ? { position: c.position } : {}) }, request.locale);
      return { category: presentStructureCategory(ctx, row) };
    });

    admin.delete(
      '/api/v2/help_center/categories/:id',
      { schema: { tags, summary: 'Delete a category: refused (409) while it holds articles, unless move_to names the category that receives its sections', params: z.object({ id: z.string().min(1).max(100) }), querystring: moveQuery } },
      async (request, reply) => {
        await kb.deleteCategory(request.params.id, request.query.move_to, request.locale);
        return reply.status(204).send();
      },
    );

    admin.post('/api/v2/help_center/categories/:id/sections', { schema: { tags, summary: 'Create a section named in every language', params: z.object({ id: z.string().min(1).max(100) }), body: namedSectionBody } }, async (request, reply) => {
      const s = request.body.section;
      const row = await kb.createSectionNamed(request.params.id, { translations: s.translations, ...(s.key ? { key: s.key } : {}), ...(s.position !== undefined ? { position: s.position } : {}) }, request.locale);
      return reply.status(201).send({ section: presentStructureSection(ctx, row) });
    });

    admin.put('/api/v2/help_center/sections/:id', { schema: { tags, summary: 'Rename (any language) or move a section, also into another category', params: z.object({ id: z.string().min(1).max(100) }), body: namedSectionUpdate } }, async (request) => {
      const s = request.body.section;
      const row = await kb.updateSectionNamed(request.params.id, { ...(s.translations ? { translations: s.translations } : {}), ...(s.position !== undefined ? { position: s.position } : {}), ...(s.category_id ? { categoryId: s.category_id } : {}) }, request.locale);
      return { section: presentStructureSection(ctx, row) };
    });

    admin.delete(
      '/api/v2/help_center/sections/:id',
      { schema: { tags, summary: 'Delete a section: refused (409) while it holds articles, unless move_to names the section that receives them', params: z.object({ id: z.string().min(1).max(100) }), querystring: moveQuery } },
      async (request, reply) => {
        await kb.deleteSection(request.params.id, request.query.move_to, request.locale);
        return reply.status(204).send();
      },
    );

    admin.get('/api/v2/help_center/articles/:id/revisions', { schema: { tags, params: z.object({ id: z.string().min(1) }), querystring: z.object({ locale: localeParam.optional() }) } }, async (request) => {
      const article = await kb.article(request.query.locale ?? request.locale, request.params.id, true).catch(async () => kb.article(request.query.locale === 'zh-cn' ? 'en-us' : 'zh-cn', request.params.id, true));
      const rows = await kb.revisions(article.id, request.query.locale);
      return {
        revisions: rows.map((r) => ({ id: r.id, article_id: r.article_id, locale: r.locale, revision: r.revision, title: r.title, body_markdown: r.body_md, label_names: JSON.parse(r.labels) as string[], draft: r.status === 'draft', author: r.author, created_at: r.created_at })),
      };
    });
  });
};
