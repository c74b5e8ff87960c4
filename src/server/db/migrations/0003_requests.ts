import { sql, type Kysely } from 'kysely';

// Customer accounts, sessions, outbound mail, request types, tickets, comments, attachments.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();
  await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('locale', 'text', (c) => c.notNull().defaultTo('en-us')).execute();
  await db.schema.alterTable('users').addColumn('account_ref', 'text').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the cookie value
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('full')) // 'totp' while the second factor is pending
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('email_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into counters (name, value) values ('ticket_number', 10000)`.execute(db);

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('names', 'text', (c) => c.notNull()) // JSON { "en-us": …, "zh-cn": … }
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('request_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('default_priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('names', 'text', (c) => c.notNull()) // JSON { locale: { name, description } }
    .addColumn('fields', 'text', (c) => c.notNull()) // JSON field definitions (see requests/request-types.ts)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('request_type_id', 'text', (c) => c.notNull().references('request_types.id'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}')) // JSON of validated, redacted field values
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('web'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('guest_token_hash', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('satisfaction_rating', 'text')
    .addColumn('satisfaction_comment', 'text')
    .addColumn('last_hash', 'text', (c) => c.notNull()) // head of the conversation hash chain
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')) // tokenized subject + comments for ticket search
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('solved_at', 'text')
    .addUniqueConstraint('tickets_idempotency_uq', ['requester_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('tickets_requester_idx').on('tickets').columns(['requester_id', 'updated_at']).execute();
  await db.schema.createIndex('tickets_status_idx').on('tickets').columns(['status', 'updated_at']).execute();
  await db.schema.createIndex('tickets_group_idx').on('tickets').columns(['group_id', 'status']).execute();

  await db.schema
    .createTable('ticket_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_role', 'text', (c) => c.notNull()) // requester | agent | system
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('body', 'text', (c) => c.notNull()) // already redacted
    .addColumn('redactions', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{ kind, start, end, fingerprint }]
    .addColumn('attachment_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('via', 'text', (c) => c.notNull().defaultTo('web'))
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ticket_comments_seq_uq', ['ticket_id', 'seq'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('comment_id', 'text')
    .addColumn('uploader_id', 'text', (c) => c.references('users.id'))
    .addColumn('upload_token', 'text') // lets an upload made before submit be claimed by that submit only
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('redactions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_ticket_idx').on('attachments').column('ticket_id').execute();

  await db.schema
    .createTable('deflections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text')
    .addColumn('request_type_key', 'text')
    .addColumn('query', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('article')) // article | notice
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['deflections', 'attachments', 'ticket_comments', 'tickets', 'request_types', 'groups', 'counters', 'rate_limits', 'outbox', 'email_tokens', 'sessions']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const column of ['account_ref', 'locale', 'totp_enabled_at', 'totp_secret', 'email_verified_at', 'password_hash']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
