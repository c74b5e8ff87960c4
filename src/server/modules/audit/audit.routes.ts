import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../staff/staff.guard.js';
import { auditActorOf } from '../staff/staff.service.js';
import type { AuditRow } from './audit.queries.js';
import { AUDIT_CSV_COLUMNS, csvCell, type AuditLog } from './audit.service.js';

export function presentAuditEntry(row: AuditRow) {
  return {
    id: row.id,
    seq: row.seq,
    actor: { id: row.actor_id, label: row.actor_label },
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as unknown,
    ip: row.ip,
    created_at: row.created_at,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/** The audit log: browse, export (JSON or CSV, itself audited) and verify the hash chain. Admins only. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditLog; publicUrl: string }> = async (app, { audit, publicUrl }) => {
  const tags = ['Audit'];
  const admin = { preValidation: requireAdmin };

  app.get(
    '/api/v2/audit_logs',
    {
      schema: {
        tags,
        summary: 'Audit log entries, newest first (action accepts a prefix: "ticket.*")',
        querystring: z.object({ actor_id: z.string().max(100).optional(), action: z.string().max(60).optional(), page: z.coerce.number().int().min(1).max(100_000).default(1), per_page: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      ...admin,
    },
    async (request) => {
      const q = request.query;
      const { rows, count } = await audit.list({ ...(q.actor_id ? { actorId: q.actor_id } : {}), ...(q.action ? { action: q.action } : {}) }, q.page, q.per_page);
      const pages = Math.max(1, Math.ceil(count / q.per_page));
      const link = (page: number) => {
        const params = new URLSearchParams({ ...(q.actor_id ? { actor_id: q.actor_id } : {}), ...(q.action ? { action: q.action } : {}), page: String(page), per_page: String(q.per_page) });
        return `${publicUrl}/api/v2/audit_logs?${params.toString()}`;
      };
      return { audit_logs: rows.map(presentAuditEntry), count, page: q.page, per_page: q.per_page, next_page: q.page < pages ? link(q.page + 1) : null, previous_page: q.page > 1 ? link(q.page - 1) : null };
    },
  );

  app.get('/api/v2/audit_logs/export', { schema: { tags, summary: 'Download the whole log (JSON or CSV)', querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }) }, ...admin }, async (request, reply) => {
    const format = request.query.format;
    // Recorded first, so the export contains its own entry.
    await audit.append({ actor: auditActorOf(request.actor, request.ip), action: 'audit.export', subject: 'audit_log', details: { format } });
    const stamp = new Date().toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="pharos-audit-${stamp}.${format}"`);
    reply.header('x-content-type-options', 'nosniff');
    const lines: string[] = [];
    if (format === 'csv') {
      lines.push(AUDIT_CSV_COLUMNS.join(','));
      for await (const row of audit.entries()) lines.push(AUDIT_CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
      return reply.type('text/csv; charset=utf-8').send(`${lines.join('\r\n')}\r\n`);
    }
    for await (const row of audit.entries()) lines.push(JSON.stringify(presentAuditEntry(row)));
    return reply.type('application/json; charset=utf-8').send(`{"format":"pharos-audit/1","entries":[\n${lines.join(',\n')}\n]}\n`);
  });

  app.get('/api/v2/audit_logs/verify', { schema: { tags, summary: 'Recompute the hash chain' }, ...admin }, async () => {
    const result = await audit.verify();
    return result.valid ? { valid: true, entries: result.entries, head: result.head } : { valid: false, entries: result.entries, head: result.head, broken_at: result.broken_at, reason: result.reason };
  });
};
