import type { Kysely, Selectable } from 'kysely';
import type { Database, EmailTokenTable, UserTable } from '../../db/schema.js';

export type UserRow = Selectable<UserTable>;
export type EmailTokenPurpose = EmailTokenTable['purpose'];

export function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function insertCustomer(
  db: Kysely<Database>,
  user: { id: string; email: string; name: string; passwordHash: string; locale: string; now: string },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'customer',
      password_hash: user.passwordHash,
      email_verified_at: null,
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locale: user.locale,
      account_ref: null,
      created_at: user.now,
      updated_at: user.now,
    })
    .execute();
}

export async function setPasswordHash(db: Kysely<Database>, userId: string, hash: string, now: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash, updated_at: now }).where('id', '=', userId).execute();
}

export async function markEmailVerified(db: Kysely<Database>, userId: string, now: string): Promise<void> {
  await db.updateTable('users').set({ email_verified_at: now, updated_at: now }).where('id', '=', userId).where('email_verified_at', 'is', null).execute();
}

export async function insertEmailToken(
  db: Kysely<Database>,
  token: { id: string; userId: string; purpose: EmailTokenPurpose; tokenHash: string; expiresAt: string; now: string },
): Promise<void> {
  await db
    .insertInto('email_tokens')
    .values({ id: token.id, user_id: token.userId, purpose: token.purpose, token_hash: token.tokenHash, expires_at: token.expiresAt, used_at: null, created_at: token.now })
    .execute();
}

/** An unused, unexpired token of this purpose, without consuming it. */
export function findUsableEmailToken(db: Kysely<Database>, tokenHash: string, purpose: EmailTokenPurpose, now: string) {
  return db
    .selectFrom('email_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the token used; true only for the one caller that actually consumed it. */
export async function consumeEmailToken(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('email_tokens').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Retires every outstanding token of this purpose (a newer one was issued, or the password changed). */
export async function retireEmailTokens(db: Kysely<Database>, userId: string, purpose: EmailTokenPurpose, now: string): Promise<void> {
  await db.updateTable('email_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

export async function deleteStaleEmailTokens(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db.deleteFrom('email_tokens').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Stores a new, not yet enabled TOTP secret (replacing an earlier unfinished set-up). */
export async function setPendingTotpSecret(db: Kysely<Database>, userId: string, secret: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_secret: secret, totp_last_step: null, updated_at: now })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function enableTotp(db: Kysely<Database>, userId: string, secret: string, step: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_enabled_at: now, totp_last_step: step, updated_at: now })
    .where('id', '=', userId)
    .where('totp_secret', '=', secret)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records `step` as the last TOTP step used, only if it is newer than the previous one. A code can
 * therefore be accepted once: of two requests racing with the same code, one updates the row.
 */
export async function acceptTotpStep(db: Kysely<Database>, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function disableTotp(db: Kysely<Database>, userId: string, now: string): Promise<void> {
  await db.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now }).where('id', '=', userId).execute();
}

/** Sets (or, with null, removes) the user's anti-phishing phrase. */
export async function setAntiPhishingPhrase(db: Kysely<Database>, userId: string, phrase: string | null, now: string): Promise<void> {
  await db.updateTable('users').set({ anti_phishing_phrase: phrase, updated_at: now }).where('id', '=', userId).execute();
}
