import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SIGN_JS } from '../../src/server/modules/api-tools/api-sign.script.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';

const q = (value: string) => encodeURIComponent(value);

describe.each(DIALECTS)('API tools pages (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  async function page(url: string, status = 200) {
    const res = await t.app.inject({ url });
    expect(res.statusCode, url).toBe(status);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.startsWith('<!doctype html>')).toBe(true);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("connect-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    return { res, body: res.body };
  }

  it('decoder: empty form, the three tools linked, and the whole catalogue as links', async () => {
    const { res, body } = await page('/hc/en-us/tools/api-errors');
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain('<form class="tool" method="get" action="/hc/en-us/tools/api-errors">');
    expect(body).toContain('name="q"');
    for (const path of ['/hc/en-us/tools/api-errors', '/hc/en-us/tools/rate-limit', '/hc/en-us/tools/api-signature']) expect(body).toContain(`href="${path}"`);
    expect(body).toContain(`href="/hc/en-us/tools/api-errors?q=${'EAPI%3AInvalid+nonce'}"`);
    expect(body).toContain('hreflang="zh-CN" href="http://pharos.test/hc/zh-cn/tools/api-errors"');
    expect(body).toMatch(/<link rel="stylesheet" href="\/hc\/assets\/api-tools\.css\?v=[0-9a-f]{16}">/);
  });

  it('decoder: explains a pasted error in Chinese, linking the article', async () => {
    const { body } = await page(`/hc/zh-cn/tools/api-errors?q=${q('EAPI:Invalid nonce')}`);
    expect(body).toContain('<html lang="zh-CN">');
    expect(body).toContain('data-code="EAPI:Invalid nonce"');
    expect(body).toContain('nonce 没有大于该 API 密钥上一次被接受的 nonce');
    expect(body).toContain('<a href="/hc/zh-cn/articles/api-invalid-nonce">');
    expect(body).toContain('<meta name="robots" content="noindex">');
    expect(body).toContain(`href="/hc/en-us/tools/api-errors?q=${'EAPI%3AInvalid+nonce'}"`);
  });

  it('decoder: JSON bodies, statuses and fallbacks, all escaped', async () => {
    const { body } = await page(`/hc/en-us/tools/api-errors?q=${q('{"error":["EGeneral:Permission denied","EFoo:<b>odd</b>"]}\nHTTP 503')}`);
    expect(body).toContain('data-code="EGeneral:Permission denied"');
    expect(body).toContain('data-code="HTTP 503"');
    expect(body).toContain('class="badge fallback"');
    expect(body).not.toContain('<b>odd</b>');
    expect(body).toContain('&lt;b&gt;odd&lt;/b&gt;');
    const xss = await page(`/hc/en-us/tools/api-errors?q=${q('"><script>alert(1)</script>')}`);
    expect(xss.body).not.toMatch(/<script/i);
  });

  it('decoder: a secret pasted with the error is hidden from the page and its links', async () => {
    const secret = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
    const { body } = await page(`/hc/en-us/tools/api-errors?q=${q(`EAPI:Invalid key\napi secret: ${secret}`)}`);
    expect(body).toContain('data-code="EAPI:Invalid key"');
    expect(body).toContain('[redacted: API secret]');
    for (const form of [secret, encodeURIComponent(secret), secret.slice(0, 20)]) expect(body).not.toContain(form);
  });

  it('decoder: an over-long query gets a clear 400 on the same page', async () => {
    const { body } = await page(`/hc/zh-cn/tools/api-errors?q=${'E'.repeat(4001)}`, 400);
    expect(body).toContain('内容过长：最多 4000 个字符。');
    expect(body).toContain('aria-invalid="true"');
  });

  it('rate-limit: simulates a burst from the GET form', async () => {
    const { body } = await page(`/hc/en-us/tools/rate-limit?tier=starter&start=0&calls=${q('Balance x16\n3.1 Balance\nAddOrder')}`);
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain('name="tier"');
    expect(body).toContain('<option value="starter" selected>');
    expect((body.match(/data-accepted="1"/g) ?? []).length).toBe(17);
    expect((body.match(/data-accepted="0"/g) ?? []).length).toBe(1);
    expect(body).toContain('17 of 18 calls accepted, 1 rejected.');
    expect(body).toContain('Rejected: EAPI:Rate limit exceeded');
    expect(body).toContain('Not counted (trading limit)');
    // Call 17 at 3.1 s: 15 − 3.1 × 0.33 = 13.977 before, 14.977 after.
    expect(body).toMatch(/<td class="num">17<\/td><td class="num">3\.1<\/td>[\s\S]*?<td class="num">13\.977<\/td>[\s\S]*?<td class="num">14\.977<\/td>/);
  });

  it('rate-limit: explains the model and the tiers in Chinese', async () => {
    const { body } = await page('/hc/zh-cn/tools/rate-limit');
    expect(body).toContain('Ledgers, QueryLedgers, TradesHistory, QueryTrades');
    expect(body).toContain('每秒 0.33');
    expect(body).toContain('Balance x16\n3.1 Balance');
  });

  it('rate-limit: bad input is listed with line numbers and a 400', async () => {
    const { body } = await page(`/hc/zh-cn/tools/rate-limit?tier=gold&calls=${q('Balance\n5 Balance\n2 Balance')}`, 400);
    expect(body).toContain('请选择等级');
    expect(body).toContain('第 3 行：时间 2 秒早于上一行');
    expect(body).toContain('role="alert"');
    const start = await page(`/hc/en-us/tools/rate-limit?tier=pro&start=25&calls=Balance`, 400);
    expect(start.body).toContain('The starting counter must be a number between 0');
  });

  it('signature: strict CSP, no names, no submission target, no-JS explanation', async () => {
    const { res, body } = await page('/hc/en-us/tools/api-signature');
    const csp = res.headers['content-security-policy'] as string;
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'none'", "form-action 'none'", "require-trusted-types-for 'script'"]) expect(csp).toContain(directive);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const form = body.slice(body.indexOf('<form class="tool" id="api-sign-form"'), body.indexOf('</form>', body.indexOf('id="api-sign-form"')));
    expect(form).not.toMatch(/\sname=/);
    expect(form).not.toMatch(/\saction=/);
    expect(form).not.toMatch(/\smethod=/);
    expect(form).toContain('<fieldset disabled>');
    expect(form).toMatch(/<input id="sign-secret" class="mono" type="password"[^>]*autocomplete="off"/);
    // The page has no other form (the header search is off) and only our module script.
    expect((body.match(/<form/g) ?? []).length).toBe(1);
    expect(body).toContain('<noscript><p class="problem">This one tool needs JavaScript');
    const scripts = [...body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toBe(' type="application/json" id="api-sign-data"');
    expect(scripts[1]).toMatch(/^ type="module" src="\/hc\/assets\/api-sign\.js\?v=[0-9a-f]{16}"$/);
    const data = JSON.parse(body.slice(body.indexOf('id="api-sign-data">') + 19, body.indexOf('</script>')));
    expect(data.example.path).toBe('/0/private/AddOrder');
    expect(data.strings.match).toMatch(/^Match/);
    // No third-party anything: every loaded resource is a same-origin path.
    for (const m of body.matchAll(/\ssrc="([^"]*)"/g)) expect(m[1]).toMatch(/^\/(?!\/)/);
    for (const m of body.matchAll(/<link rel="(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|modulepreload)" href="([^"]*)"/g)) expect(m[1]).toMatch(/^\/(?!\/)/);
  });

  it('serves the script and stylesheet as cacheable assets', async () => {
    const js = await t.app.inject({ url: '/hc/assets/api-sign.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe(API_SIGN_JS);
    expect(js.body).not.toMatch(/fetch\(|XMLHttpRequest|WebSocket|sendBeacon|new Image|innerHTML/);
    const again = await t.app.inject({ url: '/hc/assets/api-sign.js', headers: { 'if-none-match': js.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    const css = await t.app.inject({ url: '/hc/assets/api-tools.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('handles locale variants and unknown locales like the rest of the Help Center', async () => {
    const variant = await t.app.inject({ url: '/hc/zh-CN/tools/api-errors?q=429' });
    expect(variant.statusCode).toBe(301);
    expect(variant.headers.location).toBe('/hc/zh-cn/tools/api-errors?q=429');
    await page('/hc/fr-fr/tools/rate-limit', 404);
    const tools = await t.app.inject({ url: '/hc/en-us/tools' });
    expect(tools.statusCode).toBe(302);
    expect(tools.headers.location).toBe('/hc/en-us/tools/api-errors');
  });
});
