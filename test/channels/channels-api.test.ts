import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChannel } from '../../src/server/modules/channels/verify.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR } from '../helpers/db.js';

const KESTREL = {
  BRAND_NAME: 'Kestrel Markets',
  BRAND_WEBSITE: 'https://kestrel.test',
  BRAND_SUPPORT_EMAIL: 'help@kestrel.test',
  BRAND_OFFICIAL_DOMAINS: 'kestrel.test,app.kestrel.test',
  BRAND_SOCIAL_X: '@kestrelmkts',
  BRAND_SOCIAL_REDDIT: 'r/kestrelmarkets',
  BRAND_SOCIAL_TELEGRAM: '@kestrel_official',
  BRAND_OFFICIAL_EMAIL_SENDERS: 'help@kestrel.test,alerts@mail.kestrel.test',
  BRAND_APPS: 'none',
};

describe.each(DIALECTS)('official channels API and page on %s', (dialect) => {
  let t: TestApp;
  let custom: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR }, { mailWorker: false, backgroundJobs: false });
    custom = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR, ...KESTREL }, { mailWorker: false, backgroundJobs: false });
  });
  afterAll(async () => {
    await t?.close();
    await custom?.close();
  });

  const verify = (app: TestApp, payload: unknown, headers: Record<string, string> = {}, query = '') =>
    app.app.inject({ method: 'POST', url: `/api/v2/channels/verify${query}`, payload: payload as object, headers });

  it('lists every configured channel with localized names and the staff warnings', async () => {
    const brand = t.app.services.config.brand;
    const en = await t.app.inject({ url: '/api/v2/channels' });
    expect(en.statusCode).toBe(200);
    const body = en.json();
    expect(body.brand).toBe(brand.name);
    const values = body.channels.map((c: { value: string }) => c.value);
    for (const domain of brand.officialDomains) expect(values).toContain(domain);
    expect(values).toEqual(expect.arrayContaining([brand.supportEmail, brand.social.x, brand.social.reddit, ...brand.apps.map((a) => a.url)]));
    expect(body.channels.find((c: { kind: string }) => c.kind === 'domain').name).toBe('Official domain');
    expect(body.warnings.join(' ')).toMatch(/recovery phrase/);
    const zh = (await t.app.inject({ url: '/api/v2/channels', headers: { 'accept-language': 'zh-CN' } })).json();
    expect(zh.channels.find((c: { kind: string }) => c.kind === 'domain').name).toBe('官方域名');
    expect(zh.warnings.join('')).toContain('助记词');
    expect((await t.app.inject({ url: '/api/v2/channels?locale=zh-cn' })).json().warnings).toEqual(zh.warnings);

    const kestrel = (await custom.app.inject({ url: '/api/v2/channels' })).json();
    expect(kestrel.brand).toBe('Kestrel Markets');
    expect(kestrel.channels.map((c: { value: string }) => c.value)).toEqual(expect.arrayContaining(['kestrel.test', '@kestrelmkts', '@kestrel_official', 'alerts@mail.kestrel.test']));
    expect(JSON.stringify(kestrel)).not.toMatch(/lanternfish/i);
  });

  it('verifies values with localized verdicts and reasons', async () => {
    const brand = t.app.services.config.brand;
    const official = await verify(t, { value: brand.officialDomains[0] });
    expect(official.statusCode).toBe(200);
    expect(official.json().result).toMatchObject({ verdict: 'official', kind: 'domain', channel: { kind: 'domain', value: brand.officialDomains[0] } });

    const punycode = domainToASCII('lаnternfish.example');
    const res = await verify(t, { value: punycode }, { 'accept-language': 'zh-CN,zh;q=0.9' });
    const result = res.json().result;
    expect(result.verdict).toBe('lookalike');
    expect(result.title).toBe('危险：仿冒渠道，不是我们');
    expect(result.normalized).toBe('lаnternfish.example');
    const codes = result.reasons.map((r: { code: string }) => r.code);
    // The API gives exactly what the library computes, worded.
    expect(codes).toEqual(verifyChannel(punycode, brand).reasons.map((r) => r.code));
    const chars = result.reasons.find((r: { code: string }) => r.code === 'unusual_characters');
    expect(chars.message).toContain('西里尔字母');
    expect(chars.message).toContain('U+0430');
    const en = (await verify(t, { value: punycode, locale: 'en-us' }, { 'accept-language': 'zh-CN' })).json().result;
    expect(en.title).toBe('Danger: a lookalike, not ours');
    expect(en.reasons.find((r: { code: string }) => r.code === 'homoglyph').message).toContain('look-alike characters');

    expect((await verify(t, { value: 'example.org' })).json().result.verdict).toBe('not_official');
    expect((await verify(t, { value: '!!!' })).json().result.verdict).toBe('invalid');
    // The same input is judged against the configured brand, not the demo one.
    expect((await verify(custom, { value: 'lanternfish.example' })).json().result.verdict).toBe('not_official');
    expect((await verify(custom, { value: 'kestrel-support.test' })).json().result).toMatchObject({ verdict: 'lookalike', channel: { value: 'kestrel.test' } });
  });

  it('refuses bad bodies with localized errors and limits the length', async () => {
    const missing = await verify(t, {}, { 'accept-language': 'zh-CN' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'validation_failed', details: [{ path: 'value', message: '请输入要检查的内容：链接、域名、邮箱地址或 @账号。' }] });
    const long = await verify(t, { value: `${'a'.repeat(600)}.com` }, {}, '?locale=zh-cn');
    expect(long.statusCode).toBe(400);
    expect(long.json().details[0].message).toContain('最多 500 个字符');
    const wrongType = await verify(t, { value: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().details[0].message).toBe('The value must be text.');
    const badLocale = await verify(t, { value: 'example.org', locale: 'fr' });
    expect(badLocale.statusCode).toBe(400);
    expect(badLocale.json().details[0].path).toBe('locale');
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v2/channels/verify', payload: 'value=x', headers: { 'content-type': 'text/plain' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().details[0].path).toBe('value');
  });

  it('renders the page in both languages with every channel and the warnings, cacheable without a query', async () => {
    const brand = t.app.services.config.brand;
    const en = await t.app.inject({ url: '/hc/en-us/official-channels' });
    expect(en.statusCode).toBe(200);
    expect(en.headers['cache-control']).toBe('public, max-age=60');
    expect(en.headers['content-security-policy']).toContain("script-src 'none'");
    expect(en.body).toContain('<h1 id="page-title">Official channels</h1>');
    for (const domain of brand.officialDomains) expect(en.body).toContain(`href="https://${domain}"`);
    expect(en.body).toContain(`href="mailto:${brand.supportEmail}"`);
    expect(en.body).toContain('href="https://x.com/lanternfish_ex"');
    expect(en.body).toContain('We have no Telegram account');
    expect(en.body).toContain('move funds to a “safe”');
    expect(en.body).toContain('Message you first');
    expect(en.body).toContain('<form method="get" action="/hc/en-us/official-channels#verdict">');
    expect(en.body).not.toContain('class="verdict');
    expect(en.body).toContain('hreflang="zh-CN" href="http://pharos.test/hc/zh-cn/official-channels"');
    const css = /href="(\/hc\/assets\/channels\.css\?v=[0-9a-f]{16})"/.exec(en.body)![1]!;
    const sheet = await t.app.inject({ url: css });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toContain('text/css');
    expect(sheet.body).toContain('.verdict-lookalike');
    const zh = await t.app.inject({ url: '/hc/zh-cn/official-channels' });
    expect(zh.body).toContain('<h1 id="page-title">官方渠道</h1>');
    expect(zh.body).toContain('我们的员工绝不会');
    expect((await t.app.inject({ url: '/hc/zh-CN/official-channels?q=x' })).headers.location).toBe('/hc/zh-cn/official-channels?q=x');
    expect((await t.app.inject({ url: '/hc/fr/official-channels' })).statusCode).toBe(404);

    const kestrel = await custom.app.inject({ url: '/hc/en-us/official-channels' });
    expect(kestrel.body).toContain('href="https://t.me/kestrel_official"');
    expect(kestrel.body).not.toContain('We have no Telegram account');
    expect(kestrel.body).toContain('Download our apps only through links on kestrel.test');
  });

  it('shows the verdict on the page for ?q= (no JavaScript), escaped and never linked', async () => {
    const hostile = 'https://lanternfish.example@attacker.io/"><script>alert(1)</script>';
    const res = await t.app.inject({ url: `/hc/en-us/official-channels?q=${encodeURIComponent(hostile)}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toContain('data-verdict="lookalike"');
    expect(res.body).toContain('class="verdict verdict-lookalike"');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script&gt;');
    expect(res.body).not.toContain('href="https://lanternfish.example@attacker.io');
    expect(res.body).toContain('<meta name="robots" content="noindex">');
    // The box keeps the value; the language switch keeps the query.
    expect(res.body).toContain(`href="/hc/zh-cn/official-channels?${new URLSearchParams({ q: hostile }).toString()}"`);
    expect(res.body).toContain('value="https://lanternfish.example@attacker.io/&quot;&gt;&lt;script&gt;');

    const zh = await t.app.inject({ url: `/hc/zh-cn/official-channels?q=${encodeURIComponent('support@lanternfish.example')}` });
    expect(zh.body).toContain('data-verdict="official"');
    expect(zh.body).toContain('官方：这是我们的渠道');
    expect(zh.body).toContain('是我们的官方客服邮箱');
    const empty = await t.app.inject({ url: '/hc/en-us/official-channels?q=' });
    expect(empty.body).toContain('data-verdict="invalid"');
    expect(empty.body).toContain('Enter a link, domain, email address or @handle to check.');
    const long = await t.app.inject({ url: `/hc/en-us/official-channels?q=${'a'.repeat(900)}` });
    expect(long.statusCode).toBe(200);
    expect(long.body).toContain('at most 500 characters');
  });
});
