import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin, requireStaff } from '../staff/staff.guard.js';
import { auditActorOf } from '../staff/staff.service.js';
import { isValidTimezone } from './sla.policy.js';
import type { SlaConfig, SlaService } from './sla.service.js';

const minutes = z.number().int().min(0).max(525_600).nullable();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour)');

const body = z.object({
  policies: z
    .array(z.object({ priority: z.enum(['low', 'normal', 'high', 'urgent']), first_reply_minutes: minutes, next_reply_minutes: minutes, resolution_minutes: minutes, business_hours: z.boolean().default(false) }))
    .max(4)
    .refine((list) => new Set(list.map((p) => p.priority)).size === list.length, 'each priority at most once'),
  business_hours: z
    .object({ timezone: z.string().min(1).max(64).refine(isValidTimezone, 'unknown IANA timezone'), days: z.array(z.number().int().min(1).max(7)).max(7), start: hhmm, end: hhmm })
    .refine((h) => h.end > h.start, { message: 'end must be after start', path: ['end'] })
    .optional(),
});

export function presentSlaConfig(config: SlaConfig) {
  return {
    policies: config.policies.map((p) => ({
      priority: p.priority,
      first_reply_minutes: p.firstReplyMinutes || null,
      next_reply_minutes: p.nextReplyMinutes || null,
      resolution_minutes: p.resolutionMinutes || null,
      business_hours: p.businessHours,
    })),
    business_hours: { timezone: config.businessHours.timezone, days: [...config.businessHours.days].sort(), start: config.businessHours.start, end: config.businessHours.end },
  };
}

/** SLA policies per priority and business hours (read: staff; write: admin). */
export const slaRoutes: FastifyPluginAsyncZod<{ sla: SlaService }> = async (app, { sla }) => {
  const tags = ['SLA'];
  app.get('/api/v2/slas/policies', { schema: { tags, summary: 'SLA policies and business hours' }, preValidation: requireStaff }, async () => presentSlaConfig(await sla.config()));

  app.put(
    '/api/v2/slas/policies',
    { schema: { tags, summary: 'Replace SLA policies (applies to new tickets and on priority changes)', body }, preValidation: requireAdmin },
    async (request) => {
      const current = await sla.config();
      const policies = current.policies.map((p) => {
        const given = request.body.policies.find((x) => x.priority === p.priority);
        return given
          ? { priority: p.priority, firstReplyMinutes: given.first_reply_minutes ?? 0, nextReplyMinutes: given.next_reply_minutes ?? 0, resolutionMinutes: given.resolution_minutes ?? 0, businessHours: given.business_hours }
          : p;
      });
      const bh = request.body.business_hours;
      const businessHours = bh ? { timezone: bh.timezone, days: [...new Set(bh.days)].sort(), start: bh.start, end: bh.end } : current.businessHours;
      return presentSlaConfig(await sla.saveConfig({ policies, businessHours }, auditActorOf(request.actor, request.ip)));
    },
  );
};
