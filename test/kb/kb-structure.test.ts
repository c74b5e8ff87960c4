import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR, TEST_ADMIN_TOKEN } from '../helpers/db.js';
import { createUserWithToken } from '../helpers/users.js';

const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

interface Names {
  locale: string;
  title: string;
  body: string;
  html_url: string;
}
interface Section {
  id: string;
  key: string;
  category_id: string;
  position: number;
  article_count: number;
  translations: Names[];
}
interface Category extends Omit<Section, 'category_id'> {
  sections: Section[];
}

const nameOf = (row: { translations: Names[] }, locale: string) => row.translations.find((n) => n.locale === locale)?.title;

describe.each(DIALECTS)('knowledge-base categories and sections on %s', (dialect) => {
  let t: TestApp;
  let agent: Record<string, string>;
  let customer: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR }, { mailWorker: false, backgroundJobs: false });
    agent = (await createUserWithToken(t.app.services.database.db, 'agent')).headers;
    customer = (await createUserWithToken(t.app.services.database.db, 'customer')).headers;
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = admin) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const structure = async () => (await call('GET', '/api/v2/help_center/structure')).json<{ categories: Category[] }>().categories;
  const names = (en: string, zh: string) => [
    { locale: 'en-us', title: en },
    { locale: 'zh-cn', title: zh },
  ];
  const search = async (query: string, locale: string, extra = '') =>
    (await call('GET', `/api/v2/help_center/articles/search?query=${encodeURIComponent(query)}&locale=${locale}${extra}`, undefined, {})).json<{ results: Array<{ id: string; section_id: string; category_id?: string }>; count: number }>();

  it('shows staff every category and section with both names and article counts', async () => {
    const categories = await structure();
    expect(categories.map((c) => [c.key, nameOf(c, 'en-us'), nameOf(c, 'zh-cn')])).toEqual([
      ['funding', 'Deposits & withdrawals', '充值与提现'],
      ['security', 'Security', '账户安全'],
    ]);
    expect(categories[0]!.sections.map((s) => [s.key, nameOf(s, 'zh-cn'), s.article_count])).toEqual([
      ['withdrawals', '提现', 1],
      ['deposits', '充值', 1],
    ]);
    // Drafts count too: the security article is a draft in Chinese.
    expect(categories[1]!.article_count).toBe(1);
    expect(categories[0]!.translations.find((n) => n.locale === 'en-us')!.html_url).toBe('http://pharos.test/hc/en-us/categories/funding');
    expect((await call('GET', '/api/v2/help_center/structure', undefined, agent)).statusCode).toBe(200);
    expect((await call('GET', '/api/v2/help_center/structure', undefined, customer)).statusCode).toBe(403);
    expect((await call('GET', '/api/v2/help_center/structure', undefined, {})).statusCode).toBe(401);
  });

  it('creates, renames and reorders categories and sections in both languages (admins only)', async () => {
    const denied = await call('POST', '/api/v2/help_center/categories', { category: { translations: names('Trading', '交易') } }, agent);
    expect(denied.statusCode).toBe(403);
    const missing = await call('POST', '/api/v2/help_center/categories', { category: { translations: [{ locale: 'en-us', title: 'Trading' }, { locale: 'zh-cn', title: '  ' }] } }, { ...admin, 'accept-language': 'zh-CN' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details).toEqual([{ path: 'category.translations.zh-cn.title', message: '请填写中文名称。' }]);
    expect(await structure()).toHaveLength(2);

    const created = await call('POST', '/api/v2/help_center/categories', { category: { translations: [{ locale: 'en-us', title: 'Trading', body: 'Spot and futures.' }, { locale: 'zh-CN', title: '交易', body: '现货与合约。' }] } });
    expect(created.statusCode, created.body).toBe(201);
    const trading = created.json<{ category: Category }>().category;
    expect(trading).toMatchObject({ key: 'trading', position: 2, article_count: 0, sections: [] });
    expect(trading.translations.map((n) => [n.locale, n.title, n.body])).toEqual([
      ['zh-cn', '交易', '现货与合约。'],
      ['en-us', 'Trading', 'Spot and futures.'],
    ]);
    // A taken key is a clear 409; without one a free key is derived.
    const taken = await call('POST', '/api/v2/help_center/categories', { category: { key: 'trading', translations: names('Trading again', '再次交易') } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toBe('The key "trading" is already used by another category.');

    const section = await call('POST', `/api/v2/help_center/categories/${trading.id}/sections`, { section: { translations: names('Spot orders', '现货订单') } });
    expect(section.statusCode, section.body).toBe(201);
    const first = section.json<{ section: Section }>().section;
    const second = (await call('POST', '/api/v2/help_center/categories/trading/sections', { section: { position: 0, translations: names('Fees', '手续费') } })).json<{ section: Section }>().section;
    expect((await structure()).find((c) => c.id === trading.id)!.sections.map((s) => [s.key, s.position])).toEqual([
      ['fees', 0],
      ['spot-orders', 1],
    ]);

    // The public help center shows them in each language.
    const zhSections = (await call('GET', `/api/v2/help_center/zh-cn/categories/${trading.id}/sections`, undefined, {})).json().sections;
    expect(zhSections.map((s: { name: string }) => s.name)).toEqual(['手续费', '现货订单']);
    expect((await call('GET', '/hc/zh-cn/categories/trading', undefined, {})).statusCode).toBe(200);

    // Rename only the Chinese name; the English one stays.
    const renamed = await call('PUT', `/api/v2/help_center/sections/${first.id}`, { section: { translations: [{ locale: 'zh-cn', title: '现货交易' }] } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect([nameOf(renamed.json().section, 'en-us'), nameOf(renamed.json().section, 'zh-cn')]).toEqual(['Spot orders', '现货交易']);
    const blank = await call('PUT', `/api/v2/help_center/sections/${first.id}`, { section: { translations: [{ locale: 'en-us', title: '' }] } });
    expect(blank.statusCode).toBe(400);

    // Move the new category to the top; positions are renumbered 0, 1, 2.
    const moved = await call('PUT', `/api/v2/help_center/categories/${trading.id}`, { category: { position: 0 } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await structure()).map((c) => [c.key, c.position])).toEqual([
      ['trading', 0],
      ['funding', 1],
      ['security', 2],
    ]);
    const publicOrder = (await call('GET', '/api/v2/help_center/en-us/categories', undefined, {})).json().categories.map((c: { name: string }) => c.name);
    expect(publicOrder).toEqual(['Trading', 'Deposits & withdrawals', 'Security']);

    // A section moves into another category (appended there) and back down within it.
    const across = await call('PUT', `/api/v2/help_center/sections/${second.id}`, { section: { category_id: (await structure())[1]!.id } });
    expect(across.json().section).toMatchObject({ category_id: (await structure())[1]!.id, position: 2 });
    expect((await structure())[0]!.sections.map((s) => [s.key, s.position])).toEqual([['spot-orders', 0]]);
    expect((await call('PUT', `/api/v2/help_center/sections/${second.id}`, { section: { category_id: trading.id, position: 0 } })).statusCode).toBe(200);
    expect((await structure())[0]!.sections.map((s) => s.key)).toEqual(['fees', 'spot-orders']);
  });

  it('writes staff changes to the audit log, and nothing for refused calls or customer votes', async () => {
    const db = t.app.services.database.db;
    const entries = () => db.selectFrom('audit_log').select(['action', 'subject', 'actor_label', 'details']).where('action', 'like', 'help_center.%').orderBy('seq').execute();
    const before = (await entries()).length;
    const created = await call('POST', '/api/v2/help_center/categories', { category: { translations: names('Audited', '审计') } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ category: { id: string } }>().category.id;
    expect((await call('PUT', `/api/v2/help_center/categories/${id}`, { category: { translations: names('Audited 2', '审计二') } }, agent)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v2/help_center/categories/${id}`)).statusCode).toBe(204);
    const article = (await call('GET', '/api/v2/help_center/en-us/articles', undefined, {})).json<{ articles: Array<{ id: string }> }>().articles[0]!;
    expect((await call('POST', `/api/v2/help_center/articles/${article.id}/up`, undefined, customer)).statusCode).toBeLessThan(300);
    const added = (await entries()).slice(before);
    expect(added.map((e) => [e.action, e.subject])).toEqual([
      ['help_center.create', 'help_center:categories'],
      ['help_center.delete', `help_center:categories/${id}`],
    ]);
    expect(JSON.parse(added[1]!.details)).toMatchObject({ route: 'DELETE /api/v2/help_center/categories/:id', params: { id } });
    // The chain still verifies with the new entries.
    const verify = await t.app.inject({ method: 'GET', url: '/api/v2/audit_logs/verify', headers: admin });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ valid: true });
  });

  it('refuses to delete a section or category that holds articles unless a move target is given', async () => {
    const before = await structure();
    const funding = before.find((c) => c.key === 'funding')!;
    const withdrawals = funding.sections.find((s) => s.key === 'withdrawals')!;
    const deposits = funding.sections.find((s) => s.key === 'deposits')!;

    const refused = await call('DELETE', `/api/v2/help_center/sections/${withdrawals.id}`, undefined, { ...admin, 'accept-language': 'zh-CN' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'conflict', message: '栏目“提现”中还有 1 篇文章。请先把文章移到其他栏目，或在删除时指定接收文章的栏目（move_to）。' });
    const toSelf = await call('DELETE', `/api/v2/help_center/sections/${withdrawals.id}?move_to=${withdrawals.id}`);
    expect(toSelf.statusCode).toBe(400);
    const toNowhere = await call('DELETE', `/api/v2/help_center/sections/${withdrawals.id}?move_to=sec_missing`);
    expect(toNowhere.statusCode).toBe(400);
    expect((await call('DELETE', `/api/v2/help_center/sections/${withdrawals.id}`, undefined, agent)).statusCode).toBe(403);
    expect((await structure()).find((c) => c.key === 'funding')!.sections).toHaveLength(2);

    // With a target, the article moves (still published, still found) and the section goes.
    const merged = await call('DELETE', `/api/v2/help_center/sections/${withdrawals.id}?move_to=deposits`);
    expect(merged.statusCode, merged.body).toBe(204);
    const article = (await call('GET', '/api/v2/help_center/en-us/articles/withdrawal-pending', undefined, {})).json().article;
    expect(article.section_id).toBe(deposits.id);
    expect((await call('GET', `/api/v2/help_center/en-us/sections/${withdrawals.id}`, undefined, {})).statusCode).toBe(404);
    const inSection = await search('withdrawal pending', 'en-us', `&section=${deposits.id}`);
    expect(inSection.results.map((r) => r.id)).toContain(article.id);
    expect((await structure()).find((c) => c.key === 'funding')!.sections.map((s) => [s.key, s.position, s.article_count])).toEqual([['deposits', 0, 2]]);

    // A category with articles: refused, then its sections move to another category.
    const security = (await structure()).find((c) => c.key === 'security')!;
    const refusedCategory = await call('DELETE', `/api/v2/help_center/categories/${security.id}`);
    expect(refusedCategory.statusCode).toBe(409);
    expect(refusedCategory.json().message).toBe('The category “Security” still holds 1 article(s) in its sections. Move them first, or delete it with a category to move its sections to (move_to).');
    const movedCategory = await call('DELETE', `/api/v2/help_center/categories/${security.id}?move_to=funding`);
    expect(movedCategory.statusCode, movedCategory.body).toBe(204);
    const after = await structure();
    expect(after.map((c) => c.key)).toEqual(['trading', 'funding']);
    expect(after[1]!.sections.map((s) => s.key)).toEqual(['deposits', 'account-protection']);
    const found = await search('two-factor', 'en-us', `&category=funding`);
    expect(found.count).toBeGreaterThan(0);

    // Empty ones go without a target (with their empty sections).
    const trading = after.find((c) => c.key === 'trading')!;
    expect(trading.article_count).toBe(0);
    expect((await call('DELETE', `/api/v2/help_center/categories/${trading.id}`)).statusCode).toBe(204);
    expect((await structure()).map((c) => [c.key, c.position])).toEqual([['funding', 0]]);
    expect((await call('GET', '/hc/en-us/categories/trading', undefined, {})).statusCode).toBe(404);
    expect((await call('GET', '/api/v2/help_center/en-us/sections/fees', undefined, {})).statusCode).toBe(404);
  });

  it('deletes an article: gone from search, the API and the public help center in both languages', async () => {
    const en = await search('deposit', 'en-us');
    const zh = await search('充值', 'zh-cn');
    const target = (await call('GET', '/api/v2/help_center/en-us/articles/deposit-not-credited', undefined, {})).json().article;
    expect(en.results.map((r) => r.id)).toContain(target.id);
    expect(zh.results.map((r) => r.id)).toContain(target.id);
    expect((await call('GET', '/hc/zh-cn/articles/deposit-not-credited', undefined, {})).statusCode).toBe(200);

    expect((await call('DELETE', `/api/v2/help_center/articles/${target.id}`, undefined, agent)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v2/help_center/articles/${target.id}`)).statusCode).toBe(204);
    expect((await search('deposit', 'en-us')).results.map((r) => r.id)).not.toContain(target.id);
    expect((await search('充值', 'zh-cn')).results.map((r) => r.id)).not.toContain(target.id);
    for (const locale of ['en-us', 'zh-cn']) {
      expect((await call('GET', `/hc/${locale}/articles/deposit-not-credited`, undefined, {})).statusCode).toBe(404);
      expect((await call('GET', `/api/v2/help_center/${locale}/articles/${target.id}`)).statusCode).toBe(404);
      const list = (await call('GET', `/api/v2/help_center/${locale}/articles`, undefined, {})).json().articles.map((a: { id: string }) => a.id);
      expect(list).not.toContain(target.id);
    }
    const home = await call('GET', '/hc/en-us', undefined, {});
    expect(home.body).not.toContain('deposit-not-credited');
    expect((await call('DELETE', `/api/v2/help_center/articles/${target.id}`)).statusCode).toBe(404);
    expect((await structure())[0]!.sections.find((s) => s.key === 'deposits')!.article_count).toBe(1);
  });
});
