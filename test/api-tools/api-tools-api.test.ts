import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR } from '../helpers/db.js';

const VECTORS = JSON.parse(readFileSync('/work/shared/vectors/kraken_errors.extracted.json', 'utf8')) as { errors: Array<{ error: string }> };

describe.each(DIALECTS)('API tools over HTTP (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });

  it('decodes a JSON response with links to existing articles and the other tools', async () => {
    const res = await post('/api/v2/tools/api-errors/decode', { input: '{"error":["EAPI:Invalid nonce","EGeneral:Permission denied"],"result":{}}' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.locale).toBe('en-us');
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(['EAPI:Invalid nonce', 'EGeneral:Permission denied']);
    const nonce = body.items[0];
    expect(nonce).toMatchObject({ category: 'EAPI', match: 'exact', fallback: false });
    expect(nonce.articles).toEqual([{ slug: 'api-invalid-nonce', title: 'Fixing “EAPI:Invalid nonce” errors', url: 'http://pharos.test/hc/en-us/articles/api-invalid-nonce' }]);
    expect(nonce.tools.map((x: { id: string }) => x.id)).toContain('api-signature');
    expect(nonce.tools[0].url).toMatch(/^http:\/\/pharos\.test\/hc\/en-us\/tools\//);
  });

  it('answers in Chinese by Accept-Language or the locale field', async () => {
    const byHeader = (await post('/api/v2/tools/api-errors/decode', { input: 'EAPI:Invalid nonce' }, { 'accept-language': 'zh-CN,zh;q=0.9' })).json();
    expect(byHeader.locale).toBe('zh-cn');
    expect(byHeader.items[0].meaning).toMatch(/nonce/);
    expect(byHeader.items[0].meaning).toMatch(/[\u4e00-\u9fff]/);
    expect(byHeader.items[0].articles[0].url).toContain('/hc/zh-cn/articles/api-invalid-nonce');
    const byField = (await post('/api/v2/tools/api-errors/decode', { input: '429', locale: 'zh' })).json();
    expect(byField.items[0]).toMatchObject({ type: 'http', status: 429, code: 'HTTP 429' });
    expect(byField.items[0].title).toMatch(/请求过多/);
  });

  it('decodes every shared vector through the API', async () => {
    const input = VECTORS.errors.map((e) => e.error).join('\n');
    const body = (await post('/api/v2/tools/api-errors/decode', { input })).json();
    // The response is capped; the first page must be the first vectors, exactly.
    expect(body.truncated).toBe(true);
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(VECTORS.errors.slice(0, body.items.length).map((e) => e.error));
  });

  it('marks fallbacks', async () => {
    const body = (await post('/api/v2/tools/api-errors/decode', { input: 'EOrder:Something brand new' })).json();
    expect(body.items[0]).toMatchObject({ code: null, category: 'EOrder', match: 'category', fallback: true });
    expect(body.items[0].note).toMatch(/^Fallback/);
  });

  it('refuses empty, too long and malformed input with a localized 400', async () => {
    const empty = await post('/api/v2/tools/api-errors/decode', { input: '   ' }, { 'accept-language': 'zh-CN' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('请求无效：请粘贴错误信息、HTTP 状态码或 JSON 响应。');
    const long = await post('/api/v2/tools/api-errors/decode', { input: 'E'.repeat(20_001) });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: 'validation_failed', message: 'The request is not valid: input is too long: at most 20000 characters.' });
    const longZh = await post('/api/v2/tools/api-errors/decode', { input: 'E'.repeat(20_001) }, { 'accept-language': 'zh-CN' });
    expect(longZh.json().message).toBe('请求无效：input 过长：最多 20000 个字符。');
    const wrongType = await post('/api/v2/tools/api-errors/decode', { input: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().message).toContain('input must be text.');
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v2/tools/api-errors/decode', payload: '{"input":', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
  });

  it('never echoes a secret pasted with the error', async () => {
    const secret = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
    const res = await post('/api/v2/tools/api-errors/decode', { input: `EGeneral:Invalid arguments:${secret}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ code: 'EGeneral:Invalid arguments' });
    expect(res.body).not.toContain(secret.slice(0, 20));
  });

  it('lists the catalogue, whole or by category', async () => {
    const all = (await t.app.inject({ url: '/api/v2/tools/api-errors?locale=zh-cn' })).json();
    expect(all.locale).toBe('zh-cn');
    const codes = new Set(all.errors.map((e: { code: string }) => e.code));
    for (const v of VECTORS.errors) expect(codes.has(v.error), v.error).toBe(true);
    expect(all.http.find((h: { status: number }) => h.status === 503).related).toContain('EService:Unavailable');
    const eapi = (await t.app.inject({ url: '/api/v2/tools/api-errors?category=eapi' })).json();
    expect(eapi.errors.length).toBeGreaterThan(5);
    expect(eapi.errors.every((e: { category: string }) => e.category === 'EAPI')).toBe(true);
    expect(eapi.categories.map((c: { id: string }) => c.id)).toEqual(['EAPI']);
    expect(eapi.errors.find((e: { code: string }) => e.code === 'EAPI:Invalid signature').articles[0].slug).toBe('api-invalid-key-or-signature');
  });

  it('simulates the rate-limit counter', async () => {
    const calls = [...Array.from({ length: 16 }, () => ({ method: 'Balance' })), { method: 'AddOrder' }, { method: 'Balance', at: 3.031 }];
    const res = await post('/api/v2/tools/rate-limit', { tier: 'Starter', calls, locale: 'zh-cn' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.tier).toMatchObject({ id: 'starter', max: 15, decayPerSecond: 0.33 });
    expect(body.tier.name).toMatch(/Starter/);
    expect([body.accepted, body.rejected]).toEqual([17, 1]);
    expect(body.calls[15]).toMatchObject({ accepted: false, error: 'EAPI:Rate limit exceeded', counterAfter: 15, waitSeconds: 3.031 });
    expect(body.calls[16]).toMatchObject({ counted: false, kind: 'trading', accepted: true });
    expect(body.calls[16].note).toMatch(/EOrder:Rate limit exceeded/);
    expect(body.calls[17]).toMatchObject({ accepted: true, at: 3.031 });
  });

  it('refuses bad simulations with localized reasons', async () => {
    const tier = await post('/api/v2/tools/rate-limit', { tier: 'gold', calls: [{ method: 'Balance' }] }, { 'accept-language': 'zh-CN' });
    expect(tier.statusCode).toBe(400);
    expect(tier.json().message).toBe('请求无效：tier 必须是以下之一：starter, intermediate, pro。');
    const order = await post('/api/v2/tools/rate-limit', { tier: 'pro', calls: [{ method: 'Balance', at: 5 }, { method: 'Balance', at: 1 }] });
    expect(order.statusCode).toBe(400);
    expect(order.json().message).toBe('The request is not valid: Call 2 is at 1 s, before the previous call (5 s). List calls in time order.');
    const many = await post('/api/v2/tools/rate-limit', { tier: 'pro', calls: Array.from({ length: 1001 }, () => ({ method: 'Balance' })) });
    expect(many.json().message).toContain('calls may have at most 1000 entries');
    const start = await post('/api/v2/tools/rate-limit', { tier: 'starter', calls: [{ method: 'Balance' }], initialCounter: 18 });
    expect(start.json().message).toContain('between 0 and 15');
    const at = await post('/api/v2/tools/rate-limit', { tier: 'starter', calls: [{ method: 'Balance', at: -3 }] });
    expect(at.json().message).toContain('calls[1].at must be at least 0');
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(doc.paths['/api/v2/tools/api-errors/decode'].post.tags).toEqual(['API tools']);
    expect(doc.paths['/api/v2/tools/api-errors'].get).toBeDefined();
    const schema = doc.paths['/api/v2/tools/rate-limit'].post.requestBody.content['application/json'].schema;
    expect(schema.properties.calls.maxItems).toBe(1000);
    expect(doc.paths['/api/v2/tools/api-errors/decode'].post.requestBody.content['application/json'].schema.properties.input.maxLength).toBe(20_000);
  });
});

describe('API tools with a custom content folder', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { CONTENT_DIR: FIXTURE_CONTENT_DIR, BRAND_NAME: 'Otter Markets' });
  });
  afterAll(async () => t?.close());

  it('uses the bundled catalogue and links only articles that exist there', async () => {
    const body = (await t.app.inject({ method: 'POST', url: '/api/v2/tools/api-errors/decode', payload: { input: 'EAPI:Invalid nonce' } })).json();
    expect(body.items[0].code).toBe('EAPI:Invalid nonce');
    // The fixture content has no API articles: nothing is linked rather than a broken link.
    expect(body.items[0].articles).toEqual([]);
    expect(body.items[0].tools.length).toBeGreaterThan(0);
  });
});
