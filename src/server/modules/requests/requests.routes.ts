import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { optionalLocaleSchema as optionalLocale } from '../../locale-schemas.js';
import { AppError } from '../../errors.js';
import type { Locale } from '../../../shared/locales.js';
import { buildRecord, renderRecordHtml } from '../records/record.render.js';
import { presentArticle } from '../kb/kb.presenter.js';
import { requestTypeSchema, saveRequestType } from './request-types.js';
import { canListOwnRequests, canManageRequestTypes, viewerFor } from './requests.policy.js';
import { presentComment, presentRequest, presentRequestType } from './requests.presenter.js';
import type { RequestsService } from './requests.service.js';

const fieldValue = z.union([z.string().max(20_000), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : String(v)));
const customFields = z.array(z.object({ id: z.string().min(1).max(60), value: fieldValue })).max(60).default([]);
const requestNumber = z.coerce.number().int().min(1).max(2_000_000_000);
const guestQuery = z.object({ token: z.string().max(200).optional(), locale: optionalLocale });

const createBody = z.object({
  request: z.object({
    subject: z.string().max(200),
    comment: z.object({ body: z.string().max(20_000), uploads: z.array(z.string().max(100)).max(10).optional() }),
    custom_fields: customFields,
    ticket_form_id: z.string().max(60).optional(),
    request_type: z.string().max(60).optional(),
    requester: z.object({ name: z.string().max(80).optional(), email: z.string().max(254) }).optional(),
    locale: optionalLocale,
  }),
});

const toValues = (fields: Array<{ id: string; value: string }>) => Object.fromEntries(fields.map((f) => [f.id, f.value]));

