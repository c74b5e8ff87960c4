import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotter } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, listenOnLoopback } from '../helpers/app.js';
import { TEST_ADMIN_TOKEN } from '../helpers/db.js';

/**
 * Status notices in a real Chromium against the real app on a random port (SQLite, bundled content).
 * Chromium is never downloaded: /usr/bin/chromium must be installed.
 */
const TITLE_ZH = 'USDT 钱包维护：充值与提现暂停';

describe('status notices in Chromium', () => {
  let ctx: TestApp | undefined;
  let browser: Browser | undefined;
  let base = '';
  let noticeId = '';

  beforeAll(async () => {
    ctx = await createTestApp('sqlite', {}, { mailWorker: false, backgroundJobs: false });
    base = await listenOnLoopback(ctx.app);
    browser = await launchChromium();

    // An admin publishes maintenance of the USDT wallet through the API.
    const now = Date.now();
    const res = await fetch(`${base}/api/v2/status_notices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        status_notice: {
          kind: 'maintenance',
          impact: 'degraded',
          title: { 'en-us': 'USDT wallet maintenance: deposits and withdrawals paused', 'zh-cn': TITLE_ZH },
          body: { 'en-us': 'USDT deposits and withdrawals are paused during the upgrade. **Funds are safe.**', 'zh-cn': '升级期间 USDT 充值和提现暂停。**资金安全。**' },
          request_types: ['deposit_withdrawal'],
          assets: ['USDT'],
          starts_at: new Date(now - 30 * 60_000).toISOString(),
          ends_at: new Date(now + 2 * 3600_000).toISOString(),
        },
      }),
    });
    expect(res.status).toBe(201);
    noticeId = ((await res.json()) as { status_notice: { id: string } }).status_notice.id;
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const shot = screenshotter('status-');
  const db = () => ctx!.app.services.database.db;

  /** Console errors (CSP and Trusted Types violations included) and failed responses of a page. */
  function watch(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    return problems;
  }

  it('shows the banner on the zh-CN Help Center home and links to the status page (no JavaScript)', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${base}/hc/zh-cn`);
    const banner = page.locator('[data-status-banner]');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.locator('h2').textContent()).toBe('服务状态');
    expect(await banner.locator(`li[data-notice="${noticeId}"] a`).textContent()).toBe(TITLE_ZH);
    // Styled by the status stylesheet (not the browser default): a coloured band.
    expect(await banner.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await shot(page, 'hc-zh-home-banner');

    await Promise.all([page.waitForURL(/\/hc\/zh-cn\/status#notice-/), banner.locator(`li[data-notice="${noticeId}"] a`).click()]);
    const card = page.locator(`#notice-${noticeId}`);
    expect(await card.locator('h3').textContent()).toBe(TITLE_ZH);
    expect(await card.locator('.body strong').textContent()).toBe('资金安全。');
    expect(await page.locator('[data-system-status]').getAttribute('data-system-status')).toBe('online');
    await shot(page, 'zh-status-page');

    // The Atom feed parses with the browser's strict XML parser (fetched from the status page).
    const feed = await page.evaluate(async (url) => {
      const text = await (await fetch(url)).text();
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return { errors: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.localName, ns: doc.documentElement.namespaceURI, titles: [...doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry')].map((e) => e.getElementsByTagName('title')[0]?.textContent ?? '') };
    }, `${base}/hc/zh-cn/status/feed.atom`);
    expect(feed).toMatchObject({ errors: 0, root: 'feed', ns: 'http://www.w3.org/2005/Atom' });
    expect(feed.titles).toEqual([expect.stringContaining(TITLE_ZH)]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the notice on the request form for the affected asset, live, and records "this answers my question"', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: true, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${base}/hc/zh-cn/requests/new?type=deposit_withdrawal`);
    expect(await page.locator('html.js').count()).toBe(1);
    const panel = page.locator('#status-notices');
    expect(await panel.isHidden()).toBe(true);

    await page.selectOption('#fx-asset', 'USDT');
    await expect.poll(() => panel.isVisible(), { timeout: 5000 }).toBe(true);
    expect(await panel.locator(`li[data-notice="${noticeId}"] h3`).textContent()).toContain(TITLE_ZH);
    expect(await panel.locator('a').first().getAttribute('href')).toBe(`/hc/zh-cn/status#notice-${noticeId}`);
    await shot(page, 'zh-form-notice');

    // Another asset: the notice goes away; back to USDT: it returns.
    await page.selectOption('#fx-asset', 'BTC');
    await expect.poll(() => panel.isHidden(), { timeout: 5000 }).toBe(true);
    await page.selectOption('#fx-asset', 'USDT');
    await expect.poll(() => panel.isVisible(), { timeout: 5000 }).toBe(true);

    const tickets = (await db().selectFrom('tickets').select('id').execute()).length;
    await page.getByRole('button', { name: '这解答了我的问题' }).click();
    const thanks = page.locator('#deflected');
    await expect.poll(() => thanks.isVisible(), { timeout: 5000 }).toBe(true);
    expect(await thanks.locator('a').getAttribute('href')).toBe(`/hc/zh-cn/status#notice-${noticeId}`);
    expect(await page.locator('#request-form').isHidden()).toBe(true);
    await shot(page, 'zh-form-deflected');

    const linked = await db().selectFrom('status_notice_deflections').innerJoin('deflections', 'deflections.id', 'status_notice_deflections.deflection_id').select(['deflections.kind', 'deflections.request_type_key', 'status_notice_deflections.notice_id']).execute();
    expect(linked).toEqual([{ kind: 'notice', request_type_key: 'deposit_withdrawal', notice_id: noticeId }]);
    expect((await db().selectFrom('tickets').select('id').execute()).length).toBe(tickets);
    expect(problems).toEqual([]);
    await context.close();
  });
});
