import type { Kysely } from 'kysely';

// Accounts follow-up: TOTP replay protection, outbox claiming and retry schedule, clean-up indexes.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The last TOTP time step accepted for this user; a code for the same or an earlier step is a replay.
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();

  // Outbox rows are claimed by one worker at a time (claimed_by/claimed_at, a lease that expires if the
  // worker dies) and retried with backoff (next_attempt_at).
  await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('claimed_at', 'text').execute();

  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('email_tokens_user_idx').on('email_tokens').columns(['user_id', 'purpose']).execute();
  await db.schema.createIndex('rate_limits_reset_idx').on('rate_limits').column('reset_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('rate_limits_reset_idx').ifExists().execute();
  await db.schema.dropIndex('email_tokens_user_idx').ifExists().execute();
  await db.schema.dropIndex('sessions_expires_idx').ifExists().execute();
  for (const column of ['claimed_at', 'claimed_by', 'next_attempt_at']) {
    await db.schema.alterTable('outbox').dropColumn(column).execute();
  }
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
