import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotter } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/modules/accounts/password.js';
import { createStaff } from '../../src/server/modules/staff/staff.service.js';
import { createTestApp, type TestApp, listenOnLoopback } from '../helpers/app.js';
import { TEST_ADMIN_TOKEN } from '../helpers/db.js';

/**
 * The agent console (React, built by Vite here) in a real Chromium against the real app on SQLite:
 * TOTP enrolment and sign-in, Group unassigned → take → macro → reply, the shield refusing a reply
 * that asks for a recovery phrase, solving, the collision notice, and the customer seeing the reply.
 * Chromium is never downloaded: the CI script installs /usr/bin/chromium (apt: chromium fonts-noto-cjk).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'Lighthouse-keeper-2041';
const BUILD_TIMEOUT_MS = 180_000;

const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const ETH_TX = `0x${'ab'.repeat(32)}`;

/** Builds the console into dist/web (what the server serves) so a fresh clone needs no prior build. */
async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`vite build took longer than ${BUILD_TIMEOUT_MS / 1000}s`)), BUILD_TIMEOUT_MS);
  });
  try {
    await Promise.race([build({ configFile: resolve(ROOT, 'vite.config.ts'), logLevel: 'warn' }), timeout]);
  } finally {
    clearTimeout(timer);
  }
  if (!existsSync(resolve(ROOT, 'dist/web/index.html'))) throw new Error('vite build produced no dist/web/index.html');
}

/** The current code of an authenticator holding `secret` (what the staff member would type). */
function totpCode(secret: string, offsetSteps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, '')), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

