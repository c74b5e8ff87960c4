import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { createAgentApp, createCustomer, staffSignIn, type Customer, type StaffClient } from '../staff/helpers.js';
import { ADMIN, clearNotices, createNotice, hoursFromNow, noticeInput } from './helpers.js';

describe.each(DIALECTS)('status notices admin API on %s', (dialect) => {
  let t: TestApp;
  let admin: StaffClient;
  let agent: StaffClient;
  let customer: Customer;

  beforeAll(async () => {
    t = await createAgentApp(dialect);
    admin = await staffSignIn(t.app, { role: 'admin', name: 'Ada Admin' });
    agent = await staffSignIn(t.app, { role: 'agent', name: 'Abe Agent' });
    customer = await createCustomer(t.app.services.database.db);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => clearNotices(t.app));

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('lets an admin publish, edit, post updates, resolve and delete, each audited', async () => {
    const created = await admin.request('POST', '/api/v2/status_notices', {
      status_notice: noticeInput({ kind: 'incident', impact: 'cancel_only', title: { 'en-us': 'Order entry paused', 'zh-cn': '暂停下单' }, assets: ['usdt', 'USDT'], networks: ['TRON'], request_types: ['deposit_withdrawal'] }),
    });
    expect(created.statusCode).toBe(201);
    const notice = created.json().status_notice;
    expect(notice).toMatchObject({ kind: 'incident', impact: 'cancel_only', system_status: 'cancel_only', state: 'active', assets: ['USDT'], networks: ['tron'], request_types: ['deposit_withdrawal'], ends_at: null, resolved_at: null, created_by: admin.user.id, updates: [] });
    expect(notice.id).toMatch(/^stn_/);
    expect(Date.parse(notice.starts_at)).toBeLessThanOrEqual(Date.now());

    const edited = await admin.request('PUT', `/api/v2/status_notices/${notice.id}`, {
      status_notice: noticeInput({ kind: 'incident', impact: 'post_only', title: { 'en-us': 'Post-only trading', 'zh-cn': '仅挂单交易' }, starts_at: notice.starts_at }),
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().status_notice).toMatchObject({ impact: 'post_only', title: { 'en-us': 'Post-only trading', 'zh-cn': '仅挂单交易' }, assets: [], starts_at: notice.starts_at });

    const update = await admin.request('POST', `/api/v2/status_notices/${notice.id}/updates`, { update: { body: { 'en-us': 'Engineers found the cause.', 'zh-cn': '工程师已找到原因。' } } });
    expect(update.statusCode).toBe(201);
    expect(update.json().status_notice.updates).toMatchObject([{ kind: 'update', body: { 'en-us': 'Engineers found the cause.', 'zh-cn': '工程师已找到原因。' }, created_by: admin.user.id }]);

    const resolved = await admin.request('POST', `/api/v2/status_notices/${notice.id}/resolve`, { update: { body: { 'en-us': 'Trading is back to normal.', 'zh-cn': '交易已恢复正常。' } } });
    expect(resolved.statusCode).toBe(200);
    const after = resolved.json().status_notice;
    expect(after.state).toBe('resolved');
    expect(after.resolved_at).not.toBeNull();
    // Newest update first.
    expect(after.updates.map((u: { kind: string }) => u.kind)).toEqual(['resolved', 'update']);

    const again = await admin.request('POST', `/api/v2/status_notices/${notice.id}/resolve`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('conflict');

    expect((await admin.request('DELETE', `/api/v2/status_notices/${notice.id}`)).statusCode).toBe(204);
    const gone = await admin.get(`/api/v2/status_notices/${notice.id}`);
    expect(gone.statusCode).toBe(404);
    expect(await t.app.services.database.db.selectFrom('status_notice_updates').select('id').where('notice_id', '=', notice.id).execute()).toEqual([]);

    const log = (await admin.get('/api/v2/audit_logs?action=status_notice.*&per_page=50')).json();
    expect(log.audit_logs.map((e: { action: string }) => e.action)).toEqual(['status_notice.delete', 'status_notice.resolve', 'status_notice.post_update', 'status_notice.update', 'status_notice.create']);
    expect(log.audit_logs[4]).toMatchObject({ actor: { id: admin.user.id, label: admin.user.email }, subject: `status_notice:${notice.id}`, details: { kind: 'incident', impact: 'cancel_only', title: 'Order entry paused' } });
    expect((await admin.get('/api/v2/audit_logs/verify')).json().valid).toBe(true);
  });

  it('lets agents read but not publish; customers and visitors get nothing', async () => {
    const notice = await createNotice(t.app, noticeInput());
    expect((await agent.get('/api/v2/status_notices')).statusCode).toBe(200);
    expect((await agent.get(`/api/v2/status_notices/${notice.id}`)).json().status_notice.id).toBe(notice.id);

    const attempts: Array<['POST' | 'PUT' | 'DELETE', string, object | undefined]> = [
      ['POST', '/api/v2/status_notices', { status_notice: noticeInput() }],
      ['PUT', `/api/v2/status_notices/${notice.id}`, { status_notice: noticeInput() }],
      ['POST', `/api/v2/status_notices/${notice.id}/updates`, { update: { body: { 'en-us': 'x', 'zh-cn': 'x' } } }],
      ['POST', `/api/v2/status_notices/${notice.id}/resolve`, {}],
      ['DELETE', `/api/v2/status_notices/${notice.id}`, undefined],
    ];
    for (const [method, url, payload] of attempts) {
      expect((await agent.request(method, url, payload)).statusCode, `agent ${method} ${url}`).toBe(403);
      expect((await inject(method, url, customer.headers, payload)).statusCode, `customer ${method} ${url}`).toBe(403);
      expect((await inject(method, url, {}, payload)).statusCode, `anonymous ${method} ${url}`).toBe(401);
    }
    expect((await inject('GET', '/api/v2/status_notices', customer.headers)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v2/status_notices')).statusCode).toBe(401);
    // Nothing changed: still one active, unresolved notice without updates.
    const list = (await admin.get('/api/v2/status_notices')).json();
    expect(list.count).toBe(1);
    expect(list.status_notices[0]).toMatchObject({ id: notice.id, state: 'active', resolved_at: null, updates: [] });
  });

  it('accepts the ADMIN_TOKEN (no user) as an admin', async () => {
    const res = await inject('POST', '/api/v2/status_notices', ADMIN, { status_notice: noticeInput() });
    expect(res.statusCode).toBe(201);
    expect(res.json().status_notice.created_by).toBeNull();
  });

  it('derives the state from real times', async () => {
    const scheduled = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(2), ends_at: hoursFromNow(4) }));
    const running = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(-1), ends_at: hoursFromNow(1) }));
    const incident = await createNotice(t.app, noticeInput({ kind: 'incident', starts_at: hoursFromNow(-30) }));
    expect([scheduled.state, running.state, incident.state]).toEqual(['scheduled', 'active', 'active']);

    // A window that ended (written by another process, never resolved) reads as resolved.
    await t.app.services.database.db.updateTable('status_notices').set({ starts_at: hoursFromNow(-3), ends_at: hoursFromNow(-1) }).where('id', '=', running.id).execute();
    const list = (await admin.get('/api/v2/status_notices')).json().status_notices as Array<{ id: string; state: string }>;
    expect(Object.fromEntries(list.map((n) => [n.id, n.state]))).toEqual({ [scheduled.id]: 'scheduled', [running.id]: 'resolved', [incident.id]: 'active' });

    // Resolving scheduled maintenance early (cancelled) makes it resolved too.
    const cancelled = await admin.request('POST', `/api/v2/status_notices/${scheduled.id}/resolve`, {});
    expect(cancelled.json().status_notice.state).toBe('resolved');
  });

  it('refuses invalid notices with localized field errors and stores nothing', async () => {
    const cases: Array<[object, string]> = [
      [noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(1) }), 'status_notice.ends_at'],
      [noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(3), ends_at: hoursFromNow(1) }), 'status_notice.ends_at'],
      [noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(-3), ends_at: hoursFromNow(-1) }), 'status_notice.ends_at'],
      [noticeInput({ kind: 'incident', ends_at: hoursFromNow(2) }), 'status_notice.ends_at'],
      [noticeInput({ assets: ['NOPE'] }), 'status_notice.assets.0'],
      [noticeInput({ networks: ['ethereum', 'atlantis'] }), 'status_notice.networks.1'],
      [noticeInput({ request_types: ['no_such_type'] }), 'status_notice.request_types.0'],
    ];
    for (const [input, path] of cases) {
      const res = await admin.request('POST', '/api/v2/status_notices', { status_notice: input });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error).toBe('validation_failed');
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const missing = await admin.request('POST', '/api/v2/status_notices', { status_notice: { ...noticeInput(), title: { 'en-us': 'Only English', 'zh-cn': '  ' } } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0].path).toContain('title');
    const badTime = await admin.request('POST', '/api/v2/status_notices', { status_notice: { ...noticeInput(), starts_at: 'tomorrow' } });
    expect(badTime.statusCode).toBe(400);

    const zh = await t.app.inject({ method: 'POST', url: '/api/v2/status_notices', headers: { ...ADMIN, 'accept-language': 'zh-CN' }, payload: { status_notice: noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(1) }) } });
    expect(zh.json().message).toContain('维护时段需要填写结束时间');
    expect((await admin.get('/api/v2/status_notices')).json().count).toBe(0);
  });

  it('answers 404 for unknown notices', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/v2/status_notices/stn_missing', undefined],
      ['PUT', '/api/v2/status_notices/stn_missing', { status_notice: noticeInput() }],
      ['POST', '/api/v2/status_notices/stn_missing/updates', { update: { body: { 'en-us': 'x', 'zh-cn': 'x' } } }],
      ['POST', '/api/v2/status_notices/stn_missing/resolve', {}],
      ['DELETE', '/api/v2/status_notices/stn_missing', undefined],
    ] as const) {
      const res = await admin.request(method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().message).toContain('status notice');
    }
  });
});
