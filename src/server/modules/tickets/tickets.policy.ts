import type { GroupAssignment, TicketPriority, TicketStatus } from '../../db/schema.js';
import type { Actor } from '../../plugins/auth.js';
import type { OutboundCheck, OutboundReason } from '../redaction/index.js';

export type ViewKey = 'mine' | 'group_unassigned' | 'all_open' | 'sla_breaching' | 'all';
export const VIEW_KEYS: readonly ViewKey[] = ['mine', 'group_unassigned', 'all_open', 'sla_breaching', 'all'];
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold'];

/** Agents and admins work tickets; customers use the requests API. */
export const canWorkTickets = (actor: Actor): boolean => actor.kind === 'agent' || actor.kind === 'admin';
export const canManageRouting = (actor: Actor): boolean => actor.kind === 'admin';

// ---- Routing and assignment ----

export interface RoutingRule {
  request_type: string;
  priority: TicketPriority | null;
  group_id: string;
}

/** The group of a new ticket: the first rule matching its type (and priority, when the rule has one), else the type's group. */
export function routeTicket(rules: readonly RoutingRule[], ticket: { requestType: string; priority: TicketPriority }, fallbackGroupId: string | null): string | null {
  const rule = rules.find((r) => r.request_type === ticket.requestType && (r.priority === null || r.priority === ticket.priority));
  return rule ? rule.group_id : fallbackGroupId;
}

/**
 * Who gets a new ticket of a group. `members` are active members in membership order; `cursor` is
 * the group's round-robin counter after this ticket's increment (1, 2, 3, …); `openCounts` the
 * number of unsolved tickets each member holds. Least busy breaks ties by membership order.
 */
export function pickAssignee(mode: GroupAssignment, members: readonly string[], cursor: number, openCounts: ReadonlyMap<string, number>): string | null {
  if (mode === 'manual' || members.length === 0) return null;
  if (mode === 'round_robin') return members[(((cursor - 1) % members.length) + members.length) % members.length] ?? null;
  let best: string | null = null;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (const member of members) {
    const load = openCounts.get(member) ?? 0;
    if (load < bestLoad) {
      best = member;
      bestLoad = load;
    }
  }
  return best;
}

// ---- Ticket updates ----

export interface TicketState {
  status: TicketStatus;
  priority: TicketPriority;
  group_id: string | null;
  assignee_id: string | null;
}

export interface TicketUpdateInput {
  status?: TicketStatus;
  priority?: TicketPriority;
  group_id?: string | null;
  assignee_id?: string | null;
  comment?: { public: boolean };
}

export type TicketField = keyof TicketState;
export type UpdateProblem = 'closed' | 'back_to_new' | 'close_requires_solved';

export type UpdatePlan = { ok: true; next: TicketState; changed: TicketField[] } | { ok: false; problem: UpdateProblem };

/**
 * What an agent's update does. Closed tickets are final. A public reply sets "pending" unless a
 * status is given; "closed" follows "solved"; nothing returns to "new"; a ticket that gets an
 * assignee while new becomes open.
 */
export function planTicketUpdate(current: TicketState, input: TicketUpdateInput): UpdatePlan {
  if (current.status === 'closed') return { ok: false, problem: 'closed' };
  const next: TicketState = { ...current };
  const target = input.status ?? (input.comment?.public ? 'pending' : undefined);
  if (target !== undefined) {
    if (target === 'new' && current.status !== 'new') return { ok: false, problem: 'back_to_new' };
    if (target === 'closed' && current.status !== 'solved') return { ok: false, problem: 'close_requires_solved' };
    next.status = target;
  }
  if (input.priority !== undefined) next.priority = input.priority;
  if (input.group_id !== undefined) next.group_id = input.group_id;
  if (input.assignee_id !== undefined) next.assignee_id = input.assignee_id;
  if (next.status === 'new' && next.assignee_id && input.status === undefined) next.status = 'open';
  const changed = (['status', 'priority', 'group_id', 'assignee_id'] as const).filter((f) => next[f] !== current[f]);
  return { ok: true, next, changed };
}

/** "Take": assign to me, into my first group when the ticket has none; a new ticket becomes open. */
export function planTake(current: TicketState, me: string, myGroupIds: readonly string[]): UpdatePlan {
  return planTicketUpdate(current, { assignee_id: me, ...(current.group_id === null && myGroupIds[0] ? { group_id: myGroupIds[0] } : {}) });
}

export type MergeProblem = 'merge_self' | 'merge_closed' | 'already_merged';

/** Two different tickets, neither closed, the source not merged before. */
export function mergeProblem(source: { id: string; status: TicketStatus }, target: { id: string; status: TicketStatus }, sourceMergedAlready: boolean): MergeProblem | null {
  if (source.id === target.id) return 'merge_self';
  if (sourceMergedAlready) return 'already_merged';
  if (source.status === 'closed' || target.status === 'closed') return 'merge_closed';
  return null;
}

/**
 * Reasons to refuse a public reply: it asks the customer for a secret or for remote access. A
 * secret the agent pasted into the reply is not a refusal — the shield redacts it before storing.
 */
export function outboundRefusal(check: OutboundCheck): OutboundReason[] {
  return check.reasons.filter((r) => r.code !== 'contains_secret');
}
