import type { Kysely } from 'kysely';
import type { Database, TicketStatus } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import type { RequestsHooks } from '../requests/requests.service.js';
import { onAgentReply, onRequesterMessage, onStatus } from '../sla/sla.policy.js';
import type { SlaService } from '../sla/sla.service.js';
import type { TicketNotifier } from './tickets.service.js';
import type { RoutingService } from './tickets.routing.js';
import { insertTicketTerms } from './tickets.queries.js';
import { documentTerms } from './tickets.search.js';

type Db = Kysely<Database>;

export interface TicketHookDeps {
  sla: SlaService;
  routing: RoutingService;
  notifier: TicketNotifier;
  /** The request type key of a request_types id (the catalog). */
  typeKeyOf: (requestTypeId: string) => string | undefined;
}

/**
 * What the agent side does when the requests service writes: route and assign new tickets, start
 * and move SLA clocks, keep the search index, and announce changes (after commit).
 */
export function ticketHooks(deps: TicketHookDeps): RequestsHooks {
  return {
    async onTicketInserted(trx: Db, { ticket, comment }) {
      const groupId = await deps.routing.groupFor(trx, { requestType: deps.typeKeyOf(ticket.request_type_id) ?? '', priority: ticket.priority, defaultGroupId: ticket.group_id });
      const assigneeId = groupId ? await deps.routing.assigneeFor(trx, groupId) : null;
      const status: TicketStatus = assigneeId ? 'open' : ticket.status;
      if (groupId !== ticket.group_id || assigneeId || status !== ticket.status) {
        await trx.updateTable('tickets').set({ group_id: groupId, assignee_id: assigneeId, status }).where('id', '=', ticket.id).execute();
        const changes: Array<['group_id' | 'assignee_id' | 'status', string | null, string | null]> = [];
        if (groupId !== ticket.group_id) changes.push(['group_id', ticket.group_id, groupId]);
        if (assigneeId) changes.push(['assignee_id', null, assigneeId]);
        if (status !== ticket.status) changes.push(['status', ticket.status, status]);
        for (const [field, from, to] of changes) {
          await trx.insertInto('ticket_events').values({ id: newId('tev'), ticket_id: ticket.id, actor_id: null, field, from_value: from, to_value: to, created_at: ticket.created_at }).execute();
        }
      }
      // Keep the caller's row in step with what was written: the submit answer (Zendesk `request`,
      // realtime payloads) then shows the routed group, the assignee and the status, not the type's defaults.
      ticket.group_id = groupId;
      ticket.assignee_id = assigneeId;
      ticket.status = status;
      await deps.sla.start(trx, { id: ticket.id, priority: ticket.priority, status, created_at: ticket.created_at });
      const values = Object.values((JSON.parse(ticket.fields) as { values?: Record<string, string> }).values ?? {});
      await insertTicketTerms(trx, ticket.id, documentTerms([ticket.subject, comment.body, ...values].join('\n')));
    },

    async onCommentInserted(trx: Db, { ticket, comment, previousStatus }) {
      await insertTicketTerms(trx, ticket.id, documentTerms(comment.body));
      if (ticket.status !== previousStatus) {
        await trx.insertInto('ticket_events').values({ id: newId('tev'), ticket_id: ticket.id, actor_id: comment.authorId, field: 'status', from_value: previousStatus, to_value: ticket.status, created_at: comment.createdAt }).execute();
      }
      if (!comment.isPublic) return;
      const current = await trx.selectFrom('tickets').select(['id', 'priority', 'status', 'created_at']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
      const at = comment.createdAt;
      if (comment.role === 'requester') {
        await deps.sla.update(trx, current, previousStatus, (clock, policy, hours) => onStatus(onRequesterMessage(clock, at, policy, hours), current.status, at));
      } else if (comment.role === 'agent') {
        await deps.sla.update(trx, current, previousStatus, (clock) => onAgentReply(clock, at));
      }
    },

    onTicketCreated({ ticket }) {
      deps.notifier.ticketCreated(ticket.id);
    },

    onCommentCreated({ ticket, comment }) {
      deps.notifier.commentCreated(ticket.id, comment.id);
      deps.notifier.ticketUpdated(ticket.id);
    },
  };
}
