import type { Kysely } from 'kysely';

// tickets.search_text predates the ticket_terms inverted index (0005) and is no longer read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('search_text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
}
