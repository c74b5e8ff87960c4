import type { Kysely } from 'kysely';
import type { Database, TicketPriority, TicketStatus, TicketTable } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import type { Actor } from '../../plugins/auth.js';
import { invalidFields } from '../accounts/accounts.validation.js';
import type { AuditLog } from '../audit/audit.service.js';
import { checkOutbound, scanText, type OutboundReason } from '../redaction/index.js';
import { listAttachments, listComments } from '../requests/requests.queries.js';
import type { RequestsService } from '../requests/requests.service.js';
import { BREACHING_SOON_MS, onStatus } from '../sla/sla.policy.js';
import type { SlaService } from '../sla/sla.service.js';
import { auditActorOf } from '../staff/staff.service.js';
import { groupIdsOf } from '../staff/staff.queries.js';
import { mergeProblem, outboundRefusal, planTake, planTicketUpdate, type TicketField, type TicketState, type UpdateProblem, type ViewKey } from './tickets.policy.js';
import { presentComment, presentEvent, presentFields, presentTicket, type PresentedTicket, type SlaSnapshot } from './tickets.presenter.js';
import { findTicketRow, findTicketRowById, findTickets, listTicketEvents, type TicketListRow, type TicketQuery } from './tickets.queries.js';
import { queryTerms, ticketNumberOf } from './tickets.search.js';
import './tickets.messages.js';
import { uploadsClaimable } from '../attachments/attachments.policy.js';

type Db = Kysely<Database>;

/** Where ticket changes are announced (the realtime hub); every method must be fire-and-forget. */
export interface TicketNotifier {
  ticketCreated(ticketId: string): void;
  ticketUpdated(ticketId: string): void;
  commentCreated(ticketId: string, commentId: string): void;
}

/** Who is acting and how to answer them. */
export interface StaffContext {
  actor: Actor;
  ip: string;
  locale: Locale;
}

export interface ListParams {
  view: ViewKey;
  status?: TicketStatus[];
  priority?: TicketPriority[];
  requestTypes?: string[];
  groupId?: string;
  requester?: string;
  createdAfter?: string;
  createdBefore?: string;
  query?: string;
  page: number;
  perPage: number;
}

export interface UpdateInput {
  status?: TicketStatus;
  priority?: TicketPriority;
  group_id?: string | null;
  assignee_id?: string | null;
  comment?: { body: string; public: boolean; uploads?: string[] };
}

export type UpdateOutcome =
  | { kind: 'refused'; reasons: OutboundReason[] }
  | { kind: 'updated'; ticket: PresentedTicket; redactions: string[]; warning: string | null; comment_id: string | null };

const MERGE_BODY_LIMIT = 19_000;
const MERGE_ENTRY_LIMIT = 4_000;

export class TicketsService {
  constructor(
    private readonly db: Db,
    private readonly requests: RequestsService,
    private readonly sla: SlaService,
    private readonly audit: AuditLog,
    private readonly publicUrl: string,
    private readonly notifier: TicketNotifier,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Reading

  private async snapshot(rows: Array<{ id: string }>): Promise<SlaSnapshot> {
    const ids = rows.map((r) => r.id);
    await this.sla.recordDue('read', ids);
    const { clocks, breached } = await this.sla.clocks(ids);
    return { clocks, breached, now: nowIso() };
  }

  async present(rows: TicketListRow[]): Promise<PresentedTicket[]> {
    const snapshot = await this.snapshot(rows);
    return rows.map((row) => presentTicket(row, snapshot));
  }

  /** One ticket as the contract's `Ticket` (realtime payloads); null when it no longer exists. */
  async presentById(ticketId: string): Promise<PresentedTicket | null> {
    const row = await findTicketRowById(this.db, ticketId);
    return row ? (await this.present([row]))[0]! : null;
  }

  async presentCommentById(ticketId: string, commentId: string) {
    const [comments, attachments, row] = await Promise.all([listComments(this.db, ticketId, false), listAttachments(this.db, ticketId), this.db.selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirst()]);
    const comment = comments.find((c) => c.id === commentId);
    return comment && row ? { ticket_id: row.number, comment: presentComment(this.publicUrl, comment, attachments) } : null;
  }

  private parseDate(value: string | undefined, field: string, locale: Locale): string | undefined {
    if (!value) return undefined;
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(ms)) throw invalidFields([{ path: field, message: t(locale, 'tickets.errors.invalid_date', { field }) }]);
    return new Date(ms).toISOString();
  }

