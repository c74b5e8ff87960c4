import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { createAgentApp, createCustomer, staffSignIn, submitTicket, type Customer, type StaffClient } from './helpers.js';

describe.each(DIALECTS)('routing and assignment on %s', (dialect) => {
  let t: TestApp;
  let admin: StaffClient;
  let customer: Customer;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
    admin = await staffSignIn(t.app, { role: 'admin' });
    customer = await createCustomer(t.app.services.database.db);
  });
  afterAll(async () => t?.close());

  const ticket = async (n: number) => (await admin.get(`/api/v2/tickets/${n}`)).json().ticket;
  const newGroup = async (key: string, assignment: string) => {
    const res = await admin.request('POST', '/api/v2/groups', { group: { key, name: { 'en-us': key, 'zh-cn': key }, assignment } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().group.id as string;
  };
  const addMember = async (groupId: string, userId: string) => {
    const res = await admin.request('POST', '/api/v2/group_memberships', { group_membership: { user_id: userId, group_id: groupId } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().group_membership.id as string;
  };
  const setRules = async (rules: object[]) => {
    const res = await admin.request('PUT', '/api/v2/routing_rules', { rules });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().rules;
  };

  it('routes by request type and priority (first match wins) and falls back to the type group', async () => {
    const incident = await newGroup('incident', 'manual');
    const groups = (await admin.get('/api/v2/groups')).json().groups as Array<{ id: string; key: string }>;
    const security = groups.find((g) => g.key === 'security')!.id;
    const general = groups.find((g) => g.key === 'general')!.id;
    const saved = await setRules([{ request_type: 'security', priority: 'high', group_id: incident }, { request_type: 'other', priority: 'urgent', group_id: incident }]);
    expect(saved).toEqual([
      { request_type: 'security', priority: 'high', group_id: incident },
      { request_type: 'other', priority: 'urgent', group_id: incident },
    ]);
    // security requests default to priority high → the incident group
    const n1 = await submitTicket(t.app, customer, { type: 'security', subject: 'Strange login from abroad', body: 'Someone signed in to my account from a country I never visited.', fields: { account_id: 'AB12 CD34', issue: 'suspicious_login', problem_time: '2026-11-20T10:00' } });
    expect((await ticket(n1)).group_id).toBe(incident);
    // other requests are normal priority: no rule matches → the type's group
    const n2 = await submitTicket(t.app, customer);
    expect((await ticket(n2)).group_id).toBe(general);
    expect(security).not.toBe(incident);
    const events = (await admin.get(`/api/v2/tickets/${n1}`)).json().events;
    expect(events).toEqual([expect.objectContaining({ field: 'group_id', from: security, to: incident, actor: null })]);

    const bad = await admin.request('PUT', '/api/v2/routing_rules', { rules: [{ request_type: 'nope', group_id: 'grp_missing' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(['rules.0.request_type', 'rules.0.group_id']);
    await setRules([]);
  });

  it('assigns round robin within the group', async () => {
    const group = await newGroup('rr-team', 'round_robin');
    const agents = [await staffSignIn(t.app, { role: 'agent', name: 'Ada' }), await staffSignIn(t.app, { role: 'agent', name: 'Bo' }), await staffSignIn(t.app, { role: 'agent', name: 'Cy' })];
    for (const a of agents) await addMember(group, a.user.id);
    await setRules([{ request_type: 'other', group_id: group }]);
    const numbers: number[] = [];
    for (let i = 0; i < 6; i++) numbers.push(await submitTicket(t.app, customer, { subject: `Round robin ${i}`, body: 'Please help me with this request, it is urgent for me.' }));
    const assigned = await Promise.all(numbers.map(async (n) => (await ticket(n)).assignee_id));
    const ids = agents.map((a) => a.user.id);
    expect(assigned).toEqual([ids[0], ids[1], ids[2], ids[0], ids[1], ids[2]]);
    const first = await ticket(numbers[0]!);
    expect(first.status).toBe('open');
    expect(first.group_id).toBe(group);
    // The agent sees it in "mine".
    const mine = (await agents[0]!.get('/api/v2/tickets?view=mine')).json();
    expect(mine.tickets.map((x: { id: number }) => x.id).sort()).toEqual([numbers[0], numbers[3]].sort());
    await setRules([]);
  });

  it('assigns to the least busy member (ties by membership order), skipping deactivated staff', async () => {
    const group = await newGroup('lb-team', 'least_busy');
    const dee = await staffSignIn(t.app, { role: 'agent', name: 'Dee' });
    const eve = await staffSignIn(t.app, { role: 'agent', name: 'Eve' });
    const gone = await staffSignIn(t.app, { role: 'agent', name: 'Gone' });
    await addMember(group, gone.user.id);
    await addMember(group, dee.user.id);
    await addMember(group, eve.user.id);
    expect((await admin.request('DELETE', `/api/v2/users/${gone.user.id}`)).statusCode).toBe(200);
    // Dee already holds two open tickets.
    for (let i = 0; i < 2; i++) {
      const n = await submitTicket(t.app, customer, { subject: `Busy ${i}`, body: 'Existing work for Dee to keep her busy for a while.' });
      expect((await admin.request('PUT', `/api/v2/tickets/${n}`, { ticket: { assignee_id: dee.user.id } })).statusCode).toBe(200);
    }
    await setRules([{ request_type: 'other', group_id: group }]);
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) numbers.push(await submitTicket(t.app, customer, { subject: `Least busy ${i}`, body: 'Another request that should go to whoever is least busy.' }));
    const assigned = await Promise.all(numbers.map(async (n) => (await ticket(n)).assignee_id));
    expect(assigned).toEqual([eve.user.id, eve.user.id, dee.user.id]);
    await setRules([]);
  });

  it('leaves manual groups unassigned; agents take tickets and reassign them', async () => {
    const group = await newGroup('manual-team', 'manual');
    const fay = await staffSignIn(t.app, { role: 'agent', name: 'Fay' });
    const gus = await staffSignIn(t.app, { role: 'agent', name: 'Gus' });
    await addMember(group, fay.user.id);
    await setRules([{ request_type: 'other', group_id: group }]);
    const n = await submitTicket(t.app, customer, { subject: 'Manual queue', body: 'This one waits in the group queue until someone takes it.' });
    const queued = await ticket(n);
    expect(queued).toMatchObject({ group_id: group, assignee_id: null, status: 'new' });
    const queue = (await fay.get('/api/v2/tickets?view=group_unassigned')).json();
    expect(queue.tickets.map((x: { id: number }) => x.id)).toContain(n);
    expect((await gus.get('/api/v2/tickets?view=group_unassigned')).json().tickets.map((x: { id: number }) => x.id)).not.toContain(n);

    const taken = await fay.request('POST', `/api/v2/tickets/${n}/take`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().ticket).toMatchObject({ assignee_id: fay.user.id, status: 'open' });
    expect((await fay.get('/api/v2/tickets?view=group_unassigned')).json().tickets.map((x: { id: number }) => x.id)).not.toContain(n);

    const moved = await fay.request('PUT', `/api/v2/tickets/${n}`, { ticket: { assignee_id: gus.user.id } });
    expect(moved.json().ticket.assignee_id).toBe(gus.user.id);
    const invalid = await fay.request('PUT', `/api/v2/tickets/${n}`, { ticket: { assignee_id: customer.id } });
    expect(invalid.statusCode).toBe(400);
    const events = (await admin.get(`/api/v2/tickets/${n}`)).json().events.filter((e: { field: string }) => e.field === 'assignee_id');
    expect(events.map((e: { from: string | null; to: string; actor: { id: string } }) => [e.from, e.to, e.actor.id])).toEqual([
      [null, fay.user.id, fay.user.id],
      [fay.user.id, gus.user.id, fay.user.id],
    ]);
    await setRules([]);
  });

  it('answers a submit with the routed group, assignee and status (API, guest and idempotent replay)', async () => {
    const desk = await newGroup('vip-desk', 'round_robin');
    const triage = await newGroup('triage', 'manual');
    const ivy = await staffSignIn(t.app, { role: 'agent', name: 'Ivy' });
    await addMember(desk, ivy.user.id);
    const groups = (await admin.get('/api/v2/groups')).json().groups as Array<{ id: string; key: string }>;
    const general = groups.find((g) => g.key === 'general')!.id;
    const security = groups.find((g) => g.key === 'security')!.id;
    await setRules([
      { request_type: 'other', priority: 'normal', group_id: desk },
      { request_type: 'security', priority: 'high', group_id: triage },
    ]);
    const submit = (payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/v2/requests', headers, payload: { request: payload } });
    const other = { subject: 'Routed to the desk', comment: { body: 'Please route this request to the right team, thank you.' }, request_type: 'other' };

    const mine = await submit(other, { ...customer.headers, 'idempotency-key': 'routed-1' });
    expect(mine.statusCode, mine.body).toBe(201);
    const answered = mine.json().request;
    expect(answered).toMatchObject({ group_id: desk, assignee_id: ivy.user.id, status: 'open' });
    expect(answered.group_id).not.toBe(general);
    // What the answer says is what was stored.
    const stored = (await t.app.inject({ url: `/api/v2/requests/${answered.id}`, headers: customer.headers })).json().request;
    expect({ group_id: stored.group_id, assignee_id: stored.assignee_id, status: stored.status }).toEqual({ group_id: desk, assignee_id: ivy.user.id, status: 'open' });
    const replay = await submit(other, { ...customer.headers, 'idempotency-key': 'routed-1' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().request).toMatchObject({ id: answered.id, group_id: desk, assignee_id: ivy.user.id, status: 'open' });

    // A guest's security request (priority high) goes to the manual triage group: no assignee, still new.
    const guest = await submit({
      subject: 'Strange login from abroad',
      comment: { body: 'Someone signed in to my account from a country I never visited.' },
      request_type: 'security',
      requester: { name: 'Guest', email: 'routed.guest@example.org' },
      custom_fields: Object.entries({ account_id: 'AB12 CD34', issue: 'suspicious_login', problem_time: '2026-11-20T10:00' }).map(([id, value]) => ({ id, value })),
    });
    expect(guest.statusCode, guest.body).toBe(201);
    expect(guest.json().request).toMatchObject({ group_id: triage, assignee_id: null, status: 'new' });
    expect(triage).not.toBe(security);
    expect((await ticket(guest.json().request.id)).group_id).toBe(triage);
    await setRules([]);
  });

  it('manages groups and memberships', async () => {
    const group = await newGroup('temp', 'manual');
    const hal = await staffSignIn(t.app, { role: 'agent', name: 'Hal' });
    const membership = await addMember(group, hal.user.id);
    const again = await admin.request('POST', '/api/v2/group_memberships', { group_membership: { user_id: hal.user.id, group_id: group } });
    expect(again.statusCode).toBe(409);
    const members = (await hal.get(`/api/v2/groups/${group}/memberships`)).json().group_memberships;
    expect(members).toEqual([expect.objectContaining({ id: membership, user_id: hal.user.id, user: expect.objectContaining({ name: 'Hal' }) })]);
    expect((await hal.get('/api/v2/staff/me')).json().user.group_ids).toEqual([group]);
    const renamed = await admin.request('PUT', `/api/v2/groups/${group}`, { group: { name: { 'en-us': 'Temp team', 'zh-cn': '临时组' }, assignment: 'round_robin' } });
    expect(renamed.json().group).toMatchObject({ key: 'temp', name: { 'en-us': 'Temp team', 'zh-cn': '临时组' }, assignment: 'round_robin', member_count: 1 });
    const types = (await admin.get('/api/v2/groups')).json().groups.find((g: { key: string }) => g.key === 'general');
    expect((await admin.request('DELETE', `/api/v2/groups/${types.id}`)).statusCode).toBe(409);
    expect((await admin.request('DELETE', `/api/v2/group_memberships/${membership}`)).statusCode).toBe(204);
    expect((await admin.request('DELETE', `/api/v2/groups/${group}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v2/groups/${group}`)).statusCode).toBe(404);
  });
});
