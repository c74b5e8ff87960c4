import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotter } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRecord } from '../../src/server/modules/records/record-chain.js';
import { createTestApp, type TestApp, listenOnLoopback } from '../helpers/app.js';

/**
 * The request form in a real Chromium with JavaScript on, against the real app on a random port with
 * the bundled content (SQLite). Chromium is never downloaded: /usr/bin/chromium must be installed.
 */
const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const XRP = 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh';

/** A local date-time some hours ago, as a datetime-local input takes it. */
function recentLocalDateTime(hoursAgo: number): string {
  const d = new Date(Date.now() - hoursAgo * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe('request form in Chromium with JavaScript on', () => {
  let ctx: TestApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let base = '';

  beforeAll(async () => {
    ctx = await createTestApp('sqlite');
    base = await listenOnLoopback(ctx.app);
    browser = await launchChromium();
    context = await browser.newContext({ javaScriptEnabled: true, locale: 'en-US', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const shot = screenshotter('request-');
  const db = () => ctx!.app.services.database.db;
  const count = async (table: 'tickets' | 'deflections') => (await db().selectFrom(table).select('id').execute()).length;

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

  async function validationMessage(fields: Record<string, string>, locale: string) {
    const res = await ctx!.app.inject({ method: 'POST', url: '/api/v2/requests/validate', payload: { request_type: 'deposit_withdrawal', fields, locale } });
    return (res.json().errors as Array<{ field: string; message: string }>).find((e) => e.field === 'address')?.message ?? '';
  }

  it('validates live, suggests articles, uploads, submits and downloads a verifiable record', async () => {
    const page = await context.newPage();
    const problems = watch(page);

    // The brand's request URL picks the browser's language; the deposit type is chosen from the list.
    await page.goto(`${base}/hc/requests/new`);
    expect(new URL(page.url()).pathname).toBe('/hc/en-us/requests/new');
    await shot(page, 'types');
    await Promise.all([page.waitForURL(/type=deposit_withdrawal/), page.getByRole('link', { name: /Deposit & withdrawal/ }).click()]);
    expect(await page.locator('html.js').count()).toBe(1);
    // No network yet: the memo field is hidden (and its "only for…" hint with it).
    await expect.poll(() => page.locator('#w-memo').isHidden()).toBe(true);

    // Network Ethereum, a Tron address: the wrong-network error appears while typing.
    await page.selectOption('#fx-network', 'ethereum');
    await page.locator('#fx-address').pressSequentially(TRON, { delay: 5 });
    const expected = await validationMessage({ network: 'ethereum', address: TRON }, 'en-us');
    expect(expected).toMatch(/Tron \(TRC-20\)/);
    const error = page.locator('#fx-address-error');
    await expect.poll(() => error.textContent(), { timeout: 5000 }).toBe(expected);
    expect(await error.isVisible()).toBe(true);
    expect(await page.getAttribute('#fx-address', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#fx-address', 'aria-describedby')).toContain('fx-address-error');
    await shot(page, 'wrong-network');

    // A network with a memo shows the memo field, required; Tron fixes the address error and hides it again.
    await page.selectOption('#fx-network', 'xrp');
    await expect.poll(() => page.locator('#w-memo').isVisible()).toBe(true);
    expect(await page.locator('#fx-memo').evaluate((el) => (el as HTMLInputElement).required)).toBe(true);
    await page.selectOption('#fx-network', 'tron');
    await expect.poll(() => error.isHidden(), { timeout: 5000 }).toBe(true);
    expect(await page.getAttribute('#fx-address', 'aria-invalid')).toBeNull();
    expect(await page.locator('#w-memo').isHidden()).toBe(true);

    // Typing the problem shows suggested articles.
    await page.fill('#f-subject', 'Withdrawal pending');
    await page.locator('#f-description').pressSequentially('My USDT withdrawal has been pending for hours', { delay: 2 });
    const suggestions = page.locator('#live-suggestions li');
    await expect.poll(() => suggestions.count(), { timeout: 8000 }).toBeGreaterThan(0);
    expect(await page.locator('#live-suggestions').isVisible()).toBe(true);
    expect(await suggestions.first().locator('a').getAttribute('href')).toMatch(/^\/hc\/en-us\/articles\//);
    expect(await suggestions.first().getByRole('button', { name: 'This solved my problem' }).count()).toBe(1);
    await shot(page, 'suggestions');

    // The rest of the form; the tx hash is only required for deposits, so a withdrawal hides its marker.
    await page.fill('#f-email', 'browser.guest@example.org');
    await page.fill('#fx-account_id', 'AA12 N84G 3KF9');
    await page.selectOption('#fx-direction', 'withdrawal');
    expect(await page.locator('#w-tx_hash .req').isHidden()).toBe(true);
    await page.selectOption('#fx-asset', 'USDT');
    await page.fill('#fx-amount', '120');
    await page.fill('#fx-problem_time', recentLocalDateTime(3));
    // Files are uploaded as soon as they are chosen.
    await page.setInputFiles('#f-attachments', { name: 'withdrawal.txt', mimeType: 'text/plain', buffer: Buffer.from('Withdrawal W-77 of 120 USDT is pending.') });
    await expect.poll(() => page.locator('#f-attachments-list li').allTextContents(), { timeout: 5000 }).toEqual(['withdrawal.txt']);
    expect(await page.inputValue('input[name=uploads]')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    await page.waitForTimeout(400); // let the last live validation answer
    expect(await page.locator('.field-error:visible').count()).toBe(0);
    await shot(page, 'filled');

    const before = await count('tickets');
    await Promise.all([page.waitForURL(/\/hc\/en-us\/requests\/\d+\?token=/), page.getByRole('button', { name: 'Submit request' }).click()]);
    expect(await count('tickets')).toBe(before + 1);
    expect(await page.locator('h1').textContent()).toBe('Withdrawal pending');
    await expect(page.locator('#notice').textContent()).resolves.toContain('We have emailed you a link to this page');
    expect(await page.locator('.msg a[download]').allTextContents()).toEqual(['withdrawal.txt']);
    await shot(page, 'ticket');

    // Download the JSON record and verify it against the hash shown on the page.
    const shown = (await page.locator('#final-hash').textContent()) ?? '';
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-record="json"]').click()]);
    const file = await download.path();
    const record = JSON.parse(readFileSync(file, 'utf8'));
    expect(verifyRecord(record)).toMatchObject({ valid: true, messages: 1, finalHash: shown });
    expect(record.ticket.subject).toBe('Withdrawal pending');

    expect(problems).toEqual([]);
    await page.close();
  });

  it('records a deflection from the live suggestions and creates no ticket', async () => {
    const zh = await browser!.newContext({ javaScriptEnabled: true, locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await zh.newPage();
    const problems = watch(page);
    await page.goto(`${base}/hc/requests/new?type=deposit_withdrawal`);
    expect(new URL(page.url()).pathname).toBe('/hc/zh-cn/requests/new');
    // The wrong-network message in Chinese, as the validation API words it.
    await page.selectOption('#fx-network', 'ethereum');
    await page.locator('#fx-address').pressSequentially(XRP, { delay: 5 });
    const expected = await validationMessage({ network: 'ethereum', address: XRP }, 'zh-cn');
    expect(expected).toMatch(/[\u4e00-\u9fff]/);
    await expect.poll(() => page.locator('#fx-address-error').textContent(), { timeout: 5000 }).toBe(expected);

    await page.locator('#f-description').pressSequentially('提币一直显示待处理', { delay: 5 });
    const first = page.locator('#live-suggestions li').first();
    await expect.poll(() => page.locator('#live-suggestions li').count(), { timeout: 8000 }).toBeGreaterThan(0);
    const png = await shot(page, 'zh-suggestions-mobile');
    expect(png.readUInt32BE(16)).toBe(390 * 2); // no horizontal scrolling
    const tickets = await count('tickets');
    const deflections = await count('deflections');
    await first.getByRole('button', { name: '问题已解决' }).click();
    await expect.poll(() => page.locator('#deflected').isVisible()).toBe(true);
    expect(await page.locator('#deflected').textContent()).toContain('没有创建请求');
    expect(await page.locator('#request-form').isHidden()).toBe(true);
    await shot(page, 'zh-deflected-mobile');
    expect(await count('deflections')).toBe(deflections + 1);
    expect(await count('tickets')).toBe(tickets);
    const row = await db().selectFrom('deflections').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.request_type_key).toBe('deposit_withdrawal');
    expect(row.query).toContain('提币');
    expect(problems).toEqual([]);
    await zh.close();
  });

  it('shows and hides conditional fields as answers change', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${base}/hc/en-us/requests/new?type=account_verification`);
    // "Only when …" hints are for pages without script; here the fields themselves come and go.
    expect(await page.locator('#fx-verification_level-cond').isHidden()).toBe(true);
    expect(await page.locator('#w-verification_level').isHidden()).toBe(true);
    expect(await page.locator('#w-rejection_reason').isHidden()).toBe(true);
    await page.selectOption('#fx-issue', 'verification_rejected');
    expect(await page.locator('#w-verification_level').isVisible()).toBe(true);
    expect(await page.locator('#w-verification_level .req').isVisible()).toBe(true);
    expect(await page.locator('#w-rejection_reason').isVisible()).toBe(true);
    await page.selectOption('#fx-issue', 'verification_pending');
    expect(await page.locator('#w-verification_level').isVisible()).toBe(true);
    expect(await page.locator('#w-rejection_reason').isHidden()).toBe(true);
    // Hidden fields are disabled, so they are not sent.
    expect(await page.locator('#fx-rejection_reason').isDisabled()).toBe(true);
    await page.selectOption('#fx-issue', 'account_locked');
    expect(await page.locator('#w-verification_level').isHidden()).toBe(true);
    await shot(page, 'conditional');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works for a signed-in customer: live checks and uploads carry the session CSRF token', async () => {
    const signed = await browser!.newContext({ javaScriptEnabled: true, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await signed.newPage();
    const problems = watch(page);
    const email = `browser.user.${Date.now().toString(36)}@example.org`;
    await page.goto(`${base}/hc/en-us/signup?next=${encodeURIComponent('/hc/en-us/requests/new?type=deposit_withdrawal')}`);
    await page.fill('#signup-name', 'Browser User');
    await page.fill('#signup-email', email);
    await page.fill('#signup-password', 'lighthouse keeper 42');
    await Promise.all([page.waitForURL(/\/hc\/en-us\/requests\/new\?type=deposit_withdrawal/), page.getByRole('button', { name: /create|sign up/i }).click()]);
    expect(await page.locator('#f-email').count()).toBe(0);
    await expect(page.locator('form#request-form').textContent()).resolves.toContain(`Signed in as ${email}`);

    await page.selectOption('#fx-network', 'ethereum');
    await page.locator('#fx-address').pressSequentially(TRON, { delay: 5 });
    await expect.poll(() => page.locator('#fx-address-error').isVisible(), { timeout: 5000 }).toBe(true);
    await page.selectOption('#fx-network', 'tron');
    await expect.poll(() => page.locator('#fx-address-error').isHidden(), { timeout: 5000 }).toBe(true);
    await page.setInputFiles('#f-attachments', { name: 'proof.txt', mimeType: 'text/plain', buffer: Buffer.from('Proof of the withdrawal request.') });
    await expect.poll(() => page.locator('#f-attachments-list li').allTextContents(), { timeout: 5000 }).toEqual(['proof.txt']);
    await page.fill('#f-subject', 'USDT withdrawal still pending');
    await page.fill('#f-description', 'The withdrawal of 80 USDT to my Tron wallet has been pending since this morning.');
    await page.fill('#fx-account_id', 'AA12 N84G 3KF9');
    await page.selectOption('#fx-direction', 'withdrawal');
    await page.selectOption('#fx-asset', 'USDT');
    await page.fill('#fx-amount', '80');
    await page.fill('#fx-problem_time', recentLocalDateTime(5));
    await Promise.all([page.waitForURL(/\/hc\/en-us\/requests\/\d+\?notice=created/), page.getByRole('button', { name: 'Submit request' }).click()]);
    expect(page.url()).not.toContain('token=');
    expect(await page.locator('.msg a[download]').allTextContents()).toEqual(['proof.txt']);
    await Promise.all([page.waitForURL(/\/hc\/en-us\/requests$/), page.locator('header.top').getByRole('link', { name: 'My requests' }).click()]);
    expect(await page.locator('table.requests tbody tr').count()).toBe(1);
    expect(await page.locator('table.requests').textContent()).toContain('USDT withdrawal still pending');
    await shot(page, 'my-requests');
    expect(problems).toEqual([]);
    await signed.close();
  });

  it('shows server errors with a focused summary when the form is sent incomplete', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${base}/hc/en-us/requests/new?type=other`);
    await Promise.all([page.waitForURL(/\/hc\/en-us\/requests\/new/), page.waitForEvent('load'), page.getByRole('button', { name: 'Submit request' }).click()]);
    await page.waitForSelector('#error-summary');
    // The summary has focus and links to the fields.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    const links = await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['#f-email', '#f-subject', '#f-description']));
    await shot(page, 'errors');
    // The 400 of the re-rendered form is expected; nothing else may fail.
    expect(problems.filter((p) => !/^400 .*\/requests\/new/.test(p) && !/status of 400 \(Bad Request\)/.test(p))).toEqual([]);
    await page.close();
  });
});