  async list(ctx: StaffContext, params: ListParams) {
    const userId = ctx.actor.userId;
    const groups = userId ? ((await groupIdsOf(this.db, [userId])).get(userId) ?? []) : [];
    let requestTypeIds: string[] | undefined;
    if (params.requestTypes?.length) {
      const rows = await this.db.selectFrom('request_types').select('id').where('key', 'in', params.requestTypes).execute();
      requestTypeIds = rows.map((r) => r.id);
    }
    const query = params.query?.trim() ?? '';
    const q: TicketQuery = {
      view: params.view,
      userId,
      userGroupIds: groups,
      isAdmin: ctx.actor.kind === 'admin',
      ...(params.status?.length ? { status: params.status } : {}),
      ...(params.priority?.length ? { priority: params.priority } : {}),
      ...(requestTypeIds ? { requestTypeIds } : {}),
      ...(params.groupId ? { groupId: params.groupId } : {}),
      ...(params.requester ? { requesterEmail: params.requester.trim().toLowerCase() } : {}),
      ...(params.createdAfter ? { createdAfter: this.parseDate(params.createdAfter, 'created_after', ctx.locale)! } : {}),
      ...(params.createdBefore ? { createdBefore: this.parseDate(params.createdBefore, 'created_before', ctx.locale)! } : {}),
      ...(query ? { terms: queryTerms(query), number: ticketNumberOf(query) } : {}),
      dueBefore: new Date(Date.now() + BREACHING_SOON_MS).toISOString(),
    };
    // A query with no searchable terms (punctuation only) matches nothing rather than everything.
    if (query && !q.terms?.length && !q.number) return { tickets: [], count: 0 };
    const { rows, count } = await findTickets(this.db, q, { limit: params.perPage, offset: (params.page - 1) * params.perPage });
    return { tickets: await this.present(rows), count };
  }

