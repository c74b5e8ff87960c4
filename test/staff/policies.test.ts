import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/plugins/auth.js';
import { canChangeOwnAccount, canSignInAsStaff, staffSessionState } from '../../src/server/modules/staff/staff.policy.js';
import { mergeProblem, outboundRefusal, pickAssignee, planTake, planTicketUpdate, routeTicket } from '../../src/server/modules/tickets/tickets.policy.js';
import { macroAvailableIn, renderMacro } from '../../src/server/modules/macros/macros.policy.js';
import { checkOutbound } from '../../src/server/modules/redaction/index.js';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS, TEST_ADMIN_TOKEN } from '../helpers/db.js';
import { createUserWithToken } from '../helpers/users.js';
import { createAgentApp, createCustomer, submitTicket } from './helpers.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Route = [Method, string, object?];

const ADMIN_ROUTES: Route[] = [
  ['GET', '/api/v2/users'],
  ['GET', '/api/v2/users/usr_x'],
  ['POST', '/api/v2/users', { user: { name: 'X', email: 'x@staff.example', role: 'agent' } }],
  ['PUT', '/api/v2/users/usr_x', { user: { name: 'Y' } }],
  ['DELETE', '/api/v2/users/usr_x'],
  ['GET', '/api/v2/api_tokens'],
  ['POST', '/api/v2/api_tokens', { api_token: { name: 'x' } }],
  ['DELETE', '/api/v2/api_tokens/tok_x'],
  ['POST', '/api/v2/groups', { group: { key: 'x', name: { 'en-us': 'X', 'zh-cn': 'X' } } }],
  ['PUT', '/api/v2/groups/grp_x', { group: { assignment: 'manual' } }],
  ['DELETE', '/api/v2/groups/grp_x'],
  ['POST', '/api/v2/group_memberships', { group_membership: { user_id: 'u', group_id: 'g' } }],
  ['DELETE', '/api/v2/group_memberships/gm_x'],
  ['PUT', '/api/v2/routing_rules', { rules: [] }],
  ['PUT', '/api/v2/slas/policies', { policies: [] }],
  ['POST', '/api/v2/macros', { macro: { title: { 'en-us': 'T', 'zh-cn': 'T' }, body: { 'en-us': 'B', 'zh-cn': 'B' } } }],
  ['PUT', '/api/v2/macros/mac_x', { macro: { title: { 'en-us': 'T', 'zh-cn': 'T' }, body: { 'en-us': 'B', 'zh-cn': 'B' } } }],
  ['DELETE', '/api/v2/macros/mac_x'],
  ['GET', '/api/v2/audit_logs'],
  ['GET', '/api/v2/audit_logs/export?format=csv'],
  ['GET', '/api/v2/audit_logs/verify'],
];

const STAFF_ROUTES: Route[] = [
  ['GET', '/api/v2/staff/me'],
  ['GET', '/api/v2/tickets?view=all_open'],
  ['GET', '/api/v2/search?query=account'],
  ['GET', '/api/v2/tickets/10001'],
  ['PUT', '/api/v2/tickets/10001', { ticket: { priority: 'high' } }],
  ['POST', '/api/v2/tickets/10001/take'],
  ['POST', '/api/v2/tickets/10001/merge', { target_id: 10002 }],
  ['GET', '/api/v2/groups'],
  ['GET', '/api/v2/routing_rules'],
  ['GET', '/api/v2/slas/policies'],
  ['GET', '/api/v2/macros'],
];

