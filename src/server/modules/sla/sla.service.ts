import type { Kysely, Selectable } from 'kysely';
import type { Database, SlaMetric, SlaPolicyTable, TicketPriority, TicketSlaTable, TicketStatus } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import type { AuditActor, AuditLog } from '../audit/audit.service.js';
import { breachesAt, clockMarks, DEFAULT_BUSINESS_HOURS, startClock, withDues, type BusinessHours, type SlaClock, type SlaPolicy } from './sla.policy.js';

type Db = Kysely<Database>;
type ClockRow = Selectable<TicketSlaTable>;

const HOURS_SETTING = 'sla_business_hours';
const PRIORITIES: TicketPriority[] = ['urgent', 'high', 'normal', 'low'];
/** Used when a priority has no stored policy (should not happen after the 0005 migration). */
const FALLBACK: Record<TicketPriority, [number, number, number]> = { urgent: [15, 30, 240], high: [60, 120, 480], normal: [240, 480, 1440], low: [480, 1440, 4320] };

const CONFIG_CACHE_MS = 5000;

export interface SlaConfig {
  policies: SlaPolicy[];
  businessHours: BusinessHours;
}

const toPolicy = (row: Selectable<SlaPolicyTable>): SlaPolicy => ({
  priority: row.priority,
  firstReplyMinutes: row.first_reply_minutes,
  nextReplyMinutes: row.next_reply_minutes,
  resolutionMinutes: row.resolution_minutes,
  businessHours: row.business_hours === 1,
});

const clockOf = (row: ClockRow): SlaClock => ({
  priority: row.priority,
  started_at: row.started_at,
  first_reply_due_at: row.first_reply_due_at,
  first_replied_at: row.first_replied_at,
  next_reply_started_at: row.next_reply_started_at,
  next_reply_due_at: row.next_reply_due_at,
  resolution_due_at: row.resolution_due_at,
  resolved_at: row.resolved_at,
});

export type SlaSource = 'monitor' | 'read' | 'update';

/**
 * SLA policies per priority, each ticket's stored clock (due times recomputed on every change), and
 * breach events: recorded by the monitor job, on read and when a change is made after a due time.
 */
