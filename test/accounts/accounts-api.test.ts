import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdmin } from '../../src/server/modules/users/users.service.js';
import { DIALECTS } from '../helpers/db.js';
import { Browser, createAccountsApp, latestLink, pathOf, tokenOf, totpFor, type AccountsTestApp } from './helpers.js';

const API = '/api/v2/accounts';
const PASSWORD = 'correct horse battery';
let counter = 0;
const uniqueEmail = (label: string) => `${label}.${Date.now().toString(36)}.${++counter}@example.com`;

describe.each(DIALECTS)('accounts API on %s', (dialect) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await createAccountsApp(dialect);
  });
  afterAll(async () => t?.close());

  /** A signed-up customer with its own browser (cookie jar) and IP address. */
  async function signup(label: string, options: { ip?: string; locale?: string } = {}) {
    const email = uniqueEmail(label);
    const browser = new Browser(t.app, { 'x-forwarded-for': options.ip ?? `10.1.0.${++counter % 250}`, 'accept-language': options.locale ?? 'en-US' });
    const res = await browser.json('POST', `${API}/signup`, { email, password: PASSWORD, name: label });
    expect(res.statusCode).toBe(201);
    return { email, browser, csrf: res.json().csrf_token as string, res };
  }

  it('signs up, queues a verification link in the outbox, and the link verifies exactly once', async () => {
    const { email, browser, res } = await signup('alice');
    const body = res.json();
    expect(body.user).toMatchObject({ email, role: 'customer', email_verified: false, two_factor_enabled: false });
    expect(body.user.password_hash).toBeUndefined();

    const row = await t.db.selectFrom('outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ template: 'verify_email', status: 'pending', locale: 'en-us' });
    expect(row.subject).toContain('Lanternfish Exchange');
    const link = await latestLink(t.db, email, 'verify_email');
    expect(link.startsWith('http://pharos.test/hc/en-us/verify-email?token=')).toBe(true);
    // Only the hash is stored.
    const stored = await t.db.selectFrom('email_tokens').select('token_hash').where('purpose', '=', 'verify_email').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(tokenOf(link));

    const verified = await new Browser(t.app).json('POST', `${API}/verify-email`, { token: tokenOf(link) });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user.email_verified).toBe(true);
    const again = await new Browser(t.app).json('POST', `${API}/verify-email`, { token: tokenOf(link) });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe('token_invalid');

    const me = await browser.json('GET', `${API}/me`);
    expect(me.json().user.email_verified).toBe(true);
  });

  it('stores scrypt hashes in the self-describing format', async () => {
    const { email } = await signup('hash');
    const user = await t.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('sets the session cookie httpOnly, SameSite=Lax, Path=/ and not Secure on http', async () => {
    const { res } = await signup('cookie');
    const session = res.cookies.find((c) => c.name === 'pharos_session')!;
    expect(session).toBeDefined();
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.path).toBe('/');
    expect(session.secure).toBeFalsy();
    expect(session.maxAge).toBe(30 * 24 * 3600);
    // The row id is the SHA-256 of the cookie, never the cookie itself.
    const ids = (await t.db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
    expect(ids).not.toContain(session.value);
  });

  it('refuses weak passwords and bad input with localized messages naming the field', async () => {
    const browser = new Browser(t.app, { 'accept-language': 'zh-CN', 'x-forwarded-for': '10.9.0.1' });
    const short = await browser.json('POST', `${API}/signup`, { email: 'weak@example.com', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().details).toEqual([{ path: 'password', message: '密码至少需要 10 个字符。' }]);
    const common = await browser.json('POST', `${API}/signup`, { email: 'weak@example.com', password: 'Password123' });
    expect(common.json().details[0].path).toBe('password');
    expect(common.json().details[0].message).toContain('常见');
    const same = await browser.json('POST', `${API}/signup`, { email: 'weak.person@example.com', password: 'weak.person@example.com' });
    expect(same.json().details[0].message).toContain('邮箱');
    const missing = await new Browser(t.app, { 'x-forwarded-for': '10.9.0.2' }).json('POST', `${API}/signup`, { email: 'not-an-email' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details).toEqual([
      { path: 'email', message: 'Email address is not a valid email address.' },
      { path: 'password', message: 'Password is required.' },
    ]);
  });

  it('refuses a second account for the same email', async () => {
    const { email } = await signup('twice');
    const res = await new Browser(t.app, { 'x-forwarded-for': '10.9.0.3' }).json('POST', `${API}/signup`, { email: email.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json().details[0].path).toBe('email');
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const { email } = await signup('bob');
    const client = new Browser(t.app, { 'x-forwarded-for': '10.2.0.1' });
    const wrong = await client.json('POST', `${API}/login`, { email, password: 'not the password' });
    const unknown = await client.json('POST', `${API}/login`, { email: uniqueEmail('nobody'), password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toBe('invalid_credentials');
    expect(wrong.cookies.find((c) => c.name === 'pharos_session')).toBeUndefined();

    const ok = await client.json('POST', `${API}/login`, { email, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'full', user: { email } });
  });

  it('rate-limits failed sign-ins per email with 429, Retry-After and a localized message', async () => {
    const { email } = await signup('carol');
    const client = new Browser(t.app, { 'x-forwarded-for': '10.3.0.1', 'accept-language': 'zh-CN' });
    for (let i = 0; i < 5; i++) {
      const res = await client.json('POST', `${API}/login`, { email, password: `wrong password ${i}` });
      expect(res.statusCode).toBe(401);
    }
    const limited = await client.json('POST', `${API}/login`, { email, password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(limited.json().message).toBe(`请求过于频繁，请在 ${retryAfter} 秒后重试。`);
    // Another address from the same IP is not affected.
    const other = await signup('carol-other', { ip: '10.3.0.2' });
    const fine = await client.json('POST', `${API}/login`, { email: other.email, password: PASSWORD });
    expect(fine.statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per IP address (30 per 15 minutes)', async () => {
    const client = new Browser(t.app, { 'x-forwarded-for': '10.4.0.1' });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await client.json('POST', `${API}/login`, { email: `ip-${i}@example.com`, password: 'whatever password' });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const elsewhere = await new Browser(t.app, { 'x-forwarded-for': '10.4.0.2' }).json('POST', `${API}/login`, { email: 'ip-0@example.com', password: 'whatever password' });
    expect(elsewhere.statusCode).toBe(401);
  });

  it('requires the session CSRF token for cookie-authenticated writes, but not for Bearer tokens', async () => {
    const { browser, csrf } = await signup('dave');
    const without = await browser.json('POST', `${API}/totp/setup`, {});
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toBe('csrf_failed');
    const wrong = await browser.json('POST', `${API}/totp/setup`, {}, { 'x-csrf-token': 'A'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    const withToken = await browser.json('POST', `${API}/totp/setup`, {}, { 'x-csrf-token': csrf });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json().qr_code).toMatch(/^data:image\/svg\+xml;base64,/);
    // /me hands the token to script clients.
    expect((await browser.json('GET', `${API}/me`)).json().csrf_token).toBe(csrf);

    const admin = await createAdmin(t.db, uniqueEmail('admin'));
    const bearer = await new Browser(t.app).json('POST', `${API}/totp/setup`, {}, { authorization: `Bearer ${admin.token}` });
    expect(bearer.statusCode).toBe(200);
    // Bearer wins over a cookie: the cookie's session is ignored, so no CSRF token is needed.
    const both = await browser.json('GET', `${API}/me`, undefined, { authorization: `Bearer ${admin.token}` });
    expect(both.json().user.email).toBe(admin.email);
    expect(both.json().csrf_token).toBeNull();
  });

  it('needs the double-submit token for anonymous form posts, not for anonymous JSON', async () => {
    const email = uniqueEmail('form');
    const client = new Browser(t.app, { 'x-forwarded-for': '10.5.0.1' });
    const form = await client.request({
      method: 'POST',
      url: `${API}/password/forgot`,
      payload: new URLSearchParams({ email }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(403);
    client.jar.set('pharos_csrf', 'B'.repeat(43));
    const paired = await client.request({
      method: 'POST',
      url: `${API}/password/forgot`,
      payload: new URLSearchParams({ email, _csrf: 'B'.repeat(43) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(paired.statusCode).toBe(202);
    const json = await new Browser(t.app, { 'x-forwarded-for': '10.5.0.2' }).json('POST', `${API}/password/forgot`, { email });
    expect(json.statusCode).toBe(202);
  });

  it('enables TOTP with a valid code, then requires a fresh code at sign-in and refuses replays', async () => {
    const { email, browser, csrf } = await signup('erin');
    const setup = (await browser.json('POST', `${API}/totp/setup`, {}, { 'x-csrf-token': csrf })).json();
    expect(setup.otpauth_url).toContain(`secret=${setup.secret}`);
    expect(setup.otpauth_url).toContain('issuer=Lanternfish');
    const totp = totpFor(setup.secret);

    const bad = await browser.json('POST', `${API}/totp/enable`, { code: '000000' === totp.generate() ? '111111' : '000000' }, { 'x-csrf-token': csrf });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('totp_invalid');
    const now = Date.now();
    const enableCode = totp.generate({ timestamp: now });
    const enabled = await browser.json('POST', `${API}/totp/enable`, { code: enableCode }, { 'x-csrf-token': csrf });
    expect(enabled.statusCode).toBe(200);
    // Privilege change: the session id and CSRF token rotate.
    const rotatedCsrf = enabled.json().csrf_token as string;
    expect(rotatedCsrf).not.toBe(csrf);
    const me = (await browser.json('GET', `${API}/me`)).json();
    expect(me.user.two_factor_enabled).toBe(true);
    expect(me.csrf_token).toBe(rotatedCsrf);
    expect(await t.db.selectFrom('outbox').select('id').where('to_address', '=', email).where('template', '=', 'totp_enabled').executeTakeFirst()).toBeDefined();

    const phone = new Browser(t.app, { 'x-forwarded-for': '10.6.0.1' });
    const first = await phone.json('POST', `${API}/login`, { email, password: PASSWORD });
    expect(first.json()).toEqual({ stage: 'totp', csrf_token: expect.any(String) });
    const totpCsrf = first.json().csrf_token as string;
    // The pending session is not signed in.
    expect((await phone.json('GET', `${API}/me`)).statusCode).toBe(401);
    // The code used to enable is spent.
    const replayOfEnable = await phone.json('POST', `${API}/login/totp`, { code: enableCode }, { 'x-csrf-token': totpCsrf });
    expect(replayOfEnable.statusCode).toBe(400);
    // The next step's code (within the ±1 window) is accepted once.
    const nextCode = totp.generate({ timestamp: now + 30_000 });
    const second = await phone.json('POST', `${API}/login/totp`, { code: nextCode }, { 'x-csrf-token': totpCsrf });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ stage: 'full', user: { email, two_factor_enabled: true } });
    expect((await phone.json('GET', `${API}/me`)).statusCode).toBe(200);

    const laptop = new Browser(t.app, { 'x-forwarded-for': '10.6.0.2' });
    const pending = (await laptop.json('POST', `${API}/login`, { email, password: PASSWORD })).json().csrf_token as string;
    const replay = await laptop.json('POST', `${API}/login/totp`, { code: nextCode }, { 'x-csrf-token': pending });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error).toBe('totp_invalid');
    expect((await laptop.json('GET', `${API}/me`)).statusCode).toBe(401);

    // Disabling needs the password and a new code: let the clock move on by three steps.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(now + 90_000);
      const fullCsrf = second.json().csrf_token as string;
      const noPassword = await phone.json('POST', `${API}/totp/disable`, { password: 'wrong password!', code: totp.generate() }, { 'x-csrf-token': fullCsrf });
      expect(noPassword.statusCode).toBe(400);
      expect(noPassword.json().details[0].path).toBe('password');
      const disabled = await phone.json('POST', `${API}/totp/disable`, { password: PASSWORD, code: totp.generate() }, { 'x-csrf-token': fullCsrf });
      expect(disabled.statusCode).toBe(200);
      expect((await phone.json('GET', `${API}/me`)).json().user.two_factor_enabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('resets a password through the emailed link, ending every session', async () => {
    const { email, browser } = await signup('frank');
    const other = new Browser(t.app, { 'x-forwarded-for': '10.7.0.1' });
    expect((await other.json('POST', `${API}/login`, { email, password: PASSWORD })).statusCode).toBe(200);
    expect((await other.json('GET', `${API}/me`)).statusCode).toBe(200);

    const anonymous = new Browser(t.app, { 'x-forwarded-for': '10.7.0.2' });
    const before = await t.db.selectFrom('outbox').select('id').where('template', '=', 'reset_password').execute();
    const unknown = await anonymous.json('POST', `${API}/password/forgot`, { email: uniqueEmail('ghost') });
    const known = await anonymous.json('POST', `${API}/password/forgot`, { email });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const after = await t.db.selectFrom('outbox').select('to_address').where('template', '=', 'reset_password').execute();
    expect(after.length).toBe(before.length + 1);

    const link = await latestLink(t.db, email, 'reset_password');
    expect(pathOf(link)).toMatch(/^\/hc\/en-us\/password\/reset\?token=/);
    const weak = await anonymous.json('POST', `${API}/password/reset`, { token: tokenOf(link), password: 'short' });
    expect(weak.statusCode).toBe(400);
    const reset = await anonymous.json('POST', `${API}/password/reset`, { token: tokenOf(link), password: 'a brand new passphrase' });
    expect(reset.statusCode).toBe(204);

    expect((await browser.json('GET', `${API}/me`)).statusCode).toBe(401);
    expect((await other.json('GET', `${API}/me`)).statusCode).toBe(401);
    const reuse = await anonymous.json('POST', `${API}/password/reset`, { token: tokenOf(link), password: 'another new passphrase' });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error).toBe('token_invalid');
    expect((await anonymous.json('POST', `${API}/login`, { email, password: PASSWORD })).statusCode).toBe(401);
    const login = await anonymous.json('POST', `${API}/login`, { email, password: 'a brand new passphrase' });
    expect(login.statusCode).toBe(200);
    // Resetting proved access to the mailbox.
    expect(login.json().user.email_verified).toBe(true);
    expect(await t.db.selectFrom('outbox').select('id').where('to_address', '=', email).where('template', '=', 'password_changed').executeTakeFirst()).toBeDefined();
  });

  it('changes the password, rotating this session and ending the others', async () => {
    const { email, browser, csrf } = await signup('grace');
    const other = new Browser(t.app, { 'x-forwarded-for': '10.8.0.1' });
    await other.json('POST', `${API}/login`, { email, password: PASSWORD });
    const oldCookie = browser.jar.get('pharos_session');
    const wrong = await browser.json('POST', `${API}/password`, { current_password: 'not my password', new_password: 'my next passphrase' }, { 'x-csrf-token': csrf });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0].path).toBe('current_password');
    const changed = await browser.json('POST', `${API}/password`, { current_password: PASSWORD, new_password: 'my next passphrase' }, { 'x-csrf-token': csrf });
    expect(changed.statusCode).toBe(200);
    expect(browser.jar.get('pharos_session')).not.toBe(oldCookie);
    expect((await browser.json('GET', `${API}/me`)).statusCode).toBe(200);
    expect((await other.json('GET', `${API}/me`)).statusCode).toBe(401);
  });

  it('ends sessions past their expiry and signs out', async () => {
    const { browser, csrf, email } = await signup('heidi');
    const user = await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', user.id).execute();
    const expired = await browser.json('GET', `${API}/me`);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toBe('sign_in_required');
    expect(browser.jar.has('pharos_session')).toBe(false);

    const again = await browser.json('POST', `${API}/login`, { email, password: PASSWORD });
    const token = again.json().csrf_token as string;
    expect(token).not.toBe(csrf);
    const out = await browser.json('POST', `${API}/logout`, {}, { 'x-csrf-token': token });
    expect(out.statusCode).toBe(204);
    expect(browser.jar.has('pharos_session')).toBe(false);
    expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });
});

describe.each(DIALECTS)('session cookies behind https on %s', (dialect) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await createAccountsApp(dialect, { env: { PUBLIC_URL: 'https://support.lanternfish.example' } });
  });
  afterAll(async () => t?.close());

  it('marks the session and CSRF cookies Secure when PUBLIC_URL is https', async () => {
    const res = await new Browser(t.app).json('POST', `${API}/signup`, { email: 'secure@example.com', password: PASSWORD });
    const session = res.cookies.find((c) => c.name === 'pharos_session')!;
    expect(session.secure).toBe(true);
    expect(session.httpOnly).toBe(true);
    const page = await t.app.inject({ url: '/hc/en-us/signin' });
    const csrf = page.cookies.find((c) => c.name === 'pharos_csrf')!;
    expect(csrf).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
  });
});