export const requestsRoutes: FastifyPluginAsyncZod<{ service: RequestsService; publicUrl: string }> = async (app, { service, publicUrl }) => {
  const tags = ['Requests'];
  const typeOf = (id: string) => service.catalog.byId(id)?.def;
  const guestToken = (request: { headers: Record<string, unknown>; query: unknown }) =>
    (typeof request.headers['x-guest-token'] === 'string' ? request.headers['x-guest-token'] : undefined) ?? (request.query as { token?: string }).token;
  const viewer = (request: Parameters<typeof guestToken>[0] & { actor: Parameters<typeof viewerFor>[0] }) => {
    const v = viewerFor(request.actor, guestToken(request));
    if (!v) throw new AppError('unauthorized');
    return v;
  };

  app.get('/api/v2/request_types', { schema: { tags, summary: 'Request types and their form fields', querystring: z.object({ locale: optionalLocale }) } }, async (request) => {
    const locale = request.query.locale ?? request.locale;
    return { request_types: service.catalog.list().map((d) => presentRequestType(d, locale)) };
  });

  app.post(
    '/api/v2/requests/validate',
    {
      schema: {
        tags,
        summary: 'Validate a request form as the user types (address on network, txid, required fields)',
        body: z.object({ request_type: z.string().max(60), subject: z.string().max(200).default(''), description: z.string().max(20_000).default(''), fields: z.record(z.string(), fieldValue).default({}), locale: optionalLocale, partial: z.boolean().default(true) }),
      },
    },
    async (request) => {
      const b = request.body;
      const locale = b.locale ?? request.locale;
      const result = service.validate(b.request_type, b.subject, b.description, b.fields, locale);
      // While typing, only judge fields the user has touched; the final submit judges everything.
      const touched = new Set(Object.entries({ subject: b.subject, description: b.description, ...b.fields }).filter(([, v]) => v !== '').map(([k]) => k));
      const errors = b.partial ? result.errors.filter((e) => touched.has(e.field) || e.code.startsWith('chain_')) : result.errors;
      return { valid: result.errors.length === 0, errors, warnings: result.warnings, values: result.checked.values, facts: result.checked.facts };
    },
  );

  app.get(
    '/api/v2/requests/suggestions',
    { schema: { tags, summary: 'Articles that may answer the request before it is submitted', querystring: z.object({ query: z.string().max(500), request_type: z.string().max(60).optional(), locale: optionalLocale }) } },
    async (request) => {
      const locale = request.query.locale ?? request.locale;
      const hits = await service.suggestions(request.query.query, locale, request.query.request_type);
      const ctx = { publicUrl, brand: service.config.brand };
      return { results: hits.map((h) => ({ ...presentArticle(ctx, h.article), snippet: h.snippet })) };
    },
  );

  app.post(
    '/api/v2/requests/deflections',
    { schema: { tags, summary: 'Record that an article solved the problem (no ticket is created)', body: z.object({ article_id: z.string().max(100), query: z.string().max(500).default(''), request_type: z.string().max(60).optional() }) } },
    async (request, reply) => {
      const b = request.body;
      const { id } = await service.recordDeflection({ articleId: b.article_id, query: b.query, ...(b.request_type ? { requestType: b.request_type } : {}), userId: request.actor.userId, kind: 'article' });
      return reply.status(201).send({ deflection: { id, article_id: b.article_id } });
    },
  );

  app.post('/api/v2/requests', { schema: { tags, summary: 'Submit a request (Zendesk-compatible)', body: createBody } }, async (request, reply) => {
    const r = request.body.request;
    const locale: Locale = r.locale ?? request.locale;
    const typeKey = r.request_type ?? r.ticket_form_id ?? 'other';
    let requester: Parameters<RequestsService['submit']>[0]['requester'];
    if (request.actor.userId && request.actor.kind !== 'anonymous') requester = { kind: 'user', userId: request.actor.userId };
    else if (r.requester) requester = { kind: 'guest', email: r.requester.email, ...(r.requester.name ? { name: r.requester.name } : {}) };
    else throw new AppError('unauthorized');
    const idempotencyKey = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : undefined;
    const result = await service.submit({
      requestType: typeKey,
      subject: r.subject,
      description: r.comment.body,
      fields: toValues(r.custom_fields),
      ...(r.comment.uploads ? { uploads: r.comment.uploads } : {}),
      locale,
      channel: 'api',
      ip: request.ip,
      ...(idempotencyKey ? { idempotencyKey } : {}),
      requester,
    });
    const body = {
      request: presentRequest(publicUrl, result.ticket, typeOf(result.ticket.request_type_id)),
      redactions: result.redactions,
      warning: result.warning,
      ...(result.guestToken ? { guest_link: service.guestLink(result.ticket, result.guestToken, locale), guest_token: result.guestToken } : {}),
    };
    return reply.status(result.created ? 201 : 200).send(body);
  });

  app.get(
    '/api/v2/requests',
    { schema: { tags, summary: 'My requests', querystring: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1), per_page: z.coerce.number().int().min(1).max(100).default(25), status: z.string().max(100).optional() }) } },
    async (request) => {
      if (!canListOwnRequests(request.actor)) throw new AppError('unauthorized');
      const q = request.query;
      const statuses = q.status?.split(',').map((s) => s.trim()).filter(Boolean) as Parameters<RequestsService['listMine']>[3];
      const { rows, count } = await service.listMine(request.actor.userId!, q.page, q.per_page, statuses);
      const pageCount = Math.max(1, Math.ceil(count / q.per_page));
      return {
        requests: rows.map((t) => presentRequest(publicUrl, t, typeOf(t.request_type_id))),
        count,
        page: q.page,
        per_page: q.per_page,
        next_page: q.page < pageCount ? `${publicUrl}/api/v2/requests?page=${q.page + 1}&per_page=${q.per_page}` : null,
        previous_page: q.page > 1 ? `${publicUrl}/api/v2/requests?page=${q.page - 1}&per_page=${q.per_page}` : null,
      };
    },
  );

  app.get('/api/v2/requests/:id', { schema: { tags, params: z.object({ id: requestNumber }), querystring: guestQuery } }, async (request) => {
    const ticket = await service.ticketFor(viewer(request), request.params.id);
    return { request: presentRequest(publicUrl, ticket, typeOf(ticket.request_type_id)) };
  });

  app.get('/api/v2/requests/:id/comments', { schema: { tags, params: z.object({ id: requestNumber }), querystring: guestQuery } }, async (request) => {
    const ticket = await service.ticketFor(viewer(request), request.params.id);
    const [comments, attachments] = await Promise.all([service.publicComments(ticket), service.attachments(ticket)]);
    return {
      comments: comments.map((c) => presentComment(publicUrl, ticket, c, attachments.filter((a) => (JSON.parse(c.attachment_ids) as string[]).includes(a.id)))),
      count: comments.length,
    };
  });

  const commentBody = z.object({ comment: z.object({ body: z.string().max(20_000), uploads: z.array(z.string().max(100)).max(10).optional() }) });
  app.post('/api/v2/requests/:id/comments', { schema: { tags, summary: 'Reply to my request', params: z.object({ id: requestNumber }), querystring: guestQuery, body: commentBody } }, async (request, reply) => {
    const v = viewer(request);
    const ticket = await service.ticketFor(v, request.params.id);
    const locale = request.query.locale ?? request.locale;
    const result = await service.addComment(ticket, { authorId: ticket.requester_id, role: 'requester', body: request.body.comment.body, isPublic: true, ...(request.body.comment.uploads ? { uploads: request.body.comment.uploads } : {}), via: 'api', locale });
    return reply.status(201).send({ comment: { id: result.id, body: result.redacted, hash: result.hash }, redactions: [...new Set(result.findings.map((f) => f.kind))], warning: result.warning });
  });

  // Zendesk's update: PUT /api/v2/requests/{id} with a comment and/or "solved": true.
  app.put(
    '/api/v2/requests/:id',
    {
      schema: {
        tags,
        params: z.object({ id: requestNumber }),
        querystring: guestQuery,
        body: z.object({ request: z.object({ comment: commentBody.shape.comment.optional(), solved: z.boolean().optional(), satisfaction_rating: z.object({ score: z.enum(['good', 'bad']), comment: z.string().max(2000).optional() }).optional() }) }),
      },
    },
    async (request) => {
      const v = viewer(request);
      const locale = request.query.locale ?? request.locale;
      let ticket = await service.ticketFor(v, request.params.id);
      const r = request.body.request;
      if (r.comment) {
        await service.addComment(ticket, { authorId: ticket.requester_id, role: 'requester', body: r.comment.body, isPublic: true, ...(r.comment.uploads ? { uploads: r.comment.uploads } : {}), via: 'api', locale });
        ticket = await service.ticketFor(v, request.params.id);
      }
      if (r.solved) ticket = await service.markSolved(ticket, locale);
      if (r.satisfaction_rating) ticket = await service.rate(ticket, r.satisfaction_rating.score, r.satisfaction_rating.comment, locale);
      return { request: presentRequest(publicUrl, ticket, typeOf(ticket.request_type_id)) };
    },
  );

  app.get('/api/v2/requests/:id/record.:format', { schema: { tags, summary: 'Download the conversation record (hash-chained)', params: z.object({ id: requestNumber, format: z.enum(['json', 'html']) }), querystring: guestQuery } }, async (request, reply) => {
    const ticket = await service.ticketFor(viewer(request), request.params.id);
    const [comments, attachments] = await Promise.all([service.publicComments(ticket), service.attachments(ticket)]);
    const doc = buildRecord({ ticket, comments, attachments });
    const locale = request.query.locale ?? (ticket.locale as Locale);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-disposition', `attachment; filename="request-${ticket.number}-record.${request.params.format}"`);
    if (request.params.format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(doc, null, 2));
    return reply.type('text/html; charset=utf-8').send(renderRecordHtml(doc, locale, service.config.brand));
  });

  // ---- Admin: request types ----
  app.register(async (scope) => {
    const admin = scope.withTypeProvider<ZodTypeProvider>();
    admin.addHook('preHandler', async (request) => {
      if (request.actor.kind === 'anonymous') throw new AppError('unauthorized');
      if (!canManageRequestTypes(request.actor)) throw new AppError('forbidden');
    });
    admin.put('/api/v2/request_types/:key', { schema: { tags, summary: 'Create or replace a request type (admin)', params: z.object({ key: z.string().max(40) }), body: z.object({ request_type: requestTypeSchema, active: z.boolean().default(true) }) } }, async (request) => {
      if (request.body.request_type.key !== request.params.key) throw new AppError('validation_failed', { detail: 'request_type.key must match the URL' });
      await service.db.transaction().execute((trx) => saveRequestType(trx, request.body.request_type, request.body.active));
      await service.catalog.reload();
      const entry = service.catalog.list(true).find((d) => d.key === request.params.key)!;
      return { request_type: presentRequestType(entry, request.locale), active: request.body.active };
    });
    admin.get('/api/v2/request_types/:key/definition', { schema: { tags, params: z.object({ key: z.string().max(40) }) } }, async (request) => {
      const def = service.catalog.list(true).find((d) => d.key === request.params.key);
      if (!def) throw new AppError('not_found', { resource: 'request_type' });
      return { request_type: def };
    });
  });
};
