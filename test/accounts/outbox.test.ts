import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/index.js';
import { deliverDueMail, startOutboxWorker } from '../../src/server/jobs/outbox-worker.js';
import { claimMailBatch, enqueueMail } from '../../src/server/modules/mail/mail.outbox.js';
import { renderMail } from '../../src/server/modules/mail/mail.templates.js';
import { LogTransport, type OutgoingMail } from '../../src/server/modules/mail/mail.transport.js';
import { loadConfig } from '../../src/server/config.js';
import { createTestDatabase, DIALECTS, openMigrated, type TestDatabase } from '../helpers/db.js';
import { Browser, CollectingTransport, createAccountsApp, pathOf, type AccountsTestApp } from './helpers.js';

const brand = loadConfig({ BRAND_NAME: 'Lanternfish <Exchange>' }).brand;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('mail templates', () => {
  it('renders every template in both languages, escaping the HTML and keeping the link', () => {
    const params = { link: 'https://support.example/hc/en-us/verify-email?token=abc&x=1', time: '2025-03-04T05:06:07.000Z', resetLink: 'https://support.example/hc/en-us/password/forgot' };
    for (const template of ['verify_email', 'reset_password', 'password_changed', 'totp_enabled', 'totp_disabled'] as const) {
      const en = renderMail(template, 'en-us', params, brand);
      const zh = renderMail(template, 'zh-cn', params, brand);
      expect(en.subject).toContain('Lanternfish <Exchange>');
      expect(zh.subject).toMatch(/[\u4e00-\u9fff]/);
      expect(en.subject).not.toBe(zh.subject);
      expect(en.html).toContain('Lanternfish &lt;Exchange&gt;');
      expect(en.html).not.toContain('<Exchange>');
      expect(zh.html).toContain('lang="zh-CN"');
      expect(en.text).toContain('will never ask for your password');
      expect(zh.text).toContain('绝不会向您索要密码');
    }
    const verify = renderMail('verify_email', 'en-us', params, brand);
    expect(verify.text).toContain(params.link);
    expect(verify.html).toContain('href="https://support.example/hc/en-us/verify-email?token=abc&amp;x=1"');
    expect(renderMail('password_changed', 'zh-cn', params, brand).text).toContain('2025-03-04 05:06');
  });

  it('shows the anti-phishing phrase when given', () => {
    const withPhrase = renderMail('reset_password', 'zh-cn', { link: 'https://x.example/r', antiPhishingPhrase: 'blue <heron>' }, brand);
    expect(withPhrase.text.split('\n')[0]).toBe('您的防钓鱼码：blue <heron>');
    expect(withPhrase.html).toContain('blue &lt;heron&gt;');
    const without = renderMail('reset_password', 'zh-cn', { link: 'https://x.example/r' }, brand);
    expect(without.text).not.toContain('防钓鱼码');
  });

  it('logs only recipient, subject and template in the log transport', async () => {
    const lines: Array<{ obj: object; msg?: string }> = [];
    const transport = new LogTransport({ info: (obj, msg) => lines.push({ obj, ...(msg ? { msg } : {}) }) });
    const mail: OutgoingMail = { id: 'mail_1', to: 'a@example.com', subject: 'Reset', text: 'secret link https://x/?token=SECRET', html: '<a>SECRET</a>', template: 'reset_password', locale: 'en-us' };
    await transport.send(mail);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.obj).toEqual({ outboxId: 'mail_1', to: 'a@example.com', subject: 'Reset', template: 'reset_password' });
    expect(JSON.stringify(lines)).not.toContain('SECRET');
  });
});

