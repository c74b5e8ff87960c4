import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { insertTicketTerms } from './tickets.queries.js';
import { documentTerms } from './tickets.search.js';

/**
 * Indexes tickets that have no search terms yet (created before the agent side was installed):
 * subject, field values and every message.
 */
export async function backfillTicketTerms(db: Kysely<Database>, limit = 2000): Promise<number> {
  const tickets = await db
    .selectFrom('tickets as t')
    .select(['t.id', 't.subject', 't.fields'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ticket_terms as x').select(sql`1`.as('one')).whereRef('x.ticket_id', '=', 't.id'))))
    .limit(limit)
    .execute();
  for (const ticket of tickets) {
    const comments = await db.selectFrom('ticket_comments').select('body').where('ticket_id', '=', ticket.id).orderBy('seq').execute();
    const values = Object.values((JSON.parse(ticket.fields) as { values?: Record<string, string> }).values ?? {});
    await insertTicketTerms(db, ticket.id, documentTerms([ticket.subject, ...values, ...comments.map((c) => c.body)].join('\n')));
  }
  return tickets.length;
}
