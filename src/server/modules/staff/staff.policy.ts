import type { Actor } from '../../plugins/auth.js';
import type { StaffSessionTable, UserTable } from '../../db/schema.js';

export type StaffRole = 'agent' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['agent', 'admin'];

/** Staff sessions: 12 hours after sign-in at most, and 30 minutes without a request ends them. */
export const STAFF_SESSION_ABSOLUTE_MS = 12 * 3600 * 1000;
export const STAFF_SESSION_IDLE_MS = 30 * 60 * 1000;
/** last_active_at is written at most this often. */
export const STAFF_TOUCH_EVERY_MS = 60 * 1000;

export const isStaffRole = (role: string): role is StaffRole => role === 'agent' || role === 'admin';

/** Agents and admins (session or API token, or the ADMIN_TOKEN). */
export const isStaff = (actor: Actor): boolean => actor.kind === 'agent' || actor.kind === 'admin';

/** Staff accounts, API tokens, groups, routing, SLA policies and macros are admin business. */
export const canManageStaff = (actor: Actor): boolean => actor.kind === 'admin';
export const canManageApiTokens = (actor: Actor): boolean => actor.kind === 'admin';
export const canManageGroups = (actor: Actor): boolean => actor.kind === 'admin';
/** Any staff member may read groups and their members (filters, assignment pickers). */
export const canReadGroups = (actor: Actor): boolean => isStaff(actor);

type StaffUserFields = Pick<UserTable, 'role' | 'password_hash'> & { deactivated_at?: string | null };

/** Who may use the staff sign-in: an active agent or admin with a password. */
export function canSignInAsStaff(user: StaffUserFields | undefined): boolean {
  return !!user && isStaffRole(user.role) && !user.deactivated_at && !!user.password_hash;
}

export type StaffSessionState = 'valid' | 'missing' | 'expired' | 'idle';

/** Whether a full staff session may still be used at `now`. */
export function staffSessionState(row: Pick<StaffSessionTable, 'created_at' | 'last_active_at'> | undefined, now: number): StaffSessionState {
  if (!row) return 'missing';
  if (now >= Date.parse(row.created_at) + STAFF_SESSION_ABSOLUTE_MS) return 'expired';
  if (now >= Date.parse(row.last_active_at) + STAFF_SESSION_IDLE_MS) return 'idle';
  return 'valid';
}

/** An admin must not lock themselves out (demote or deactivate their own account). */
export function canChangeOwnAccount(actor: Actor, targetId: string, change: { role?: StaffRole; active?: boolean }): boolean {
  if (actor.userId !== targetId) return true;
  return (change.role === undefined || change.role === 'admin') && change.active !== false;
}
