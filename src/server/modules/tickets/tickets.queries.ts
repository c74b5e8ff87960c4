import { sql, type Kysely } from 'kysely';
import type { Database, TicketPriority, TicketStatus } from '../../db/schema.js';
import { OPEN_STATUSES, type ViewKey } from './tickets.policy.js';

type Db = Kysely<Database>;

export interface TicketQuery {
  view: ViewKey;
  /** The staff member asking (mine, group_unassigned). */
  userId: string | null;
  userGroupIds: string[];
  isAdmin: boolean;
  status?: TicketStatus[];
  priority?: TicketPriority[];
  requestTypeIds?: string[];
  groupId?: string;
  requesterEmail?: string;
  createdAfter?: string;
  createdBefore?: string;
  /** Full-text terms (AND) and/or a ticket number. */
  terms?: string[];
  number?: number | null;
  /** "Breaching soon" horizon (ISO). */
  dueBefore: string;
}

function base(db: Db, q: TicketQuery) {
  let query = db
    .selectFrom('tickets as t')
    .innerJoin('users as r', 'r.id', 't.requester_id')
    .leftJoin('ticket_sla as s', 's.ticket_id', 't.id')
    .leftJoin('request_types as rt', 'rt.id', 't.request_type_id');
  switch (q.view) {
    case 'mine':
      query = q.userId ? query.where('t.assignee_id', '=', q.userId).where('t.status', 'in', OPEN_STATUSES) : query.where(sql<boolean>`1 = 0`);
      break;
    case 'group_unassigned':
      query = query.where('t.assignee_id', 'is', null).where('t.status', 'in', OPEN_STATUSES);
      if (q.userGroupIds.length) query = query.where('t.group_id', 'in', q.userGroupIds);
      else if (!q.isAdmin) query = query.where(sql<boolean>`1 = 0`);
      break;
    case 'all_open':
      query = query.where('t.status', 'in', OPEN_STATUSES);
      break;
    case 'sla_breaching':
      query = query.where('t.status', 'in', OPEN_STATUSES).where('s.next_due_at', 'is not', null).where('s.next_due_at', '<=', q.dueBefore);
      break;
    case 'all':
      break;
  }
  if (q.status?.length) query = query.where('t.status', 'in', q.status);
  if (q.priority?.length) query = query.where('t.priority', 'in', q.priority);
  if (q.requestTypeIds) query = q.requestTypeIds.length ? query.where('t.request_type_id', 'in', q.requestTypeIds) : query.where(sql<boolean>`1 = 0`);
  if (q.groupId) query = query.where('t.group_id', '=', q.groupId);
  if (q.requesterEmail) query = query.where('r.email', '=', q.requesterEmail);
  if (q.createdAfter) query = query.where('t.created_at', '>=', q.createdAfter);
  if (q.createdBefore) query = query.where('t.created_at', '<', q.createdBefore);
  const terms = q.terms ?? [];
  if (terms.length || q.number) {
    query = query.where((eb) => {
      const matches = [];
      if (terms.length) {
        const withAllTerms = eb.selectFrom('ticket_terms').select('ticket_id').where('term', 'in', terms).groupBy('ticket_id').having(sql<number>`count(*)`, '=', terms.length);
        matches.push(eb('t.id', 'in', withAllTerms));
      }
      if (q.number) matches.push(eb('t.number', '=', q.number));
      return eb.or(matches);
    });
  }
  return query;
}

export async function findTickets(db: Db, q: TicketQuery, page: { limit: number; offset: number }) {
  const total = await base(db, q).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  let rows = base(db, q).selectAll('t').select(['r.name as requester_name', 'r.email as requester_email', 'rt.key as request_type_key']);
  rows = q.view === 'sla_breaching' ? rows.orderBy('s.next_due_at').orderBy('t.number') : rows.orderBy('t.updated_at', 'desc').orderBy('t.number', 'desc');
  return { rows: await rows.limit(page.limit).offset(page.offset).execute(), count: Number(total?.n ?? 0) };
}

export type TicketListRow = Awaited<ReturnType<typeof findTickets>>['rows'][number];

/** A ticket with its requester's name and email and its request type key. */
function ticketRowQuery(db: Db) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('users as r', 'r.id', 't.requester_id')
    .leftJoin('request_types as rt', 'rt.id', 't.request_type_id')
    .selectAll('t')
    .select(['r.name as requester_name', 'r.email as requester_email', 'rt.key as request_type_key']);
}

export function findTicketRow(db: Db, number: number) {
  return ticketRowQuery(db).where('t.number', '=', number).executeTakeFirst();
}

export function findTicketRowById(db: Db, id: string) {
  return ticketRowQuery(db).where('t.id', '=', id).executeTakeFirst();
}

export function listTicketEvents(db: Db, ticketId: string) {
  return db
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.field', 'e.from_value', 'e.to_value', 'e.actor_id', 'e.created_at', 'u.name as actor_name'])
    .where('e.ticket_id', '=', ticketId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

export async function insertTicketTerms(db: Db, ticketId: string, terms: string[]): Promise<void> {
  for (let i = 0; i < terms.length; i += 400) {
    const chunk = terms.slice(i, i + 400).map((term) => ({ term, ticket_id: ticketId }));
    await db.insertInto('ticket_terms').values(chunk).onConflict((oc) => oc.columns(['term', 'ticket_id']).doNothing()).execute();
  }
}

/** Active members of a group in membership order. */
export async function activeMembers(db: Db, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.user_id')
    .where('m.group_id', '=', groupId)
    .where('u.role', 'in', ['agent', 'admin'])
    .where('u.deactivated_at', 'is', null)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Unsolved tickets held by each of these users. */
export async function openTicketCounts(db: Db, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_id', sql<number>`count(*)`.as('n')])
    .where('assignee_id', 'in', userIds)
    .where('status', 'in', OPEN_STATUSES)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

/** Advances a group's round-robin counter; the row stays locked until the transaction ends. */
export function bumpGroupCursor(trx: Db, groupId: string) {
  return trx
    .updateTable('groups')
    .set((eb) => ({ rr_cursor: eb('rr_cursor', '+', 1) }))
    .where('id', '=', groupId)
    .returning(['rr_cursor', 'assignment'])
    .executeTakeFirst();
}