describe('agent console in Chromium', () => {
  let ctx: TestApp | undefined;
  let browser: Browser | undefined;
  let agentContext: BrowserContext;
  let page: Page;
  let base = '';
  let ticketId = 0;
  let guestToken = '';
  const errors: string[] = [];
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  /** Full-page screenshot from the top (a scrolled page would show the sticky top bar mid-image). */
  const save = screenshotter('console-');
  const shot = async (p: Page, name: string) => {
    await p.evaluate(() => window.scrollTo(0, 0));
    return save(p, name);
  };

  /** Signs in through the UI: password, then (first time) enrolment with the secret shown on screen. */
  async function signIn(p: Page, email: string, options: { screenshots?: boolean } = {}) {
    await p.goto(`${base}/agent/`);
    await p.getByLabel(/Work email|工作邮箱/).fill(email);
    await p.getByLabel(/^Password$|^密码$/).fill(PASSWORD);
    if (options.screenshots) await shot(p, 'signin');
    await p.getByRole('button', { name: /Continue|继续/ }).click();
    const secretEl = p.locator('[data-totp-secret]');
    await secretEl.waitFor();
    const secret = (await secretEl.getAttribute('data-totp-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // The QR code is an SVG data URL: it must actually render under the console's CSP.
    await expect.poll(() => p.locator('img.qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    if (options.screenshots) await shot(p, 'totp-enrolment');
    await p.getByLabel(/Verification code|验证码/).fill(totpCode(secret));
    await p.getByRole('button', { name: /Verify and sign in|验证并登录/ }).click();
    await p.getByRole('navigation', { name: /Main menu|主菜单/ }).waitFor();
    return secret;
  }

  beforeAll(async () => {
    await buildConsole();

    ctx = await createTestApp('sqlite', {}, { mailWorker: false, backgroundJobs: false });
    base = await listenOnLoopback(ctx.app);
    const db = ctx.app.services.database.db;

    // Staff: an admin who works the funding queue, and an agent colleague.
    const zhang = await createStaff(db, { email: 'zhang.min@pharos.test', name: 'Zhang Min', role: 'admin', password: PASSWORD, locale: 'en-us' });
    const li = await createStaff(db, { email: 'li.wei@pharos.test', name: 'Li Wei', role: 'agent', password: PASSWORD, locale: 'zh-cn' });
    const groups = (await ctx.app.inject({ url: '/api/v2/groups', headers: admin })).json<{ groups: Array<{ id: string; key: string }> }>().groups;
    const funding = groups.find((g) => g.key === 'funding');
    expect(funding, 'bundled "funding" group').toBeTruthy();
    for (const userId of [zhang.userId, li.userId]) {
      const member = await ctx.app.inject({ method: 'POST', url: '/api/v2/group_memberships', headers: admin, payload: { group_membership: { user_id: userId, group_id: funding!.id } } });
      expect(member.statusCode, member.body).toBe(201);
    }
    const macro = await ctx.app.inject({
      method: 'POST',
      url: '/api/v2/macros',
      headers: admin,
      payload: {
        macro: {
          title: { 'en-us': 'Deposit: checking with the network', 'zh-cn': '充值：正在链上核查' },
          body: {
            'en-us': 'Hi {{requester.name}},\n\nThanks for the details on request #{{ticket.id}}. The transaction is on its way through the network; we will confirm once it is credited.\n\n{{agent.name}}',
            'zh-cn': '{{requester.name}}您好：\n\n感谢您在请求 #{{ticket.id}} 中提供的信息。交易正在网络中确认，入账后我们会通知您。\n\n{{agent.name}}',
          },
          group_id: null,
          actions: { status: 'pending' },
        },
      },
    });
    expect(macro.statusCode, macro.body).toBe(201);

    // A customer's request, submitted as a guest, with a screenshot.
    const uploaded = await ctx.app.inject({
      method: 'POST',
      url: '/api/v2/uploads?filename=wallet-screenshot.png',
      payload: readFileSync(resolve(ROOT, 'test/fixtures/attachments/screenshot.png')),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const uploadToken = uploaded.json<{ upload: { token: string } }>().upload.token;
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: '/api/v2/requests',
      headers: { 'accept-language': 'en-US' },
      payload: {
        request: {
          subject: 'USDT deposit not credited after two hours',
          comment: { body: 'I sent 250.5 USDT on Ethereum two hours ago and it still does not show in my balance.', uploads: [uploadToken] },
          request_type: 'deposit_withdrawal',
          requester: { name: 'Wang Fang', email: 'wang.fang@example.org' },
          locale: 'en-us',
          custom_fields: Object.entries({ account_id: 'AA12 N84G 3KF9', direction: 'deposit', asset: 'USDT', network: 'ethereum', address: ETH, tx_hash: ETH_TX, amount: '250.5', problem_time: '2026-11-20T14:30' }).map(([id, value]) => ({ id, value })),
        },
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    ticketId = submitted.json<{ request: { id: number } }>().request.id;
    guestToken = submitted.json<{ guest_token: string }>().guest_token;
    expect(guestToken).toBeTruthy();

    browser = await launchChromium();
    agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await agentContext.newPage();
    // Bounded waits: a step that cannot happen fails with its locator instead of the test's timeout.
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      // Expected answers the console handles: 401 before sign-in and after the session ends, 422 for the refused reply.
      if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|422)/.test(msg.text())) errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
  }, BUILD_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  it('serves the built console under /agent/ with the strict CSP', async () => {
    const res = await fetch(`${base}/agent/views/mine`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    const script = /src="(\/agent\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });

  it('enrols the authenticator and signs in with a TOTP code', async () => {
    await signIn(page, 'zhang.min@pharos.test', { screenshots: true });
    await expect.poll(() => page.locator('.whoami').textContent()).toContain('Zhang Min');
    // Admins see the administration menu.
    expect(await page.getByRole('link', { name: 'Request types' }).count()).toBe(1);
  });

  it('takes the ticket from Group unassigned, applies a macro and sends the reply', async () => {
    await page.locator('[data-view="group_unassigned"]').click();
    const row = page.locator(`tr[data-ticket-id="${ticketId}"]`);
    await row.waitFor();
    await expect.poll(() => row.locator('.sla').count()).toBe(1);
    expect(await row.locator('.sla').getAttribute('data-sla-state')).toMatch(/ok|warning/);
    await expect.poll(() => page.locator('[data-view="group_unassigned"] .count').textContent()).toBe('1');
    await shot(page, 'group-unassigned');

    // Keyboard: j selects the first row, Enter opens it.
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/agent/tickets/${ticketId}$`));
    await expect.poll(() => page.locator('h1').textContent()).toContain('USDT deposit not credited');
    // Structured fields with chain validation and explorer links.
    const address = page.locator('[data-field="address"]');
    await address.waitFor();
    expect(await address.locator('.validation').getAttribute('data-valid')).toBe('true');
    expect(await page.locator('[data-field="tx_hash"] .explorer-link').count()).toBeGreaterThan(0);
    // Requester context.
    expect(await page.locator('.ticket-side').textContent()).toContain('wang.fang@example.org');
    // The customer's screenshot as a thumbnail, loaded from the same origin under the CSP.
    const thumbnail = page.locator('.attachment-image img').first();
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator('.attachment-image').first().textContent()).toContain('wallet-screenshot.png');
    await shot(page, 'ticket');

    await page.locator('[data-action="take"]').click();
    await page.getByText('Assigned to you').waitFor();

    await page.locator('[data-action="open-macros"]').click();
    const dialog = page.getByRole('dialog', { name: 'Apply a macro' });
    await dialog.waitFor();
    // The filter has the focus: type to narrow, the first match is previewed and applied.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('macro-filter');
    await dialog.getByRole('combobox').fill('checking with');
    await expect.poll(() => dialog.getByRole('option').count()).toBe(1);
    await dialog.getByRole('option', { name: 'Deposit: checking with the network' }).waitFor();
    await expect.poll(() => dialog.locator('.macro-preview').textContent()).toContain(`request #${ticketId}`);
    await shot(page, 'macro-picker');
    await dialog.locator('[data-action="apply-macro"]').click();
    await dialog.waitFor({ state: 'detached' });

    const reply = page.locator('textarea.reply-body');
    const body = await reply.inputValue();
    expect(body).toContain('Hi Wang Fang,');
    expect(body).toContain(`request #${ticketId}`);
    expect(body).toContain('Zhang Min');
    await expect.poll(() => page.locator('.macro-changes').textContent()).toContain('Pending');

    // Ctrl+Enter sends from the reply box.
    await reply.focus();
    await page.keyboard.press('Control+Enter');
    await page.locator('.comment-staff.comment-public').first().waitFor();
    await expect.poll(() => reply.inputValue()).toBe('');
    await expect.poll(() => page.locator('.ticket-meta .badge').first().textContent()).toBe('Pending');
    expect(await page.locator('.comment-staff.comment-public .comment-body').last().textContent()).toContain('Hi Wang Fang,');
    await shot(page, 'reply-sent');
  });

  it('refuses a reply that asks the customer for their recovery phrase and says why', async () => {
    const before = await page.locator('.conversation > li').count();
    const reply = page.locator('textarea.reply-body');
    await reply.fill('To finish the check, please send me your recovery phrase.');
    await page.locator('[data-action="send"]').click();
    const refusal = page.locator('[data-outbound-refused]');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await refusal.textContent()).toContain('Not sent');
    expect(await refusal.locator('[data-reason="asks_recovery_phrase"]').count()).toBe(1);
    expect((await refusal.locator('[data-reason="asks_recovery_phrase"]').textContent())?.length).toBeGreaterThan(10);
    // Nothing was added to the conversation, and the text stays for rewording.
    expect(await page.locator('.conversation > li').count()).toBe(before);
    expect(await reply.inputValue()).toContain('recovery phrase');
    await shot(page, 'reply-refused');
    await reply.fill('');
  });

  it('attaches files to a reply by button, drag-and-drop and paste; refuses what the server would not take', async () => {
    const composer = page.locator('form.composer');
    // The attach button's file chooser: a screenshot is accepted, a program is refused at once with the reason.
    await page.locator('input[data-attach-input]').setInputFiles([
      { name: 'deposit-proof.png', mimeType: 'image/png', buffer: readFileSync(resolve(ROOT, 'test/fixtures/attachments/screenshot.png')) },
      { name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: readFileSync(resolve(ROOT, 'test/fixtures/attachments/program.exe')) },
    ]);
    const proof = composer.locator('.file-chip[data-file-name="deposit-proof.png"]');
    await proof.waitFor();
    await expect.poll(() => proof.getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
    // The chip's thumbnail is served from the server (upload token) under the console's CSP.
    await expect.poll(() => proof.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const fileErrors = composer.locator('[data-file-errors]');
    await fileErrors.waitFor();
    expect(await fileErrors.getAttribute('role')).toBe('alert');
    expect(await fileErrors.textContent()).toContain('“tool.exe” cannot be attached. Allowed: PNG, JPEG or WebP images');
    expect(await composer.locator('.file-chip[data-file-name="tool.exe"]').count()).toBe(0);

    // Drag-and-drop a text file onto the reply box, then remove it again.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Node log: deposit 0x5aae… seen at block 19,000,001.\n'], 'node.log', { type: 'text/plain' }));
      const form = document.querySelector('form.composer')!;
      for (const type of ['dragenter', 'dragover', 'drop']) form.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const log = composer.locator('.file-chip[data-file-name="node.txt"]');
    await expect.poll(() => log.getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
    await log.getByRole('button', { name: 'Remove node.txt' }).click();
    await expect.poll(() => log.count()).toBe(0);

    // Paste a screenshot into the reply text.
    await page.locator('textarea.reply-body').evaluate(async (textarea: HTMLTextAreaElement) => {
      // What a screenshot tool puts on the clipboard: a PNG called "image.png".
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 64;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#1f5fd1';
      g.fillRect(0, 0, 96, 64);
      g.fillStyle = '#ffffff';
      g.fillRect(8, 8, 40, 20);
      const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b!), 'image/png'));
      const data = new DataTransfer();
      data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const pasted = composer.locator('.file-chip[data-file-name^="screenshot-"]');
    await expect.poll(() => pasted.getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
    await shot(page, 'reply-attachments');

    await page.locator('textarea.reply-body').fill('Here is where the deposit shows up; see the two screenshots.');
    await page.locator('[data-action="send"]').click();
    await expect.poll(() => composer.locator('.file-chip').count(), { timeout: 10_000 }).toBe(0);
    const sent = page.locator('.comment-staff.comment-public', { hasText: 'see the two screenshots' });
    await sent.waitFor();
    const thumbs = sent.locator('.attachment-image');
    await expect.poll(() => thumbs.count()).toBe(2);
    expect(await thumbs.first().textContent()).toContain('deposit-proof.png');
    await expect.poll(() => thumbs.first().locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // A click opens the larger preview inside the console.
    await thumbs.first().getByRole('button').click();
    const preview = page.getByRole('dialog', { name: 'Attachment: deposit-proof.png' });
    await preview.waitFor();
    await expect.poll(() => preview.locator('img.attachment-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await shot(page, 'attachment-preview');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
  });

  it('shows a colleague viewing the same ticket (collision notice) and live updates', async () => {
    const colleague = await browser!.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } });
    const other = await colleague.newPage();
    try {
      await signIn(other, 'li.wei@pharos.test');
      // Li Wei's console starts in Chinese: his profile language.
      await expect.poll(() => other.locator('html').getAttribute('lang')).toBe('zh-CN');
      await other.goto(`${base}/agent/tickets/${ticketId}`);
      await other.locator('.conversation').waitFor();
      const notice = page.locator('[data-collision]');
      await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('Li Wei is also viewing this ticket');
      await expect.poll(() => other.locator('[data-collision]').textContent(), { timeout: 10_000 }).toContain('Zhang Min 也在查看此工单');
      await shot(page, 'collision');
      await shot(other, 'ticket-zh-tablet');

      // Li Wei adds an internal note; it appears on Zhang Min's screen without a reload.
      await other.locator('[data-mode="internal"]').click();
      await other.locator('textarea.reply-body').fill('客户之前也有一笔 ERC-20 充值延迟，可以一并核查。');
      await other.locator('[data-action="send"]').click();
      await page.locator('.comment-internal', { hasText: '一并核查' }).waitFor({ timeout: 10_000 });
      expect(await page.locator('.comment-internal .badge-note').first().textContent()).toBe('Internal note');
      await other.close();
      await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await colleague.close();
    }
  });

  it('solves the ticket, and the customer sees the agent’s reply but never the refused text or the note', async () => {
    await page.locator('select[name="status"]').selectOption('solved');
    await expect.poll(() => page.locator('.ticket-meta .badge').first().textContent()).toBe('Solved');
    await shot(page, 'solved');

    const res = await fetch(`${base}/api/v2/requests/${ticketId}/comments?token=${encodeURIComponent(guestToken)}`);
    expect(res.status).toBe(200);
    const comments = (await res.json()) as { comments: Array<{ body: string; public: boolean; author_role: string }> };
    const bodies = comments.comments.map((c) => c.body).join('\n---\n');
    expect(bodies).toContain('Hi Wang Fang,');
    expect(bodies).toContain(`request #${ticketId}`);
    expect(bodies).not.toContain('recovery phrase');
    expect(bodies).not.toContain('一并核查');
    const request = (await (await fetch(`${base}/api/v2/requests/${ticketId}?token=${encodeURIComponent(guestToken)}`)).json()) as { request: { status: string } };
    expect(request.request.status).toBe('solved');

    // The customer's own page (help-center portal, no JavaScript needed).
    const customer = await browser!.newContext({ locale: 'en-US', javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const portal = await customer.newPage();
    const response = await portal.goto(`${base}/hc/en-us/requests/${ticketId}?token=${encodeURIComponent(guestToken)}`);
    expect(response?.status()).toBe(200);
    expect(await portal.locator('body').textContent()).toContain('Hi Wang Fang,');
    await shot(portal, 'customer-view');
    await customer.close();

    // Wang Fang later sets a password; signed in, "My requests" leads to the reply with its screenshot.
    const db = ctx!.app.services.database.db;
    await db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD), email_verified_at: new Date().toISOString() }).where('email', '=', 'wang.fang@example.org').execute();
    const signedIn = await browser!.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const mine = await signedIn.newPage();
    await mine.goto(`${base}/hc/en-us/signin`);
    await mine.fill('#signin-email', 'wang.fang@example.org');
    await mine.fill('#signin-password', PASSWORD);
    await Promise.all([mine.waitForURL(/\/hc\/en-us\/(account|requests)/), mine.getByRole('button', { name: 'Sign in' }).click()]);
    await mine.goto(`${base}/hc/en-us/requests`);
    await Promise.all([mine.waitForURL(new RegExp(`/hc/en-us/requests/${ticketId}`)), mine.locator('table.requests').getByRole('link', { name: /USDT deposit not credited/ }).click()]);
    const link = mine.locator('.msg a[download]', { hasText: 'deposit-proof.png' });
    await link.waitFor();
    expect(await mine.locator('.msg a[download]').allTextContents()).toEqual(expect.arrayContaining(['wallet-screenshot.png', 'deposit-proof.png']));
    const file = await signedIn.request.get(`${base}${await link.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    // The colleague's internal note (and anything on it) is not on the customer's page.
    expect(await mine.locator('body').textContent()).not.toContain('一并核查');
    await shot(mine, 'customer-my-requests-attachment');
    await signedIn.close();
  });

  it('works in Chinese at tablet width: the request-type editor, knowledge-base sections and deleting an article', async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.locator('[data-lang="zh-cn"]').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.goto(`${base}/agent/admin/request-types`);
    await page.getByRole('button', { name: /账户与身份验证/ }).first().click();
    await page.locator('.field-cards').waitFor();
    // A structured field editor: the verification level is shown and required only for some answers.
    await page.locator('.field-card summary', { hasText: '申请的验证等级' }).first().click();
    const card = page.locator('.field-card[open]', { hasText: '申请的验证等级' });
    await card.locator('.conditions').first().waitFor();
    expect(await card.locator('.option-checks input:checked').count()).toBeGreaterThan(0);
    // The live preview evaluates the conditions as a customer answers.
    const preview = page.locator('.form-preview');
    expect(await preview.getByText('拒绝通知中给出的原因').count()).toBe(0);
    await preview.locator('#preview-issue').selectOption('verification_rejected');
    await preview.getByText('拒绝通知中给出的原因').waitFor();
    await shot(page, 'admin-request-types-zh-tablet');
    // No horizontal scrolling at tablet width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/agent/admin/kb`);
    await page.locator('.pick-list button').first().click();
    await page.locator('.md-preview').first().waitFor();
    await shot(page, 'admin-kb-zh');

    // Categories and sections: a new section with both names, then an article is deleted.
    await page.locator('[data-tab="structure"]').click();
    const funding = page.locator('.structure-category[data-category-key="funding"]');
    await funding.waitFor();
    await funding.locator('[data-action="new-section"]').click();
    const form = funding.locator('form[data-new-section]');
    await form.getByLabel('English').fill('Fiat on-ramp');
    await form.getByLabel('简体中文').fill('法币入金');
    await form.locator('[data-action="create-section"]').click();
    const created = funding.locator('.structure-section', { hasText: 'Fiat on-ramp' });
    await created.waitFor();
    expect(await created.textContent()).toContain('法币入金');
    expect(await created.textContent()).toContain('0 篇文章');
    const sections = (await ctx!.app.inject({ url: '/api/v2/help_center/zh-cn/sections', headers: admin })).json<{ sections: Array<{ name: string }> }>().sections;
    expect(sections.map((x) => x.name)).toContain('法币入金');
    // A section with articles cannot be deleted without choosing where they go.
    const busy = funding.locator('.structure-section').filter({ hasNotText: 'Fiat on-ramp' }).first();
    await busy.locator('[data-action="delete"]').click();
    const confirm = page.locator('form[data-delete-dialog]');
    await confirm.waitFor();
    expect(await confirm.locator('[data-action="confirm-delete"]').isDisabled()).toBe(true);
    expect(await confirm.locator('select[name="move_to"]').count()).toBe(1);
    await shot(page, 'admin-kb-structure-zh');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });

    // Delete an article: it leaves the list, the public help center and search.
    const articles = (await ctx!.app.inject({ url: '/api/v2/help_center/en-us/articles?per_page=100', headers: admin })).json<{ articles: Array<{ id: string; slug: string; title: string; draft: boolean }> }>().articles;
    const victim = articles.find((a) => !a.draft)!;
    expect((await fetch(`${base}/hc/en-us/articles/${victim.slug}`)).status).toBe(200);
    await page.locator('[data-tab="articles"]').click();
    await page.locator('#kb-filter').fill(victim.title.slice(0, 20));
    await page.locator('.pick-list button').first().click();
    await page.locator('[data-action="delete-article"]').click();
    await page.locator('[data-action="confirm-delete-article"]').click();
    await expect.poll(() => page.locator('.pick-list button').count()).toBe(0);
    expect((await fetch(`${base}/hc/en-us/articles/${victim.slug}`)).status).toBe(404);
    const search = (await (await fetch(`${base}/api/v2/help_center/articles/search?query=${encodeURIComponent(victim.title)}&locale=en-us`)).json()) as { results: Array<{ id: string }> };
    expect(search.results.map((r) => r.id)).not.toContain(victim.id);
    await page.locator('#kb-filter').fill('');
    // Press ? for the shortcut help.
    await page.locator('h1').first().click();
    await page.keyboard.press('?');
    await page.getByRole('dialog').waitFor();
    await shot(page, 'shortcuts-zh');
    await page.keyboard.press('Escape');
  });

  it('opens every administration page without errors; saves SLA policies and verifies the audit chain', async () => {
    await page.locator('[data-lang="en-us"]').click();
    const sections: Array<[string, string]> = [
      ['request-types', 'Request types'],
      ['groups', 'Groups'],
      ['routing', 'Routing rules'],
      ['sla', 'SLA policies'],
      ['macros', 'Macros'],
      ['staff', 'Staff'],
      ['tokens', 'API tokens'],
      ['audit', 'Audit log'],
      ['kb', 'Knowledge base'],
    ];
    for (const [section, title] of sections) {
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: title, exact: true }).click();
      await page.waitForURL(new RegExp(`/agent/admin/${section}$`));
      await expect.poll(() => page.locator('main h1').first().textContent()).toBe(title);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('main .notice-error').count(), section).toBe(0);
    }

    // Staff list shows both staff members with their 2FA state.
    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    await page.getByRole('cell', { name: 'li.wei@pharos.test' }).waitFor();

    // SLA: change the urgent first-reply target and save; the server echoes it back.
    await page.getByRole('link', { name: 'SLA policies', exact: true }).click();
    const urgent = page.getByLabel('Urgent: First reply (min)');
    await urgent.fill('25');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('SLA policies saved.').waitFor();
    const saved = (await ctx!.app.inject({ url: '/api/v2/slas/policies', headers: admin })).json<{ policies: Array<{ priority: string; first_reply_minutes: number }> }>();
    expect(saved.policies.find((p) => p.priority === 'urgent')?.first_reply_minutes).toBe(25);
    await shot(page, 'admin-sla');

    // Audit log: the work above is recorded, and the hash chain verifies.
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByRole('cell', { name: /ticket\./ }).first().waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.locator('[data-audit-valid]').getAttribute('data-audit-valid')).toBe('true');
    await shot(page, 'admin-audit');
  });

  it('searches with / and sends an expired session back to sign-in with a message', async () => {
    await page.goto(`${base}/agent/views/mine`);
    await page.locator('h1').first().click();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ticket-search');
    await page.keyboard.type('USDT deposit');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/agent\/search\?query=/);
    await page.locator(`tr[data-ticket-id="${ticketId}"]`).waitFor();

    // The server ends the session (expiry, deactivation…): the next call lands on the sign-in page.
    await ctx!.app.services.database.db.deleteFrom('sessions').execute();
    await page.locator('[data-view="all_open"]').click();
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    expect(await page.getByLabel('Work email').count()).toBe(1);
    await shot(page, 'session-expired');
  });

  it('logged no script errors or CSP violations', () => {
    expect(errors).toEqual([]);
  });
});
