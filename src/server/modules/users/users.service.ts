import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import { findUserByEmail } from './users.queries.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const emailSchema = z.email();

/**
 * Creates an admin (or promotes the existing user) and issues a fresh API token.
 * The plain token is returned once; only its hash is stored.
 */
export async function createAdmin(db: Kysely<Database>, email: string, name?: string) {
  const normalized = email.trim().toLowerCase();
  if (!emailSchema.safeParse(normalized).success) throw new AppError('validation_failed', { detail: `invalid email ${JSON.stringify(email)}` });
  const token = `phx_${randomBytes(32).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const existing = await findUserByEmail(trx, normalized);
    const userId = existing?.id ?? newId('usr');
    if (!existing) {
      await trx
        .insertInto('users')
        .values({ id: userId, email: normalized, name: name ?? normalized.split('@')[0]!, role: 'admin', password_hash: null, email_verified_at: null, totp_secret: null, totp_enabled_at: null, account_ref: null, created_at: now, updated_at: now })
        .execute();
    } else if (existing.role !== 'admin') {
      await trx.updateTable('users').set({ role: 'admin', updated_at: now }).where('id', '=', userId).execute();
    }
    await trx
      .insertInto('api_tokens')
      .values({ id: newId('tok'), user_id: userId, name: 'cli', token_hash: hashToken(token), created_at: now, last_used_at: null })
      .execute();
    return { userId, email: normalized, token, created: !existing };
  });
}
