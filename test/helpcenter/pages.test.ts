import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR } from '../helpers/db.js';

const LIMIT = 100 * 1024;
const ZH_WARNING = '客服绝不会向您索要密码、双重验证码、API 私钥或助记词';
const EN_WARNING = 'Support will never ask for your password, 2FA code, API secret or recovery phrase';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(DIALECTS)('help center pages (%s)', (dialect) => {
  let ctx: TestApp;
  let cssBytes = 0;

  beforeAll(async () => {
    ctx = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR });
    const css = await ctx.app.inject({ method: 'GET', url: '/hc/assets/hc.css' });
    cssBytes = css.rawPayload.byteLength;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });
  const vote = (locale: string, slug: string, value: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url: `/hc/${locale}/articles/${slug}/vote`, payload: `vote=${encodeURIComponent(value)}`, headers: { ...FORM, ...headers } });

  /** Checks every help-center HTML page must pass; returns the body. */
  async function page(url: string, status = 200, headers: Record<string, string> = {}) {
    const res = await get(url, headers);
    expect(res.statusCode, url).toBe(status);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = res.body;
    expect(body.startsWith('<!doctype html>')).toBe(true);
    expect(body).not.toMatch(/<script/i);
    expect(res.rawPayload.byteLength + cssBytes, `${url} HTML+CSS size`).toBeLessThan(LIMIT);
    // Security headers on every page.
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeTruthy();
    // Landmarks, skip link, language and scam warning everywhere.
    expect(body).toContain('<a class="skip" href="#main">');
    expect(body).toContain('<main id="main"');
    expect(body).toMatch(/<html lang="(zh-CN|en)">/);
    expect(body).toMatch(/data-lang-switch="(zh-cn|en-us)"/);
    expect(body.includes(ZH_WARNING) || body.includes(EN_WARNING)).toBe(true);
    expect(body).toContain('lanternfish.example');
    return { res, body };
  }

  describe('locale redirect', () => {
    it.each([
      ['/', 'zh-CN,zh;q=0.9,en;q=0.8', '/hc/zh-cn'],
      ['/', 'en-US,en;q=0.9', '/hc/en-us'],
      ['/', 'fr-FR, en;q=0.3, zh-TW;q=0.7', '/hc/zh-cn'],
      ['/', 'zh;q=0.2, en-GB;q=0.8', '/hc/en-us'],
      ['/', 'de-DE', '/hc/en-us'],
      ['/hc', 'zh', '/hc/zh-cn'],
      ['/hc/', 'en', '/hc/en-us'],
    ])('%s with Accept-Language %s → %s', async (url, acceptLanguage, location) => {
      const res = await get(url, { 'accept-language': acceptLanguage });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(location);
      expect(res.headers.vary).toContain('Accept-Language');
    });

    it('falls back to the default locale without Accept-Language', async () => {
      const res = await get('/');
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/hc/en-us');
    });

    it('redirects locale variants in the path to the canonical spelling', async () => {
      const res = await get('/hc/zh-CN/articles/withdrawal-pending?x=1');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('/hc/zh-cn/articles/withdrawal-pending?x=1');
      expect((await get('/hc/en')).headers.location).toBe('/hc/en-us');
    });
  });

  describe('home', () => {
    it('English home has categories, sections, popular articles, contact channels, scam warning and language switch', async () => {
      const { res, body } = await page('/hc/en-us');
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(body).toContain('<html lang="en">');
      expect(body).toContain('Lanternfish Exchange');
      // Categories with their sections (the & in the title is escaped).
      expect(body).toContain('<a href="/hc/en-us/categories/funding">Deposits &amp; withdrawals</a>');
      expect(body).toContain('<a href="/hc/en-us/sections/withdrawals">Withdrawals</a>');
      expect(body).toContain('<a href="/hc/en-us/categories/security">Security</a>');
      expect(body).toContain('<a href="/hc/en-us/sections/account-protection">Protecting your account</a>');
      // Popular articles (the promoted one first).
      expect(body).toContain('Popular articles');
      const popular = body.slice(body.indexOf('id="popular-title"'));
      expect(popular).toContain('<a href="/hc/en-us/articles/withdrawal-pending">My withdrawal is still pending</a>');
      expect(popular.indexOf('withdrawal-pending')).toBeLessThan(popular.indexOf('deposit-not-credited'));
      // Contact channels.
      expect(body).toContain('Contact us');
      expect(body).toContain('href="http://pharos.test/hc/requests/new"');
      expect(body).toContain('href="mailto:support@lanternfish.example"');
      expect(body).toContain('href="https://x.com/lanternfish_ex"');
      expect(body).toContain('href="https://www.reddit.com/r/lanternfish"');
      expect(body).toContain('@lanternfish_ex');
      // Scam warning with the official domains.
      expect(body).toContain(EN_WARNING);
      expect(body).toContain('<strong>support.lanternfish.example</strong>');
      // Search box: a GET form to the search page with a label.
      expect(body).toMatch(/<form class="search" role="search" action="\/hc\/en-us\/search" method="get"/);
      expect(body).toMatch(/<label class="vh" for="hc-search">Search the Help Center<\/label>/);
      expect(body).toContain('name="query"');
      // Language switch + hreflang alternates.
      expect(body).toMatch(/<a href="\/hc\/zh-cn" hreflang="zh-CN" lang="zh-CN"[^>]*data-lang-switch="zh-cn">.*简体中文<\/a>/);
      expect(body).toContain('<link rel="alternate" hreflang="zh-CN" href="http://pharos.test/hc/zh-cn">');
      expect(body).toContain('<link rel="alternate" hreflang="en-US" href="http://pharos.test/hc/en-us">');
      expect(body).toMatch(/<link rel="stylesheet" href="\/hc\/assets\/hc\.css\?v=[0-9a-f]+">/);
    });

    it('Chinese home is fully localized', async () => {
      const { body } = await page('/hc/zh-cn');
      expect(body).toContain('<html lang="zh-CN">');
      expect(body).toContain('Lanternfish Exchange 帮助中心');
      expect(body).toContain('有什么可以帮您？');
      expect(body).toContain('<a href="/hc/zh-cn/categories/funding">充值与提现</a>');
      expect(body).toContain('<a href="/hc/zh-cn/sections/withdrawals">提现</a>');
      expect(body).toContain('热门文章');
      expect(body).toContain('<a href="/hc/zh-cn/articles/withdrawal-pending">提币一直处于待处理状态</a>');
      expect(body).toContain('联系我们');
      expect(body).toContain('提交请求');
      expect(body).toContain('href="https://x.com/lanternfish_ex"');
      expect(body).toContain('href="https://www.reddit.com/r/lanternfish"');
      expect(body).toContain('href="mailto:support@lanternfish.example"');
      expect(body).toContain(ZH_WARNING);
      expect(body).toContain('谨防诈骗');
      expect(body).toMatch(/<a href="\/hc\/en-us" hreflang="en-US" lang="en"[^>]*>.*English<\/a>/);
      expect(body).not.toContain('Popular articles');
    });

    it('home and footer lead to every self-service tool, and each link opens in the same language', async () => {
      for (const locale of ['en-us', 'zh-cn'] as const) {
        const { body } = await page(`/hc/${locale}`);
        const tools = body.slice(body.indexOf('id="tools-title"'), body.indexOf('</section>', body.indexOf('id="tools-title"')));
        const links = [...tools.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]!);
        expect(links).toEqual([`/hc/${locale}/troubleshooters`, `/hc/${locale}/tools/api-errors`, `/hc/${locale}/official-channels`, `/hc/${locale}/status`]);
        const footer = body.slice(body.indexOf('<footer'));
        expect(footer).toContain(`href="/hc/${locale}/troubleshooters"`);
        expect(footer).toContain(`href="/hc/${locale}/official-channels"`);
        for (const link of links) {
          const res = await get(link);
          expect(res.statusCode, link).toBe(200);
          expect(res.body, link).toContain(`<html lang="${locale === 'zh-cn' ? 'zh-CN' : 'en'}">`);
        }
      }
    });

    it('HEAD works for pages', async () => {
      const res = await ctx.app.inject({ method: 'HEAD', url: '/hc/en-us' });
      expect(res.statusCode).toBe(200);
    });
  });

  describe('categories and sections', () => {
    it('category page lists its sections with their articles', async () => {
      const { body } = await page('/hc/en-us/categories/funding');
      expect(body).toContain('<h1 id="page-title">Deposits &amp; withdrawals</h1>');
      expect(body).toContain('<a href="/hc/en-us/sections/withdrawals">Withdrawals</a>');
      expect(body).toContain('<a href="/hc/en-us/sections/deposits">Deposits</a>');
      expect(body).toContain('<a href="/hc/en-us/articles/withdrawal-pending">My withdrawal is still pending</a>');
      expect(body).toContain('<a href="/hc/en-us/articles/deposit-not-credited">My deposit has not been credited</a>');
      expect(body).toContain('href="/hc/zh-cn/categories/funding"');
      expect(body).toMatch(/<nav class="crumbs" aria-label="Breadcrumb">/);
    });

    it('section page lists its articles, with breadcrumbs and language switch', async () => {
      const { body } = await page('/hc/zh-cn/sections/withdrawals');
      expect(body).toContain('<h1 id="page-title">提现</h1>');
      expect(body).toContain('<a href="/hc/zh-cn/categories/funding">充值与提现</a>');
      expect(body).toContain('<a href="/hc/zh-cn/articles/withdrawal-pending">提币一直处于待处理状态</a>');
      expect(body).toMatch(/<a href="\/hc\/en-us\/sections\/withdrawals" hreflang="en-US"/);
    });

    it('unknown category and section are localized 404 pages', async () => {
      const { body } = await page('/hc/zh-cn/categories/nope', 404);
      expect(body).toContain('页面不存在');
      const en = await page('/hc/en-us/sections/nope', 404);
      expect(en.body).toContain('Page not found');
    });
  });

  describe('articles', () => {
    it('renders sanitized HTML: the <script> in the fixture never comes out as a tag', async () => {
      const { body } = await page('/hc/en-us/articles/enable-2fa');
      expect(body).toContain('<h1 id="page-title">Turn on two-factor authentication</h1>');
      expect(body).toContain('&lt;script&gt;');
      expect(body).not.toMatch(/<script/i);
      expect(body).not.toContain("alert('x')</script>");
      // Breadcrumbs: home › category › section › article.
      expect(body).toContain('<a href="/hc/en-us">Help Center</a>');
      expect(body).toContain('<a href="/hc/en-us/categories/security">Security</a>');
      expect(body).toContain('<a href="/hc/en-us/sections/account-protection">Protecting your account</a>');
      // Labels.
      expect(body).toContain('<a href="/hc/en-us/search?query=2FA">2FA</a>');
      // The zh-cn translation is a draft: the switch goes to the Chinese home and there is no zh hreflang.
      expect(body).toMatch(/<a href="\/hc\/zh-cn" hreflang="zh-CN"[^>]*data-lang-switch="zh-cn">/);
      expect(body).not.toContain('hreflang="zh-CN" href="http://pharos.test/hc/zh-cn/articles/enable-2fa"');
    });

    it('shows title, brand-filled body, internal links, last updated, labels, feedback form and related articles', async () => {
      const { res, body } = await page('/hc/en-us/articles/withdrawal-pending');
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(body).toContain('<title>My withdrawal is still pending – Lanternfish Exchange Help Center</title>');
      expect(body).toContain('Withdrawals from Lanternfish Exchange are reviewed');
      expect(body).toContain('<strong>pending</strong>');
      expect(body).toContain('href="/hc/en-us/articles/deposit-not-credited"');
      expect(body).toMatch(/Updated <time datetime="\d{4}-\d\d-\d\dT[^"]+">[A-Z][a-z]+ \d{1,2}, \d{4}<\/time>/);
      expect(body).toContain('<a href="/hc/en-us/search?query=withdrawal">withdrawal</a>');
      expect(body).toContain('Was this article helpful?');
      expect(body).toContain('<form method="post" action="/hc/en-us/articles/withdrawal-pending/vote"');
      expect(body).toContain('<button type="submit" name="vote" value="up">Yes</button>');
      expect(body).toContain('name="vote" value="down">No</button>');
      expect(body).toContain('Related articles');
      expect(body).toMatch(/id="related-title"[\s\S]*href="\/hc\/en-us\/articles\/deposit-not-credited"/);
      // Published in both locales: switch to the same slug, with hreflang alternates.
      expect(body).toMatch(/<a href="\/hc\/zh-cn\/articles\/withdrawal-pending" hreflang="zh-CN"/);
      expect(body).toContain('<link rel="alternate" hreflang="zh-CN" href="http://pharos.test/hc/zh-cn/articles/withdrawal-pending">');
      expect(body).toContain('<link rel="canonical" href="http://pharos.test/hc/en-us/articles/withdrawal-pending">');
    });

    it('Chinese article page is localized', async () => {
      const { body } = await page('/hc/zh-cn/articles/withdrawal-pending');
      expect(body).toContain('<h1 id="page-title">提币一直处于待处理状态</h1>');
      expect(body).toContain('在 Lanternfish Exchange 提币需要先经过审核');
      expect(body).toMatch(/更新于 <time datetime="[^"]+">\d{4}年\d{1,2}月\d{1,2}日<\/time>/);
      expect(body).toContain('这篇文章对您有帮助吗？');
      expect(body).toMatch(/<a href="\/hc\/en-us\/articles\/withdrawal-pending" hreflang="en-US" lang="en"/);
    });

    it('records a view per page load', async () => {
      const before = await ctx.app.services.kb.article('en-us', 'deposit-not-credited');
      await page('/hc/en-us/articles/deposit-not-credited');
      await page('/hc/en-us/articles/deposit-not-credited');
      const after = await ctx.app.services.kb.article('en-us', 'deposit-not-credited');
      expect(Number(after.view_count)).toBe(Number(before.view_count) + 2);
    });

    it('votes via POST change the counts and redirect back with a thank-you notice (PRG)', async () => {
      const first = await vote('en-us', 'withdrawal-pending', 'up', { 'user-agent': 'voter-a' });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/hc/en-us/articles/withdrawal-pending?voted=1#feedback');
      let row = await ctx.app.services.kb.article('en-us', 'withdrawal-pending');
      expect([Number(row.vote_sum), Number(row.vote_count)]).toEqual([1, 1]);

      const second = await vote('zh-cn', 'withdrawal-pending', 'down', { 'user-agent': 'voter-b' });
      expect(second.statusCode).toBe(303);
      expect(second.headers.location).toBe('/hc/zh-cn/articles/withdrawal-pending?voted=1#feedback');
      row = await ctx.app.services.kb.article('en-us', 'withdrawal-pending');
      expect([Number(row.vote_sum), Number(row.vote_count)]).toEqual([0, 2]);

      // Voting again changes the vote rather than adding one.
      await vote('en-us', 'withdrawal-pending', 'up', { 'user-agent': 'voter-b' });
      row = await ctx.app.services.kb.article('en-us', 'withdrawal-pending');
      expect([Number(row.vote_sum), Number(row.vote_count)]).toEqual([2, 2]);

      const views = Number(row.view_count);
      const { res, body } = await page('/hc/en-us/articles/withdrawal-pending?voted=1');
      expect(body).toContain('<p class="notice" role="status">Thank you for your feedback!</p>');
      expect(body).not.toContain('name="vote" value="up"');
      expect(body).toContain('2 out of 2 found this helpful');
      expect(res.headers['cache-control']).toBe('no-store');
      // The redirect target does not count as another view.
      expect(Number((await ctx.app.services.kb.article('en-us', 'withdrawal-pending')).view_count)).toBe(views);

      const zh = await page('/hc/zh-cn/articles/withdrawal-pending?voted=1');
      expect(zh.body).toContain('感谢您的反馈！');
      expect(zh.body).toContain('2 人中有 2 人认为有帮助');
    });

    it('refuses bad votes, votes on missing articles and cross-site form posts', async () => {
      const bad = await vote('en-us', 'withdrawal-pending', 'maybe');
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(bad.body).toContain('Invalid request');
      const badZh = await vote('zh-cn', 'withdrawal-pending', 'maybe');
      expect(badZh.body).toContain('请求无效');

      const missing = await vote('en-us', 'no-such-article', 'up');
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('Page not found');

      // A draft translation cannot be voted on in that locale.
      expect((await vote('zh-cn', 'enable-2fa', 'up')).statusCode).toBe(404);

      const crossSite = await vote('en-us', 'withdrawal-pending', 'up', { origin: 'https://evil.example', 'user-agent': 'voter-c' });
      expect(crossSite.statusCode).toBe(403);
      const sameSite = await vote('en-us', 'withdrawal-pending', 'up', { origin: 'http://pharos.test', 'user-agent': 'voter-c' });
      expect(sameSite.statusCode).toBe(303);
    });
  });

  describe('search', () => {
    it('提币 finds the withdrawal article in zh-cn with highlighted matches', async () => {
      const { body } = await page(`/hc/zh-cn/search?query=${encodeURIComponent('提币')}`);
      expect(body).toContain('<h1 id="page-title">“提币”的搜索结果</h1>');
      expect(body).toMatch(/共 \d+ 条结果/);
      expect(body).toContain('<a href="/hc/zh-cn/articles/withdrawal-pending">');
      expect(body).toMatch(/<li class="result">[\s\S]*<mark>[^<]*<\/mark>/);
      // The query stays in the search box; the category filter lists the category with matches.
      expect(body).toContain('value="提币"');
      expect(body).toMatch(/<nav class="facets" aria-label="按分类筛选">/);
      expect(body).toContain(`href="/hc/zh-cn/search?query=${encodeURIComponent('提币')}&amp;category=funding"`);
      // Language switch keeps the query.
      expect(body).toContain(`href="/hc/en-us/search?query=${encodeURIComponent('提币')}"`);
    });

    it('category filter narrows the results', async () => {
      const categoriesOfResults = (body: string) => [...body.matchAll(/<li class="result">[\s\S]*?<p class="meta">([^<]*?) ›/g)].map((r) => r[1]);
      const funding = await page(`/hc/en-us/search?query=deposit&category=funding`);
      expect(funding.body).toContain('<a href="/hc/en-us/articles/deposit-not-credited">');
      expect(funding.body).toContain('<option value="funding" selected>');
      expect(funding.body).toMatch(/<a href="\/hc\/en-us\/search\?query=deposit&amp;category=funding" aria-current="true">/);
      expect(new Set(categoriesOfResults(funding.body))).toEqual(new Set(['Deposits &amp; withdrawals']));
      const security = await page(`/hc/en-us/search?query=deposit&category=security`);
      expect(security.body).not.toContain('<a href="/hc/en-us/articles/deposit-not-credited">');
      for (const category of categoriesOfResults(security.body)) expect(category).toBe('Security');
      // An unknown category key is ignored (all categories).
      const unknown = await page(`/hc/en-us/search?query=deposit&category=nope`);
      expect(unknown.body).toContain('<a href="/hc/en-us/articles/deposit-not-credited">');
    });

    it('an empty query shows the search page without results', async () => {
      const { body } = await page('/hc/en-us/search');
      expect(body).toContain('<h1 id="page-title">Search the Help Center</h1>');
      expect(body).not.toContain('<li class="result">');
      expect(body).toContain('name="query"');
      const blank = await page('/hc/zh-cn/search?query=%20%20');
      expect(blank.body).toContain('搜索帮助中心');
      expect(blank.body).not.toContain('<li class="result">');
    });

    it('no results → empty state suggesting to submit a request', async () => {
      const { body } = await page('/hc/en-us/search?query=xylophone');
      expect(body).toContain('No results for “xylophone”');
      expect(body).toContain('<a class="button" href="http://pharos.test/hc/requests/new">Submit a request</a>');
      const zh = await page(`/hc/zh-cn/search?query=${encodeURIComponent('木琴')}`);
      expect(zh.body).toContain('没有找到与“木琴”相关的结果');
      expect(zh.body).toContain('提交请求');
    });

    it('paginates with links, clamps pages past the end, rejects invalid pages with a localized 400 page', async () => {
      const all = await page('/hc/en-us/search?query=deposit');
      const total = Number(/(\d+) results?/.exec(all.body)?.[1]);
      expect(total).toBeGreaterThanOrEqual(2);

      const first = await page('/hc/en-us/search?query=deposit&per_page=1');
      expect(first.body.match(/<li class="result">/g)).toHaveLength(1);
      expect(first.body).toContain(`Page 1 of ${total}`);
      expect(first.body).toContain('<a rel="next" href="/hc/en-us/search?query=deposit&amp;per_page=1&amp;page=2">');
      expect(first.body).not.toContain('rel="prev"');

      const second = await page('/hc/en-us/search?query=deposit&per_page=1&page=2');
      expect(second.body).toContain(`Page 2 of ${total}`);
      expect(second.body).toContain('<a rel="prev" href="/hc/en-us/search?query=deposit&amp;per_page=1">');
      const firstHref = /<li class="result">\s*<h2><a href="([^"]+)"/.exec(first.body)?.[1];
      const secondHref = /<li class="result">\s*<h2><a href="([^"]+)"/.exec(second.body)?.[1];
      expect(firstHref).toBeTruthy();
      expect(secondHref).not.toBe(firstHref);

      const past = await page('/hc/en-us/search?query=deposit&per_page=1&page=999');
      expect(past.body).toContain(`Page ${total} of ${total}`);

      for (const bad of ['abc', '0', '-1', '1.5', '99999999']) {
        const en = await page(`/hc/en-us/search?query=deposit&page=${bad}`, 400);
        expect(en.body).toContain('Invalid request');
        expect(en.body).toContain('page number');
        expect(en.res.headers['cache-control']).toBe('no-store');
      }
      const zh = await page('/hc/zh-cn/sections/withdrawals?page=abc', 400);
      expect(zh.body).toContain('请求无效');
      expect(zh.body).toContain('页码必须是');
    });

    it('escapes XSS in the query string everywhere it is echoed', async () => {
      const payload = '<img src=x onerror=alert(1)>';
      for (const locale of ['en-us', 'zh-cn']) {
        const { body } = await page(`/hc/${locale}/search?query=${encodeURIComponent(payload)}`);
        expect(body).not.toContain('<img src=x');
        expect(body).not.toMatch(/<img/i);
        expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
      }
      const quote = await page(`/hc/en-us/search?query=${encodeURIComponent('"><script>alert(1)</script>')}&category=${encodeURIComponent('"><b>')}`);
      expect(quote.body).not.toContain('"><script>');
      expect(quote.body).not.toContain('<b>');
      expect(quote.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
      // Repeated parameters do not break the page.
      await page('/hc/en-us/search?query=a&query=b&page=1&page=2');
    });
  });

  describe('errors', () => {
    it('unknown article → real localized 404 page with a search box', async () => {
      const en = await page('/hc/en-us/articles/does-not-exist', 404);
      expect(en.body).toContain('<html lang="en">');
      expect(en.body).toContain('<h1 id="page-title">Page not found</h1>');
      expect(en.body).toMatch(/<form class="search" role="search" action="\/hc\/en-us\/search"/);
      expect(en.body).toContain('<meta name="robots" content="noindex">');
      expect(en.res.headers['cache-control']).toBe('no-store');

      const zh = await page('/hc/zh-cn/articles/does-not-exist', 404);
      expect(zh.body).toContain('<html lang="zh-CN">');
      expect(zh.body).toContain('<h1 id="page-title">页面不存在</h1>');
      expect(zh.body).toMatch(/<form class="search" role="search" action="\/hc\/zh-cn\/search"/);
      expect(zh.body).toContain(ZH_WARNING);

      // A draft translation is not public.
      await page('/hc/zh-cn/articles/enable-2fa', 404);
    });

    it('unknown locale and unknown paths → 404 page in the language of the browser', async () => {
      const zh = await page('/hc/fr-fr', 404, { 'accept-language': 'zh-CN,zh;q=0.9' });
      expect(zh.body).toContain('页面不存在');
      const en = await page('/hc/xx/articles/withdrawal-pending', 404, { 'accept-language': 'en-US' });
      expect(en.body).toContain('Page not found');
      const deep = await page('/hc/en-us/no/such/page', 404);
      expect(deep.body).toContain('Page not found');
      await page('/hc/zh-cn/articles/withdrawal-pending/extra', 404);
    });
  });

  describe('assets and API docs', () => {
    it('serves one small cached stylesheet with an ETag and CJK font stacks', async () => {
      const res = await get('/hc/assets/hc.css');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(res.headers['cache-control']).toContain('max-age=31536000');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^"[0-9a-f]+"$/);
      expect(res.body).toContain('"Noto Sans CJK SC"');
      expect(res.body).toContain('"PingFang SC"');
      expect(res.body).toContain('"Microsoft YaHei"');
      expect(res.body).toContain(':focus-visible');
      expect(cssBytes).toBeLessThan(16 * 1024);
      const cached = await get('/hc/assets/hc.css', { 'if-none-match': etag });
      expect(cached.statusCode).toBe(304);
      expect(cached.body).toBe('');
    });

    it('help-center pages stay out of the OpenAPI document', async () => {
      const spec = (ctx.app as unknown as { swagger(): { paths?: Record<string, unknown> } }).swagger();
      const paths = Object.keys(spec.paths ?? {});
      expect(paths.some((p) => p === '/' || p.startsWith('/hc'))).toBe(false);
    });
  });

  describe('section pagination', () => {
    it('paginates sections with ?page= and clamps past the end', async () => {
      const kb = ctx.app.services.kb;
      for (let i = 1; i <= 3; i++) {
        await kb.createArticle('en-us', 'withdrawals', { slug: `extra-withdrawal-${i}`, title: `Extra withdrawal guide ${i}`, body: `Body ${i}.`, position: 10 + i }, 'test');
      }
      const first = await page('/hc/en-us/sections/withdrawals?per_page=2');
      expect(first.body.match(/<a href="\/hc\/en-us\/articles\/[^"]+">/g)?.length).toBeGreaterThanOrEqual(2);
      expect(first.body).toContain('Page 1 of 2');
      expect(first.body).toContain('<a rel="next" href="/hc/en-us/sections/withdrawals?per_page=2&amp;page=2">');
      const second = await page('/hc/en-us/sections/withdrawals?per_page=2&page=2');
      expect(second.body).toContain('Page 2 of 2');
      expect(second.body).toContain('Extra withdrawal guide 3');
      expect(second.body).not.toContain('Extra withdrawal guide 1<');
      const past = await page('/hc/en-us/sections/withdrawals?per_page=2&page=50');
      expect(past.body).toContain('Page 2 of 2');
      // Category page shows at most a preview per section with a "see all" link when there are more.
      const category = await page('/hc/en-us/categories/funding');
      expect(category.body).toContain('Extra withdrawal guide 1');
    });
  });

  it('every page stays under 100 KB (HTML + CSS)', async () => {
    const urls = [
      '/hc/en-us',
      '/hc/zh-cn',
      '/hc/en-us/categories/funding',
      '/hc/zh-cn/categories/security',
      '/hc/en-us/sections/withdrawals',
      '/hc/zh-cn/articles/withdrawal-pending',
      '/hc/en-us/articles/enable-2fa',
      '/hc/en-us/search?query=withdrawal',
      `/hc/zh-cn/search?query=${encodeURIComponent('充值')}`,
    ];
    for (const url of urls) await page(url);
    await page('/hc/en-us/articles/missing', 404);
  });
});