describe.each(DIALECTS)('who may call what on %s', (dialect) => {
  let t: TestApp;
  let headers: Record<'customer' | 'agent' | 'admin', Record<string, string>>;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
    const db = t.app.services.database.db;
    const customer = await createCustomer(db);
    await submitTicket(t.app, customer);
    await submitTicket(t.app, customer);
    headers = {
      customer: customer.headers,
      agent: (await createUserWithToken(db, 'agent')).headers,
      admin: (await createUserWithToken(db, 'admin')).headers,
    };
  });
  afterAll(async () => t?.close());

  const call = ([method, url, payload]: Route, h: Record<string, string>) => t.app.inject({ method, url, headers: h, ...(payload ? { payload } : {}) });

  it.each(ADMIN_ROUTES)('%s %s is for admins only', async (...route) => {
    expect((await call(route, {})).statusCode).toBe(401);
    expect((await call(route, headers.customer)).statusCode).toBe(403);
    expect((await call(route, headers.agent)).statusCode).toBe(403);
    const asAdmin = await call(route, headers.admin);
    expect([401, 403]).not.toContain(asAdmin.statusCode);
    const asAdminToken = await call(route, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect([401, 403]).not.toContain(asAdminToken.statusCode);
  });

  it.each(STAFF_ROUTES)('%s %s is for staff only', async (...route) => {
    expect((await call(route, {})).statusCode).toBe(401);
    expect((await call(route, headers.customer)).statusCode).toBe(403);
    const asAgent = await call(route, headers.agent);
    expect([401, 403], asAgent.body).not.toContain(asAgent.statusCode);
  });
});

