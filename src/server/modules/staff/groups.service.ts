import type { Kysely } from 'kysely';
import type { Database, GroupAssignment } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { invalidFields } from '../accounts/accounts.validation.js';
import type { AuditActor, AuditLog } from '../audit/audit.service.js';
import { findGroup, findMembership, findStaffById, insertGroup, listGroups, listMemberships, memberCounts } from './staff.queries.js';
import './staff.messages.js';

type Db = Kysely<Database>;

export interface GroupInput {
  key: string;
  name: Record<Locale, string>;
  assignment: GroupAssignment;
}

/** Told when a staff member joins or leaves a group (realtime rooms follow memberships). */
export interface MembershipListener {
  joined(userId: string, groupId: string): void;
  left(userId: string, groupId: string): void;
}

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
};

/** Groups of staff, their members, and how each hands out tickets (round robin, least busy, manual). */
export class GroupsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly listener: MembershipListener | null = null,
  ) {}

  async list() {
    const [groups, counts] = await Promise.all([listGroups(this.db), memberCounts(this.db)]);
    return groups.map((group) => ({ group, memberCount: counts.get(group.id) ?? 0 }));
  }

  async get(id: string) {
    const group = await findGroup(this.db, id);
    if (!group) throw notFound('group');
    const counts = await memberCounts(this.db);
    return { group, memberCount: counts.get(id) ?? 0 };
  }

  async create(input: GroupInput, actor: AuditActor, locale: Locale) {
    const id = newId('grp');
    try {
      await this.db.transaction().execute(async (trx) => {
        await insertGroup(trx, { id, key: input.key, names: JSON.stringify(input.name), assignment: input.assignment, now: nowIso() });
        await this.audit.append({ actor, action: 'group.create', subject: `group:${id}`, details: { key: input.key, assignment: input.assignment } }, trx);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', { detail: t(locale, 'staff.errors.group_key_taken', { key: input.key }) });
      throw error;
    }
    return this.get(id);
  }

  async update(id: string, input: Partial<GroupInput>, actor: AuditActor, locale: Locale) {
    const group = await findGroup(this.db, id);
    if (!group) throw notFound('group');
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('groups')
          .set({
            ...(input.key !== undefined ? { key: input.key } : {}),
            ...(input.name !== undefined ? { names: JSON.stringify(input.name) } : {}),
            ...(input.assignment !== undefined ? { assignment: input.assignment } : {}),
            updated_at: nowIso(),
          })
          .where('id', '=', id)
          .execute();
        await this.audit.append({ actor, action: 'group.update', subject: `group:${id}`, details: { ...input } }, trx);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', { detail: t(locale, 'staff.errors.group_key_taken', { key: input.key ?? '' }) });
      throw error;
    }
    return this.get(id);
  }

  /**
   * Deletes a group no request type routes to. Its tickets lose the group (back to triage); its
   * memberships, routing rules and group macros go with it.
   */
  async delete(id: string, actor: AuditActor, locale: Locale): Promise<void> {
    const group = await findGroup(this.db, id);
    if (!group) throw notFound('group');
    const types = await this.db.selectFrom('request_types').select('key').where('group_id', '=', id).execute();
    if (types.length) throw new AppError('conflict', { detail: t(locale, 'staff.errors.group_in_use', { types: types.map((r) => r.key).join(', ') }) });
    const members = await listMemberships(this.db, id);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('tickets').set({ group_id: null }).where('group_id', '=', id).execute();
      await trx.deleteFrom('groups').where('id', '=', id).execute();
      await this.audit.append({ actor, action: 'group.delete', subject: `group:${id}`, details: { key: group.key } }, trx);
    });
    for (const m of members) this.listener?.left(m.user_id, id);
  }

  async memberships(groupId: string) {
    if (!(await findGroup(this.db, groupId))) throw notFound('group');
    return listMemberships(this.db, groupId);
  }

  async addMember(input: { userId: string; groupId: string }, actor: AuditActor, locale: Locale) {
    if (!(await findGroup(this.db, input.groupId))) throw invalidFields([{ path: 'group_membership.group_id', message: t(locale, 'staff.errors.unknown_group', { id: input.groupId }) }]);
    const user = await findStaffById(this.db, input.userId);
    if (!user || user.deactivated_at) throw invalidFields([{ path: 'group_membership.user_id', message: t(locale, 'staff.errors.not_staff_user', { id: input.userId }) }]);
    const id = newId('gm');
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('group_memberships').values({ id, group_id: input.groupId, user_id: input.userId, created_at: nowIso() }).execute();
        await this.audit.append({ actor, action: 'group_membership.create', subject: `group:${input.groupId}`, details: { user_id: input.userId, membership_id: id } }, trx);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', { detail: t(locale, 'staff.errors.already_member') });
      throw error;
    }
    this.listener?.joined(input.userId, input.groupId);
    return (await findMembership(this.db, id))!;
  }

  async removeMember(id: string, actor: AuditActor): Promise<void> {
    const membership = await findMembership(this.db, id);
    if (!membership) throw notFound('group_membership');
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('group_memberships').where('id', '=', id).execute();
      await this.audit.append({ actor, action: 'group_membership.delete', subject: `group:${membership.group_id}`, details: { user_id: membership.user_id, membership_id: id } }, trx);
    });
    this.listener?.left(membership.user_id, membership.group_id);
  }
}
