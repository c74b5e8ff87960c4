import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlaMonitor } from '../../src/server/modules/sla/sla.monitor.js';
import { addBusinessMinutes, breachesAt, startClock, type BusinessHours } from '../../src/server/modules/sla/sla.policy.js';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { createAgentApp, createCustomer, staffSignIn, submitTicket, type Customer, type StaffClient } from './helpers.js';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('business-hours arithmetic', () => {
  const shanghai: BusinessHours = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
  const newYork: BusinessHours = { timezone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

  it('counts only opening hours of business days, in the configured timezone', () => {
    // Friday 2026-11-20 17:00 in Shanghai (09:00Z) + 2 h → Monday 10:00 Shanghai (02:00Z).
    expect(iso(addBusinessMinutes(Date.parse('2026-11-20T09:00:00Z'), 120, shanghai))).toBe('2026-11-23T02:00:00.000Z');
    // Monday 07:00 Shanghai (before opening) + 30 min → 09:30.
    expect(iso(addBusinessMinutes(Date.parse('2026-11-22T23:00:00Z'), 30, shanghai))).toBe('2026-11-23T01:30:00.000Z');
    // Saturday: the clock waits for Monday 09:00.
    expect(iso(addBusinessMinutes(Date.parse('2026-11-21T04:00:00Z'), 60, shanghai))).toBe('2026-11-23T02:00:00.000Z');
    // Within the day.
    expect(iso(addBusinessMinutes(Date.parse('2026-11-24T02:00:00Z'), 90, shanghai))).toBe('2026-11-24T03:30:00.000Z');
    // 3 business days of 9 h: Monday 09:00 → Wednesday 18:00 Shanghai.
    expect(iso(addBusinessMinutes(Date.parse('2026-11-23T01:00:00Z'), 27 * 60, shanghai))).toBe('2026-11-25T10:00:00.000Z');
  });

  it('follows daylight-saving changes', () => {
    // Friday 2026-10-30 16:00 EDT (20:00Z) + 2 h: 1 h on Friday, 1 h on Monday 2026-11-02 after the
    // change to EST → 10:00 EST = 15:00Z.
    expect(iso(addBusinessMinutes(Date.parse('2026-10-30T20:00:00Z'), 120, newYork))).toBe('2026-11-02T15:00:00.000Z');
  });

  it('falls back to calendar time for unusable hours', () => {
    expect(iso(addBusinessMinutes(Date.parse('2026-11-21T04:00:00Z'), 60, { ...shanghai, days: [] }))).toBe('2026-11-21T05:00:00.000Z');
    expect(iso(addBusinessMinutes(Date.parse('2026-11-21T04:00:00Z'), 60, { ...shanghai, start: '18:00', end: '09:00' }))).toBe('2026-11-21T05:00:00.000Z');
  });

  it('reports breaches of running and late-met targets', () => {
    const policy = { priority: 'urgent' as const, firstReplyMinutes: 15, nextReplyMinutes: 30, resolutionMinutes: 240, businessHours: false };
    const clock = startClock('2026-11-20T00:00:00.000Z', policy, shanghai);
    expect(clock.first_reply_due_at).toBe('2026-11-20T00:15:00.000Z');
    expect(breachesAt(clock, 'open', '2026-11-20T00:10:00.000Z')).toEqual([]);
    expect(breachesAt(clock, 'open', '2026-11-20T00:16:00.000Z').map((b) => b.metric)).toEqual(['first_reply']);
    expect(breachesAt({ ...clock, first_replied_at: '2026-11-20T00:20:00.000Z' }, 'solved', '2026-11-21T00:00:00.000Z').map((b) => b.metric)).toEqual(['first_reply']);
    expect(breachesAt({ ...clock, first_replied_at: '2026-11-20T00:05:00.000Z', resolved_at: '2026-11-20T05:00:00.000Z' }, 'solved', '2026-11-21T00:00:00.000Z').map((b) => b.metric)).toEqual(['resolution']);
  });
});

describe.each(DIALECTS)('SLA on %s', (dialect) => {
  let t: TestApp;
  let admin: StaffClient;
  let agent: StaffClient;
  let customer: Customer;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
    admin = await staffSignIn(t.app, { role: 'admin' });
    agent = await staffSignIn(t.app, { role: 'agent' });
    customer = await createCustomer(t.app.services.database.db);
    // The realtime hub presents every new ticket in the background, which records due breaches "on
    // read"; here the monitor and explicit reads must be the only readers.
    t.app.agent.hub.detach();
  });
  afterAll(async () => t?.close());

  const db = () => t.app.services.database.db;
  const detail = async (n: number) => (await agent.get(`/api/v2/tickets/${n}`)).json();
  const idOf = async (n: number) => (await db().selectFrom('tickets').select('id').where('number', '=', n).executeTakeFirstOrThrow()).id;
  /** Moves a ticket's clock into the past, as if `minutes` had gone by. */
  const age = async (n: number, minutes: number) => {
    const id = await idOf(n);
    const row = await db().selectFrom('ticket_sla').selectAll().where('ticket_id', '=', id).executeTakeFirstOrThrow();
    const shift = (v: string | null) => (v ? iso(Date.parse(v) - minutes * MIN) : null);
    await db()
      .updateTable('ticket_sla')
      .set({
        started_at: shift(row.started_at)!,
        first_reply_due_at: shift(row.first_reply_due_at),
        first_replied_at: shift(row.first_replied_at),
        next_reply_started_at: shift(row.next_reply_started_at),
        next_reply_due_at: shift(row.next_reply_due_at),
        resolution_due_at: shift(row.resolution_due_at),
        resolved_at: shift(row.resolved_at),
        next_due_at: shift(row.next_due_at),
        watch_at: shift(row.watch_at),
      })
      .where('ticket_id', '=', id)
      .execute();
    await db().updateTable('tickets').set({ created_at: shift((await db().selectFrom('tickets').select('created_at').where('id', '=', id).executeTakeFirstOrThrow()).created_at)! }).where('id', '=', id).execute();
  };
  const events = async (n: number) => db().selectFrom('sla_events').select(['metric', 'source', 'due_at']).where('ticket_id', '=', await idOf(n)).orderBy('due_at').execute();

  it('ships default policies per priority and validates changes', async () => {
    const res = await agent.get('/api/v2/slas/policies');
    expect(res.statusCode).toBe(200);
    const minutes = Object.fromEntries(res.json().policies.map((p: { priority: string; first_reply_minutes: number; next_reply_minutes: number; resolution_minutes: number }) => [p.priority, [p.first_reply_minutes, p.next_reply_minutes, p.resolution_minutes]]));
    expect(minutes).toEqual({ urgent: [15, 30, 240], high: [60, 120, 480], normal: [240, 480, 1440], low: [480, 1440, 4320] });
    expect(res.json().business_hours).toEqual({ timezone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    expect((await admin.request('PUT', '/api/v2/slas/policies', { policies: [], business_hours: { timezone: 'Mars/Olympus', days: [1], start: '09:00', end: '17:00' } })).statusCode).toBe(400);
    expect((await admin.request('PUT', '/api/v2/slas/policies', { policies: [], business_hours: { timezone: 'UTC', days: [1], start: '17:00', end: '09:00' } })).statusCode).toBe(400);
  });

  it('stores due times on each ticket from its priority and moves them with replies and priority changes', async () => {
    const n = await submitTicket(t.app, customer);
    const d = await detail(n);
    const created = Date.parse(d.ticket.created_at);
    expect(d.ticket.sla).toEqual({ first_reply_due_at: iso(created + 240 * MIN), next_reply_due_at: null, resolution_due_at: iso(created + 1440 * MIN), breached: [] });

    const sec = await submitTicket(t.app, customer, { type: 'security', subject: 'Lost my authenticator phone', body: 'My phone with the authenticator app was stolen this morning.', fields: { account_id: 'CC12 DD34', issue: 'lost_2fa', problem_time: '2026-11-22T08:00' } });
    const s = (await detail(sec)).ticket;
    expect(s.priority).toBe('high');
    expect(s.sla.first_reply_due_at).toBe(iso(Date.parse(s.created_at) + 60 * MIN));

    // First reply met → no first-reply due; the customer writes back → next-reply clock (normal: 480 min).
    await agent.request('PUT', `/api/v2/tickets/${n}`, { ticket: { comment: { body: 'We are checking this for you.', public: true } } });
    expect((await detail(n)).ticket.sla.first_reply_due_at).toBeNull();
    const back = await t.app.inject({ method: 'POST', url: `/api/v2/requests/${n}/comments`, headers: customer.headers, payload: { comment: { body: 'Thanks, I am still waiting for my funds.' } } });
    expect(back.statusCode).toBe(201);
    const withNext = await detail(n);
    const asked = Date.parse(withNext.comments.at(-1).created_at);
    expect(withNext.ticket.sla.next_reply_due_at).toBe(iso(asked + 480 * MIN));

    // Urgent: every due time is recomputed from its anchor.
    const urgent = (await agent.request('PUT', `/api/v2/tickets/${n}`, { ticket: { priority: 'urgent' } })).json().ticket;
    expect(urgent.sla.next_reply_due_at).toBe(iso(asked + 30 * MIN));
    expect(urgent.sla.resolution_due_at).toBe(iso(created + 240 * MIN));
    // Solved: nothing is running.
    const solved = (await agent.request('PUT', `/api/v2/tickets/${n}`, { ticket: { status: 'solved', comment: { body: 'Your deposit is credited.', public: true } } })).json().ticket;
    expect(solved.sla).toEqual({ first_reply_due_at: null, next_reply_due_at: null, resolution_due_at: null, breached: [] });
  });

  it('records a breach from the monitor job, lists it under "SLA breaching soon", and on read', async () => {
    const late = await submitTicket(t.app, customer, { subject: 'Waiting too long', body: 'Nobody has answered this request for hours now.' });
    const soon = await submitTicket(t.app, customer, { subject: 'Almost due', body: 'This one is close to its first-reply target.' });
    const fine = await submitTicket(t.app, customer, { subject: 'Plenty of time', body: 'This one was just created and has lots of time.' });
    await age(late, 241); // 1 minute past the 240-minute first-reply target
    await age(soon, 220); // due in 20 minutes

    const breaching = (await agent.get('/api/v2/tickets?view=sla_breaching')).json();
    const listed = breaching.tickets.map((x: { id: number }) => x.id);
    expect(listed).toContain(late);
    expect(listed).toContain(soon);
    expect(listed).not.toContain(fine);
    expect(listed.indexOf(late)).toBeLessThan(listed.indexOf(soon)); // most urgent first

    // The list read above recorded the breach already ("on read"); the monitor records new ones.
    expect((await events(late)).map((e) => [e.metric, e.source])).toEqual([['first_reply', 'read']]);
    const monitored = await submitTicket(t.app, customer, { subject: 'Monitor me', body: 'A ticket whose first reply target will pass unseen.' });
    await age(monitored, 300);
    const breached: string[] = [];
    const stop = startSlaMonitor({ sla: t.app.agent.sla, intervalMs: 20, onBreach: (ids) => breached.push(...ids) });
    const monitoredId = await idOf(monitored);
    for (let i = 0; i < 100 && !breached.includes(monitoredId); i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(breached).toContain(monitoredId);
    const recorded = await events(monitored);
    expect(recorded.map((e) => [e.metric, e.source])).toEqual([['first_reply', 'monitor']]);
    const shown = (await detail(monitored)).ticket.sla;
    expect(shown.breached).toEqual(['first_reply']);
    expect(shown.first_reply_due_at).toBe(recorded[0]!.due_at);
    // Idempotent: another scan records nothing new.
    expect(await t.app.agent.sla.recordDue('monitor')).toEqual([]);
    expect(await events(monitored)).toHaveLength(1);

    // A reply after the due time keeps the breach on record, and the running due disappears.
    await agent.request('PUT', `/api/v2/tickets/${monitored}`, { ticket: { comment: { body: 'Sorry for the wait, looking now.', public: true } } });
    const after = (await detail(monitored)).ticket.sla;
    expect(after.first_reply_due_at).toBeNull();
    expect(after.breached).toEqual(['first_reply']);
  });

  it('applies business hours from the policy to new tickets', async () => {
    const hours = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
    const res = await admin.request('PUT', '/api/v2/slas/policies', { policies: [{ priority: 'normal', first_reply_minutes: 60, next_reply_minutes: 120, resolution_minutes: 600, business_hours: true }], business_hours: hours });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().policies.find((p: { priority: string }) => p.priority === 'normal')).toEqual({ priority: 'normal', first_reply_minutes: 60, next_reply_minutes: 120, resolution_minutes: 600, business_hours: true });
    expect(res.json().policies.find((p: { priority: string }) => p.priority === 'urgent').first_reply_minutes).toBe(15);
    const n = await submitTicket(t.app, customer);
    const d = (await detail(n)).ticket;
    expect(d.sla.first_reply_due_at).toBe(iso(addBusinessMinutes(Date.parse(d.created_at), 60, hours)));
    expect(d.sla.resolution_due_at).toBe(iso(addBusinessMinutes(Date.parse(d.created_at), 600, hours)));
    const audit = await db().selectFrom('audit_log').select('actor_id').where('action', '=', 'sla_policies.update').execute();
    expect(audit.map((a) => a.actor_id)).toEqual([admin.user.id]);
  });
});
