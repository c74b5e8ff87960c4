import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { t } from '../../i18n.js';
import type { TicketPriority, TicketStatus } from '../../db/schema.js';
import { requireAdmin, requireStaff } from '../staff/staff.guard.js';
import { auditActorOf } from '../staff/staff.service.js';
import type { RoutingService } from './tickets.routing.js';
import type { StaffContext, TicketsService } from './tickets.service.js';

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const ticketNumber = z.coerce.number().int().min(1).max(2_000_000_000);

/** A comma-separated list of allowed values (`status=open,pending`). */
const csvOf = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const list = v.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = list.find((s) => !(values as readonly string[]).includes(s));
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `unknown value "${bad}"; use ${values.join(', ')}` });
        return z.NEVER;
      }
      return list as T[];
    });

const listQuery = z.object({
  view: z.enum(['mine', 'group_unassigned', 'all_open', 'sla_breaching', 'all']).default('all_open'),
  status: csvOf<TicketStatus>(STATUSES),
  priority: csvOf<TicketPriority>(PRIORITIES),
  request_type: z.string().max(400).optional(),
  group_id: z.string().max(100).optional(),
  requester: z.string().max(254).optional(),
  created_after: z.string().max(40).optional(),
  created_before: z.string().max(40).optional(),
  query: z.string().max(500).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(25),
});

const updateBody = z.object({
  ticket: z.object({
    status: z.enum(STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    group_id: z.string().max(100).nullable().optional(),
    assignee_id: z.string().max(100).nullable().optional(),
    comment: z.object({ body: z.string().max(20_000), public: z.boolean().default(true), uploads: z.array(z.string().max(100)).max(10).optional() }).optional(),
  }),
});

const ruleSchema = z.object({ request_type: z.string().min(1).max(60), priority: z.enum(PRIORITIES).nullable().optional(), group_id: z.string().min(1).max(100) });

const ctxOf = (request: FastifyRequest): StaffContext => ({ actor: request.actor, ip: request.ip, locale: request.locale });

/** Agent ticket work (docs/agent-api.md, Tickets) and routing rules. */
export const ticketsRoutes: FastifyPluginAsyncZod<{ tickets: TicketsService; routing: RoutingService; publicUrl: string }> = async (app, { tickets, routing, publicUrl }) => {
  const tags = ['Tickets'];
  const staff = { preValidation: requireStaff };

  const pageLink = (path: string, query: Record<string, unknown>, page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && k !== 'page') params.set(k, String(v));
    params.set('page', String(page));
    return `${publicUrl}${path}?${params.toString()}`;
  };

  app.get('/api/v2/tickets', { schema: { tags, summary: 'Ticket views with filters and full-text search', querystring: listQuery }, ...staff }, async (request) => {
    const q = request.query;
    const raw = request.query as unknown as Record<string, unknown>;
    const result = await tickets.list(ctxOf(request), {
      view: q.view,
      ...(q.status ? { status: q.status } : {}),
      ...(q.priority ? { priority: q.priority } : {}),
      ...(q.request_type ? { requestTypes: q.request_type.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
      ...(q.group_id ? { groupId: q.group_id } : {}),
      ...(q.requester ? { requester: q.requester } : {}),
      ...(q.created_after ? { createdAfter: q.created_after } : {}),
      ...(q.created_before ? { createdBefore: q.created_before } : {}),
      ...(q.query ? { query: q.query } : {}),
      page: q.page,
      perPage: q.per_page,
    });
    const pages = Math.max(1, Math.ceil(result.count / q.per_page));
    const original = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    return {
      tickets: result.tickets,
      count: result.count,
      page: q.page,
      per_page: q.per_page,
      next_page: q.page < pages ? pageLink('/api/v2/tickets', original, q.page + 1) : null,
      previous_page: q.page > 1 ? pageLink('/api/v2/tickets', original, q.page - 1) : null,
    };
  });

  app.get(
    '/api/v2/search',
    { schema: { tags, summary: 'Full-text ticket search (help-center tokenizer, every term must match)', querystring: z.object({ query: z.string().max(500), page: z.coerce.number().int().min(1).max(10_000).default(1), per_page: z.coerce.number().int().min(1).max(100).default(25) }) }, ...staff },
    async (request) => {
      const q = request.query;
      if (!q.query.trim()) return { results: [], count: 0, page: q.page, per_page: q.per_page };
      const result = await tickets.list(ctxOf(request), { view: 'all', query: q.query, page: q.page, perPage: q.per_page });
      return { results: result.tickets, count: result.count, page: q.page, per_page: q.per_page };
    },
  );

  app.get('/api/v2/tickets/:id', { schema: { tags, summary: 'A ticket with its conversation, requester context, fields and history', params: z.object({ id: ticketNumber }) }, ...staff }, async (request) =>
    tickets.detail(ctxOf(request), request.params.id),
  );

  app.put('/api/v2/tickets/:id', { schema: { tags, summary: 'Update a ticket and/or reply (public) or add an internal note', params: z.object({ id: ticketNumber }), body: updateBody }, ...staff }, async (request, reply) => {
    const b = request.body.ticket;
    const outcome = await tickets.update(ctxOf(request), request.params.id, {
      ...(b.status !== undefined ? { status: b.status } : {}),
      ...(b.priority !== undefined ? { priority: b.priority } : {}),
      ...(b.group_id !== undefined ? { group_id: b.group_id } : {}),
      ...(b.assignee_id !== undefined ? { assignee_id: b.assignee_id } : {}),
      ...(b.comment ? { comment: { body: b.comment.body, public: b.comment.public, ...(b.comment.uploads ? { uploads: b.comment.uploads } : {}) } } : {}),
    });
    if (outcome.kind === 'refused') {
      return reply.status(422).send({ error: 'outbound_refused', message: t(request.locale, 'tickets.errors.outbound_refused'), statusCode: 422, reasons: outcome.reasons });
    }
    return { ticket: outcome.ticket, redactions: outcome.redactions, warning: outcome.warning, comment_id: outcome.comment_id };
  });

  app.post('/api/v2/tickets/:id/take', { schema: { tags, summary: 'Assign the ticket to me', params: z.object({ id: ticketNumber }) }, ...staff }, async (request) => ({
    ticket: await tickets.take(ctxOf(request), request.params.id),
  }));

  app.post('/api/v2/tickets/:id/merge', { schema: { tags, summary: 'Merge this ticket into target_id', params: z.object({ id: ticketNumber }), body: z.object({ target_id: ticketNumber }) }, ...staff }, async (request) => ({
    ticket: await tickets.merge(ctxOf(request), request.params.id, request.body.target_id),
  }));

  // ---- Routing rules ----
  app.get('/api/v2/routing_rules', { schema: { tags, summary: 'Routing rules (first match wins; fallback: the request type group)' }, ...staff }, async () => ({ rules: await routing.rules() }));

  app.put('/api/v2/routing_rules', { schema: { tags, summary: 'Replace the routing rules', body: z.object({ rules: z.array(ruleSchema).max(200) }) }, preValidation: requireAdmin }, async (request) => {
    const rules = request.body.rules.map((r) => ({ request_type: r.request_type, priority: r.priority ?? null, group_id: r.group_id }));
    return { rules: await routing.saveRules(rules, auditActorOf(request.actor, request.ip), request.locale) };
  });
};
