import { sql, type Kysely } from 'kysely';

/** Default SLA targets in minutes (first reply, next reply, resolution), calendar time. */
const DEFAULT_SLA: Array<[priority: string, first: number, next: number, resolution: number]> = [
  ['urgent', 15, 30, 240],
  ['high', 60, 120, 480],
  ['normal', 240, 480, 1440],
  ['low', 480, 1440, 4320],
];

// The agent side: staff sessions and deactivation, group membership and assignment, routing rules,
// SLA policies and per-ticket clocks, the ticket search index, change history, merges, macros and
// the hash-chained audit log. Portable DDL only (text, integer).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();

  // How a group hands out new tickets, and the round-robin position (advanced atomically).
  await db.schema.alterTable('groups').addColumn('assignment', 'text', (c) => c.notNull().defaultTo('manual')).execute();
  await db.schema.alterTable('groups').addColumn('rr_cursor', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('group_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('group_memberships_uq', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_memberships_user_idx').on('group_memberships').column('user_id').execute();

  // A full staff session exists only with a row here (created after the TOTP step); it enforces the
  // staff limits (12 h absolute, 30 min idle) on top of the generic session row.
  await db.schema
    .createTable('staff_sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_active_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_sessions_user_idx').on('staff_sessions').column('user_id').execute();

  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('request_type', 'text', (c) => c.notNull()) // request type key
    .addColumn('priority', 'text') // null: any priority
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('priority', 'text', (c) => c.primaryKey())
    .addColumn('first_reply_minutes', 'integer', (c) => c.notNull())
    .addColumn('next_reply_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
    .addColumn('business_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  for (const [priority, first, next, resolution] of DEFAULT_SLA) {
    await sql`insert into sla_policies (priority, first_reply_minutes, next_reply_minutes, resolution_minutes, business_hours, updated_at) values (${priority}, ${first}, ${next}, ${resolution}, 0, ${now})`.execute(db);
  }

  // The SLA clock of each ticket: anchors, computed due times, and two derived instants — the
  // earliest active due (views, ordering) and the earliest due not yet recorded as breached (monitor).
  await db.schema
    .createTable('ticket_sla')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('first_reply_due_at', 'text')
    .addColumn('first_replied_at', 'text')
    .addColumn('next_reply_started_at', 'text')
    .addColumn('next_reply_due_at', 'text')
    .addColumn('resolution_due_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('next_due_at', 'text')
    .addColumn('watch_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_sla_next_due_idx').on('ticket_sla').column('next_due_at').execute();
  await db.schema.createIndex('ticket_sla_watch_idx').on('ticket_sla').column('watch_at').execute();

  await db.schema
    .createTable('sla_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull()) // first_reply | next_reply | resolution
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('breached'))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // monitor | read | update
    .addUniqueConstraint('sla_events_uq', ['ticket_id', 'metric', 'due_at'])
    .execute();

  // Inverted index for agent ticket search: one row per distinct term of a ticket.
  await db.schema
    .createTable('ticket_terms')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('ticket_terms_pk', ['term', 'ticket_id'])
    .execute();
  await db.schema.createIndex('ticket_terms_ticket_idx').on('ticket_terms').column('ticket_id').execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('actor_id', 'text') // null: the system (routing, merge)
    .addColumn('field', 'text', (c) => c.notNull()) // status | priority | group_id | assignee_id
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_events_ticket_idx').on('ticket_events').columns(['ticket_id', 'created_at']).execute();

  await db.schema
    .createTable('ticket_merges')
    .addColumn('source_ticket_id', 'text', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('target_ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('actor_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('tickets_assignee_idx').on('tickets').columns(['assignee_id', 'status']).execute();
  await db.schema.createIndex('tickets_created_idx').on('tickets').column('created_at').execute();

  await db.schema
    .createTable('macros')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_key', 'text', (c) => c.unique()) // bundled defaults: their key, for idempotent import
    .addColumn('title', 'text', (c) => c.notNull()) // JSON { en-us, zh-cn }
    .addColumn('body', 'text', (c) => c.notNull()) // JSON { en-us, zh-cn }
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade')) // null: every group
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo('{}')) // JSON { status?, priority? }
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Append-only; each entry's hash covers the previous one. `seq` comes from counters('audit_log'),
  // incremented under the row lock of the appending transaction, and is unique.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'seq']).execute();
  await sql`insert into counters (name, value) values ('audit_log', 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from counters where name = 'audit_log'`.execute(db);
  for (const table of ['audit_log', 'macros', 'ticket_merges', 'ticket_events', 'ticket_terms', 'sla_events', 'ticket_sla', 'sla_policies', 'routing_rules', 'staff_sessions', 'group_memberships']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.dropIndex('tickets_created_idx').ifExists().execute();
  await db.schema.dropIndex('tickets_assignee_idx').ifExists().execute();
  await db.schema.alterTable('groups').dropColumn('rr_cursor').execute();
  await db.schema.alterTable('groups').dropColumn('assignment').execute();
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute();
}
