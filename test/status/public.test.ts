import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { Browser, csrfOf, formAction, postForm } from '../portal/helpers.js';
import { createAgentApp } from '../staff/helpers.js';
import { ADMIN, clearNotices, createNotice, hoursFromNow, noticeInput } from './helpers.js';

/** The banner section of a rendered page, or null; the request form's notice panel. */
const bannerOf = (html: string) => /<section class="status-banner[^"]*"[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;
const noticePanelOf = (html: string) => /<section class="status-notices" id="status-notices"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe.each(DIALECTS)('status notices in public on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => clearNotices(t.app));

  const db = () => t.app.services.database.db;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const resolve = (id: string) => t.app.inject({ method: 'POST', url: `/api/v2/status_notices/${id}/resolve`, headers: ADMIN, payload: {} });
  const postUpdate = (id: string, en: string, zh: string) => t.app.inject({ method: 'POST', url: `/api/v2/status_notices/${id}/updates`, headers: ADMIN, payload: { update: { body: { 'en-us': en, 'zh-cn': zh } } } });

  describe('GET /api/v2/status', () => {
    it('is online with no notices', async () => {
      const res = await get('/api/v2/status');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.status).toBe('online');
      expect(body.notices).toEqual([]);
      expect(Math.abs(Date.parse(body.timestamp) - Date.now())).toBeLessThan(60_000);
    });

    it('takes the most severe active notice: maintenance > cancel_only > post_only > online', async () => {
      const status = async () => (await get('/api/v2/status')).json().status as string;
      await createNotice(t.app, noticeInput({ impact: 'degraded' }));
      expect(await status()).toBe('online');
      await createNotice(t.app, noticeInput({ impact: 'post_only' }));
      expect(await status()).toBe('post_only');
      await createNotice(t.app, noticeInput({ impact: 'cancel_only' }));
      expect(await status()).toBe('cancel_only');
      // Scheduled maintenance does not count until it starts.
      const later = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(5), ends_at: hoursFromNow(6) }));
      expect(await status()).toBe('cancel_only');
      const now = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(-0.5), ends_at: hoursFromNow(1) }));
      expect(await status()).toBe('maintenance');

      const body = (await get('/api/v2/status?locale=zh-cn')).json();
      expect(body.notices).toHaveLength(5);
      expect(body.notices[0]).toMatchObject({ id: now.id, state: 'active', impact: 'maintenance', system_status: 'maintenance', title: now.title['zh-cn'], locale: 'zh-cn' });
      expect(body.notices.at(-1)).toMatchObject({ id: later.id, state: 'scheduled' });
      expect(body.notices.map((n: { system_status: string }) => n.system_status)).toEqual(['maintenance', 'cancel_only', 'post_only', 'online', 'maintenance']);

      expect((await resolve(now.id)).statusCode).toBe(200);
      expect(await status()).toBe('cancel_only');
    });
  });

  describe('Help Center banner', () => {
    it('appears on every page while a notice is active, escaped, and disappears when it is resolved', async () => {
      const pages = ['/hc/en-us', '/hc/en-us/search?query=deposit', '/hc/en-us/requests/new', '/hc/en-us/signin', '/hc/en-us/articles/no-such-article'];
      for (const url of pages) expect(bannerOf((await get(url)).body), url).toBeNull();

      const hostile = '<script>alert(1)</script> & "quoted"';
      const notice = await createNotice(t.app, noticeInput({ impact: 'cancel_only', title: { 'en-us': `Orders paused ${hostile}`, 'zh-cn': '暂停下单 <b>注意</b>' } }));
      const home = (await get('/hc/en-us')).body;
      const article = /href="(\/hc\/en-us\/articles\/[^"]+)"/.exec(home)![1]!;
      const category = /href="(\/hc\/en-us\/categories\/[^"]+)"/.exec(home)![1]!;
      for (const url of [...pages, article, category]) {
        const html = (await get(url)).body;
        const banner = bannerOf(html);
        expect(banner, url).not.toBeNull();
        expect(banner).toContain('Orders paused &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;');
        expect(banner).toContain(`href="/hc/en-us/status#notice-${notice.id}"`);
        expect(banner).toContain('href="/hc/en-us/status"');
        expect(banner).toContain('sev-high');
        expect(html).not.toContain('<script>alert(1)</script>');
        expect(html).toMatch(/<head>[\s\S]*href="\/hc\/assets\/status\.css\?v=[0-9a-f]{16}"[\s\S]*<\/head>/);
      }
      const zh = bannerOf((await get('/hc/zh-cn')).body)!;
      expect(zh).toContain('暂停下单 &lt;b&gt;注意&lt;/b&gt;');
      expect(zh).toContain('服务状态');
      expect(zh).toContain('href="/hc/zh-cn/status"');

      expect((await resolve(notice.id)).statusCode).toBe(200);
      for (const url of pages) expect(bannerOf((await get(url)).body), url).toBeNull();
    });

    it('shows maintenance within 72 hours as upcoming, not later ones', async () => {
      const soon = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'maintenance', title: { 'en-us': 'Wallet upgrade soon', 'zh-cn': '钱包即将升级' }, starts_at: hoursFromNow(10), ends_at: hoursFromNow(12) }));
      const far = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'maintenance', title: { 'en-us': 'Wallet upgrade later', 'zh-cn': '钱包稍后升级' }, starts_at: hoursFromNow(100), ends_at: hoursFromNow(101) }));
      const banner = bannerOf((await get('/hc/en-us')).body)!;
      expect(banner).toContain(`data-notice="${soon.id}" data-state="scheduled"`);
      expect(banner).toContain('Upcoming');
      expect(banner).not.toContain('Wallet upgrade later');
      // Upcoming only: not a trading stop yet, so not the red banner.
      expect(banner).not.toContain('sev-high');
      const page = (await get('/hc/en-us/status')).body;
      expect(page).toContain(`id="notice-${far.id}"`);
      expect(page).toContain(`id="notice-${soon.id}"`);
    });

    it('picks up notices written by another process when the board refreshes', async () => {
      const now = new Date().toISOString();
      await db()
        .insertInto('status_notices')
        .values({ id: 'stn_other_process', kind: 'incident', impact: 'degraded', title: JSON.stringify({ 'en-us': 'Written elsewhere', 'zh-cn': '其他进程写入' }), body: JSON.stringify({ 'en-us': 'x', 'zh-cn': 'x' }), request_types: '[]', assets: '[]', networks: '[]', starts_at: now, ends_at: null, resolved_at: null, created_by: null, created_at: now, updated_at: now })
        .execute();
      // The cache is not re-read per page…
      expect(bannerOf((await get('/hc/en-us')).body)).toBeNull();
      // …but by the periodic refresh (here every 50 ms; bounded wait).
      const stop = t.app.statusBoard.start(50, () => undefined);
      try {
        let banner: string | null = null;
        for (let i = 0; i < 100 && !banner; i++) {
          await new Promise((r) => setTimeout(r, 20));
          banner = bannerOf((await get('/hc/en-us')).body);
        }
        expect(banner).toContain('Written elsewhere');
      } finally {
        stop();
      }
    });
  });

  describe('status page', () => {
    it('lists active, upcoming and recently resolved notices with their timelines', async () => {
      const active = await createNotice(t.app, noticeInput({ title: { 'en-us': 'TRC-20 deposits delayed', 'zh-cn': 'TRC-20 充值延迟' }, assets: ['USDT'], networks: ['tron'], request_types: ['deposit_withdrawal'] }));
      await postUpdate(active.id, 'Node resynced, **catching up**.', '节点已重新同步，正在追赶进度。');
      const upcoming = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(24), ends_at: hoursFromNow(26) }));
      const done = await createNotice(t.app, noticeInput({ title: { 'en-us': 'Login slowness', 'zh-cn': '登录缓慢' } }));
      await resolve(done.id);

      const res = await get('/hc/en-us/status');
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('data-system-status="online"');
      const section = (id: string) => new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(html)![1]!;
      expect(section('status-active')).toContain(`id="notice-${active.id}"`);
      expect(section('status-active')).toContain('Node resynced, <strong>catching up</strong>.');
      expect(section('status-active')).toMatch(/Deposits? (&amp;|and) withdrawals?|deposit/i);
      expect(section('status-active')).toContain('USDT');
      expect(section('status-upcoming')).toContain(`id="notice-${upcoming.id}"`);
      expect(section('status-resolved')).toContain(`id="notice-${done.id}"`);
      expect(section('status-resolved')).not.toContain(`id="notice-${active.id}"`);
      expect(html).toContain('href="/hc/en-us/status/feed.atom"');

      const zh = (await get('/hc/zh-cn/status')).body;
      expect(zh).toContain('TRC-20 充值延迟');
      expect(zh).toContain('节点已重新同步');
      expect(zh).toContain('lang="zh-CN"');
    });

    it('redirects the locale-less and variant addresses; unknown locales are 404', async () => {
      const bare = await get('/hc/status', { 'accept-language': 'zh-CN,zh;q=0.9' });
      expect(bare.statusCode).toBe(302);
      expect(bare.headers.location).toBe('/hc/zh-cn/status');
      const variant = await get('/hc/zh-CN/status');
      expect(variant.statusCode).toBe(301);
      expect(variant.headers.location).toBe('/hc/zh-cn/status');
      expect((await get('/hc/fr-fr/status')).statusCode).toBe(404);
      expect((await get('/hc/en-us/status/feed.atom')).headers['content-type']).toContain('application/atom+xml');
    });
  });

  describe('Atom feed', () => {
    it('is valid Atom with one entry per notice and per update, escaped', async () => {
      const tricky = 'Fees <0.1%> & "quotes" \u0007bell';
      const a = await createNotice(t.app, noticeInput({ title: { 'en-us': tricky, 'zh-cn': '手续费 <调整> & 通知' } }));
      await postUpdate(a.id, 'First update & more', '第一次更新');
      await postUpdate(a.id, 'Second update', '第二次更新');
      const b = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'maintenance', starts_at: hoursFromNow(30), ends_at: hoursFromNow(31) }));
      const closed = await t.app.inject({ method: 'POST', url: `/api/v2/status_notices/${a.id}/resolve`, headers: ADMIN, payload: { update: { body: { 'en-us': 'Fixed <for good>', 'zh-cn': '已修复' } } } });
      expect(closed.statusCode).toBe(200);

      const res = await get('/hc/en-us/status/feed.atom');
      expect(res.statusCode).toBe(200);
      const doc = parseDocument(res.body, { xmlMode: true });
      const feed = DomUtils.getElementsByTagName('feed', doc.children, false)[0]!;
      expect(feed).toBeDefined();
      expect(feed.attribs.xmlns).toBe('http://www.w3.org/2005/Atom');
      const child = (parent: typeof feed, name: string) => DomUtils.getChildren(parent).find((n) => DomUtils.isTag(n) && n.name === name) as typeof feed | undefined;
      const text = (parent: typeof feed, name: string) => DomUtils.textContent(child(parent, name)!);
      expect(text(feed, 'id')).toBe('http://pharos.test/hc/en-us/status');
      expect(text(feed, 'title')).toContain('system status');
      const self = DomUtils.getChildren(feed).find((n) => DomUtils.isTag(n) && n.name === 'link' && n.attribs.rel === 'self') as typeof feed;
      expect(self.attribs.href).toBe('http://pharos.test/hc/en-us/status/feed.atom');
      expect(DomUtils.textContent(child(child(feed, 'author')!, 'name')!)).toBe(t.db.config.brand.name);

      const entries = DomUtils.getChildren(feed).filter((n) => DomUtils.isTag(n) && n.name === 'entry') as Array<typeof feed>;
      // a: the notice, two updates and the resolution; b: the notice.
      expect(entries).toHaveLength(5);
      const ids = entries.map((e) => text(e, 'id'));
      expect(new Set(ids).size).toBe(5);
      expect(ids).toContain(`http://pharos.test/hc/en-us/status#notice-${a.id}`);
      expect(ids).toContain(`http://pharos.test/hc/en-us/status#notice-${b.id}`);
      for (const e of entries) {
        expect(Number.isNaN(Date.parse(text(e, 'updated')))).toBe(false);
        expect(child(e, 'link')!.attribs.href).toMatch(/^http:\/\/pharos\.test\/hc\/en-us\/status#notice-stn_/);
      }
      const updated = entries.map((e) => text(e, 'updated'));
      expect([...updated].sort().reverse()).toEqual(updated);
      expect(text(feed, 'updated')).toBe(updated[0]);

      const main = entries.find((e) => text(e, 'id').endsWith(a.id))!;
      // The control character is dropped; markup characters survive as text.
      expect(text(main, 'title')).toBe('Incident: Fees <0.1%> & "quotes" bell (Resolved)');
      expect(text(main, 'content')).toContain('<strong>delayed</strong>');
      expect(entries.map((e) => text(e, 'title'))).toEqual(expect.arrayContaining(['Update: Fees <0.1%> & "quotes" bell', 'Resolved: Fees <0.1%> & "quotes" bell']));
      expect(res.body).not.toContain('\u0007');

      const zh = parseDocument((await get('/hc/zh-cn/status/feed.atom')).body, { xmlMode: true });
      const zhFeed = DomUtils.getElementsByTagName('feed', zh.children, false)[0]!;
      expect(zhFeed.attribs['xml:lang']).toBe('zh-CN');
      expect(DomUtils.getElementsByTagName('title', zhFeed).map((n) => DomUtils.textContent(n))).toEqual(expect.arrayContaining([expect.stringContaining('手续费 <调整> & 通知')]));
    });
  });

  describe('request form notice', () => {
    it('shows a matching notice only for the affected type and asset', async () => {
      const notice = await createNotice(t.app, noticeInput({ kind: 'maintenance', impact: 'degraded', title: { 'en-us': 'USDT wallet maintenance', 'zh-cn': 'USDT 钱包维护' }, request_types: ['deposit_withdrawal'], assets: ['USDT'], starts_at: hoursFromNow(-1), ends_at: hoursFromNow(2) }));
      const form = async (query: string, locale = 'en-us') => noticePanelOf((await get(`/hc/${locale}/requests/new?${query}`)).body);

      const matching = await form('type=deposit_withdrawal&field_asset=USDT');
      expect(matching).toContain('USDT wallet maintenance');
      expect(matching).not.toContain(' hidden>');
      expect(matching).toContain(`action="/hc/en-us/status/notices/${notice.id}/deflect"`);
      expect(await form('type=deposit_withdrawal&field_asset=usdt', 'zh-cn')).toContain('USDT 钱包维护');
      for (const query of ['type=deposit_withdrawal&field_asset=BTC', 'type=deposit_withdrawal', 'type=trading', 'type=other&field_asset=USDT']) {
        const panel = await form(query);
        expect(panel, query).toContain(' hidden>');
        expect(panel, query).not.toContain('USDT wallet maintenance');
      }

      // The same for the form re-rendered after a post with errors.
      const browser = new Browser(t.app);
      const page = (await browser.get('/hc/en-us/requests/new?type=deposit_withdrawal')).res.body;
      const post = await postForm(browser, formAction(page, 'request-form'), { _csrf: csrfOf(page), request_type: 'deposit_withdrawal', subject: 'x', description: '', field_asset: 'USDT', intent: 'submit' });
      expect(post.statusCode).toBe(400);
      expect(noticePanelOf(post.body)).toContain('USDT wallet maintenance');
      const other = await postForm(browser, formAction(page, 'request-form'), { _csrf: csrfOf(page), request_type: 'deposit_withdrawal', subject: 'x', description: '', field_asset: 'ETH', intent: 'submit' });
      expect(noticePanelOf(other.body)).not.toContain('USDT wallet maintenance');

      // The JSON endpoint the form script uses.
      const api = async (query: string) => (await get(`/api/v2/status/notices?state=active&${query}`)).json().notices.map((n: { id: string }) => n.id);
      expect(await api('type=deposit_withdrawal&asset=usdt')).toEqual([notice.id]);
      expect(await api('type=deposit_withdrawal&asset=BTC')).toEqual([]);
      expect(await api('type=trading&asset=USDT')).toEqual([]);
      expect(await api('')).toEqual([notice.id]);
      expect((await get('/api/v2/status/notices?state=bogus')).statusCode).toBe(400);
      const zhBogus = (await get('/api/v2/status/notices?state=active,bogus', { 'accept-language': 'zh-CN' })).json();
      expect(zhBogus).toMatchObject({ error: 'validation_failed', details: [{ path: 'querystring.state', message: expect.stringContaining('未知的状态“bogus”') }] });
    });

    it('matches network-scoped notices on the chosen network', async () => {
      const notice = await createNotice(t.app, noticeInput({ networks: ['tron'], title: { 'en-us': 'Tron congestion', 'zh-cn': '波场拥堵' } }));
      expect(noticePanelOf((await get('/hc/en-us/requests/new?type=deposit_withdrawal&field_network=tron')).body)).toContain('Tron congestion');
      expect(noticePanelOf((await get('/hc/en-us/requests/new?type=deposit_withdrawal&field_network=ethereum')).body)).not.toContain('Tron congestion');
      const res = (await get('/api/v2/status/notices?network=TRON&locale=zh-cn')).json();
      expect(res.notices).toMatchObject([{ id: notice.id, title: '波场拥堵', networks: ['tron'] }]);
    });

    it('records a notice deflection without creating a ticket (with and without JavaScript)', async () => {
      const notice = await createNotice(t.app, noticeInput({ request_types: ['deposit_withdrawal'], assets: ['USDT'] }));
      const tickets = async () => (await db().selectFrom('tickets').select('id').execute()).length;
      const before = await tickets();

      // Without JavaScript: the small form in the notice panel.
      const browser = new Browser(t.app);
      const page = (await browser.get('/hc/en-us/requests/new?type=deposit_withdrawal&field_asset=USDT')).res.body;
      const action = formAction(page, /class="notice-deflect"/);
      expect(action).toBe(`/hc/en-us/status/notices/${notice.id}/deflect`);
      const posted = await postForm(browser, action, { _csrf: csrfOf(page), request_type: 'deposit_withdrawal', query: 'my usdt deposit is missing' });
      expect(posted.statusCode).toBe(303);
      expect(posted.headers.location).toBe('/hc/en-us/requests/solved?type=deposit_withdrawal');
      const solved = await browser.follow(posted);
      expect(solved.res.statusCode).toBe(200);

      // The JSON endpoint the script uses.
      const json = await t.app.inject({ method: 'POST', url: `/api/v2/status/notices/${notice.id}/deflections`, payload: { request_type: 'deposit_withdrawal', query: 'usdt' } });
      expect(json.statusCode).toBe(201);
      expect(json.json().deflection).toMatchObject({ notice_id: notice.id, request_type: 'deposit_withdrawal' });

      const rows = await db().selectFrom('deflections').innerJoin('status_notice_deflections as s', 's.deflection_id', 'deflections.id').selectAll('deflections').select('s.notice_id').orderBy('deflections.created_at').execute();
      expect(rows.map((r) => [r.kind, r.article_id, r.request_type_key, r.notice_id])).toEqual([
        ['notice', null, 'deposit_withdrawal', notice.id],
        ['notice', null, 'deposit_withdrawal', notice.id],
      ]);
      expect(rows[0]!.query).toBe('my usdt deposit is missing');
      expect(await tickets()).toBe(before);
      const admin = (await t.app.inject({ method: 'GET', url: `/api/v2/status_notices`, headers: ADMIN })).json();
      expect(admin.status_notices[0]).toMatchObject({ id: notice.id, deflections: 2 });

      // A form post without the CSRF token is refused; unknown notices are 404.
      expect((await postForm(new Browser(t.app), action, { request_type: 'deposit_withdrawal' })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: '/api/v2/status/notices/stn_nope/deflections', payload: {} })).statusCode).toBe(404);
      expect((await postForm(browser, '/hc/en-us/status/notices/stn_nope/deflect', { _csrf: csrfOf(page) })).statusCode).toBe(404);
      expect((await db().selectFrom('deflections').select('id').execute()).length).toBe(2);
    });
  });
});
