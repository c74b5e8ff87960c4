import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { t } from '../../i18n.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/session.js';
import type { RequestContext } from '../accounts/accounts.service.js';
import type { NewSession } from '../accounts/sessions.js';
import type { GroupsService } from './groups.service.js';
import { requireAdmin, requireStaff, staffUserId } from './staff.guard.js';
import { presentApiToken, presentGroup, presentMembership, presentStaffMe, presentStaffUser } from './staff.presenter.js';
import { auditActorOf, type StaffAuthService, type StaffService } from './staff.service.js';

export interface StaffRoutesOptions {
  auth: StaffAuthService;
  staff: StaffService;
  groups: GroupsService;
}

const locale = z.enum(['en-us', 'zh-cn']);
const role = z.enum(['agent', 'admin']);
const id = z.string().min(1).max(100);
const localizedName = z.object({ 'en-us': z.string().trim().min(1).max(120), 'zh-cn': z.string().trim().min(1).max(120) });
const groupBody = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/),
  name: localizedName,
  assignment: z.enum(['round_robin', 'least_busy', 'manual']).default('manual'),
});

const ctxOf = (request: FastifyRequest): RequestContext => ({ locale: request.locale, ip: request.ip, userAgent: request.headers['user-agent'] ?? '', session: request.authSession });
const auditOf = (request: FastifyRequest) => auditActorOf(request.actor, request.ip);

/**
 * The sign-in endpoints take JSON only: a cross-site HTML form cannot send it, so they need no CSRF
 * token (and a stale cookie from an abandoned sign-in does not block a new one).
 */
function requireJson(request: FastifyRequest): void {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json') throw new AppError('unsupported_media_type', {}, [{ path: 'content-type', message: t(request.locale, 'staff.errors.json_required') }]);
}

function withStaffCookie(reply: FastifyReply, session: NewSession): void {
  setSessionCookie(reply, session);
}

