import type { Locale } from '../../../shared/locales.js';
import type { UserRow } from '../accounts/accounts.queries.js';
import type { ApiTokenRow, GroupRow, listMemberships } from './staff.queries.js';

/** The signed-in staff member (contract: `{ id, name, email, role, locale, group_ids }`). */
export function presentStaffMe(user: UserRow, groupIds: string[]) {
  return { id: user.id, name: user.name, email: user.email, role: user.role as 'agent' | 'admin', locale: user.locale, group_ids: groupIds };
}

/** A staff member as admins see them. */
export function presentStaffUser(user: UserRow, groupIds: string[]) {
  return {
    ...presentStaffMe(user, groupIds),
    active: !user.deactivated_at,
    deactivated_at: user.deactivated_at ?? null,
    totp_enabled: user.totp_enabled_at !== null,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

export function presentGroup(group: GroupRow, memberCount: number) {
  const names = JSON.parse(group.names) as Partial<Record<Locale, string>>;
  return {
    id: group.id,
    key: group.key,
    name: { 'en-us': names['en-us'] ?? group.key, 'zh-cn': names['zh-cn'] ?? names['en-us'] ?? group.key },
    assignment: group.assignment,
    member_count: memberCount,
    created_at: group.created_at,
    updated_at: group.updated_at,
  };
}

type MembershipRow = Awaited<ReturnType<typeof listMemberships>>[number];

export function presentMembership(m: Pick<MembershipRow, 'id' | 'group_id' | 'user_id' | 'created_at'> & Partial<MembershipRow>) {
  return {
    id: m.id,
    group_id: m.group_id,
    user_id: m.user_id,
    created_at: m.created_at,
    ...(m.name !== undefined ? { user: { id: m.user_id, name: m.name, email: m.email ?? '', role: m.role ?? '', active: !m.deactivated_at } } : {}),
  };
}

/** Never the hash; the plain token only in the creation answer. */
export function presentApiToken(row: ApiTokenRow, token?: string) {
  return {
    id: row.id,
    name: row.name,
    user: { id: row.user_id, name: row.user_name, email: row.user_email, role: row.user_role },
    created_at: row.created_at,
    last_used_at: row.last_used_at,
    ...(token ? { token } : {}),
  };
}
