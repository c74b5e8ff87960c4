import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../plugins/auth.js';
import { clearSessionCookie } from '../../plugins/session.js';
import type { ActiveSession } from '../accounts/sessions.js';
import { isStaff, isStaffRole, staffSessionState, STAFF_TOUCH_EVERY_MS } from './staff.policy.js';
import { findStaffSession, touchStaffSession } from './staff.queries.js';

const anonymous: Actor = { kind: 'anonymous', userId: null, label: 'anonymous', via: 'none' };

/**
 * Whether a full cookie session of a staff member may be used: it must have been opened by the
 * staff sign-in (TOTP) and be within the staff limits. An expired one is deleted. Customers'
 * sessions are not concerned (true).
 */
export async function staffSessionUsable(db: Kysely<Database>, session: ActiveSession, now: number = Date.now()): Promise<boolean> {
  if (session.stage !== 'full' || !isStaffRole(session.user.role)) return true;
  const row = await findStaffSession(db, session.id);
  const state = staffSessionState(row, now);
  if (state !== 'valid') {
    await db.deleteFrom('sessions').where('id', '=', session.id).execute();
    return false;
  }
  if (now - Date.parse(row!.last_active_at) >= STAFF_TOUCH_EVERY_MS) await touchStaffSession(db, session.id, new Date(now).toISOString());
  return true;
}

/**
 * Drops staff cookie sessions that did not come from the staff sign-in or are past 12 h / idle
 * 30 min: the request goes on as anonymous. Registered at the root, it covers the routes registered
 * after it (Fastify copies hooks into each plugin context when the context is created).
 */
export const staffSessionGuard = fp<{ db: Kysely<Database> }>(
  async (app, opts) => {
    app.addHook('onRequest', async (request, reply) => {
      const session = request.authSession;
      if (!session || request.actor.via !== 'session') return;
      if (await staffSessionUsable(opts.db, session)) return;
      request.authSession = null;
      request.actor = anonymous;
      clearSessionCookie(reply);
    });
  },
  { name: 'pharos-staff-session-guard', dependencies: ['pharos-session'] },
);

/** preValidation: agents and admins; 401 when signed out, 403 for customers. */
export async function requireStaff(request: FastifyRequest): Promise<void> {
  if (request.actor.kind === 'anonymous') throw new AppError('sign_in_required');
  if (!isStaff(request.actor)) throw new AppError('forbidden');
}

/** preValidation: admins only; 401 when signed out, 403 for agents and customers. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (request.actor.kind === 'anonymous') throw new AppError('sign_in_required');
  if (request.actor.kind !== 'admin') throw new AppError('forbidden');
}

/** A staff member's own user id; the ADMIN_TOKEN (no user) cannot author messages or take tickets. */
export function staffUserId(request: FastifyRequest): string {
  if (!request.actor.userId) throw new AppError('forbidden');
  return request.actor.userId;
}