  async detail(ctx: StaffContext, number: number) {
    const row = await findTicketRow(this.db, number);
    if (!row) throw notFound('ticket');
    const [ticket] = await this.present([row]);
    const [comments, attachments, requester, others, merged, events] = await Promise.all([
      listComments(this.db, row.id, false),
      listAttachments(this.db, row.id),
      this.db.selectFrom('users').select(['id', 'name', 'email', 'email_verified_at', 'account_ref']).where('id', '=', row.requester_id).executeTakeFirstOrThrow(),
      this.db.selectFrom('tickets').select(['number', 'subject', 'status']).where('requester_id', '=', row.requester_id).where('id', '!=', row.id).orderBy('created_at', 'desc').limit(20).execute(),
      this.db.selectFrom('ticket_merges as m').innerJoin('tickets as t', 't.id', 'm.target_ticket_id').select('t.number').where('m.source_ticket_id', '=', row.id).executeTakeFirst(),
      listTicketEvents(this.db, row.id),
    ]);
    const def = this.requests.catalog.byId(row.request_type_id)?.def;
    const fields = presentFields(row.fields, def, ctx.locale);
    const accountField = def?.fields.find((f) => f.type === 'account_id');
    const accountId = requester.account_ref ?? (accountField ? (fields.find((f) => f.key === accountField.key)?.value ?? null) : null);
    await this.audit.append({ actor: auditActorOf(ctx.actor, ctx.ip), action: 'ticket.view', subject: `ticket:${row.number}` });
    return {
      ticket: { ...ticket!, fields },
      comments: comments.map((c) => presentComment(this.publicUrl, c, attachments)),
      requester: {
        id: requester.id,
        name: requester.name,
        email: requester.email,
        email_verified: requester.email_verified_at !== null,
        account_id: accountId,
        other_tickets: others.map((o) => ({ id: o.number, subject: o.subject, status: o.status })),
      },
      ...(merged ? { merged_into: merged.number } : {}),
      events: events.map(presentEvent),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Changing

  private problem(problem: UpdateProblem, number: number, locale: Locale): AppError {
    return new AppError('conflict', { detail: t(locale, `tickets.errors.${problem}`, { id: number }) });
  }

  private async checkReferences(input: { group_id?: string | null; assignee_id?: string | null }, locale: Locale): Promise<void> {
    const problems: Array<{ path: string; message: string }> = [];
    if (input.group_id) {
      const group = await this.db.selectFrom('groups').select('id').where('id', '=', input.group_id).executeTakeFirst();
      if (!group) problems.push({ path: 'ticket.group_id', message: t(locale, 'tickets.errors.unknown_group', { id: input.group_id }) });
    }
    if (input.assignee_id) {
      const user = await this.db.selectFrom('users').select(['id', 'role', 'deactivated_at']).where('id', '=', input.assignee_id).executeTakeFirst();
      if (!user || (user.role !== 'agent' && user.role !== 'admin') || user.deactivated_at) problems.push({ path: 'ticket.assignee_id', message: t(locale, 'tickets.errors.unknown_assignee', { id: input.assignee_id }) });
    }
    if (problems.length) throw invalidFields(problems);
  }

  /**
   * Writes the planned field changes with their history rows and moves the SLA clock (inside
   * `trx`). `before` must be the state read in this transaction.
   */
  private async applyChanges(trx: Db, ticket: { id: string; created_at: string }, before: TicketState, next: TicketState, changed: TicketField[], actorId: string | null, now: string): Promise<void> {
    if (!changed.length) return;
    const solvedAt = next.status === 'solved' && before.status !== 'solved' ? { solved_at: now } : next.status !== 'solved' && next.status !== 'closed' && (before.status === 'solved' || before.status === 'closed') ? { solved_at: null } : {};
    await trx
      .updateTable('tickets')
      .set({ status: next.status, priority: next.priority, group_id: next.group_id, assignee_id: next.assignee_id, updated_at: now, ...solvedAt })
      .where('id', '=', ticket.id)
      .execute();
    for (const field of changed) {
      await trx.insertInto('ticket_events').values({ id: newId('tev'), ticket_id: ticket.id, actor_id: actorId, field, from_value: before[field], to_value: next[field], created_at: now }).execute();
    }
    if (changed.includes('status') || changed.includes('priority')) {
      await this.sla.update(trx, { id: ticket.id, priority: next.priority, status: next.status, created_at: ticket.created_at }, before.status, (clock) => onStatus(clock, next.status, now));
    }
  }

  /**
   * Files for a reply or note must be unclaimed uploads of this staff member. Checked here so the
   * agent reads the problem in their own language; the claim itself (in the comment's transaction)
   * stays the authority.
   */
  private async checkUploads(tokens: string[], authorId: string, locale: Locale): Promise<void> {
    const unique = [...new Set(tokens)];
    const rows = await this.db.selectFrom('attachments').select(['upload_token', 'uploader_id']).where('upload_token', 'in', unique).where('ticket_id', 'is', null).execute();
    // Checked before the reply is written, for the agent-facing message; staff attach only their own uploads.
    if (!uploadsClaimable(rows, unique, authorId, { guestUploads: false })) throw invalidFields([{ path: 'ticket.comment.uploads', message: t(locale, 'tickets.errors.upload_unusable') }]);
  }

  private async lockedState(trx: Db, ticketId: string): Promise<TicketState & { created_at: string }> {
    // Touching the row first takes its lock (PostgreSQL) so the state read below is not stale.
    await trx.updateTable('tickets').set((eb) => ({ comment_count: eb('comment_count', '+', 0) })).where('id', '=', ticketId).execute();
    return trx.selectFrom('tickets').select(['status', 'priority', 'group_id', 'assignee_id', 'created_at']).where('id', '=', ticketId).executeTakeFirstOrThrow();
  }

  /**
   * An agent's update: field changes and/or a reply or internal note. A public reply that asks the
   * customer for a secret is refused (and the refusal audited); secrets in a reply are redacted.
   */
  async update(ctx: StaffContext, number: number, input: UpdateInput): Promise<UpdateOutcome> {
    const row = await findTicketRow(this.db, number);
    if (!row) throw notFound('ticket');
    await this.checkReferences(input, ctx.locale);
    const planned = planTicketUpdate(row, { ...input, ...(input.comment ? { comment: { public: input.comment.public } } : {}) });
    if (!planned.ok) throw this.problem(planned.problem, number, ctx.locale);
    const actor = auditActorOf(ctx.actor, ctx.ip);

    if (input.comment?.public) {
      const refused = outboundRefusal(checkOutbound(input.comment.body, { locale: ctx.locale }));
      if (refused.length) {
        const excerpt = scanText(input.comment.body.slice(0, 500), { locale: ctx.locale }).redacted;
        await this.audit.append({ actor, action: 'ticket.outbound_refused', subject: `ticket:${number}`, details: { reasons: refused.map((r) => r.code), excerpt } });
        return { kind: 'refused', reasons: refused };
      }
    }

    let comment: Awaited<ReturnType<RequestsService['addComment']>> | null = null;
    if (input.comment) {
      const authorId = ctx.actor.userId;
      if (!authorId) throw new AppError('forbidden');
      if (input.comment.uploads?.length) await this.checkUploads(input.comment.uploads, authorId, ctx.locale);
      comment = await this.requests.addComment(row as TicketTable, {
        authorId,
        role: 'agent',
        body: input.comment.body,
        isPublic: input.comment.public,
        ...(input.comment.uploads?.length ? { uploads: input.comment.uploads } : {}),
        via: 'web',
        locale: row.locale === 'zh-cn' ? 'zh-cn' : 'en-us',
      });
    }

    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const before = await this.lockedState(trx, row.id);
      const plan = planTicketUpdate(before, { ...input, ...(input.comment ? { comment: { public: input.comment.public } } : {}) });
      if (!plan.ok) throw this.problem(plan.problem, number, ctx.locale);
      await this.applyChanges(trx, row, before, plan.next, plan.changed, ctx.actor.userId, now);
      if (!plan.changed.length && !comment) return;
      const changes = Object.fromEntries(plan.changed.map((f) => [f, [before[f], plan.next[f]]]));
      const action = input.comment ? (input.comment.public ? 'ticket.reply' : 'ticket.note') : 'ticket.update';
      const redactions = comment ? [...new Set(comment.findings.map((f) => f.kind))] : [];
      await this.audit.append({ actor, action, subject: `ticket:${number}`, details: { changes, ...(comment ? { comment_id: comment.id, redactions } : {}) } }, trx);
    });
    this.notifier.ticketUpdated(row.id);
    const ticket = (await this.presentById(row.id))!;
    return {
      kind: 'updated',
      ticket,
      redactions: comment ? [...new Set(comment.findings.map((f) => f.kind))] : [],
      warning: comment?.warning ?? null,
      comment_id: comment?.id ?? null,
    };
  }

