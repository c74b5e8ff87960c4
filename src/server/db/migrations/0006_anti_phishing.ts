import type { Kysely } from 'kysely';

// Anti-phishing phrase: a customer's own text, shown at the top of every email Pharos sends them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('anti_phishing_phrase', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('anti_phishing_phrase').execute();
}
