import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin, requireStaff } from '../staff/staff.guard.js';
import { auditActorOf } from '../staff/staff.service.js';
import { macroInputSchema, presentMacro, type MacrosService } from './macros.service.js';

const id = z.string().min(1).max(100);

/** Macros: staff list and apply them; admins write them. */
export const macrosRoutes: FastifyPluginAsyncZod<{ macros: MacrosService }> = async (app, { macros }) => {
  const tags = ['Macros'];

  app.get('/api/v2/macros', { schema: { tags, summary: 'Macros (global and, with group_id, that group\'s)', querystring: z.object({ group_id: z.string().max(100).optional() }) }, preValidation: requireStaff }, async (request) => {
    const rows = await macros.list(request.query.group_id);
    return { macros: rows.map(presentMacro), count: rows.length };
  });

  app.post('/api/v2/macros', { schema: { tags, body: z.object({ macro: macroInputSchema }) }, preValidation: requireAdmin }, async (request, reply) => {
    const row = await macros.create(request.body.macro, auditActorOf(request.actor, request.ip));
    return reply.status(201).send({ macro: presentMacro(row) });
  });

  app.put('/api/v2/macros/:id', { schema: { tags, params: z.object({ id }), body: z.object({ macro: macroInputSchema }) }, preValidation: requireAdmin }, async (request) => ({
    macro: presentMacro(await macros.update(request.params.id, request.body.macro, auditActorOf(request.actor, request.ip))),
  }));

  app.delete('/api/v2/macros/:id', { schema: { tags, params: z.object({ id }) }, preValidation: requireAdmin }, async (request, reply) => {
    await macros.delete(request.params.id, auditActorOf(request.actor, request.ip));
    return reply.status(204).send();
  });

  app.post(
    '/api/v2/macros/:id/apply',
    { schema: { tags, summary: 'Render a macro for a ticket (its language, placeholders filled); changes nothing', params: z.object({ id }), body: z.object({ ticket_id: z.coerce.number().int().min(1).max(2_000_000_000) }) }, preValidation: requireStaff },
    async (request) => macros.apply(request.params.id, request.body.ticket_id, request.actor.userId),
  );
};
