import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/errors.js';
import { normalizeAntiPhishingPhrase } from '../../src/server/modules/accounts/anti-phishing.js';
import { escapeHtml } from '../../src/server/modules/helpcenter/html.js';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { Browser, csrfOf, latestLink, tokenOf } from '../accounts/helpers.js';
import { createAgentApp, createCustomer, staffSignIn, submitTicket, type StaffClient } from '../staff/helpers.js';

const PASSWORD = 'lantern keeper 2718';
const PHRASE_API = '/api/v2/users/me/anti_phishing_phrase';
let counter = 0;
const uniqueEmail = (label: string) => `${label}.${Date.now().toString(36)}.${++counter}@example.com`;

/** The message of the `phrase` field a refused phrase gets. */
function refusal(value: unknown, locale: 'en-us' | 'zh-cn' = 'en-us'): string {
  try {
    normalizeAntiPhishingPhrase(value, locale);
  } catch (err) {
    if (err instanceof AppError && err.details?.[0]?.path === 'phrase') return err.details[0].message;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('anti-phishing phrase rules', () => {
  it('accepts short personal phrases in both languages, trimmed and normalized', () => {
    expect(normalizeAntiPhishingPhrase('  Blue   otter 42 ', 'en-us')).toBe('Blue otter 42');
    expect(normalizeAntiPhishingPhrase('蓝色灯笼鱼', 'zh-cn')).toBe('蓝色灯笼鱼');
    expect(normalizeAntiPhishingPhrase('Cafe\u0301 au lait', 'en-us')).toBe('Café au lait');
    expect(normalizeAntiPhishingPhrase('Tea & <cake>', 'en-us')).toBe('Tea & <cake>');
    expect(normalizeAntiPhishingPhrase('a'.repeat(32), 'en-us')).toHaveLength(32);
  });

  it('refuses phrases that are too short or long, links, control characters and secrets', () => {
    expect(refusal('abc')).toBe('Anti-phishing phrase must be at least 4 characters.');
    expect(refusal('好的', 'zh-cn')).toBe('防钓鱼码至少需要 4 个字符。');
    expect(refusal('x'.repeat(33))).toBe('Anti-phishing phrase must be at most 32 characters.');
    expect(refusal('   ')).toBe('Anti-phishing phrase is required.');
    expect(refusal(undefined)).toBe('Anti-phishing phrase is required.');
    expect(refusal(1234)).toBe('Anti-phishing phrase is not valid.');
    for (const link of ['visit https://evil.io', 'www.lanternfish', 'go to lanternfish.example', 'mail me@evil.io']) {
      expect(refusal(link), link).toBe('Anti-phishing phrase must not contain a link or web address.');
    }
    expect(refusal('看这里 evil.com 吧', 'zh-cn')).toBe('防钓鱼码不能包含链接或网址。');
    for (const hidden of ['blue\u200botter', 'blue\notter', 'blue\u202eotter', 'tab\there']) {
      expect(refusal(hidden), JSON.stringify(hidden)).toBe('Anti-phishing phrase must not contain control or invisible characters.');
    }
    // Found by the secret shield, or shaped like a code or key.
    for (const secret of ['2FA 123456', 'password: hunter2hunter', '123456', '4821-9930', 'Kx8aF9pQ2mZ7vL3nR5tW']) {
      expect(refusal(secret), secret).toBe('Anti-phishing phrase looks like a password, code or key. Choose words that are not a secret.');
    }
    expect(refusal('验证码 123456', 'zh-cn')).toBe('防钓鱼码看起来像密码、验证码或密钥，请换成不属于机密的文字。');
  });
});

describe.each(DIALECTS)('anti-phishing phrase on %s', (dialect) => {
  let t: TestApp;
  let agent: StaffClient;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
    agent = await staffSignIn(t.app, { role: 'agent', name: 'Agent Ann' });
  });
  afterAll(async () => t?.close());

  const db = () => t.app.services.database.db;
  const newBrowser = (locale: 'en-US' | 'zh-CN' = 'en-US') => new Browser(t.app, { 'x-forwarded-for': `10.60.${Math.floor(++counter / 250)}.${counter % 250}`, 'accept-language': locale });

  /** A customer with a password and a cookie session (signed up through the API). */
  async function signUp(locale: 'en-US' | 'zh-CN' = 'en-US', options: { verified?: boolean } = {}) {
    const email = uniqueEmail('phrase');
    const browser = newBrowser(locale);
    const res = await browser.json('POST', '/api/v2/accounts/signup', { email, password: PASSWORD, name: 'Phrase User' });
    expect(res.statusCode, res.body).toBe(201);
    const csrf = res.json().csrf_token as string;
    if (options.verified ?? true) {
      const token = tokenOf(await latestLink(db(), email, 'verify_email'));
      const verified = await browser.json('POST', '/api/v2/accounts/verify-email', { token }, { 'x-csrf-token': csrf });
      expect(verified.statusCode, verified.body).toBeLessThan(300);
    }
    return { email, browser, csrf };
  }

  async function latestMail(to: string, template: string) {
    return db().selectFrom('outbox').selectAll().where('to_address', '=', to).where('template', '=', template).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  }

  function expectPhrase(mail: { text_body: string; html_body: string; locale: string }, phrase: string) {
    const label = mail.locale === 'zh-cn' ? `您的防钓鱼码：${phrase}` : `Your anti-phishing phrase: ${phrase}`;
    expect(mail.text_body).toContain(label);
    // Near the top: before the greeting.
    expect(mail.text_body.indexOf(label)).toBeLessThan(mail.text_body.indexOf(mail.locale === 'zh-cn' ? '您好' : 'Hello,'));
    expect(mail.html_body).toContain(escapeHtml(label));
  }

  function expectNoPhrase(mail: { text_body: string; html_body: string }) {
    for (const body of [mail.text_body, mail.html_body]) {
      expect(body).not.toContain('anti-phishing phrase:');
      expect(body).not.toContain('防钓鱼码：');
    }
  }

  it('sets, reads, changes and removes the phrase over the API with an API token', async () => {
    const customer = await createCustomer(db());
    const get = () => t.app.inject({ url: PHRASE_API, headers: customer.headers });
    expect((await get()).json()).toEqual({ phrase: null });
    const put = await t.app.inject({ method: 'PUT', url: PHRASE_API, headers: customer.headers, payload: { phrase: '  Purple heron  ' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ phrase: 'Purple heron' });
    expect((await get()).json()).toEqual({ phrase: 'Purple heron' });
    const stored = await db().selectFrom('users').select('anti_phishing_phrase').where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(stored.anti_phishing_phrase).toBe('Purple heron');

    const bad = await t.app.inject({ method: 'PUT', url: PHRASE_API, headers: { ...customer.headers, 'accept-language': 'zh-CN' }, payload: { phrase: 'https://evil.io' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'validation_failed', details: [{ path: 'phrase', message: '防钓鱼码不能包含链接或网址。' }] });
    const badEn = await t.app.inject({ method: 'PUT', url: `${PHRASE_API}?locale=en-us`, headers: customer.headers, payload: { phrase: 'ab' } });
    expect(badEn.json().details[0].message).toBe('Anti-phishing phrase must be at least 4 characters.');
    expect((await get()).json()).toEqual({ phrase: 'Purple heron' }); // refused input changed nothing

    const zh = await t.app.inject({ method: 'PUT', url: PHRASE_API, headers: customer.headers, payload: { phrase: '夜里的灯笼鱼' } });
    expect(zh.json()).toEqual({ phrase: '夜里的灯笼鱼' });
    const removed = await t.app.inject({ method: 'DELETE', url: PHRASE_API, headers: customer.headers });
    expect(removed.statusCode).toBe(204);
    expect((await get()).json()).toEqual({ phrase: null });
  });

  it('needs a signed-in user, and the CSRF token with a cookie session', async () => {
    const anonymous = await t.app.inject({ url: PHRASE_API, headers: { 'accept-language': 'zh-CN' } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toBe('sign_in_required');
    expect((await t.app.inject({ method: 'PUT', url: PHRASE_API, payload: { phrase: 'Quiet harbour' } })).statusCode).toBe(401);

    const { browser, csrf } = await signUp();
    const noToken = await browser.request({ method: 'PUT', url: PHRASE_API, payload: { phrase: 'Quiet harbour' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toBe('csrf_failed');
    const ok = await browser.request({ method: 'PUT', url: PHRASE_API, payload: { phrase: 'Quiet harbour' }, headers: { 'x-csrf-token': csrf } });
    expect(ok.json()).toEqual({ phrase: 'Quiet harbour' });
    expect((await browser.request({ method: 'DELETE', url: PHRASE_API })).statusCode).toBe(403);
    expect((await browser.request({ method: 'DELETE', url: PHRASE_API, headers: { 'x-csrf-token': csrf } })).statusCode).toBe(204);
  });

  it('is managed from the account page with plain forms, in Chinese too', async () => {
    const { browser } = await signUp('zh-CN');
    const page = await browser.get('/hc/zh-cn/account');
    expect(page.res.statusCode).toBe(200);
    expect(page.res.body).toContain('<h2 id="anti-phishing-title">防钓鱼码</h2>');
    expect(page.res.body).toContain('您还没有设置防钓鱼码。');
    expect(page.res.body).toContain('href="/hc/zh-cn/official-channels"');

    const refused = await browser.submit('/hc/zh-cn/account/anti-phishing', { phrase: '密码: hunter2hunter', _csrf: csrfOf(page.res.body) });
    expect(refused.res.statusCode).toBe(400);
    expect(refused.res.body).toContain('防钓鱼码看起来像密码、验证码或密钥');
    expect(refused.res.body).toContain('aria-invalid="true"');

    const saved = await browser.submit('/hc/zh-cn/account/anti-phishing', { phrase: ' 星星 <和> 月亮 ', _csrf: csrfOf(page.res.body) });
    expect(saved.visited.at(-1)).toBe('/hc/zh-cn/account?notice=phrase_saved');
    expect(saved.res.body).toContain('防钓鱼码已保存');
    expect(saved.res.body).toContain('<strong class="secret" data-anti-phishing-phrase>星星 &lt;和&gt; 月亮</strong>');

    const withoutToken = await browser.submit('/hc/zh-cn/account/anti-phishing/remove', {});
    expect(withoutToken.res.statusCode).toBe(403);
    const removed = await browser.submit('/hc/zh-cn/account/anti-phishing/remove', { _csrf: csrfOf(saved.res.body) });
    expect(removed.visited.at(-1)).toBe('/hc/zh-cn/account?notice=phrase_removed');
    expect(removed.res.body).toContain('您还没有设置防钓鱼码。');

    const anonymous = await newBrowser().submit('/hc/en-us/account/anti-phishing', { phrase: 'Hello there' });
    expect(anonymous.res.statusCode).toBe(403);
  });

  it('can be set only once the email address is verified: nobody can put a phrase into mail for an address they do not own', async () => {
    const unverified = await signUp('en-US', { verified: false });
    expectNoPhrase(await latestMail(unverified.email, 'verify_email'));
    for (const [language, message] of [
      ['en-US', 'Confirm your email address first: an anti-phishing phrase can only be set once we know the emails reach you.'],
      ['zh-CN', '请先验证您的邮箱地址：只有确认邮件能送达您之后，才能设置防钓鱼码。'],
    ] as const) {
      const refused = await unverified.browser.request({ method: 'PUT', url: PHRASE_API, payload: { phrase: 'Attacker heron' }, headers: { 'x-csrf-token': unverified.csrf, 'accept-language': language } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: 'validation_failed', details: [{ path: 'phrase', message }] });
    }
    const stored = await db().selectFrom('users').select('anti_phishing_phrase').where('email', '=', unverified.email).executeTakeFirstOrThrow();
    expect(stored.anti_phishing_phrase).toBeNull();
    // The account page says so next to the field.
    const page = await unverified.browser.get('/hc/en-us/account');
    const posted = await unverified.browser.submit('/hc/en-us/account/anti-phishing', { phrase: 'Attacker heron', _csrf: csrfOf(page.res.body) });
    expect(posted.res.statusCode).toBe(400);
    expect(posted.res.body).toContain('Confirm your email address first');
  });

  it('shows the phrase in the emails of a user who set one, and not otherwise', async () => {
    const without = await signUp();
    const withPhrase = await signUp();
    expect((await withPhrase.browser.request({ method: 'PUT', url: PHRASE_API, payload: { phrase: 'Tea & <cake>' }, headers: { 'x-csrf-token': withPhrase.csrf } })).statusCode).toBe(200);

    for (const who of [withPhrase, without]) {
      const forgot = await newBrowser().json('POST', '/api/v2/accounts/password/forgot', { email: who.email });
      expect(forgot.statusCode).toBe(202);
    }
    expectPhrase(await latestMail(withPhrase.email, 'reset_password'), 'Tea & <cake>');
    expectNoPhrase(await latestMail(without.email, 'reset_password'));

    // A notice about the account (rendered in HTML too) carries it, escaped.
    const changed = await withPhrase.browser.json('POST', '/api/v2/accounts/password', { current_password: PASSWORD, new_password: `${PASSWORD} again` }, { 'x-csrf-token': withPhrase.csrf });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    const notice = await latestMail(withPhrase.email, 'password_changed');
    expectPhrase(notice, 'Tea & <cake>');
    expect(notice.html_body).not.toContain('<cake>');

    // A changed phrase is the one the next email shows.
    const session = await withPhrase.browser.json('GET', '/api/v2/accounts/me');
    const csrf = (session.json() as { csrf_token?: string }).csrf_token ?? withPhrase.csrf;
    const second = await withPhrase.browser.request({ method: 'PUT', url: PHRASE_API, payload: { phrase: 'Second heron' }, headers: { 'x-csrf-token': csrf } });
    expect(second.statusCode, second.body).toBe(200);
    await newBrowser().json('POST', '/api/v2/accounts/password/forgot', { email: withPhrase.email });
    const again = await latestMail(withPhrase.email, 'reset_password');
    expectPhrase(again, 'Second heron');
    expect(again.text_body).not.toContain('Tea & <cake>');
  });

  it('shows the phrase in request confirmations and agent replies, in the request language', async () => {
    const alice = await createCustomer(db());
    const bob = await createCustomer(db());
    await t.app.inject({ method: 'PUT', url: PHRASE_API, headers: alice.headers, payload: { phrase: '蓝色灯笼鱼' } });

    const aliceTicket = await submitTicket(t.app, alice, { subject: '充值没有到账', body: '我昨天充值的USDT到现在还没有到账，请帮忙查一下。', locale: 'zh-cn' });
    const bobTicket = await submitTicket(t.app, bob, { subject: 'Deposit missing', body: 'My deposit from yesterday has still not arrived in my account.' });
    const received = await latestMail(alice.email, 'request_received');
    expect(received.locale).toBe('zh-cn');
    expectPhrase(received, '蓝色灯笼鱼');
    expectNoPhrase(await latestMail(bob.email, 'request_received'));

    for (const n of [aliceTicket, bobTicket]) {
      const reply = await agent.request('PUT', `/api/v2/tickets/${n}`, { ticket: { comment: { body: 'We are checking the deposit with the wallet team.', public: true } } });
      expect(reply.statusCode, reply.body).toBe(200);
    }
    const aliceReply = await latestMail(alice.email, 'agent_reply');
    expectPhrase(aliceReply, '蓝色灯笼鱼');
    expect(aliceReply.text_body).toContain('wallet team');
    expectNoPhrase(await latestMail(bob.email, 'agent_reply'));
  });
});
