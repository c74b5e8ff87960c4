import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { launchChromium, screenshotter } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, listenOnLoopback } from '../helpers/app.js';

/**
 * The API tools in a real Chromium: the decoder without JavaScript, and the API-Sign self-check with
 * JavaScript, proving the secret never leaves the page. Chromium is never downloaded.
 */

const PUBLISHED = {
  secret: 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==',
  nonce: '1616492376594',
  path: '/0/private/AddOrder',
  body: 'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25',
  expected: '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
};

const nodeApiSign = (path: string, nonce: string, body: string, secret: string) =>
  createHmac('sha512', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(path), createHash('sha256').update(nonce + body).digest()]))
    .digest('base64');

interface Seen {
  url: string;
  method: string;
  headers: string;
  body: string;
}

describe('API tools in Chromium', () => {
  let ctx: TestApp | undefined;
  let browser: Browser | undefined;
  let noJs: BrowserContext;
  let withJs: BrowserContext;
  let base = '';

  beforeAll(async () => {
    ctx = await createTestApp('sqlite');
    base = await listenOnLoopback(ctx.app);
    browser = await launchChromium();
    noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    withJs = await browser.newContext({ javaScriptEnabled: true, locale: 'en-US', viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const shot = screenshotter('api-tools-');

  /** Console errors (CSP and Trusted Types violations included) and uncaught errors of a page. */
  function watch(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    return problems;
  }

  it('(a) decoder without JavaScript: paste EAPI:Invalid nonce in Chinese and read the explanation', async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/hc/zh-cn/tools/api-errors`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByLabel('错误、状态码或响应').fill('EAPI:Invalid nonce');
    await Promise.all([page.waitForURL(/\/hc\/zh-cn\/tools\/api-errors\?q=/), page.getByRole('button', { name: '解读' }).click()]);
    const card = page.locator('article.decoded').first();
    await expect(card.getAttribute('data-code')).resolves.toBe('EAPI:Invalid nonce');
    expect(await card.locator('h3').textContent()).toContain('nonce（随机数）被拒绝');
    expect(await card.textContent()).toContain('nonce 没有大于该 API 密钥上一次被接受的 nonce');
    expect(await card.locator('ol li').count()).toBeGreaterThan(2);
    // The textarea keeps what was pasted; the linked article opens.
    expect(await page.locator('#q').inputValue()).toBe('EAPI:Invalid nonce');
    await shot(page, 'zh-decoder-nonce');
    await Promise.all([page.waitForURL(/\/hc\/zh-cn\/articles\/api-invalid-nonce/), card.getByRole('link', { name: /EAPI:Invalid nonce/ }).click()]);
    expect(await page.locator('h1').textContent()).toContain('EAPI:Invalid nonce');
    await page.close();
  });

  it('rate-limit calculator without JavaScript: the example shows the rejected call', async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/hc/zh-cn/tools/rate-limit`);
    await Promise.all([page.waitForURL(/calls=/), page.getByRole('button', { name: '计算' }).click()]);
    expect(await page.locator('tr[data-accepted="0"]').count()).toBe(1);
    expect(await page.locator('#rate-summary').textContent()).toContain('1 次被拒绝');
    await shot(page, 'zh-rate-limit');
    await page.close();
  });

  it('the signature page without JavaScript explains why it needs it and keeps its fields disabled', async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/hc/zh-cn/tools/api-signature`);
    expect(await page.locator('noscript, p.problem').first().textContent()).toContain('本工具需要 JavaScript');
    expect(await page.locator('#sign-secret').isDisabled()).toBe(true);
    await page.close();
  });

  it('(b) computes the published example in the page', async () => {
    const page = await withJs.newPage();
    const problems = watch(page);
    await page.goto(`${base}/hc/en-us/tools/api-signature`);
    await expect(page.locator('#sign-secret').isEnabled()).resolves.toBe(true);
    await page.locator('#sign-path').fill(PUBLISHED.path);
    await page.locator('#sign-nonce').fill(PUBLISHED.nonce);
    await page.locator('#sign-body').fill(PUBLISHED.body);
    await page.locator('#sign-secret').fill(PUBLISHED.secret);
    await page.locator('#sign-expected').fill(PUBLISHED.expected);
    await page.getByRole('button', { name: 'Compute signature' }).click();
    await page.locator('#sign-result').waitFor({ state: 'visible' });
    expect(await page.locator('#sign-value').textContent()).toBe(PUBLISHED.expected);
    expect(await page.locator('#sign-compare').textContent()).toMatch(/^Match/);
    expect(await page.locator('#sign-hints').isHidden()).toBe(true);
    expect(await page.locator('#sign-digest').textContent()).toBe(createHash('sha256').update(PUBLISHED.nonce + PUBLISHED.body).digest('hex'));
    await shot(page, 'en-signature-match');

    // A one-character change in the body: no match, and the hints appear.
    await page.locator('#sign-body').fill(PUBLISHED.body.replace('1.25', '1.26'));
    await page.getByRole('button', { name: 'Compute signature' }).click();
    await expect.poll(() => page.locator('#sign-compare').textContent()).toMatch(/^No match/);
    expect(await page.locator('#sign-hints').isVisible()).toBe(true);

    // The example button fills the same values.
    await page.getByRole('button', { name: 'Clear all fields' }).click();
    expect(await page.locator('#sign-secret').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Fill in the published example' }).click();
    await page.getByRole('button', { name: 'Compute signature' }).click();
    await expect.poll(() => page.locator('#sign-value').textContent()).toBe(PUBLISHED.expected);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('(c) the secret never leaves the page', async () => {
    const secret = randomBytes(64).toString('base64');
    const nonce = String(Date.now());
    const body = JSON.stringify({ nonce, ordertype: 'limit', pair: 'XBTUSD', price: '37500', type: 'buy', volume: '1.25' });
    const path = '/0/private/AddOrder';
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      Buffer.from(secret, 'base64').toString('hex'),
      secret.slice(0, 24),
    ];

    const seen: Seen[] = [];
    const pending: Array<Promise<void>> = [];
    const record = (request: Request) => {
      pending.push(
        request.allHeaders().then(
          (headers) => void seen.push({ url: request.url(), method: request.method(), headers: JSON.stringify(headers), body: request.postData() ?? '' }),
          () => void seen.push({ url: request.url(), method: request.method(), headers: JSON.stringify(request.headers()), body: request.postData() ?? '' }),
        ),
      );
    };
    const context = await browser!.newContext({ javaScriptEnabled: true, locale: 'en-US' });
    let routed = 0;
    await context.route('**', async (route) => {
      routed++;
      record(route.request());
      await route.continue();
    });
    context.on('request', record);
    context.on('requestfailed', record);
    const page = await context.newPage();
    page.on('request', record);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const problems = watch(page);

    await page.goto(`${base}/hc/en-us/tools/api-signature`);
    await expect(page.locator('#sign-secret').isEnabled()).resolves.toBe(true);
    const loaded = seen.length;
    await page.locator('#sign-path').fill(path);
    await page.locator('#sign-nonce').fill(nonce);
    await page.locator('#sign-body').fill(body);
    await page.locator('#sign-secret').pressSequentially(secret, { delay: 1 });
    await page.getByRole('button', { name: 'Compute signature' }).click();
    await page.locator('#sign-result').waitFor({ state: 'visible' });
    // Correct for a random key and a JSON body, cross-checked with node:crypto.
    expect(await page.locator('#sign-value').textContent()).toBe(nodeApiSign(path, nonce, body, secret));
    // Enter in a field doesn't submit anything either.
    await page.locator('#sign-secret').press('Enter');
    // The page's CSP blocks any connection a script might try.
    const attempt = await page.evaluate(async () => {
      try {
        await fetch('/api/v2/tools/api-errors');
        return 'sent';
      } catch {
        return 'blocked';
      }
    });
    expect(attempt).toBe('blocked');
    await page.waitForTimeout(300);
    await Promise.all(pending);
    await page.close();
    await context.close();

    expect(routed).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThanOrEqual(loaded);
    expect(sockets).toEqual([]);
    for (const request of seen) {
      expect(new URL(request.url).origin).toBe(base);
      expect(request.method).toBe('GET');
      expect(request.body).toBe('');
      for (const form of forms) {
        expect(request.url.includes(form), `${request.url} contains the secret`).toBe(false);
        expect(request.headers.includes(form), `${request.url} headers contain the secret`).toBe(false);
      }
    }
    // After loading, only the blocked fetch above could have been attempted; nothing reached the network with a body.
    expect(seen.slice(loaded).every((r) => r.url.startsWith(`${base}/api/v2/tools/api-errors`) || r.url.startsWith(`${base}/hc/`))).toBe(true);
    expect(problems.every((p) => /Content Security Policy|connect-src/.test(p))).toBe(true);
  });
});
