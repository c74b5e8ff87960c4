import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotter } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, listenOnLoopback } from '../helpers/app.js';

/**
 * The public help center in a real Chromium with JavaScript disabled, on the bundled content.
 * Chromium is never downloaded: the CI script installs /usr/bin/chromium (apt: chromium fonts-noto-cjk).
 */

describe('help center in Chromium with JavaScript off', () => {
  let ctx: TestApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let base = '';

  beforeAll(async () => {
    ctx = await createTestApp('sqlite');
    base = await listenOnLoopback(ctx.app);
    browser = await launchChromium();
    context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const shot = screenshotter('');

  it('redirects / to the Chinese home for a zh-CN browser', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/hc/zh-cn');
    await page.close();
  });

  it('searches for 提币, opens the top result, switches to English', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${base}/hc/zh-cn`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('有什么可以帮您');
    expect(await page.locator('.warning').textContent()).toContain('客服绝不会向您索要密码');
    await shot(page, 'hc-zh-home');
    // Keyboard: the first Tab lands on the skip link, which is then visible.
    await page.keyboard.press('Tab');
    expect(await page.locator('a.skip:focus').count()).toBe(1);
    await shot(page, 'hc-zh-home-skip-link-focused');

    // Type in the search box and submit with Enter: a plain GET form, no script involved.
    const box = page.getByRole('searchbox', { name: '搜索帮助中心' });
    await box.fill('提币');
    await Promise.all([page.waitForURL(/\/hc\/zh-cn\/search\?query=/), box.press('Enter')]);
    expect(decodeURIComponent(new URL(page.url()).search)).toContain('提币');
    const results = page.locator('li.result h2 a');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await page.locator('li.result mark').count()).toBeGreaterThan(0);
    await shot(page, 'hc-zh-search');

    // Open the top result: a withdrawal article.
    await Promise.all([page.waitForURL(/\/hc\/zh-cn\/articles\//), results.first().click()]);
    const slug = new URL(page.url()).pathname.split('/').pop() ?? '';
    const zhTitle = (await page.locator('h1').textContent()) ?? '';
    expect(slug).toMatch(/withdraw/);
    expect(zhTitle).toMatch(/提币|提现/);
    await expect(page.locator('form[action$="/vote"] button').count()).resolves.toBe(2);
    await shot(page, 'hc-zh-article');

    // Switch language: the same article in English.
    await Promise.all([page.waitForURL(new RegExp(`/hc/en-us/articles/${slug}$`)), page.locator('[data-lang-switch="en-us"]').click()]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const enTitle = (await page.locator('h1').textContent()) ?? '';
    expect(enTitle).toMatch(/withdraw/i);
    expect(enTitle).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'hc-en-article');

    // Vote without JavaScript: form POST, redirect back with a notice.
    await Promise.all([page.waitForURL(/voted=1/), page.getByRole('button', { name: 'Yes' }).click()]);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Thank you');

    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the home page on a small screen without horizontal scrolling', async () => {
    const mobile = await browser!.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await mobile.newPage();
    await page.goto(`${base}/hc/zh-cn`);
    // A full-page screenshot is as wide as the document: wider than the viewport means horizontal scrolling.
    const png = await shot(page, 'hc-zh-home-mobile');
    expect(png.readUInt32BE(16)).toBe(390 * 2);
    await page.goto(`${base}/hc/en-us/search?query=${encodeURIComponent('withdrawal pending')}`);
    expect((await shot(page, 'hc-en-search-mobile')).readUInt32BE(16)).toBe(390 * 2);
    const notFound = await page.goto(`${base}/hc/zh-cn/articles/no-such-article`);
    expect(notFound?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('页面不存在');
    await shot(page, 'hc-zh-404-mobile');
    await mobile.close();
  });
});
