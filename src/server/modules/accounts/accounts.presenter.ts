import type { UserRow } from './accounts.queries.js';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: UserRow['role'];
  locale: string;
  email_verified: boolean;
  email_verified_at: string | null;
  two_factor_enabled: boolean;
  created_at: string;
}

/** The signed-in user's own view of their account (never hashes or secrets). */
export function presentUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    email_verified: row.email_verified_at !== null,
    email_verified_at: row.email_verified_at,
    two_factor_enabled: row.totp_enabled_at !== null,
    created_at: row.created_at,
  };
}