  /** Assigns the ticket to me (and to my first group when it has none). */
  async take(ctx: StaffContext, number: number): Promise<PresentedTicket> {
    const me = ctx.actor.userId;
    if (!me) throw new AppError('forbidden');
    const row = await findTicketRow(this.db, number);
    if (!row) throw notFound('ticket');
    const myGroups = (await groupIdsOf(this.db, [me])).get(me) ?? [];
    await this.db.transaction().execute(async (trx) => {
      const before = await this.lockedState(trx, row.id);
      const plan = planTake(before, me, myGroups);
      if (!plan.ok) throw this.problem(plan.problem, number, ctx.locale);
      await this.applyChanges(trx, row, before, plan.next, plan.changed, me, nowIso());
      await this.audit.append({ actor: auditActorOf(ctx.actor, ctx.ip), action: 'ticket.take', subject: `ticket:${number}`, details: { changes: Object.fromEntries(plan.changed.map((f) => [f, [before[f], plan.next[f]]])) } }, trx);
    });
    this.notifier.ticketUpdated(row.id);
    return (await this.presentById(row.id))!;
  }

  /**
   * Merges `sourceNumber` into `targetNumber`: the source's conversation is copied into the target
   * as an internal note, the source gets a note and is closed, and the link is kept.
   */
  async merge(ctx: StaffContext, sourceNumber: number, targetNumber: number): Promise<PresentedTicket> {
    const me = ctx.actor.userId;
    if (!me) throw new AppError('forbidden');
    const [source, target] = await Promise.all([findTicketRow(this.db, sourceNumber), findTicketRow(this.db, targetNumber)]);
    if (!source || !target) throw notFound('ticket');
    const mergedAlready = !!(await this.db.selectFrom('ticket_merges').select('source_ticket_id').where('source_ticket_id', '=', source.id).executeTakeFirst());
    const problem = mergeProblem(source, target, mergedAlready);
    if (problem) throw new AppError('conflict', { detail: t(ctx.locale, `tickets.errors.${problem}`) });

    const locale = ctx.locale;
    const [comments, attachments] = await Promise.all([listComments(this.db, source.id, false), listAttachments(this.db, source.id)]);
    const parts = [t(locale, 'tickets.merge.target_heading', { source: source.number, subject: source.subject })];
    let length = parts[0]!.length;
    for (const c of comments) {
      const names = attachments.filter((a) => (JSON.parse(c.attachment_ids) as string[]).includes(a.id)).map((a) => a.filename);
      const head = t(locale, 'tickets.merge.entry', { author: c.author_name ?? '', role: t(locale, `tickets.roles.${c.author_role}`), time: c.created_at.slice(0, 16).replace('T', ' '), visibility: c.public === 1 ? '' : t(locale, 'tickets.merge.internal') });
      const body = c.body.length > MERGE_ENTRY_LIMIT ? `${c.body.slice(0, MERGE_ENTRY_LIMIT)} ${t(locale, 'tickets.merge.truncated')}` : c.body;
      const entry = [head, body, ...(names.length ? [t(locale, 'tickets.merge.attachments', { names: names.join(', ') })] : [])].join('\n');
      if (length + entry.length > MERGE_BODY_LIMIT) {
        parts.push(t(locale, 'tickets.merge.truncated'));
        break;
      }
      parts.push(entry);
      length += entry.length + 2;
    }
    await this.requests.addComment(target as TicketTable, { authorId: me, role: 'agent', body: parts.join('\n\n'), isPublic: false, via: 'merge', locale: target.locale === 'zh-cn' ? 'zh-cn' : 'en-us' });
    await this.requests.addComment(source as TicketTable, { authorId: me, role: 'agent', body: t(locale, 'tickets.merge.source_note', { target: target.number }), isPublic: false, via: 'merge', locale: source.locale === 'zh-cn' ? 'zh-cn' : 'en-us' });

    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const before = await this.lockedState(trx, source.id);
      const next: TicketState = { ...before, status: 'closed' };
      await this.applyChanges(trx, source, before, next, before.status === 'closed' ? [] : ['status'], me, now);
      await trx.insertInto('ticket_merges').values({ source_ticket_id: source.id, target_ticket_id: target.id, actor_id: me, created_at: now }).execute();
      await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', target.id).execute();
      await this.audit.append({ actor: auditActorOf(ctx.actor, ctx.ip), action: 'ticket.merge', subject: `ticket:${source.number}`, details: { source: source.number, target: target.number, comments_copied: comments.length } }, trx);
    });
    this.notifier.ticketUpdated(source.id);
    this.notifier.ticketUpdated(target.id);
    return (await this.presentById(target.id))!;
  }
}
