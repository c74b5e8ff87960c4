import { domainToASCII } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotter } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, listenOnLoopback } from '../helpers/app.js';
import { FIXTURE_CONTENT_DIR } from '../helpers/db.js';

/** The official-channels checker in a real Chromium with JavaScript disabled (never downloaded). */

describe('official channels checker in Chromium with JavaScript off', () => {
  let ctx: TestApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let base = '';

  beforeAll(async () => {
    ctx = await createTestApp('sqlite', { CONTENT_DIR: FIXTURE_CONTENT_DIR }, { mailWorker: false, backgroundJobs: false });
    base = await listenOnLoopback(ctx.app);
    browser = await launchChromium();
    context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const shot = screenshotter('');

  async function check(page: Page, value: string) {
    const box = page.getByLabel('链接、域名、邮箱地址或 @账号');
    await box.fill(value);
    await Promise.all([page.waitForURL(/\/hc\/zh-cn\/official-channels\?q=/), page.getByRole('button', { name: '检查', exact: true }).click()]);
    return page.locator('#verdict');
  }

  it('a pasted lookalike domain gets the red lookalike verdict with its reasons, in Chinese', async () => {
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${base}/hc/zh-cn/official-channels`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('官方渠道');
    expect(await page.locator('#verdict').count()).toBe(0);
    const brand = ctx!.app.services.config.brand;
    for (const domain of brand.officialDomains) expect(await page.locator(`.official-list a[href="https://${domain}"]`).count()).toBeGreaterThan(0);

    // A Cyrillic "а" in the brand's name, pasted as the punycode a mail client shows.
    const [label, ...rest] = brand.officialDomains[0]!.split('.');
    const lookalike = domainToASCII(`${label!.replace('a', 'а')}.${rest.join('.')}`);
    expect(lookalike).toMatch(/^xn--/);
    const verdict = await check(page, lookalike);
    expect(await verdict.getAttribute('data-verdict')).toBe('lookalike');
    expect(await verdict.getAttribute('class')).toContain('verdict-lookalike');
    const text = (await verdict.textContent()) ?? '';
    expect(text).toContain('危险：仿冒渠道，不是我们');
    expect(text).toContain('西里尔字母');
    expect(text).toContain(brand.officialDomains[0]!);
    // Colour-coded by the style sheet (not inline styles, which the CSP forbids).
    const colours = await verdict.evaluate((el) => {
      const style = getComputedStyle(el);
      return { border: style.borderLeftColor, background: style.backgroundColor };
    });
    expect(colours.border).toBe('rgb(179, 38, 30)');
    expect(colours.background).toBe('rgb(253, 232, 231)');
    // The value stays in the box, and the checked address is never turned into a link.
    expect(await page.getByLabel('链接、域名、邮箱地址或 @账号').inputValue()).toBe(lookalike);
    expect(await verdict.locator(`a[href*="${lookalike}"]`).count()).toBe(0);
    await shot(page, 'channels-zh-lookalike');

    const official = await check(page, `https://${brand.officialDomains[0]}/login`);
    expect(await official.getAttribute('data-verdict')).toBe('official');
    expect(await official.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(30, 126, 52)');
    await shot(page, 'channels-zh-official');
    expect(failures).toEqual([]);
    await page.close();
  });
});
