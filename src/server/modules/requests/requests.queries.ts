import { sql, type Kysely } from 'kysely';
import type { Database, TicketStatus } from '../../db/schema.js';

type Db = Kysely<Database>;

export function listRequestTypeRows(db: Db, includeInactive = false) {
  let q = db
    .selectFrom('request_types as r')
    .leftJoin('groups as g', 'g.id', 'r.group_id')
    .select(['r.id', 'r.key', 'r.position', 'r.active', 'r.default_priority', 'r.names', 'r.fields', 'r.group_id', 'g.key as group_key', 'r.updated_at'])
    .orderBy('r.position')
    .orderBy('r.key');
  if (!includeInactive) q = q.where('r.active', '=', 1);
  return q.execute();
}

export type RequestTypeRow = Awaited<ReturnType<typeof listRequestTypeRows>>[number];

/** Next human ticket number (#10001, #10002, …); atomic on both dialects via UPDATE … RETURNING. */
export async function nextTicketNumber(trx: Db): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'ticket_number')
    .returning('value')
    .executeTakeFirst();
  if (row) return row.value;
  // First ticket ever: seed the counter so the UPDATE above yields 10001.
  await trx.insertInto('counters').values({ name: 'ticket_number', value: 10000 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return nextTicketNumber(trx);
}

export function findTicketByNumber(db: Db, number: number) {
  return db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst();
}

export function findTicketByIdempotencyKey(db: Db, requesterId: string, key: string) {
  return db.selectFrom('tickets').selectAll().where('requester_id', '=', requesterId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function listTicketsForRequester(db: Db, requesterId: string, page: { limit: number; offset: number; status?: TicketStatus[] }) {
  let base = db.selectFrom('tickets').where('requester_id', '=', requesterId);
  if (page.status?.length) base = base.where('status', 'in', page.status);
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  const rows = await base.selectAll().orderBy('updated_at', 'desc').orderBy('number', 'desc').limit(page.limit).offset(page.offset).execute();
  return { rows, count: Number(total?.n ?? 0) };
}

export function listComments(db: Db, ticketId: string, publicOnly: boolean) {
  let q = db
    .selectFrom('ticket_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.seq', 'c.author_id', 'c.author_role', 'c.public', 'c.body', 'c.redactions', 'c.attachment_ids', 'c.via', 'c.prev_hash', 'c.hash', 'c.created_at', 'u.name as author_name'])
    .where('c.ticket_id', '=', ticketId);
  if (publicOnly) q = q.where('c.public', '=', 1);
  return q.orderBy('c.seq').execute();
}

export type CommentRow = Awaited<ReturnType<typeof listComments>>[number];

export function listAttachments(db: Db, ticketId: string) {
  return db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute();
}
