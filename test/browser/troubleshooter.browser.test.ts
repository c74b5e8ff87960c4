import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotter } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, listenOnLoopback } from '../helpers/app.js';

/**
 * The deposits & withdrawals troubleshooter in a real Chromium with JavaScript disabled, against the
 * real app on a random port with the bundled content (SQLite): every step is a plain GET form, the
 * end is a pre-filled request that a guest submits. Chromium is never downloaded.
 */
const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const TXID = '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b';

/** A local date-time some hours ago, as a datetime-local input takes it. */
function recentLocalDateTime(hoursAgo: number): string {
  const d = new Date(Date.now() - hoursAgo * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe('troubleshooter in Chromium with JavaScript off', () => {
  let ctx: TestApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let base = '';

  beforeAll(async () => {
    ctx = await createTestApp('sqlite', {}, { backgroundJobs: false });
    base = await listenOnLoopback(ctx.app);
    browser = await launchChromium();
    context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US', viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const shot = screenshotter('troubleshooter-');
  const tickets = async () => (await ctx!.app.services.database.db.selectFrom('tickets').select(['id', 'subject']).execute()).length;

  /** Failed responses and console errors (a CSP violation would show here). */
  function watch(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    return problems;
  }

  const next = (page: Page, button = 'Continue') => Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);

  it('walks "deposit not arrived" through failing and passing checks to a pre-filled request a guest submits', async () => {
    const page = await context.newPage();
    const problems = watch(page);

    await page.goto(`${base}/hc/en-us/troubleshooters`);
    expect(await page.locator('h1').textContent()).toBe('Guided troubleshooters');
    await Promise.all([page.waitForURL(/\/troubleshooters\/deposits-withdrawals$/), page.locator('a[data-troubleshooter="deposits-withdrawals"]').click()]);
    expect(await page.locator('#ts-progress').textContent()).toBe('Step 1 of up to 8');
    await shot(page, 'start');

    await page.getByLabel('A deposit has not arrived').check();
    await next(page);
    await page.getByLabel('Crypto, from a wallet or another exchange').check();
    await next(page);

    // Asset and network.
    await page.selectOption('#ts-asset', 'USDT');
    await page.selectOption('#ts-network', 'tron');
    await next(page);
    expect(await page.locator('#step-title').textContent()).toBe('Which Lanternfish Exchange deposit address did you send to?');
    // Tron has no memo: the memo field is not offered.
    expect(await page.locator('#ts-memo').count()).toBe(0);

    // A mistyped address fails the check and the step is asked again with the typed value kept.
    const typo = `${TRON.slice(0, -1)}u`;
    await page.fill('#ts-address', typo);
    await next(page);
    expect(await page.locator('#ts-errors').textContent()).toMatch(/checksum/i);
    expect(await page.inputValue('#ts-address')).toBe(typo);
    await shot(page, 'address-fails');
    await page.fill('#ts-address', TRON);
    await next(page);
    const addressCheck = page.locator('.ts-check[data-check="address"]');
    expect(await addressCheck.getAttribute('data-outcome')).toBe('valid');
    expect(await addressCheck.textContent()).toContain('The address is valid on Tron (TRC-20).');

    // A bad transaction ID fails; a good one passes and links the block explorer.
    await page.fill('#ts-tx_hash', 'abc123');
    await next(page);
    expect(await page.locator('#ts-errors').isVisible()).toBe(true);
    await page.fill('#ts-tx_hash', TXID);
    await next(page);
    const explorer = page.locator('.ts-check[data-check="tx_hash"] a[data-link="external"]');
    expect(await explorer.getAttribute('href')).toBe(`https://tronscan.org/#/transaction/${TXID}`);
    expect(await explorer.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    await shot(page, 'txid-passes');

    await page.getByLabel('Success, confirmed').check();
    await next(page);
    await page.fill('#ts-amount', '125.5');
    const sentAt = recentLocalDateTime(3);
    await page.fill('#ts-problem_time', sentAt);
    await page.fill('#ts-account_id', 'AA12 N84G 3KF9');
    await next(page);

    // The end: a request pre-filled with everything collected.
    expect(await page.locator('#step-title').textContent()).toBe('Your deposit is confirmed but not credited');
    expect(await page.locator('#ts-progress').textContent()).toBe('Done: step 8 of 8');
    expect(await page.locator('[data-preview="subject"]').textContent()).toBe('Confirmed USDT deposit not credited');
    await shot(page, 'end');

    // Back keeps the last answers; forward again lands on the same end.
    await Promise.all([page.waitForEvent('load'), page.locator('#ts-back').click()]);
    expect(await page.inputValue('#ts-amount')).toBe('125.5');
    await next(page);

    await Promise.all([page.waitForURL(/\/hc\/en-us\/requests\/new\?type=deposit_withdrawal/), page.locator('#ts-request-link').click()]);
    expect(await page.inputValue('#fx-direction')).toBe('deposit');
    expect(await page.inputValue('#fx-asset')).toBe('USDT');
    expect(await page.inputValue('#fx-network')).toBe('tron');
    expect(await page.inputValue('#fx-address')).toBe(TRON);
    expect(await page.inputValue('#fx-tx_hash')).toBe(TXID);
    expect(await page.inputValue('#fx-amount')).toBe('125.5');
    expect(await page.inputValue('#fx-problem_time')).toBe(sentAt);
    expect(await page.inputValue('#fx-account_id')).toBe('AA12 N84G 3KF9');
    expect(await page.inputValue('#f-subject')).toBe('Confirmed USDT deposit not credited');
    const description = await page.inputValue('#f-description');
    expect(description).toContain('Answers from the troubleshooter “Deposits & withdrawals”:');
    expect(description).toContain(`- Deposit address: ${TRON}`);
    expect(description).toContain('- What does the block explorer show for this transaction? Success, confirmed');
    await shot(page, 'request-form');

    // A guest only adds an email address and sends it.
    await page.fill('#f-email', 'troubleshooter.guest@example.org');
    const before = await tickets();
    await Promise.all([page.waitForURL(/\/hc\/en-us\/requests\/\d+\?token=/), page.getByRole('button', { name: 'Submit request' }).click()]);
    expect(await tickets()).toBe(before + 1);
    expect(await page.locator('h1').textContent()).toBe('Confirmed USDT deposit not credited');
    expect(await page.locator('body').textContent()).toContain(TXID);
    const ticket = await ctx!.app.services.database.db.selectFrom('tickets').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(ticket.subject).toBe('Confirmed USDT deposit not credited');
    await shot(page, 'ticket');

    expect(problems).toEqual([]);
    await page.close();
  });

  it('works in Chinese on a phone-sized screen', async () => {
    const zh = await browser!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await zh.newPage();
    const problems = watch(page);
    await page.goto(`${base}/hc/zh-cn/troubleshooters/deposits-withdrawals`);
    await page.getByLabel('提现问题').check();
    await next(page, '继续');
    await page.getByLabel('无法提交：数量太小或按钮无法点击').check();
    await next(page, '继续');
    await page.selectOption('#ts-asset', 'USDT');
    await page.selectOption('#ts-network', 'ethereum');
    await page.fill('#ts-amount', '15');
    await next(page, '继续');
    expect(await page.locator('#step-title').textContent()).toBe('提现数量低于最低要求');
    const check = await page.locator('.ts-check[data-check="withdrawal_minimum"]').textContent();
    expect(check).toContain('15 USDT 低于以太坊（ERC-20）上 20 USDT 的最低提现数量');
    expect(check).toContain('波场（TRC-20） 10');
    const png = await shot(page, 'zh-below-minimum-mobile');
    expect(png.readUInt32BE(16)).toBe(390 * 2); // no horizontal scrolling
    expect(problems).toEqual([]);
    await zh.close();
  });
});