describe.each(DIALECTS)('outbox worker on %s', (dialect) => {
  let test: TestDatabase;
  let main: DatabaseHandle;
  let second: DatabaseHandle;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    main = await openMigrated(test);
    // A second handle: its own connection (pool), as another process would have.
    second = test.open();
  });
  afterAll(async () => {
    await second?.close();
    await main?.close();
    await test?.cleanup();
  });

  const enqueue = (to: string) => enqueueMail(main.db, { to, template: 'verify_email', locale: 'en-us', params: { link: `https://pharos.test/hc/en-us/verify-email?token=${to}` }, brand });

  it('delivers pending mail through the transport, marks it sent and drops the body', async () => {
    const id = await enqueue('one@example.com');
    const transport = new CollectingTransport();
    const stop = startOutboxWorker({ db: main.db, transport, logger: silent, intervalMs: 20 });
    try {
      await waitFor(() => transport.sent.some((m) => m.id === id));
    } finally {
      await stop();
    }
    const mail = transport.sent.find((m) => m.id === id)!;
    expect(mail.to).toBe('one@example.com');
    expect(mail.text).toContain('token=one@example.com');
    expect(mail.html).toContain('<html');
    const row = await main.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, claimed_by: null, text_body: '', html_body: '' });
    expect(row.sent_at).not.toBeNull();
  });

  it('sends each row once even with two workers on separate connections', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await enqueue(`bulk${i}@example.com`));
    const a = new CollectingTransport();
    const b = new CollectingTransport();
    const options = { logger: silent, intervalMs: 5, batchSize: 7 };
    const stopA = startOutboxWorker({ ...options, db: main.db, transport: a, workerId: 'worker-a' });
    const stopB = startOutboxWorker({ ...options, db: second.db, transport: b, workerId: 'worker-b' });
    try {
      await waitFor(async () => {
        const pending = await main.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute();
        return pending.length === 0;
      });
    } finally {
      await Promise.all([stopA(), stopB()]);
    }
    const delivered = [...a.sent, ...b.sent].map((m) => m.id).filter((id) => ids.includes(id));
    expect(delivered.sort()).toEqual([...ids].sort());
    expect(new Set(delivered).size).toBe(delivered.length);
  });

  it('claims a row for one worker only', async () => {
    const id = await enqueue('race@example.com');
    const a = new CollectingTransport();
    const b = new CollectingTransport();
    // Both passes see the row as due; only one claim succeeds.
    const [ra, rb] = await Promise.all([
      deliverDueMail({ db: main.db, transport: a, logger: silent, workerId: 'race-a' }),
      deliverDueMail({ db: second.db, transport: b, logger: silent, workerId: 'race-b' }),
    ]);
    expect(ra.sent + rb.sent).toBe(1);
    expect([...a.sent, ...b.sent].filter((m) => m.id === id)).toHaveLength(1);
  });

  it('lets exactly one of two racing batch claims win each row', async () => {
    for (let i = 0; i < 5; i++) {
      const ids = [await enqueue(`claim${i}a@example.com`), await enqueue(`claim${i}b@example.com`), await enqueue(`claim${i}c@example.com`)];
      const now = new Date(Date.now() + 1).toISOString();
      const stale = new Date(Date.now() - 300_000).toISOString();
      const [a, b] = await Promise.all([claimMailBatch(main.db, ids, 'claim-a', now, stale), claimMailBatch(second.db, ids, 'claim-b', now, stale)]);
      // Every row is won by exactly one of them.
      expect([...a, ...b].map((r) => r.id).sort()).toEqual([...ids].sort());
      // Live claims are not taken over; expired ones (a dead worker's) are.
      expect(await claimMailBatch(main.db, ids, 'claim-c', now, stale)).toEqual([]);
      const later = await claimMailBatch(main.db, ids, 'claim-c', new Date(Date.now() + 600_000).toISOString(), new Date(Date.now() + 1000).toISOString());
      expect(later.map((r) => r.id).sort()).toEqual([...ids].sort());
      await main.db.updateTable('outbox').set({ status: 'sent' }).where('id', 'in', ids).execute();
    }
  });

  it('does not claim a row whose retry time has not come', async () => {
    const id = await enqueue('later@example.com');
    const retryAt = new Date(Date.now() + 60_000).toISOString();
    await main.db.updateTable('outbox').set({ next_attempt_at: retryAt }).where('id', '=', id).execute();
    const stale = new Date(Date.now() - 300_000).toISOString();
    expect(await claimMailBatch(main.db, [id], 'early', new Date().toISOString(), stale)).toEqual([]);
    const due = await claimMailBatch(main.db, [id], 'on-time', new Date(Date.now() + 61_000).toISOString(), stale);
    expect(due.map((r) => r.id)).toEqual([id]);
    await main.db.updateTable('outbox').set({ status: 'sent' }).where('id', '=', id).execute();
  });

  it('retries a failed delivery with backoff and gives up after the last attempt', async () => {
    const id = await enqueue('flaky@example.com');
    const transport = new CollectingTransport();
    transport.failNext = 100;
    let clock = Date.now();
    const options = { db: main.db, transport, logger: silent, workerId: 'retry', maxAttempts: 3, baseBackoffMs: 1000, clock: () => clock };

    await deliverDueMail(options);
    let row = await main.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'smtp unavailable', claimed_by: null });
    expect(Date.parse(row.next_attempt_at!)).toBe(clock + 1000);

    // Not due yet: nothing happens.
    expect(await deliverDueMail(options)).toEqual({ sent: 0, failed: 0 });
    clock += 1000;
    await deliverDueMail(options);
    row = await main.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect(Date.parse(row.next_attempt_at!)).toBe(clock + 2000);

    clock += 2000;
    await deliverDueMail(options);
    row = await main.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null });
    expect(transport.sent).toHaveLength(0);
  });
});

describe.each(DIALECTS)('accounts app with its outbox worker on %s', (dialect) => {
  let t: AccountsTestApp;
  const transport = new CollectingTransport();
  beforeAll(async () => {
    t = await createAccountsApp(dialect, { accounts: { transport, outboxWorker: { intervalMs: 20 } } });
  });
  afterAll(async () => t?.close());

  it('delivers the confirmation email of a sign-up, and its link confirms the address', async () => {
    const browser = new Browser(t.app, { 'accept-language': 'zh-CN' });
    const res = await browser.json('POST', '/api/v2/accounts/signup', { email: 'mailbox@example.com', password: 'mailbox passphrase' });
    expect(res.statusCode).toBe(201);
    await waitFor(() => transport.sent.some((m) => m.to === 'mailbox@example.com'));
    const mail = transport.sent.find((m) => m.to === 'mailbox@example.com')!;
    expect(mail).toMatchObject({ template: 'verify_email', locale: 'zh-cn' });
    expect(mail.subject).toContain('确认');
    const link = /https?:\/\/\S+token=[A-Za-z0-9_-]+/.exec(mail.text)![0];
    const page = await browser.get(pathOf(link));
    expect(page.res.statusCode).toBe(200);
    expect(page.res.body).toContain('确认邮箱地址');
  });
});
