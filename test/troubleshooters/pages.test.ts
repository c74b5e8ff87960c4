import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, REPO_CONTENT_DIR } from '../helpers/db.js';

const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const decode = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const titleOf = (slug: string, locale: string) => /^title: "?(.*?)"?$/m.exec(readFileSync(join(REPO_CONTENT_DIR, 'articles', `${slug}.${locale}.md`), 'utf8'))![1]!;

/** What a browser sends for the step form: its hidden inputs plus the given fields, as a GET. */
function submit(page: string, fields: Record<string, string>): string {
  const form = /<form class="ts-step"[^>]*>[\s\S]*?<\/form>/.exec(page)?.[0];
  if (!form) throw new Error('no step form on the page');
  const action = decode(/action="([^"]*)"/.exec(form)![1]!);
  const params = new URLSearchParams();
  for (const m of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) params.append(decode(m[1]!), decode(m[2]!));
  for (const [name, value] of Object.entries(fields)) params.append(name, value);
  return `${action}?${params.toString()}`;
}
const link = (page: string, id: string) => decode(new RegExp(`href="([^"]*)"[^>]*id="${id}"|id="${id}"[^>]*href="([^"]*)"`).exec(page)!.slice(1).find(Boolean)!);

describe.each(DIALECTS)('troubleshooter pages without JavaScript (%s)', (dialect) => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp(dialect, {}, { mailWorker: false, backgroundJobs: false });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const get = (url: string) => ctx.app.inject({ url });
  const ok = async (url: string): Promise<string> => {
    const res: LightMyRequestResponse = await get(url);
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };

  it('lists the five troubleshooters in both languages', async () => {
    for (const locale of ['en-us', 'zh-cn'] as const) {
      const res = await get(`/hc/${locale}/troubleshooters`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(res.headers['content-security-policy']).toContain("script-src 'none'");
      const keys = [...res.body.matchAll(/data-troubleshooter="([^"]+)"/g)].map((m) => m[1]);
      expect(keys).toEqual(['account-verification', 'trading', 'api', 'security', 'deposits-withdrawals']);
      for (const key of keys) {
        const tree = JSON.parse(readFileSync(join(REPO_CONTENT_DIR, 'troubleshooters', `${key}.json`), 'utf8'));
        expect(res.body).toContain(`<strong>${tree.title[locale].replace(/&/g, '&amp;')}</strong>`);
        expect(res.body).toContain(`href="/hc/${locale}/troubleshooters/${key}"`);
      }
    }
    expect((await get('/hc/zh-cn/troubleshooters')).body).toContain('故障排查向导');
  });

  it('walks a question and a check step by GET forms to an article with the error decoder linked', async () => {
    const start = await ok('/hc/zh-cn/troubleshooters/api');
    expect(start).toContain('第 1 步，最多 4 步');
    expect(start).not.toContain('id="ts-back"');
    const step2 = await ok(submit(start, { 'a.problem': 'error' }));
    expect(step2).toContain('错误信息是什么？');
    expect(step2).toContain('第 2 步');
    const end = await ok(submit(step2, { 'a.error_input.api_error': 'EAPI:Invalid nonce', 'a.error_input.http_status': '' }));
    expect(end).toContain('data-end="article"');
    expect(end).toContain('修正 nonce');
    expect(end).toContain(`href="/hc/zh-cn/articles/api-invalid-nonce" data-article="api-invalid-nonce">${titleOf('api-invalid-nonce', 'zh-cn').replace(/“|”/g, (q) => q)}</a>`);
    expect(end).toContain('href="/hc/zh-cn/tools/api-errors?q=EAPI%3AInvalid%20nonce"');
    const request = new URL(link(end, 'ts-request-link'), 'http://pharos.test');
    expect(request.pathname).toBe('/hc/zh-cn/requests/new');
    expect(request.searchParams.get('type')).toBe('api');
    expect(request.searchParams.get('field_api_error')).toBe('EAPI:Invalid nonce');
    expect(end).toContain('已完成');

    // Back returns to the input step with the value still there; "start over" to the beginning.
    const back = await ok(link(end, 'ts-back'));
    expect(back).toMatch(/<textarea id="ts-api_error"[^>]*>EAPI:Invalid nonce<\/textarea>/);
    expect(link(end, 'ts-restart')).toBe('/hc/zh-cn/troubleshooters/api');
  });

  it('says so when a question is sent without an answer', async () => {
    const start = await ok('/hc/en-us/troubleshooters/security');
    const again = await ok(submit(start, {}));
    expect(again).toContain('Choose one of the answers.');
    expect(again).toContain('role="alert"');
  });

  it('shows field errors and keeps the typed value', async () => {
    const start = await ok('/hc/en-us/troubleshooters/trading');
    const order = await ok(submit(start, { 'a.problem': 'not_filled' }));
    const again = await ok(submit(order, { 'a.order_check.order_type': 'limit', 'a.order_check.side': 'buy', 'a.order_check.price': 'lots', 'a.order_check.market_price': '120' }));
    expect(again).toContain('Your limit or stop price: enter a number greater than zero, like 125.5.');
    expect(again).toMatch(/id="ts-price"[^>]*value="lots"[^>]*aria-invalid="true"/);
    expect(again).toMatch(/<option value="limit" selected>/);
    const waiting = await ok(submit(again, { 'a.order_check.order_type': 'limit', 'a.order_check.side': 'buy', 'a.order_check.price': '100', 'a.order_check.market_price': '120' }));
    expect(waiting).toContain('Your order is waiting for the market');
    expect(waiting).toContain('the price has to fall about 16.7% first');
  });

  it('refuses a secret typed into a check, never echoing it into the page or its links', async () => {
    const start = await ok('/hc/en-us/troubleshooters/deposits-withdrawals');
    let page = await ok(submit(start, { 'a.direction': 'deposit' }));
    page = await ok(submit(page, { 'a.deposit_kind': 'crypto' }));
    page = await ok(submit(page, { 'a.deposit_asset.asset': 'USDT', 'a.deposit_asset.network': 'tron' }));
    const url = submit(page, { 'a.deposit_address.address': PHRASE });
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toContain('We did not accept this value because it looks like a recovery phrase');
    expect(res.body).not.toContain('abandon');
    // A secret arriving as a draft (e.g. a shared "change" link) is not shown either.
    const draft = await get(`/hc/en-us/troubleshooters/api?a.problem=error&d.error_input.api_error=${encodeURIComponent(`seed: ${PHRASE}`)}`);
    expect(draft.body).not.toContain('abandon');
  });

  it('keeps the answers when switching language and offers a change link per answer', async () => {
    const page = await ok('/hc/en-us/troubleshooters/account-verification?a.problem=rejected&a.rejected_reason=address');
    expect(page).toContain('When was your proof of address issued?');
    const zh = await ok(decode(/href="([^"]*)" hreflang="zh-CN"[^>]*data-lang-switch/.exec(page)![1]!));
    expect(zh).toContain('您的地址证明是何时出具的？');
    expect(zh).toContain('地址证明未被接受');
    const change = decode(/<li data-step="rejected_reason">[\s\S]*?<a class="change" href="([^"]*)"/.exec(page)![1]!);
    const changed = await ok(change);
    expect(changed).toMatch(/value="address" checked/);
  });

  it('checks dates: an old proof of address ends at the requirements article', async () => {
    const page = await ok('/hc/en-us/troubleshooters/account-verification?a.problem=rejected&a.rejected_reason=address');
    const end = await ok(submit(page, { 'a.poa_date.issue_date': '2020-01-31' }));
    expect(end).toContain('The proof of address is too old');
    expect(end).toContain('Dated January 31, 2020: older than 3 months');
    expect(end).toContain('data-article="proof-of-address-requirements"');
  });

  it('ends in a pre-filled request that the request form shows filled in', async () => {
    let page = await ok('/hc/en-us/troubleshooters/security');
    page = await ok(submit(page, { 'a.problem': 'link' }));
    page = await ok(submit(page, { 'a.link_check.url': 'https://lanternfish-login.example.com/verify' }));
    expect(page).toContain('lanternfish-login.example.com is not an official Lanternfish Exchange domain');
    expect(page).not.toMatch(/href="https:\/\/lanternfish-login/);
    page = await ok(submit(page, { 'a.phishing_entered': 'credentials' }));
    page = await ok(submit(page, { 'a.phishing_account.account_id': 'AA12N84G', 'a.phishing_account.problem_time': '' }));
    expect(page).toContain('data-end="request"');
    expect(page).toContain('<dd data-preview="subject">I entered my credentials on a phishing site</dd>');
    expect(page).toContain('<dt>Suspicious link, email address or handle</dt><dd>https://lanternfish-login.example.com/verify</dd>');
    const form = await ok(link(page, 'ts-request-link'));
    expect(form).toMatch(/id="fx-suspicious_url"[^>]*value="https:\/\/lanternfish-login.example.com\/verify"/);
    expect(form).toMatch(/id="fx-account_id"[^>]*value="AA12N84G"/);
    expect(form).toMatch(/<option value="phishing" selected>/);
    expect(form).toContain('I entered my credentials on a phishing site');
  });

  it('redirects locale variants, 404s unknown troubleshooters, serves its stylesheet', async () => {
    const variant = await get('/hc/zh-CN/troubleshooters/api?a.problem=error');
    expect(variant.statusCode).toBe(301);
    expect(variant.headers.location).toBe('/hc/zh-cn/troubleshooters/api?a.problem=error');
    const missing = await get('/hc/zh-cn/troubleshooters/horoscope');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('lang="zh-CN"');
    expect((await get('/hc/xx/troubleshooters')).statusCode).toBe(404);
    const page = await ok('/hc/en-us/troubleshooters');
    const css = await get(/href="(\/hc\/assets\/troubleshooters\.css\?v=[0-9a-f]+)"/.exec(page)![1]!);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect((await ctx.app.inject({ url: '/hc/assets/troubleshooters.css', headers: { 'if-none-match': css.headers.etag as string } })).statusCode).toBe(304);
  });
});