/** The bundled content (what a fresh install serves): every page renders, stays small and script-free. */
describe('help center pages on the bundled content (sqlite)', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('every category, section and article page in both locales is < 100 KB with the CSS and has no <script', async () => {
    const css = await ctx.app.inject({ method: 'GET', url: '/hc/assets/hc.css' });
    const cssBytes = css.rawPayload.byteLength;
    const kb = ctx.app.services.kb;
    const sizes: Array<[string, number]> = [];
    for (const locale of ['zh-cn', 'en-us'] as const) {
      const urls = [`/hc/${locale}`, `/hc/${locale}/search?query=${encodeURIComponent(locale === 'zh-cn' ? '提币' : 'withdrawal')}`, `/hc/${locale}/search`];
      for (const c of await kb.categories(locale)) urls.push(`/hc/${locale}/categories/${c.key}`);
      for (const s of await kb.sections(locale)) urls.push(`/hc/${locale}/sections/${s.key}`);
      const { rows } = await kb.articles({ locale }, { page: 1, perPage: 1000 });
      expect(rows.length).toBeGreaterThan(0);
      for (const a of rows) urls.push(`/hc/${locale}/articles/${a.slug}`);
      for (const url of urls) {
        const res = await ctx.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toMatch(/<script/i);
        expect(res.body, url).not.toContain('{{brand.');
        expect(res.body, url).toContain(locale === 'zh-cn' ? ZH_WARNING : EN_WARNING);
        const total = res.rawPayload.byteLength + cssBytes;
        expect(total, `${url} HTML+CSS size`).toBeLessThan(LIMIT);
        sizes.push([url, total]);
      }
    }
    sizes.sort((a, b) => b[1] - a[1]);
    console.info(`help center: ${sizes.length} pages, largest HTML+CSS ${sizes.slice(0, 3).map(([u, n]) => `${u} ${(n / 1024).toFixed(1)} KB`).join(', ')}; CSS ${(cssBytes / 1024).toFixed(1)} KB`);
  });
});