export class SlaService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  async config(db: Db = this.db): Promise<SlaConfig> {
    const rows = await db.selectFrom('sla_policies').selectAll().execute();
    const policies = PRIORITIES.map((priority) => {
      const row = rows.find((r) => r.priority === priority);
      if (row) return toPolicy(row);
      const [first, next, resolution] = FALLBACK[priority];
      return { priority, firstReplyMinutes: first, nextReplyMinutes: next, resolutionMinutes: resolution, businessHours: false };
    });
    const setting = await db.selectFrom('instance_settings').select('value').where('key', '=', HOURS_SETTING).executeTakeFirst();
    const businessHours = setting ? ({ ...DEFAULT_BUSINESS_HOURS, ...(JSON.parse(setting.value) as Partial<BusinessHours>) } as BusinessHours) : DEFAULT_BUSINESS_HOURS;
    return { policies, businessHours };
  }

  async saveConfig(config: SlaConfig, actor: AuditActor): Promise<SlaConfig> {
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      for (const p of config.policies) {
        const values = { first_reply_minutes: p.firstReplyMinutes, next_reply_minutes: p.nextReplyMinutes, resolution_minutes: p.resolutionMinutes, business_hours: p.businessHours ? 1 : 0, updated_at: now };
        await trx
          .insertInto('sla_policies')
          .values({ priority: p.priority, ...values })
          .onConflict((oc) => oc.column('priority').doUpdateSet(values))
          .execute();
      }
      const hours = JSON.stringify(config.businessHours);
      await trx
        .insertInto('instance_settings')
        .values({ key: HOURS_SETTING, value: hours, created_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: hours }))
        .execute();
      await this.audit.append({ actor, action: 'sla_policies.update', subject: 'sla_policies', details: { policies: config.policies, business_hours: config.businessHours } }, trx);
    });
    this.cached = null;
    return this.config();
  }

  /** Policies change rarely and every new ticket needs them: reuse them for a few seconds (other processes' saves show up within that). */
  private cached: { config: SlaConfig; until: number } | null = null;

  private async policyFor(db: Db, priority: TicketPriority): Promise<{ policy: SlaPolicy; hours: BusinessHours }> {
    const now = Date.now();
    if (!this.cached || this.cached.until < now) this.cached = { config: await this.config(db), until: now + CONFIG_CACHE_MS };
    const cfg = this.cached.config;
    return { policy: cfg.policies.find((p) => p.priority === priority)!, hours: cfg.businessHours };
  }

  /** Starts the clock of a new ticket (inside its creating transaction). */
  async start(trx: Db, ticket: { id: string; priority: TicketPriority; status: TicketStatus; created_at: string }): Promise<void> {
    const { policy, hours } = await this.policyFor(trx, ticket.priority);
    const clock = startClock(ticket.created_at, policy, hours);
    const now = nowIso();
    await trx
      .insertInto('ticket_sla')
      .values({ ticket_id: ticket.id, ...clock, ...clockMarks(clock, ticket.status, now), updated_at: now })
      .onConflict((oc) => oc.column('ticket_id').doNothing())
      .execute();
  }

  private async recordBreaches(db: Db, ticketId: string, breaches: Array<{ metric: SlaMetric; due: string }>, source: SlaSource): Promise<number> {
    let recorded = 0;
    for (const b of breaches) {
      const result = await db
        .insertInto('sla_events')
        .values({ id: newId('sla'), ticket_id: ticketId, metric: b.metric, kind: 'breached', due_at: b.due, recorded_at: nowIso(), source })
        .onConflict((oc) => oc.columns(['ticket_id', 'metric', 'due_at']).doNothing())
        .executeTakeFirst();
      recorded += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return recorded;
  }

  /**
   * Moves a ticket's clock (inside the caller's transaction): breaches up to now are recorded under
   * the previous state first, then `change` is applied and the marks recomputed. A priority
   * change recomputes every due time from its anchor.
   */
  async update(trx: Db, ticket: { id: string; priority: TicketPriority; status: TicketStatus; created_at: string }, previousStatus: TicketStatus, change: (clock: SlaClock, policy: SlaPolicy, hours: BusinessHours) => SlaClock): Promise<void> {
    let row = await trx.selectFrom('ticket_sla').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirst();
    if (!row) {
      await this.start(trx, { ...ticket, status: previousStatus });
      row = (await trx.selectFrom('ticket_sla').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirst())!;
    }
    const now = nowIso();
    const before = clockOf(row);
    await this.recordBreaches(trx, ticket.id, breachesAt(before, previousStatus, now), 'update');
    const { policy, hours } = await this.policyFor(trx, ticket.priority);
    let after = change(before, policy, hours);
    if (after.priority !== ticket.priority || before.priority !== ticket.priority) after = withDues(after, policy, hours);
    await this.recordBreaches(trx, ticket.id, breachesAt(after, ticket.status, now), 'update');
    await trx
      .updateTable('ticket_sla')
      .set({ ...after, ...clockMarks(after, ticket.status, now), updated_at: now })
      .where('ticket_id', '=', ticket.id)
      .execute();
  }

  /**
   * Records breaches whose due time has passed (rows with watch_at ≤ now), for the given tickets or
   * for any ticket (the monitor, in batches). Returns the ids of tickets with new breach events.
   */
  async recordDue(source: SlaSource, ticketIds?: string[], limit = 500): Promise<string[]> {
    if (ticketIds && !ticketIds.length) return [];
    const now = nowIso();
    let q = this.db
      .selectFrom('ticket_sla as s')
      .innerJoin('tickets as t', 't.id', 's.ticket_id')
      .selectAll('s')
      .select('t.status')
      .where('s.watch_at', '<=', now)
      .orderBy('s.watch_at')
      .limit(limit);
    if (ticketIds) q = q.where('s.ticket_id', 'in', ticketIds);
    const rows = await q.execute();
    const changed: string[] = [];
    for (const row of rows) {
      const clock = clockOf(row);
      const inserted = await this.db.transaction().execute(async (trx) => {
        const n = await this.recordBreaches(trx, row.ticket_id, breachesAt(clock, row.status, now), source);
        await trx.updateTable('ticket_sla').set({ ...clockMarks(clock, row.status, now), updated_at: now }).where('ticket_id', '=', row.ticket_id).execute();
        return n;
      });
      if (inserted) changed.push(row.ticket_id);
    }
    return changed;
  }

  /** Clocks and recorded breach metrics of these tickets. */
  async clocks(ticketIds: string[]): Promise<{ clocks: Map<string, SlaClock>; breached: Map<string, SlaMetric[]> }> {
    const clocks = new Map<string, SlaClock>();
    const breached = new Map<string, SlaMetric[]>();
    if (!ticketIds.length) return { clocks, breached };
    const [rows, events] = await Promise.all([
      this.db.selectFrom('ticket_sla').selectAll().where('ticket_id', 'in', ticketIds).execute(),
      this.db.selectFrom('sla_events').select(['ticket_id', 'metric']).where('ticket_id', 'in', ticketIds).execute(),
    ]);
    for (const row of rows) clocks.set(row.ticket_id, clockOf(row));
    for (const e of events) breached.set(e.ticket_id, [...(breached.get(e.ticket_id) ?? []), e.metric]);
    return { clocks, breached };
  }

  events(ticketId: string) {
    return this.db.selectFrom('sla_events').selectAll().where('ticket_id', '=', ticketId).orderBy('due_at').execute();
  }

  /** Starts clocks for tickets that have none (created before the agent side was installed). */
  async backfill(limit = 5000): Promise<number> {
    const missing = await this.db
      .selectFrom('tickets as t')
      .leftJoin('ticket_sla as s', 's.ticket_id', 't.id')
      .select(['t.id', 't.priority', 't.status', 't.created_at'])
      .where('s.ticket_id', 'is', null)
      .limit(limit)
      .execute();
    for (const t of missing) await this.db.transaction().execute((trx) => this.start(trx, t));
    return missing.length;
  }
}
