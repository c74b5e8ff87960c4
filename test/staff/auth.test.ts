import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../src/server/modules/staff/staff.service.js';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { createAgentApp, createCustomer, sessionCookieOf, STAFF_PASSWORD, staffSignIn, totpOf } from './helpers.js';

const json = { 'content-type': 'application/json' };

describe.each(DIALECTS)('staff sign-in and sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
  });
  afterAll(async () => t?.close());

  const db = () => t.app.services.database.db;
  const login = (email: string, password: string, cookie?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v2/staff/session', headers: { ...json, ...(cookie ? { cookie: `pharos_session=${cookie}` } : {}) }, payload: { email, password } });
  const totp = (cookie: string, code: string) => t.app.inject({ method: 'POST', url: '/api/v2/staff/session/totp', headers: { ...json, cookie: `pharos_session=${cookie}` }, payload: { code } });
  const me = (cookie: string) => t.app.inject({ url: '/api/v2/staff/me', headers: { cookie: `pharos_session=${cookie}` } });
  const auditActions = async (subject: string) => (await db().selectFrom('audit_log').select(['action', 'details']).where('subject', '=', subject).orderBy('seq').execute()).map((r) => r.action);

  it('enrols an authenticator at the first sign-in, then always asks for a code; a used code is refused', async () => {
    const email = 'mei.lin@staff.example';
    const created = await createStaff(db(), { email, name: 'Mei Lin', role: 'agent', password: STAFF_PASSWORD, locale: 'zh-cn' });

    const first = await login(email, STAFF_PASSWORD);
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body.stage).toBe('totp_enrol');
    expect(body.enrolment.otpauth_url).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    expect(body.enrolment.otpauth_url).toContain(encodeURIComponent(email));
    expect(body.enrolment.qr_code).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(body.enrolment.qr_code.split(',')[1], 'base64').toString()).toContain('<svg');
    const pending = sessionCookieOf(first)!;
    // A pending (password-only) session is not a staff session.
    expect((await me(pending)).statusCode).toBe(401);

    const wrong = await totp(pending, '000000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toBe('totp_invalid');

    const generator = totpOf(body.enrolment.secret);
    const code = generator.generate();
    const ok = await totp(pending, code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user).toEqual({ id: created.userId, name: 'Mei Lin', email, role: 'agent', locale: 'zh-cn', group_ids: [] });
    expect(ok.json().csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const full = sessionCookieOf(ok)!;
    expect(full).not.toBe(pending);
    const cookieHeader = (ok.cookies as Array<{ name: string; maxAge?: number }>).find((c) => c.name === 'pharos_session');
    expect(cookieHeader?.maxAge).toBe(12 * 3600);
    expect((await me(full)).json().user.email).toBe(email);
    const user = await db().selectFrom('users').select(['totp_enabled_at']).where('id', '=', created.userId).executeTakeFirstOrThrow();
    expect(user.totp_enabled_at).not.toBeNull();

    // Second sign-in: no enrolment any more, and the code just used is refused (replay).
    const again = await login(email, STAFF_PASSWORD);
    expect(again.json()).toEqual({ stage: 'totp' });
    const replay = await totp(sessionCookieOf(again)!, code);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error).toBe('totp_invalid');
    const next = await totp(sessionCookieOf(again)!, generator.generate({ timestamp: Date.now() + 30_000 }));
    expect(next.statusCode, next.body).toBe(200);

    const actions = await auditActions(`user:${created.userId}`);
    expect(actions).toEqual(['staff.login_failed', 'staff.totp_enrolled', 'staff.login', 'staff.login_failed', 'staff.login']);
    const enrolMail = await db().selectFrom('outbox').select('template').where('to_address', '=', email).execute();
    expect(enrolMail.map((m) => m.template)).toContain('totp_enabled');
  });

  it('refuses wrong passwords, customers and unknown addresses with the same answer, and audits each', async () => {
    const agent = await staffSignIn(t.app, { role: 'agent' });
    const customer = await createCustomer(db());
    await db().updateTable('users').set({ password_hash: (await db().selectFrom('users').select('password_hash').where('id', '=', agent.user.id).executeTakeFirstOrThrow()).password_hash }).where('id', '=', customer.id).execute();

    const wrong = await login(agent.user.email, 'not the password at all');
    const asCustomer = await login(customer.email, STAFF_PASSWORD);
    const unknown = await login('nobody@staff.example', STAFF_PASSWORD);
    for (const res of [wrong, asCustomer, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('invalid_credentials');
    }
    const failures = await db().selectFrom('audit_log').select(['subject', 'details']).where('action', '=', 'staff.login_failed').execute();
    const reasons = failures.map((f) => [f.subject, (JSON.parse(f.details) as { reason: string }).reason]);
    expect(reasons).toEqual(expect.arrayContaining([[`user:${agent.user.id}`, 'password'], [`email:${customer.email}`, 'not_staff'], ['email:nobody@staff.example', 'unknown_email']]));
  });

  it('takes JSON only at the sign-in endpoints (no cross-site form posts)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v2/staff/session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a%40b.example&password=x' });
    expect(res.statusCode).toBe(415);
  });

  it('does not accept a staff member signed in through the customer sign-in (no TOTP)', async () => {
    const email = 'shortcut@staff.example';
    await createStaff(db(), { email, name: 'Shortcut', role: 'admin', password: STAFF_PASSWORD });
    const res = await t.app.inject({ method: 'POST', url: '/api/v2/accounts/login', headers: json, payload: { email, password: STAFF_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookieOf(res)!;
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v2/tickets', headers: { cookie: `pharos_session=${cookie}` } })).statusCode).toBe(401);
    // Routes registered before the staff module must not see that session as staff either.
    const actorOnKb = await t.app.inject({ url: '/api/v2/help_center/en-us/articles?per_page=1', headers: { cookie: `pharos_session=${cookie}` } });
    expect(actorOnKb.json().articles[0]?.body_markdown).toBeUndefined();
    const mine = await t.app.inject({ url: '/api/v2/requests', headers: { cookie: `pharos_session=${cookie}` } });
    expect(mine.statusCode).toBe(401);
  });

  it('ends staff sessions 12 hours after sign-in and after 30 idle minutes', async () => {
    const a = await staffSignIn(t.app, { role: 'agent' });
    const b = await staffSignIn(t.app, { role: 'agent' });
    expect((await me(a.cookie)).statusCode).toBe(200);
    const sessionOf = async (userId: string) => db().selectFrom('staff_sessions').select(['session_id', 'created_at']).where('user_id', '=', userId).executeTakeFirstOrThrow();

    const sa = await sessionOf(a.user.id);
    await db().updateTable('staff_sessions').set({ created_at: new Date(Date.now() - 12 * 3600 * 1000 - 1000).toISOString() }).where('session_id', '=', sa.session_id).execute();
    const expired = await me(a.cookie);
    expect(expired.statusCode).toBe(401);
    expect(await db().selectFrom('sessions').select('id').where('id', '=', sa.session_id).executeTakeFirst()).toBeUndefined();

    const sb = await sessionOf(b.user.id);
    await db().updateTable('staff_sessions').set({ last_active_at: new Date(Date.now() - 29 * 60 * 1000).toISOString() }).where('session_id', '=', sb.session_id).execute();
    expect((await me(b.cookie)).statusCode).toBe(200); // 29 minutes idle: still fine, and touched
    const touched = await db().selectFrom('staff_sessions').select('last_active_at').where('session_id', '=', sb.session_id).executeTakeFirstOrThrow();
    expect(Date.now() - Date.parse(touched.last_active_at)).toBeLessThan(60_000);
    await db().updateTable('staff_sessions').set({ last_active_at: new Date(Date.now() - 31 * 60 * 1000).toISOString() }).where('session_id', '=', sb.session_id).execute();
    expect((await me(b.cookie)).statusCode).toBe(401);
  });

  it('signs out, and cookie-session writes need the CSRF token', async () => {
    const a = await staffSignIn(t.app, { role: 'agent' });
    const noToken = await t.app.inject({ method: 'DELETE', url: '/api/v2/staff/session', headers: { cookie: `pharos_session=${a.cookie}` } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toBe('csrf_failed');
    const out = await a.request('DELETE', '/api/v2/staff/session');
    expect(out.statusCode).toBe(204);
    expect((await me(a.cookie)).statusCode).toBe(401);
    expect(await auditActions(`user:${a.user.id}`)).toContain('staff.logout');
  });

  it('creates staff by admin with a set-password email, and deactivation ends access', async () => {
    const admin = await staffSignIn(t.app, { role: 'admin' });
    const created = await admin.request('POST', '/api/v2/users', { user: { name: 'New Agent', email: 'New.Agent@Staff.example', role: 'agent', locale: 'zh-cn', group_ids: [] } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user).toMatchObject({ email: 'new.agent@staff.example', role: 'agent', locale: 'zh-cn', active: true, totp_enabled: false });
    const mail = await db().selectFrom('outbox').select(['template', 'locale', 'text_body']).where('to_address', '=', 'new.agent@staff.example').executeTakeFirstOrThrow();
    expect(mail.template).toBe('staff_invite');
    expect(mail.locale).toBe('zh-cn');
    expect(mail.text_body).toMatch(/http:\/\/pharos\.test\/hc\/zh-cn\/password\/reset\?token=/);
    const duplicate = await admin.request('POST', '/api/v2/users', { user: { name: 'Again', email: 'new.agent@staff.example', role: 'agent' } });
    expect(duplicate.statusCode).toBe(409);

    const agent = await staffSignIn(t.app, { role: 'agent' });
    const self = await admin.request('DELETE', `/api/v2/users/${admin.user.id}`);
    expect(self.statusCode).toBe(409);
    const gone = await admin.request('DELETE', `/api/v2/users/${agent.user.id}`);
    expect(gone.statusCode).toBe(200);
    expect(gone.json().user.active).toBe(false);
    expect((await me(agent.cookie)).statusCode).toBe(401);
    expect((await login(agent.user.email, STAFF_PASSWORD)).statusCode).toBe(401);
    const list = (await admin.get('/api/v2/users?role=agent')).json();
    expect(list.users.find((u: { id: string }) => u.id === agent.user.id).active).toBe(false);
  });

  it('issues API tokens acting as a staff member and revokes them', async () => {
    const admin = await staffSignIn(t.app, { role: 'admin' });
    const res = await admin.request('POST', '/api/v2/api_tokens', { api_token: { name: 'CRM bridge' } });
    expect(res.statusCode, res.body).toBe(201);
    const { token, api_token } = res.json();
    expect(token).toMatch(/^phx_/);
    expect(api_token.user.id).toBe(admin.user.id);
    const viaToken = await t.app.inject({ url: '/api/v2/tickets', headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.statusCode).toBe(200);
    const listed = (await admin.get('/api/v2/api_tokens')).json().api_tokens;
    expect(listed.find((x: { id: string }) => x.id === api_token.id)).toMatchObject({ name: 'CRM bridge' });
    expect(JSON.stringify(listed)).not.toContain('token_hash');
    expect((await admin.request('DELETE', `/api/v2/api_tokens/${api_token.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v2/tickets', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });
});
