import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../helpers/db.js';
import { Browser, createAccountsApp, csrfOf, latestLink, pathOf, totpFor, type AccountsTestApp } from './helpers.js';

const PASSWORD = 'lighthouse keeper 42';
let counter = 0;
const uniqueEmail = (label: string) => `${label}.${Date.now().toString(36)}.${++counter}@example.com`;
const newBrowser = (t: AccountsTestApp, locale: 'en-US' | 'zh-CN' = 'en-US') =>
  new Browser(t.app, { 'x-forwarded-for': `10.20.${Math.floor(++counter / 250)}.${counter % 250}`, 'accept-language': locale });

describe.each(DIALECTS)('account pages on %s', (dialect) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await createAccountsApp(dialect);
  });
  afterAll(async () => t?.close());

  /** Opens a form page and posts it like a browser without JavaScript (the _csrf field included). */
  async function fillIn(browser: Browser, path: string, fields: Record<string, string>) {
    const page = await browser.get(path);
    expect(page.res.statusCode).toBe(200);
    return browser.submit(path, { ...fields, _csrf: csrfOf(page.res.body) });
  }

  async function signUp(locale: 'en-us' | 'zh-cn' = 'en-us') {
    const email = uniqueEmail('page');
    const browser = newBrowser(t, locale === 'zh-cn' ? 'zh-CN' : 'en-US');
    const done = await fillIn(browser, `/hc/${locale}/signup`, { name: 'Page User', email, password: PASSWORD });
    expect(done.res.statusCode).toBe(200);
    return { email, browser, done };
  }

  it('renders the forms in both languages inside the help-center layout', async () => {
    const cases = [
      { path: 'signin', en: 'Sign in', zh: '登录' },
      { path: 'signup', en: 'Create a Help Center account', zh: '注册帮助中心账户' },
      { path: 'password/forgot', en: 'Reset your password', zh: '重置密码' },
    ];
    for (const c of cases) {
      const en = await t.app.inject({ url: `/hc/en-us/${c.path}` });
      const zh = await t.app.inject({ url: `/hc/zh-cn/${c.path}` });
      expect(en.statusCode).toBe(200);
      expect(zh.statusCode).toBe(200);
      expect(en.body).toContain('<html lang="en">');
      expect(zh.body).toContain('<html lang="zh-CN">');
      expect(en.body).toContain(`<h1 id="page-title">${c.en}</h1>`);
      expect(zh.body).toContain(`<h1 id="page-title">${c.zh}</h1>`);
      // Shared layout: scam warning, language switch to the same page, our style sheet.
      expect(en.body).toContain('class="warning"');
      expect(en.body).toContain(`href="/hc/zh-cn/${c.path}"`);
      expect(zh.body).toContain(`href="/hc/en-us/${c.path}"`);
      expect(en.body).toMatch(/<link rel="stylesheet" href="\/hc\/assets\/accounts\.css\?v=[0-9a-f]{16}">/);
      expect(en.body).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
      expect(en.headers['cache-control']).toBe('no-store');
      expect(en.headers['content-security-policy']).toContain("script-src 'none'");
      expect(en.headers['referrer-policy']).toBe('no-referrer');
      const csrfCookie = en.cookies.find((k) => k.name === 'pharos_csrf')!;
      expect(en.body).toContain(`value="${csrfCookie.value}"`);
    }
    const css = await t.app.inject({ url: /href="(\/hc\/assets\/accounts\.css\?v=[^"]+)"/.exec((await t.app.inject({ url: '/hc/en-us/signin' })).body)![1]! });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect((await t.app.inject({ url: '/hc/xx-yy/signin' })).statusCode).toBe(404);
    const variant = await t.app.inject({ url: '/hc/zh-CN/signin' });
    expect(variant.statusCode).toBe(301);
    expect(variant.headers.location).toBe('/hc/zh-cn/signin');
  });

  it('signs up with a plain form post, then confirms the email from the link', async () => {
    const { email, browser, done } = await signUp('zh-cn');
    expect(done.visited.at(-1)).toBe('/hc/zh-cn/account?notice=signed_up');
    expect(done.res.body).toContain('账户已创建');
    expect(done.res.body).toContain(email);
    expect(done.res.body).toContain('尚未确认');

    const link = await latestLink(t.db, email, 'verify_email');
    expect(link).toContain('/hc/zh-cn/verify-email?token=');
    const confirmPage = await browser.get(pathOf(link));
    expect(confirmPage.res.body).toContain('确认邮箱地址');
    const confirmed = await browser.submit('/hc/zh-cn/verify-email', { token: new URL(link).searchParams.get('token')!, _csrf: csrfOf(confirmPage.res.body) });
    expect(confirmed.visited.at(-1)).toBe('/hc/zh-cn/account?notice=verified');
    expect(confirmed.res.body).toContain('您的邮箱地址已确认');
    expect(confirmed.res.body).toContain('已确认');
    // The link is spent.
    const again = await browser.get(pathOf(link));
    expect(again.res.statusCode).toBe(400);
    expect(again.res.body).toContain('此链接无效');
  });

  it('shows field errors inline in the user language and keeps what was typed, except the password', async () => {
    const browser = newBrowser(t, 'zh-CN');
    const page = await browser.get('/hc/zh-cn/signup');
    const res = await browser.submit('/hc/zh-cn/signup', { name: '小明 <b>', email: 'not-an-email', password: 'short pw', _csrf: csrfOf(page.res.body) });
    expect(res.res.statusCode).toBe(400);
    expect(res.res.body).toContain('邮箱地址不是有效的邮箱地址。');
    expect(res.res.body).toContain('请更正以下问题');
    expect(res.res.body).toContain('value="not-an-email"');
    expect(res.res.body).toContain('value="小明 &lt;b&gt;"');
    expect(res.res.body).not.toContain('short pw');
    expect(res.res.body).toContain('aria-invalid="true"');

    const weak = await browser.submit('/hc/zh-cn/signup', { email: uniqueEmail('weak'), password: 'short pw', _csrf: csrfOf(page.res.body) });
    expect(weak.res.statusCode).toBe(400);
    expect(weak.res.body).toContain('密码至少需要 10 个字符。');
  });

  it('refuses a wrong password with a generic inline error and keeps the email', async () => {
    const { email } = await signUp();
    const browser = newBrowser(t, 'en-US');
    const wrong = await fillIn(browser, '/hc/en-us/signin', { email, password: 'not my password' });
    expect(wrong.res.statusCode).toBe(401);
    expect(wrong.res.body).toContain('The email address or password is incorrect.');
    expect(wrong.res.body).toContain(`value="${email}"`);
    expect(wrong.res.body).not.toContain('not my password');
    expect(browser.jar.has('pharos_session')).toBe(false);
  });

  it('refuses form posts without the CSRF token, anonymous or signed in', async () => {
    const anonymous = newBrowser(t, 'zh-CN');
    await anonymous.get('/hc/zh-cn/signin');
    const refused = await anonymous.submit('/hc/zh-cn/signin', { email: 'x@example.com', password: PASSWORD });
    expect(refused.res.statusCode).toBe(403);
    expect(refused.res.body).toContain('此表单已过期或来自其他网站');
    expect(refused.res.body).toContain('href="/hc/zh-cn/signin"');

    const { browser } = await signUp();
    const anonymousToken = anonymous.jar.get('pharos_csrf')!;
    const crossSite = await browser.submit('/hc/en-us/account/password', { current_password: PASSWORD, new_password: 'another long password', _csrf: anonymousToken });
    expect(crossSite.res.statusCode).toBe(403);
    expect(crossSite.res.body).toContain('This form has expired or was sent from another site');
  });

  it('sends visitors who are not signed in to the sign-in page and back', async () => {
    const { email } = await signUp();
    const browser = newBrowser(t);
    const redirected = await browser.get('/hc/en-us/account');
    expect(redirected.visited.at(-1)).toBe('/hc/en-us/signin?next=%2Fhc%2Fen-us%2Faccount&notice=signin_required');
    expect(redirected.res.body).toContain('Please sign in to continue.');
    const signedIn = await browser.submit('/hc/en-us/signin?next=%2Fhc%2Fen-us%2Faccount', { email, password: PASSWORD, _csrf: csrfOf(redirected.res.body) });
    expect(signedIn.visited.at(-1)).toBe('/hc/en-us/account');
    expect(signedIn.res.body).toContain(email);
    // Foreign destinations are ignored.
    const other = newBrowser(t);
    const page = await other.get('/hc/en-us/signin?next=https%3A%2F%2Fevil.example%2F');
    const out = await other.submit('/hc/en-us/signin?next=https%3A%2F%2Fevil.example%2F', { email, password: PASSWORD, _csrf: csrfOf(page.res.body) });
    expect(out.visited[0]).toBe('/hc/en-us/account');
  });

  it('rate-limits sign-in with 429, Retry-After and a localized message on the page', async () => {
    const { email } = await signUp();
    const browser = newBrowser(t, 'zh-CN');
    let last = await fillIn(browser, '/hc/zh-cn/signin', { email, password: 'wrong 0 password' });
    for (let i = 1; i < 6; i++) last = await browser.submit('/hc/zh-cn/signin', { email, password: `wrong ${i} password`, _csrf: csrfOf(last.res.body) });
    expect(last.res.statusCode).toBe(429);
    expect(Number(last.res.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.res.body).toContain('请求过于频繁');
  });

  it('changes the password and signs out from the account page', async () => {
    const { email, browser, done } = await signUp();
    const changed = await browser.submit('/hc/en-us/account/password', { current_password: PASSWORD, new_password: 'a different passphrase', _csrf: csrfOf(done.res.body) });
    expect(changed.visited.at(-1)).toBe('/hc/en-us/account?notice=password_changed');
    expect(changed.res.body).toContain('Your password has been changed.');
    const wrong = await browser.submit('/hc/en-us/account/password', { current_password: 'nope nope nope', new_password: 'a third passphrase', _csrf: csrfOf(changed.res.body) });
    expect(wrong.res.statusCode).toBe(400);
    expect(wrong.res.body).toContain('Current password is incorrect.');
    const out = await browser.submit('/hc/en-us/signout', { _csrf: csrfOf(wrong.res.body) });
    expect(out.visited.at(-1)).toBe('/hc/en-us/signin?notice=signed_out');
    expect(out.res.body).toContain('You have been signed out.');
    expect(browser.jar.has('pharos_session')).toBe(false);
    const again = await fillIn(browser, '/hc/en-us/signin', { email, password: 'a different passphrase' });
    expect(again.visited.at(-1)).toBe('/hc/en-us/account');
  });

  it('sets up two-factor authentication with the QR code and signs in with a code', async () => {
    const { email, browser, done } = await signUp('zh-cn');
    const setup = await browser.submit('/hc/zh-cn/account/2fa', { _csrf: csrfOf(done.res.body) });
    expect(setup.visited.at(-1)).toBe('/hc/zh-cn/account/2fa');
    expect(setup.res.body).toContain('设置双重验证');
    expect(setup.res.body).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup.res.body)![1]!.replace(/ /g, '');
    const totp = totpFor(secret);

    const wrongCode = await browser.submit('/hc/zh-cn/account/2fa/enable', { code: totp.generate() === '123456' ? '654321' : '123456', _csrf: csrfOf(setup.res.body) });
    expect(wrongCode.res.statusCode).toBe(400);
    expect(wrongCode.res.body).toContain('验证码不正确或已被使用');
    expect(wrongCode.res.body).toContain('class="qr"');
    const now = Date.now();
    const enabled = await browser.submit('/hc/zh-cn/account/2fa/enable', { code: totp.generate({ timestamp: now }), _csrf: csrfOf(wrongCode.res.body) });
    expect(enabled.visited.at(-1)).toBe('/hc/zh-cn/account?notice=totp_enabled');
    expect(enabled.res.body).toContain('双重验证已开启。');

    const phone = newBrowser(t, 'zh-CN');
    const first = await fillIn(phone, '/hc/zh-cn/signin', { email, password: PASSWORD });
    expect(first.visited.at(-1)).toBe('/hc/zh-cn/signin/2fa');
    expect(first.res.body).toContain('请输入身份验证器应用中的 6 位验证码');
    // Until the code step is done, the account page is out of reach.
    expect((await phone.get('/hc/zh-cn/account')).visited.at(-1)).toContain('/hc/zh-cn/signin');
    const step = await phone.get('/hc/zh-cn/signin/2fa');
    const finished = await phone.submit('/hc/zh-cn/signin/2fa', { code: totp.generate({ timestamp: now + 30_000 }), _csrf: csrfOf(step.res.body) });
    expect(finished.visited.at(-1)).toBe('/hc/zh-cn/account');
    expect(finished.res.body).toContain('已开启：登录时需要输入身份验证器应用中的验证码');

    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(now + 90_000);
      const off = await phone.submit('/hc/zh-cn/account/2fa/disable', { password: PASSWORD, code: totp.generate(), _csrf: csrfOf(finished.res.body) });
      expect(off.visited.at(-1)).toBe('/hc/zh-cn/account?notice=totp_disabled');
      expect(off.res.body).toContain('双重验证已关闭。');
    } finally {
      vi.useRealTimers();
    }
  });

  it('resets a forgotten password with the emailed link, signing out the old session', async () => {
    const { email, browser } = await signUp();
    const visitor = newBrowser(t);
    const sent = await fillIn(visitor, '/hc/en-us/password/forgot', { email });
    expect(sent.visited.at(-1)).toBe('/hc/en-us/password/forgot?sent=1');
    expect(sent.res.body).toContain('If an account exists for this email address');
    const unknown = await fillIn(newBrowser(t), '/hc/en-us/password/forgot', { email: uniqueEmail('nobody') });
    expect(unknown.res.body).toBe(sent.res.body);
    expect(unknown.visited).toEqual(sent.visited);

    const link = await latestLink(t.db, email, 'reset_password');
    const form = await visitor.get(pathOf(link));
    expect(form.res.statusCode).toBe(200);
    expect(form.res.body).toContain('Choose a new password');
    const token = new URL(link).searchParams.get('token')!;
    const weak = await visitor.submit('/hc/en-us/password/reset', { token, password: 'short', _csrf: csrfOf(form.res.body) });
    expect(weak.res.statusCode).toBe(400);
    expect(weak.res.body).toContain('Password must be at least 10 characters.');
    const done = await visitor.submit('/hc/en-us/password/reset', { token, password: 'recovered passphrase', _csrf: csrfOf(weak.res.body) });
    expect(done.visited.at(-1)).toBe('/hc/en-us/signin?notice=password_reset');
    expect(done.res.body).toContain('Your password has been reset.');

    const stale = await browser.get('/hc/en-us/account');
    expect(stale.visited.at(-1)).toContain('/hc/en-us/signin');
    const reused = await visitor.get(pathOf(link));
    expect(reused.res.statusCode).toBe(400);
    const back = await fillIn(visitor, '/hc/en-us/signin', { email, password: 'recovered passphrase' });
    expect(back.visited.at(-1)).toBe('/hc/en-us/account');
  });
});
