import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestsService } from '../requests/requests.service.js';
import { requireAdmin, requireStaff } from '../staff/staff.guard.js';
import { auditActorOf } from '../staff/staff.service.js';
import { presentNoticeAdmin } from './status.presenter.js';
import { noticeInputSchema, noticeUpdateSchema, resolveSchema, StatusNoticesService } from './status.service.js';

export interface StatusAdminOptions {
  db: Kysely<Database>;
  audit: AuditLog;
  requests: RequestsService;
  config: Config;
}

const id = z.string().min(1).max(100);

/**
 * Status notices in the console: staff read them; admins publish, edit, post updates, resolve and
 * delete (each audited). Needs the status plugin (`app.statusBoard`) registered first.
 */
export const statusAdminRoutes: FastifyPluginAsyncZod<StatusAdminOptions> = async (app, { db, audit, requests, config }) => {
  const board = app.statusBoard;
  if (!board) throw new Error('status notices: register statusPlugin before the agent plugin');
  const notices = new StatusNoticesService(db, audit, board, requests.catalog, config.brand);
  const tags = ['Status notices'];
  const actorOf = (request: { actor: Parameters<typeof auditActorOf>[0]; ip: string }) => auditActorOf(request.actor, request.ip);

  app.get(
    '/api/v2/status_notices',
    { schema: { tags, summary: 'Every status notice, newest start first, with derived state and deflection count', querystring: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1), per_page: z.coerce.number().int().min(1).max(100).default(50) }) }, preValidation: requireStaff },
    async (request) => {
      const { page, per_page } = request.query;
      const result = await notices.list(page, per_page);
      const now = Date.now();
      return { status_notices: result.notices.map((n) => presentNoticeAdmin(n, now)), count: result.count, page, per_page };
    },
  );

  app.get('/api/v2/status_notices/:id', { schema: { tags, params: z.object({ id }) }, preValidation: requireStaff }, async (request) => ({
    status_notice: presentNoticeAdmin(await notices.get(request.params.id)),
  }));

  app.post('/api/v2/status_notices', { schema: { tags, summary: 'Publish an incident or schedule maintenance', body: z.object({ status_notice: noticeInputSchema }) }, preValidation: requireAdmin }, async (request, reply) => {
    const notice = await notices.create(request.body.status_notice, actorOf(request), request.locale);
    return reply.status(201).send({ status_notice: presentNoticeAdmin(notice) });
  });

  app.put('/api/v2/status_notices/:id', { schema: { tags, summary: 'Replace a notice\'s fields', params: z.object({ id }), body: z.object({ status_notice: noticeInputSchema }) }, preValidation: requireAdmin }, async (request) => ({
    status_notice: presentNoticeAdmin(await notices.update(request.params.id, request.body.status_notice, actorOf(request), request.locale)),
  }));

  app.post(
    '/api/v2/status_notices/:id/updates',
    { schema: { tags, summary: 'Append an update to the timeline', params: z.object({ id }), body: z.object({ update: noticeUpdateSchema }) }, preValidation: requireAdmin },
    async (request, reply) => {
      const notice = await notices.postUpdate(request.params.id, request.body.update.body, actorOf(request));
      return reply.status(201).send({ status_notice: presentNoticeAdmin(notice) });
    },
  );

  app.post(
    '/api/v2/status_notices/:id/resolve',
    { schema: { tags, summary: 'Resolve now, with an optional closing update', params: z.object({ id }), body: resolveSchema.default({}) }, preValidation: requireAdmin },
    async (request) => ({
      status_notice: presentNoticeAdmin(await notices.resolve(request.params.id, request.body.update?.body, actorOf(request), request.locale)),
    }),
  );

  app.delete('/api/v2/status_notices/:id', { schema: { tags, params: z.object({ id }) }, preValidation: requireAdmin }, async (request, reply) => {
    await notices.delete(request.params.id, actorOf(request));
    return reply.status(204).send();
  });
};
