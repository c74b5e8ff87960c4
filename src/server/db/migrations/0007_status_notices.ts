import type { Kysely } from 'kysely';

// Status and maintenance notices: incidents and maintenance windows published by admins, their
// append-only update timeline, and which notice a "this answers my question" deflection was for.
// Portable DDL only (text, integer); lists and bilingual texts are JSON text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('status_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // incident | maintenance
    .addColumn('impact', 'text', (c) => c.notNull()) // online | degraded | post_only | cancel_only | maintenance
    .addColumn('title', 'text', (c) => c.notNull()) // JSON { en-us, zh-cn }
    .addColumn('body', 'text', (c) => c.notNull()) // JSON { en-us, zh-cn }, Markdown
    .addColumn('request_types', 'text', (c) => c.notNull().defaultTo('[]')) // JSON request type keys; [] = all
    .addColumn('assets', 'text', (c) => c.notNull().defaultTo('[]')) // JSON asset symbols; [] = all
    .addColumn('networks', 'text', (c) => c.notNull().defaultTo('[]')) // JSON network ids; [] = all
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text') // null: open-ended (incidents, until resolved)
    .addColumn('resolved_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null')) // null: ADMIN_TOKEN
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_notices_open_idx').on('status_notices').columns(['resolved_at', 'starts_at']).execute();

  await db.schema
    .createTable('status_notice_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('status_notices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('update')) // update | resolved
    .addColumn('body', 'text', (c) => c.notNull()) // JSON { en-us, zh-cn }
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_notice_updates_notice_idx').on('status_notice_updates').columns(['notice_id', 'created_at']).execute();

  // Which notice a deflection of kind 'notice' was for (the deflections table itself stays generic).
  await db.schema
    .createTable('status_notice_deflections')
    .addColumn('deflection_id', 'text', (c) => c.primaryKey().references('deflections.id').onDelete('cascade'))
    .addColumn('notice_id', 'text', (c) => c.notNull().references('status_notices.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_notice_deflections_notice_idx').on('status_notice_deflections').column('notice_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['status_notice_deflections', 'status_notice_updates', 'status_notices']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
