import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, FIXTURE_CONTENT_DIR, TEST_ADMIN_TOKEN } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe.each(DIALECTS)('help center API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR });
  });
  afterAll(async () => t?.close());

  it('lists categories and sections per locale in Zendesk shape', async () => {
    const en = await t.app.inject({ url: '/api/v2/help_center/en-us/categories' });
    expect(en.statusCode).toBe(200);
    const body = en.json();
    expect(body.categories.map((c: { name: string }) => c.name)).toEqual(['Deposits & withdrawals', 'Security']);
    expect(body).toMatchObject({ count: 2, page: 1, next_page: null, previous_page: null });
    expect(body.categories[0].html_url).toBe('http://pharos.test/hc/en-us/categories/funding');
    const zh = await t.app.inject({ url: '/api/v2/help_center/zh-CN/categories' });
    expect(zh.json().categories[0].name).toBe('充值与提现');
    const sections = await t.app.inject({ url: `/api/v2/help_center/zh-cn/categories/${body.categories[0].id}/sections` });
    expect(sections.json().sections.map((s: { name: string }) => s.name)).toEqual(['提现', '充值']);
  });

  it('serves published articles with sanitized HTML, brand filled in and labels', async () => {
    const list = await t.app.inject({ url: '/api/v2/help_center/en-us/articles?per_page=2' });
    const body = list.json();
    expect(body.count).toBe(3);
    expect(body.articles).toHaveLength(2);
    expect(body.next_page).toContain('page=2');
    const one = await t.app.inject({ url: '/api/v2/help_center/en-us/articles/withdrawal-pending' });
    const article = one.json().article;
    expect(article.title).toBe('My withdrawal is still pending');
    expect(article.body).toContain('Lanternfish Exchange');
    expect(article.body).toContain('href="/hc/en-us/articles/deposit-not-credited"');
    expect(article.label_names).toEqual(['withdrawal', 'pending']);
    expect(article.body_markdown).toBeUndefined();
    const xss = (await t.app.inject({ url: '/api/v2/help_center/en-us/articles/enable-2fa' })).json().article;
    expect(xss.body).not.toContain('<script');
  });

  it('hides drafts from the public and shows them to admins', async () => {
    const publicList = (await t.app.inject({ url: '/api/v2/help_center/zh-cn/articles' })).json();
    expect(publicList.articles.map((a: { slug: string }) => a.slug)).not.toContain('enable-2fa');
    const hidden = await t.app.inject({ url: '/api/v2/help_center/zh-cn/articles/enable-2fa' });
    expect(hidden.statusCode).toBe(404);
    const adminView = await t.app.inject({ url: '/api/v2/help_center/zh-cn/articles/enable-2fa', headers: auth });
    expect(adminView.json().article.draft).toBe(true);
  });

  it('searches in both languages with snippets and filters', async () => {
    const zh = await t.app.inject({ url: `/api/v2/help_center/articles/search?query=${encodeURIComponent('提币')}&locale=zh-cn` });
    const zhBody = zh.json();
    expect(zhBody.count).toBeGreaterThan(0);
    expect(zhBody.results[0]).toMatchObject({ slug: 'withdrawal-pending', locale: 'zh-cn', result_type: 'article' });
    expect(zhBody.results[0].snippet).toContain('<mark>');
    expect(Object.keys(zhBody.results[0])).toEqual(expect.arrayContaining(['id', 'title', 'html_url', 'snippet', 'section_id', 'locale', 'label_names']));
    const en = (await t.app.inject({ url: '/api/v2/help_center/articles/search?query=deposit&locale=en-us' })).json();
    expect(en.results[0].slug).toBe('deposit-not-credited');
    const filtered = (await t.app.inject({ url: '/api/v2/help_center/articles/search?query=deposit&locale=en-us&category=security' })).json();
    expect(filtered.count).toBe(0);
    const missing = await t.app.inject({ url: '/api/v2/help_center/articles/search?locale=en-us' });
    expect(missing.statusCode).toBe(400);
  });

  it('answers errors in the caller language with a code', async () => {
    const zh = await t.app.inject({ url: '/api/v2/help_center/zh-cn/articles/nope' });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toMatchObject({ error: 'not_found', message: '您请求的文章不存在。' });
    const en = await t.app.inject({ url: '/api/v2/help_center/en-us/articles/nope' });
    expect(en.json().message).toBe('The article you asked for does not exist.');
    const badLocale = await t.app.inject({ url: '/api/v2/help_center/fr-fr/articles', headers: { 'accept-language': 'zh-CN' } });
    expect(badLocale.statusCode).toBe(400);
    expect(badLocale.json().error).toBe('validation_failed');
    expect(badLocale.json().message).toMatch(/^请求无效/);
    const noRoute = await t.app.inject({ url: '/api/v2/nothing-here', headers: { 'accept-language': 'en' } });
    expect(noRoute.json()).toMatchObject({ error: 'route_not_found', statusCode: 404 });
  });

  it('requires the admin token for writes, and keeps a revision history', async () => {
    const denied = await t.app.inject({ method: 'POST', url: '/api/v2/help_center/en-us/sections/withdrawals/articles', payload: { article: { title: 'x', body: 'y' } } });
    expect(denied.statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v2/help_center/en-us/sections/withdrawals/articles', headers: { authorization: 'Bearer wrong' }, payload: { article: { title: 'x', body: 'y' } } });
    expect(wrong.statusCode).toBe(401);
    const invalid = await t.app.inject({ method: 'POST', url: '/api/v2/help_center/en-us/sections/withdrawals/articles', headers: auth, payload: { article: { title: '' } } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details.length).toBeGreaterThan(0);

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v2/help_center/en-us/sections/withdrawals/articles',
      headers: auth,
      payload: { article: { title: 'Minimum withdrawal amounts', body: 'Each asset has a **minimum** withdrawal amount.', label_names: ['minimum'] } },
    });
    expect(created.statusCode).toBe(201);
    const article = created.json().article;
    expect(article.slug).toBe('minimum-withdrawal-amounts');
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/v2/help_center/en-us/sections/withdrawals/articles', headers: auth, payload: { article: { title: 'Minimum withdrawal amounts', body: 'again' } } });
    expect(duplicate.statusCode).toBe(409);

    const found = (await t.app.inject({ url: '/api/v2/help_center/articles/search?query=minimum&locale=en-us' })).json();
    expect(found.results[0].id).toBe(article.id);

    const updated = await t.app.inject({ method: 'PUT', url: `/api/v2/help_center/zh-cn/articles/${article.id}`, headers: auth, payload: { article: { title: '最低提币数量', body: '每种资产都有最低提币数量。' } } });
    expect(updated.statusCode).toBe(200);
    await t.app.inject({ method: 'PUT', url: `/api/v2/help_center/en-us/articles/${article.id}`, headers: auth, payload: { article: { body: 'Each asset has a minimum withdrawal amount and a fee.' } } });
    const unchanged = await t.app.inject({ method: 'PUT', url: `/api/v2/help_center/en-us/articles/${article.id}`, headers: auth, payload: { article: { body: 'Each asset has a minimum withdrawal amount and a fee.' } } });
    expect(unchanged.json().article.revision).toBe(2);
    const revisions = (await t.app.inject({ url: `/api/v2/help_center/articles/${article.id}/revisions?locale=en-us`, headers: auth })).json().revisions;
    expect(revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    expect(revisions[1].body_markdown).toContain('**minimum**');

    const zhFound = (await t.app.inject({ url: `/api/v2/help_center/articles/search?query=${encodeURIComponent('最低提币')}&locale=zh-cn` })).json();
    expect(zhFound.results.map((r: { id: string }) => r.id)).toContain(article.id);

    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v2/help_center/articles/${article.id}`, headers: auth });
    expect(removed.statusCode).toBe(204);
    const gone = (await t.app.inject({ url: '/api/v2/help_center/articles/search?query=minimum&locale=en-us' })).json();
    expect(gone.results.map((r: { id: string }) => r.id)).not.toContain(article.id);
  });

  it('counts one vote per voter and lets the voter change it', async () => {
    const headers = { 'user-agent': `voter-${dialect}` };
    const up = await t.app.inject({ method: 'POST', url: '/api/v2/help_center/articles/withdrawal-pending/up', headers });
    expect(up.json().vote).toMatchObject({ value: 1, vote_sum: 1, vote_count: 1 });
    const down = await t.app.inject({ method: 'POST', url: '/api/v2/help_center/articles/withdrawal-pending/down', headers });
    expect(down.json().vote).toMatchObject({ value: -1, vote_sum: -1, vote_count: 1 });
    const other = await t.app.inject({ method: 'POST', url: '/api/v2/help_center/articles/withdrawal-pending/up', headers: { 'user-agent': 'someone else' } });
    expect(other.json().vote).toMatchObject({ vote_sum: 0, vote_count: 2 });
    const article = (await t.app.inject({ url: '/api/v2/help_center/en-us/articles/withdrawal-pending' })).json().article;
    expect(article).toMatchObject({ vote_sum: 0, vote_count: 2 });
  });

  it('exposes health, readiness, metrics and the OpenAPI document', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: dialect });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('pharos_http_request_duration_seconds');
    const openapi = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(openapi.paths)).toContain('/api/v2/help_center/articles/search');
  });
});
