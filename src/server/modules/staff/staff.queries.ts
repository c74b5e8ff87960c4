import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApiTokenTable, Database, GroupAssignment, GroupTable, UserTable } from '../../db/schema.js';
import type { StaffRole } from './staff.policy.js';

type Db = Kysely<Database>;
export type StaffUserRow = Selectable<UserTable>;
export type GroupRow = Selectable<GroupTable>;

// ---- Staff users ----

export function findStaffById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).where('role', 'in', ['agent', 'admin']).executeTakeFirst();
}

export function listStaff(db: Db, role?: StaffRole) {
  let q = db.selectFrom('users').selectAll().where('role', 'in', role ? [role] : ['agent', 'admin']);
  q = q.orderBy('name').orderBy('id');
  return q.execute();
}

export async function groupIdsOf(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return result;
  const rows = await db.selectFrom('group_memberships').select(['user_id', 'group_id']).where('user_id', 'in', userIds).orderBy('created_at').orderBy('id').execute();
  for (const r of rows) result.get(r.user_id)?.push(r.group_id);
  return result;
}

// ---- Staff sessions ----

export function findStaffSession(db: Db, sessionId: string) {
  return db.selectFrom('staff_sessions').select(['session_id', 'user_id', 'created_at', 'last_active_at']).where('session_id', '=', sessionId).executeTakeFirst();
}

export async function touchStaffSession(db: Db, sessionId: string, at: string): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_active_at: at }).where('session_id', '=', sessionId).execute();
}

/** Deletes staff sessions past their absolute or idle limit (the session rows; ours cascade). */
export async function purgeStaffSessions(db: Db, createdBefore: string, idleBefore: string): Promise<number> {
  const stale = db
    .selectFrom('staff_sessions')
    .select('session_id')
    .where((eb) => eb.or([eb('created_at', '<=', createdBefore), eb('last_active_at', '<=', idleBefore)]));
  const result = await db.deleteFrom('sessions').where('id', 'in', stale).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- Groups and memberships ----

export function listGroups(db: Db) {
  return db.selectFrom('groups').selectAll().orderBy('key').execute();
}

export function findGroup(db: Db, id: string) {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function memberCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('group_memberships').select(['group_id', sql<number>`count(*)`.as('n')]).groupBy('group_id').execute();
  return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
}

export async function insertGroup(db: Db, group: { id: string; key: string; names: string; assignment: GroupAssignment; now: string }): Promise<void> {
  await db.insertInto('groups').values({ id: group.id, key: group.key, names: group.names, assignment: group.assignment, created_at: group.now, updated_at: group.now }).execute();
}

export function listMemberships(db: Db, groupId: string) {
  return db
    .selectFrom('group_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.group_id', 'm.user_id', 'm.created_at', 'u.name', 'u.email', 'u.role', 'u.deactivated_at'])
    .where('m.group_id', '=', groupId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

export function findMembership(db: Db, id: string) {
  return db.selectFrom('group_memberships').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- API tokens ----

export type ApiTokenRow = Selectable<ApiTokenTable> & { user_email: string; user_name: string; user_role: string };

export function listStaffApiTokens(db: Db): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.name', 't.token_hash', 't.created_at', 't.last_used_at', 'u.email as user_email', 'u.name as user_name', 'u.role as user_role'])
    .where('u.role', 'in', ['agent', 'admin'])
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id')
    .execute();
}