/** Staff sign-in, staff accounts, API tokens, groups and memberships (docs/agent-api.md). */
export const staffRoutes: FastifyPluginAsyncZod<StaffRoutesOptions> = async (app, { auth, staff, groups }) => {
  const tags = ['Staff'];
  const off = { csrf: 'off' as const };

  // ---- Sign-in ----
  app.post('/api/v2/staff/session', { schema: { tags, summary: 'Staff sign-in, step 1: email and password → TOTP step (or enrolment)' }, config: off }, async (request, reply) => {
    requireJson(request);
    const result = await auth.login(request.body, ctxOf(request));
    withStaffCookie(reply, result.session);
    return result.stage === 'totp_enrol' ? { stage: result.stage, enrolment: result.enrolment } : { stage: result.stage };
  });

  app.post('/api/v2/staff/session/totp', { schema: { tags, summary: 'Staff sign-in, step 2: a TOTP code (completes enrolment too)' }, config: off }, async (request, reply) => {
    requireJson(request);
    const result = await auth.completeTotp(request.body, ctxOf(request));
    withStaffCookie(reply, result.session);
    return { user: presentStaffMe(result.user, result.groupIds), csrf_token: result.session.session.csrfToken };
  });

  app.get('/api/v2/staff/me', { schema: { tags, summary: 'The signed-in staff member' }, preValidation: requireStaff }, async (request) => {
    const me = await auth.me(staffUserId(request));
    return { user: presentStaffMe(me.user, me.groupIds), csrf_token: request.authSession?.csrfToken ?? null };
  });

  app.delete('/api/v2/staff/session', { schema: { tags, summary: 'Sign out' } }, async (request, reply) => {
    await auth.logout(ctxOf(request), request.actor);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  // ---- Staff accounts (admin) ----
  const admin = { preValidation: requireAdmin };
  app.get('/api/v2/users', { schema: { tags, summary: 'Staff members', querystring: z.object({ role: role.optional() }) }, ...admin }, async (request) => {
    const rows = await staff.list(request.query.role);
    const lastSeen = await staff.lastSeen(rows.map((r) => r.user.id));
    return { users: rows.map((r) => ({ ...presentStaffUser(r.user, r.groupIds), last_seen_at: lastSeen.get(r.user.id) ?? null })), count: rows.length };
  });

  app.get('/api/v2/users/:id', { schema: { tags, params: z.object({ id }) }, ...admin }, async (request) => {
    const r = await staff.get(request.params.id);
    return { user: presentStaffUser(r.user, r.groupIds) };
  });

  app.post(
    '/api/v2/users',
    {
      schema: {
        tags,
        summary: 'Create a staff member (emails a set-password link)',
        body: z.object({ user: z.object({ name: z.string().trim().min(1).max(120), email: z.string().trim().max(254), role, locale: locale.default('en-us'), group_ids: z.array(id).max(50).default([]) }) }),
      },
      ...admin,
    },
    async (request, reply) => {
      const r = await staff.create(request.body.user, auditOf(request), request.locale);
      return reply.status(201).send({ user: presentStaffUser(r.user, r.groupIds) });
    },
  );

  app.put(
    '/api/v2/users/:id',
    {
      schema: {
        tags,
        params: z.object({ id }),
        body: z.object({ user: z.object({ name: z.string().trim().min(1).max(120).optional(), role: role.optional(), locale: locale.optional(), group_ids: z.array(id).max(50).optional(), active: z.boolean().optional() }) }),
      },
      ...admin,
    },
    async (request) => {
      const u = request.body.user;
      const change = {
        ...(u.name !== undefined ? { name: u.name } : {}),
        ...(u.role !== undefined ? { role: u.role } : {}),
        ...(u.locale !== undefined ? { locale: u.locale } : {}),
        ...(u.group_ids !== undefined ? { group_ids: u.group_ids } : {}),
        ...(u.active !== undefined ? { active: u.active } : {}),
      };
      const r = await staff.update(request.params.id, change, request.actor, auditOf(request), request.locale);
      return { user: presentStaffUser(r.user, r.groupIds) };
    },
  );

  app.delete('/api/v2/users/:id', { schema: { tags, summary: 'Deactivate a staff member', params: z.object({ id }) }, ...admin }, async (request) => {
    const r = await staff.deactivate(request.params.id, request.actor, auditOf(request), request.locale);
    return { user: presentStaffUser(r.user, r.groupIds) };
  });

  // ---- API tokens (admin) ----
  app.get('/api/v2/api_tokens', { schema: { tags }, ...admin }, async () => ({ api_tokens: (await staff.listTokens()).map((row) => presentApiToken(row)) }));

  app.post(
    '/api/v2/api_tokens',
    { schema: { tags, summary: 'Issue an API token for an integration (shown once)', body: z.object({ api_token: z.object({ name: z.string().trim().min(1).max(80), user_id: id.optional() }) }) }, ...admin },
    async (request, reply) => {
      const b = request.body.api_token;
      const { row, token } = await staff.createToken({ name: b.name, userId: b.user_id ?? request.actor.userId }, auditOf(request), request.locale);
      return reply.status(201).send({ api_token: presentApiToken(row, token), token });
    },
  );

  app.delete('/api/v2/api_tokens/:id', { schema: { tags, params: z.object({ id }) }, ...admin }, async (request, reply) => {
    await staff.deleteToken(request.params.id, auditOf(request));
    return reply.status(204).send();
  });

  // ---- Groups and memberships (read: staff; write: admin) ----
  const staffOnly = { preValidation: requireStaff };
  app.get('/api/v2/groups', { schema: { tags }, ...staffOnly }, async () => {
    const rows = await groups.list();
    return { groups: rows.map((r) => presentGroup(r.group, r.memberCount)), count: rows.length };
  });

  app.get('/api/v2/groups/:id', { schema: { tags, params: z.object({ id }) }, ...staffOnly }, async (request) => {
    const r = await groups.get(request.params.id);
    return { group: presentGroup(r.group, r.memberCount) };
  });

  app.post('/api/v2/groups', { schema: { tags, body: z.object({ group: groupBody }) }, ...admin }, async (request, reply) => {
    const r = await groups.create(request.body.group, auditOf(request), request.locale);
    return reply.status(201).send({ group: presentGroup(r.group, r.memberCount) });
  });

  app.put('/api/v2/groups/:id', { schema: { tags, params: z.object({ id }), body: z.object({ group: groupBody.partial() }) }, ...admin }, async (request) => {
    const g = request.body.group;
    const input = { ...(g.key !== undefined ? { key: g.key } : {}), ...(g.name !== undefined ? { name: g.name } : {}), ...(g.assignment !== undefined ? { assignment: g.assignment } : {}) };
    const r = await groups.update(request.params.id, input, auditOf(request), request.locale);
    return { group: presentGroup(r.group, r.memberCount) };
  });

  app.delete('/api/v2/groups/:id', { schema: { tags, params: z.object({ id }) }, ...admin }, async (request, reply) => {
    await groups.delete(request.params.id, auditOf(request), request.locale);
    return reply.status(204).send();
  });

  app.get('/api/v2/groups/:id/memberships', { schema: { tags, params: z.object({ id }) }, ...staffOnly }, async (request) => {
    const rows = await groups.memberships(request.params.id);
    return { group_memberships: rows.map(presentMembership), count: rows.length };
  });

  app.post('/api/v2/group_memberships', { schema: { tags, body: z.object({ group_membership: z.object({ user_id: id, group_id: id }) }) }, ...admin }, async (request, reply) => {
    const m = request.body.group_membership;
    const row = await groups.addMember({ userId: m.user_id, groupId: m.group_id }, auditOf(request), request.locale);
    return reply.status(201).send({ group_membership: presentMembership(row) });
  });

  app.delete('/api/v2/group_memberships/:id', { schema: { tags, params: z.object({ id }) }, ...admin }, async (request, reply) => {
    await groups.removeMember(request.params.id, auditOf(request));
    return reply.status(204).send();
  });
};
