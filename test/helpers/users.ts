import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';
import { newId, nowIso } from '../../src/server/db/ids.js';
import { hashToken } from '../../src/server/modules/users/users.service.js';

/** Inserts a user with an API token and returns the bearer header for it. */
export async function createUserWithToken(db: Kysely<Database>, role: 'customer' | 'agent' | 'admin', email = `${role}-${randomBytes(4).toString('hex')}@example.org`) {
  const id = newId('usr');
  const now = nowIso();
  await db
    .insertInto('users')
    .values({ id, email, name: email.split('@')[0]!, role, password_hash: null, email_verified_at: now, totp_secret: null, totp_enabled_at: null, account_ref: null, created_at: now, updated_at: now })
    .execute();
  const token = `phx_${randomBytes(24).toString('base64url')}`;
  await db.insertInto('api_tokens').values({ id: newId('tok'), user_id: id, name: 'test', token_hash: hashToken(token), created_at: now, last_used_at: null }).execute();
  return { id, email, headers: { authorization: `Bearer ${token}` } };
}