describe('pure policies', () => {
  const agent: Actor = { kind: 'agent', userId: 'usr_a', label: 'a', via: 'session' };
  const admin: Actor = { kind: 'admin', userId: 'usr_b', label: 'b', via: 'session' };

  it('staff sign-in and sessions', () => {
    expect(canSignInAsStaff({ role: 'agent', password_hash: 'x', deactivated_at: null })).toBe(true);
    expect(canSignInAsStaff({ role: 'customer', password_hash: 'x' })).toBe(false);
    expect(canSignInAsStaff({ role: 'admin', password_hash: 'x', deactivated_at: '2026-01-01T00:00:00.000Z' })).toBe(false);
    expect(canSignInAsStaff({ role: 'admin', password_hash: null })).toBe(false);
    const start = Date.parse('2026-03-01T00:00:00.000Z');
    const row = { created_at: new Date(start).toISOString(), last_active_at: new Date(start + 11 * 3600_000).toISOString() };
    expect(staffSessionState(row, start + 11 * 3600_000 + 29 * 60_000)).toBe('valid');
    expect(staffSessionState(row, start + 11 * 3600_000 + 30 * 60_000)).toBe('idle');
    expect(staffSessionState({ ...row, last_active_at: new Date(start + 11.9 * 3600_000).toISOString() }, start + 12 * 3600_000)).toBe('expired');
    expect(staffSessionState(undefined, start)).toBe('missing');
    expect(canChangeOwnAccount(admin, 'usr_b', { active: false })).toBe(false);
    expect(canChangeOwnAccount(admin, 'usr_b', { role: 'agent' })).toBe(false);
    expect(canChangeOwnAccount(admin, 'usr_b', { role: 'admin' })).toBe(true);
    expect(canChangeOwnAccount(admin, 'usr_a', { active: false })).toBe(true);
    void agent;
  });

  it('status transitions', () => {
    const open = { status: 'open' as const, priority: 'normal' as const, group_id: 'g1', assignee_id: null };
    expect(planTicketUpdate(open, { comment: { public: true } })).toMatchObject({ ok: true, next: { status: 'pending' }, changed: ['status'] });
    expect(planTicketUpdate(open, { comment: { public: true }, status: 'solved' })).toMatchObject({ ok: true, next: { status: 'solved' } });
    expect(planTicketUpdate(open, { comment: { public: false } })).toMatchObject({ ok: true, changed: [] });
    expect(planTicketUpdate({ ...open, status: 'closed' }, { priority: 'low' })).toEqual({ ok: false, problem: 'closed' });
    expect(planTicketUpdate(open, { status: 'closed' })).toEqual({ ok: false, problem: 'close_requires_solved' });
    expect(planTicketUpdate({ ...open, status: 'solved' }, { status: 'closed' })).toMatchObject({ ok: true, next: { status: 'closed' } });
    expect(planTicketUpdate(open, { status: 'new' })).toEqual({ ok: false, problem: 'back_to_new' });
    expect(planTicketUpdate({ ...open, status: 'new' }, { assignee_id: 'u1' })).toMatchObject({ ok: true, next: { status: 'open', assignee_id: 'u1' } });
    expect(planTake({ ...open, status: 'new', group_id: null }, 'me', ['gx', 'gy'])).toMatchObject({ ok: true, next: { assignee_id: 'me', group_id: 'gx', status: 'open' } });
    expect(planTake(open, 'me', ['gx'])).toMatchObject({ ok: true, next: { group_id: 'g1' } });
    expect(mergeProblem({ id: 'a', status: 'open' }, { id: 'a', status: 'open' }, false)).toBe('merge_self');
    expect(mergeProblem({ id: 'a', status: 'open' }, { id: 'b', status: 'closed' }, false)).toBe('merge_closed');
    expect(mergeProblem({ id: 'a', status: 'open' }, { id: 'b', status: 'open' }, true)).toBe('already_merged');
    expect(mergeProblem({ id: 'a', status: 'open' }, { id: 'b', status: 'pending' }, false)).toBeNull();
  });

  it('routing and assignment', () => {
    const rules = [
      { request_type: 'security', priority: 'urgent' as const, group_id: 'g_incident' },
      { request_type: 'security', priority: null, group_id: 'g_security' },
    ];
    expect(routeTicket(rules, { requestType: 'security', priority: 'urgent' }, 'g_default')).toBe('g_incident');
    expect(routeTicket(rules, { requestType: 'security', priority: 'high' }, 'g_default')).toBe('g_security');
    expect(routeTicket(rules, { requestType: 'trading', priority: 'urgent' }, 'g_default')).toBe('g_default');
    const members = ['a', 'b', 'c'];
    expect([1, 2, 3, 4, 5].map((cursor) => pickAssignee('round_robin', members, cursor, new Map()))).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(pickAssignee('least_busy', members, 1, new Map([['a', 3], ['b', 1], ['c', 1]]))).toBe('b');
    expect(pickAssignee('least_busy', members, 1, new Map([['a', 2]]))).toBe('b');
    expect(pickAssignee('manual', members, 1, new Map())).toBeNull();
    expect(pickAssignee('round_robin', [], 7, new Map())).toBeNull();
  });

  it('outbound refusal ignores secrets the shield removes, not requests for them', () => {
    const asks = outboundRefusal(checkOutbound('Please send your seed phrase so we can verify the wallet.', { locale: 'en-us' }));
    expect(asks.map((r) => r.code)).toEqual(['asks_recovery_phrase']);
    const zh = outboundRefusal(checkOutbound('请提供您的助记词，以便我们核实。', { locale: 'zh-cn' }));
    expect(zh.map((r) => r.code)).toEqual(['asks_recovery_phrase']);
    const secretOnly = checkOutbound('Your API secret is sk_live_8f3kJ29dmQ0aLx7Zr4TbP1wYc6VnE5uH', { locale: 'en-us' });
    expect(outboundRefusal(secretOnly)).toEqual([]);
  });

  it('macro placeholders', () => {
    const ctx = { requester: { name: '李雷', email: 'l@x.example' }, ticket: { id: 10042, subject: 'S' }, agent: { name: 'Ann' }, brand: { name: 'Lanternfish', supportEmail: 'support@l.example' } };
    expect(renderMacro('Hi {{requester.name}}, re #{{ ticket.id }} — {{agent.name}} / {{brand.name}} <{{brand.supportEmail}}> {{unknown.thing}}', ctx)).toBe(
      'Hi 李雷, re #10042 — Ann / Lanternfish <support@l.example> {{unknown.thing}}',
    );
    expect(macroAvailableIn({ group_id: null }, 'g1')).toBe(true);
    expect(macroAvailableIn({ group_id: 'g2' }, 'g1')).toBe(false);
    expect(macroAvailableIn({ group_id: 'g2' }, undefined)).toBe(true);
  });
});
