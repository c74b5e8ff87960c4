import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { createAgentApp, staffSignIn, type StaffClient } from './helpers.js';

const json = { 'content-type': 'application/json' };

describe.each(DIALECTS)('staff invitation email on %s', (dialect) => {
  let t: TestApp;
  let admin: StaffClient;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
    admin = await staffSignIn(t.app, { role: 'admin', name: 'Zhao Lan', email: 'zhao.lan@staff.example' });
  });
  afterAll(async () => t?.close());

  const db = () => t.app.services.database.db;
  const mailsTo = (email: string) => db().selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('created_at').orderBy('id').execute();
  const tokenOf = (text: string) => decodeURIComponent(/password\/reset\?token=([^\s"<&]+)/.exec(text)?.[1] ?? '');

  it('invites in the new member’s language: who invited them, the role, the link, TOTP enrolment, expiry and the warning', async () => {
    const before = Date.now();
    const created = await admin.request('POST', '/api/v2/users', { user: { name: 'Chen Jie', email: 'chen.jie@staff.example', role: 'agent', locale: 'zh-cn', group_ids: [] } });
    expect(created.statusCode, created.body).toBe(201);
    const [mail, ...more] = await mailsTo('chen.jie@staff.example');
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ template: 'staff_invite', locale: 'zh-cn', status: 'pending' });
    expect(mail!.subject).toBe('Zhao Lan 邀请您加入 Lanternfish Exchange 客服团队');
    const text = mail!.text_body;
    expect(text).toContain('Zhao Lan 已将您添加为 Lanternfish Exchange 客服团队的客服专员。');
    expect(text).toMatch(/设置密码: http:\/\/pharos\.test\/hc\/zh-cn\/password\/reset\?token=[A-Za-z0-9_%-]{40,}/);
    expect(text).toContain('登录客服工作台 http://pharos.test/agent/');
    expect(text).toContain('身份验证器应用（TOTP）');
    expect(text).toContain('绝不会向您索要密码或双重验证码');
    // The expiry the email states is the one the stored token has.
    const token = tokenOf(text);
    const stored = await db().selectFrom('email_tokens').select(['expires_at', 'purpose']).where('user_id', '=', created.json().user.id).executeTakeFirstOrThrow();
    expect(stored.purpose).toBe('reset_password');
    const expiresMs = Date.parse(stored.expires_at);
    expect(expiresMs - before).toBeGreaterThanOrEqual(72 * 3600_000 - 60_000);
    expect(text).toContain(`72 小时内有效，将于 ${stored.expires_at.slice(0, 16).replace('T', ' ')}（UTC）失效`);
    // The HTML part says the same, escaped, with the link as a button.
    expect(mail!.html_body).toContain('<html lang="zh-CN">');
    expect(mail!.html_body).toContain('Zhao Lan 已将您添加为');
    expect(mail!.html_body).toContain(`href="http://pharos.test/hc/zh-cn/password/reset?token=${encodeURIComponent(token)}"`);
    expect(mail!.html_body).toContain('绝不会向您索要密码或双重验证码');

    // The link sets the password; the new member then signs in at the console and is asked to enrol TOTP.
    const reset = await t.app.inject({ method: 'POST', url: '/api/v2/accounts/password/reset', headers: json, payload: { token, password: 'a long staff password 2041' } });
    expect(reset.statusCode, reset.body).toBe(204);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v2/staff/session', headers: json, payload: { email: 'chen.jie@staff.example', password: 'a long staff password 2041' } });
    expect(signIn.json().stage).toBe('totp_enrol');
  });

  it('names the role in English and signs as an administrator when the ADMIN_TOKEN invites', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v2/users',
      headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' },
      payload: { user: { name: 'Ada Park', email: 'ada.park@staff.example', role: 'admin', locale: 'en-us', group_ids: [] } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [mail] = await mailsTo('ada.park@staff.example');
    expect(mail).toMatchObject({ template: 'staff_invite', locale: 'en-us', subject: 'An administrator of Lanternfish Exchange invited you to the Lanternfish Exchange support team' });
    expect(mail!.text_body).toContain('An administrator of Lanternfish Exchange has added you to the Lanternfish Exchange support team as an administrator.');
    expect(mail!.text_body).toMatch(/Set my password: http:\/\/pharos\.test\/hc\/en-us\/password\/reset\?token=/);
    expect(mail!.text_body).toContain('sign in to the agent console at http://pharos.test/agent/ and set up two-step verification');
    expect(mail!.text_body).toMatch(/expires in 72 hours, on \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\)/);
    expect(mail!.text_body).toContain('will ever ask you for your password or your two-factor codes');
  });

  it('keeps reset_password for resets, and reactivation sends a fresh invitation', async () => {
    const created = await admin.request('POST', '/api/v2/users', { user: { name: 'Bo Wen', email: 'bo.wen@staff.example', role: 'agent', locale: 'en-us', group_ids: [] } });
    const id = created.json().user.id as string;
    const forgot = await t.app.inject({ method: 'POST', url: '/api/v2/accounts/password/forgot', headers: json, payload: { email: 'bo.wen@staff.example' } });
    expect(forgot.statusCode).toBe(202);
    expect((await mailsTo('bo.wen@staff.example')).map((m) => m.template)).toEqual(['staff_invite', 'reset_password']);

    expect((await admin.request('DELETE', `/api/v2/users/${id}`)).statusCode).toBe(200);
    const back = await admin.request('PUT', `/api/v2/users/${id}`, { user: { active: true, role: 'admin' } });
    expect(back.statusCode, back.body).toBe(200);
    const mails = await mailsTo('bo.wen@staff.example');
    expect(mails.map((m) => m.template)).toEqual(['staff_invite', 'reset_password', 'staff_invite']);
    expect(mails[2]!.text_body).toContain('Zhao Lan has added you to the Lanternfish Exchange support team as an administrator.');
    // Only the newest link works.
    const usable = await db().selectFrom('email_tokens').select('id').where('user_id', '=', id).where('used_at', 'is', null).execute();
    expect(usable).toHaveLength(1);
  });
});
