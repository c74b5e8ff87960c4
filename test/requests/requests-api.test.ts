import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRecord } from '../../src/server/modules/records/record-chain.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR, TEST_ADMIN_TOKEN } from '../helpers/db.js';
import { createUserWithToken } from '../helpers/users.js';

const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const XRP = 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh';
const ETH_TX = `0x${'ab'.repeat(32)}`;

const depositRequest = (overrides: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  request: {
    subject: 'USDT deposit not credited',
    comment: { body: 'I sent USDT two hours ago and it still does not show in my balance.' },
    request_type: 'deposit_withdrawal',
    custom_fields: Object.entries({ account_id: 'AA12 N84G 3KF9', direction: 'deposit', asset: 'USDT', network: 'ethereum', address: ETH, tx_hash: ETH_TX, amount: '250.5', problem_time: '2026-11-20T14:30', ...overrides }).map(([id, value]) => ({ id, value })),
    ...extra,
  },
});

describe.each(DIALECTS)('requests API on %s', (dialect) => {
  let t: TestApp;
  let alice: Awaited<ReturnType<typeof createUserWithToken>>;
  let bob: Awaited<ReturnType<typeof createUserWithToken>>;
  beforeAll(async () => {
    t = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR }, { mailWorker: false });
    alice = await createUserWithToken(t.app.services.database.db, 'customer');
    bob = await createUserWithToken(t.app.services.database.db, 'customer');
  });
  afterAll(async () => t?.close());

  const count = async (table: 'tickets' | 'users' | 'ticket_comments') => (await t.app.services.database.db.selectFrom(table).select('id').execute()).length;

  it('lists the bundled request types with localized fields', async () => {
    const zh = (await t.app.inject({ url: '/api/v2/request_types?locale=zh-cn' })).json();
    expect(zh.request_types.map((r: { key: string }) => r.key)).toEqual(['account_verification', 'trading', 'api', 'security', 'deposit_withdrawal', 'other']);
    const funding = zh.request_types.find((r: { key: string }) => r.key === 'deposit_withdrawal');
    expect(funding.name).toBe('充值与提现');
    expect(funding.fields.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['account_id', 'network', 'address', 'memo', 'tx_hash', 'amount']));
  });

  it('validates as the user types: wrong-network address, memo required, txid format', async () => {
    const wrongNetwork = (await t.app.inject({ method: 'POST', url: '/api/v2/requests/validate', payload: { request_type: 'deposit_withdrawal', fields: { network: 'ethereum', address: TRON }, locale: 'zh-cn' } })).json();
    expect(wrongNetwork.valid).toBe(false);
    const addressError = wrongNetwork.errors.find((e: { field: string }) => e.field === 'address');
    expect(addressError.code).toBe('chain_address_on_other_network');
    expect(addressError.message).toMatch(/波场|TRC-20/);
    expect(wrongNetwork.errors.some((e: { field: string }) => e.field === 'amount')).toBe(false); // untouched fields are not judged while typing

    const fixed = (await t.app.inject({ method: 'POST', url: '/api/v2/requests/validate', payload: { request_type: 'deposit_withdrawal', fields: { network: 'tron', address: TRON } } })).json();
    expect(fixed.errors).toEqual([]);

    const memo = (await t.app.inject({ method: 'POST', url: '/api/v2/requests/validate', payload: { request_type: 'deposit_withdrawal', fields: { network: 'xrp', address: XRP }, locale: 'en-us' } })).json();
    expect(memo.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toContain('memo:chain_memo_required');

    const tx = (await t.app.inject({ method: 'POST', url: '/api/v2/requests/validate', payload: { request_type: 'deposit_withdrawal', fields: { network: 'ethereum', tx_hash: 'abc' } } })).json();
    expect(tx.errors[0].field).toBe('tx_hash');

    const full = (await t.app.inject({ method: 'POST', url: '/api/v2/requests/validate', payload: { request_type: 'deposit_withdrawal', fields: { direction: 'deposit' }, partial: false } })).json();
    expect(full.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['subject', 'description', 'account_id', 'asset', 'network', 'address', 'tx_hash', 'amount', 'problem_time']));
  });

  it('suggests articles before submitting and records a deflection without creating a ticket', async () => {
    const before = await count('tickets');
    const suggestions = (await t.app.inject({ url: `/api/v2/requests/suggestions?query=${encodeURIComponent('提币 待处理')}&request_type=deposit_withdrawal&locale=zh-cn` })).json();
    expect(suggestions.results[0].slug).toBe('withdrawal-pending');
    const deflected = await t.app.inject({ method: 'POST', url: '/api/v2/requests/deflections', payload: { article_id: suggestions.results[0].id, query: '提币 待处理', request_type: 'deposit_withdrawal' } });
    expect(deflected.statusCode).toBe(201);
    expect(await count('tickets')).toBe(before);
    const rows = await t.app.services.database.db.selectFrom('deflections').selectAll().execute();
    expect(rows.at(-1)).toMatchObject({ article_id: suggestions.results[0].id, request_type_key: 'deposit_withdrawal' });
  });

  it('creates a ticket for a signed-in customer, routed to the group of its type, numbered from 10001', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest() });
    expect(res.statusCode).toBe(201);
    const { request } = res.json();
    expect(request.id).toBeGreaterThanOrEqual(10001);
    expect(request.status).toBe('new');
    expect(request.custom_fields).toEqual(expect.arrayContaining([{ id: 'address', value: ETH }, { id: 'network', value: 'ethereum' }, { id: 'account_id', value: 'AA12 N84G 3KF9' }]));
    const group = await t.app.services.database.db.selectFrom('tickets').innerJoin('groups', 'groups.id', 'tickets.group_id').select('groups.key').where('number', '=', request.id).executeTakeFirstOrThrow();
    expect(group.key).toBe('funding');
    const mine = (await t.app.inject({ url: '/api/v2/requests', headers: alice.headers })).json();
    expect(mine.requests.map((r: { id: number }) => r.id)).toContain(request.id);
  });

  it('refuses invalid submissions with field errors and writes nothing', async () => {
    const tickets = await count('tickets');
    const users = await count('users');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v2/requests',
      headers: { 'accept-language': 'zh-CN' },
      payload: depositRequest({ network: 'ethereum', address: TRON }, { requester: { email: 'new-guest@example.org' } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.some((d: { path: string }) => d.path === 'address')).toBe(true);
    expect(res.json().message).toMatch(/^请求无效/);
    expect(await count('tickets')).toBe(tickets);
    expect(await count('users')).toBe(users);
  });

  it('never creates a second ticket for a repeated Idempotency-Key, even concurrently', async () => {
    const before = await count('tickets');
    const headers = { ...alice.headers, 'idempotency-key': `submit-${dialect}-1` };
    const responses = await Promise.all(Array.from({ length: 8 }, () => t.app.inject({ method: 'POST', url: '/api/v2/requests', headers, payload: depositRequest() })));
    const ids = new Set(responses.map((r) => r.json().request.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(await count('tickets')).toBe(before + 1);
  });

  it('redacts secrets in every field and tells the user', async () => {
    const phrase = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v2/requests',
      headers: alice.headers,
      payload: {
        request: {
          subject: 'Cannot log in, my password is Hunter2-Secret!',
          comment: { body: `Please help, my seed is ${phrase} and I cannot access my account` },
          request_type: 'other',
          custom_fields: [{ id: 'steps_tried', value: `I re-entered ${phrase}` }],
        },
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(JSON.stringify(body)).not.toContain('abandon abandon');
    expect(JSON.stringify(body)).not.toContain('Hunter2-Secret');
    expect(body.redactions.map((r: { field: string }) => r.field).sort()).toEqual(['description', 'steps_tried', 'subject']);
    expect(body.warning).toBeTruthy();
    const stored = await t.app.services.database.db.selectFrom('ticket_comments').innerJoin('tickets', 'tickets.id', 'ticket_comments.ticket_id').select(['ticket_comments.body', 'tickets.subject', 'tickets.fields', 'tickets.id']).where('tickets.number', '=', body.request.id).executeTakeFirstOrThrow();
    for (const value of [stored.body, stored.subject, stored.fields]) {
      expect(value).not.toContain('abandon abandon');
      expect(value).not.toContain('Hunter2');
    }
    // Nor does the ticket search index hold any part of them.
    const terms = (await t.app.services.database.db.selectFrom('ticket_terms').select('term').where('ticket_id', '=', stored.id).execute()).map((r) => r.term);
    expect(terms.length).toBeGreaterThan(5);
    expect(terms.filter((term) => /abandon|hunter/i.test(term))).toEqual([]);
  });

  it('lets guests follow their ticket only through the signed link', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v2/requests', payload: depositRequest({}, { requester: { name: 'Guest', email: `guest-${dialect}@example.org` } }) });
    expect(res.statusCode).toBe(201);
    const { request, guest_token, guest_link } = res.json();
    expect(guest_link).toContain(`/requests/${request.id}?token=`);
    const mail = await t.app.services.database.db.selectFrom('outbox').selectAll().where('to_address', '=', `guest-${dialect}@example.org`).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.template).toBe('request_received');
    expect(mail[0]!.subject).toContain(`#${request.id}`);
    expect(mail[0]!.text_body).toContain(guest_link);
    const ok = await t.app.inject({ url: `/api/v2/requests/${request.id}?token=${encodeURIComponent(guest_token)}` });
    expect(ok.statusCode).toBe(200);
    const forged = guest_token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await t.app.inject({ url: `/api/v2/requests/${request.id}?token=${encodeURIComponent(forged)}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v2/requests/${request.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/v2/requests/${request.id}`, headers: bob.headers })).statusCode).toBe(404);
  });

  it('keeps customers out of each other\'s requests on every route', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest() })).json().request;
    const probes = [
      { method: 'GET' as const, url: `/api/v2/requests/${created.id}` },
      { method: 'GET' as const, url: `/api/v2/requests/${created.id}/comments` },
      { method: 'POST' as const, url: `/api/v2/requests/${created.id}/comments`, payload: { comment: { body: 'hijack' } } },
      { method: 'PUT' as const, url: `/api/v2/requests/${created.id}`, payload: { request: { solved: true } } },
      { method: 'GET' as const, url: `/api/v2/requests/${created.id}/record.json` },
      { method: 'GET' as const, url: `/api/v2/requests/${created.id}/record.html` },
    ];
    for (const probe of probes) {
      const res = await t.app.inject({ ...probe, headers: bob.headers });
      expect(res.statusCode, `${probe.method} ${probe.url}`).toBe(404);
    }
    const bobs = (await t.app.inject({ url: '/api/v2/requests', headers: bob.headers })).json();
    expect(bobs.requests.map((r: { id: number }) => r.id)).not.toContain(created.id);
    const still = (await t.app.inject({ url: `/api/v2/requests/${created.id}`, headers: alice.headers })).json().request;
    expect(still.status).toBe('new');
  });

  it('keeps a hash-chained conversation record the customer can export and verify', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest() })).json().request;
    const reply = await t.app.inject({ method: 'POST', url: `/api/v2/requests/${created.id}/comments`, headers: alice.headers, payload: { comment: { body: 'Here is more detail: <script>alert(1)</script> the amount was 250.5 USDT.' } } });
    expect(reply.statusCode).toBe(201);
    const comments = (await t.app.inject({ url: `/api/v2/requests/${created.id}/comments`, headers: alice.headers })).json().comments;
    expect(comments).toHaveLength(2);
    expect(comments[1].html_body).not.toContain('<script>');
    expect(comments[1].html_body).toContain('&lt;script&gt;');

    const record = await t.app.inject({ url: `/api/v2/requests/${created.id}/record.json`, headers: alice.headers });
    expect(record.headers['content-disposition']).toContain('attachment');
    const doc = record.json();
    expect(doc.messages).toHaveLength(2);
    expect(verifyRecord(doc)).toEqual({ valid: true, messages: 2, finalHash: doc.finalHash });
    const tampered = structuredClone(doc);
    tampered.messages[0].body = tampered.messages[0].body.replace('two hours', 'ten minutes');
    expect(verifyRecord(tampered).valid).toBe(false);

    const html = await t.app.inject({ url: `/api/v2/requests/${created.id}/record.html?locale=zh-cn`, headers: alice.headers });
    expect(html.body).toContain(doc.finalHash);
    expect(html.body).toContain('对话记录');
    expect(html.body).not.toContain('<script>alert');

    const dir = mkdtempSync(join(tmpdir(), 'pharos-record-'));
    try {
      const good = join(dir, 'record.html');
      writeFileSync(good, html.body);
      const root = resolve(import.meta.dirname, '../..');
      const run = (file: string) => spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/server/cli.ts'), 'record', 'verify', file], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
      const ok = run(good);
      expect(ok.status).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, messages: 2 });
      const bad = join(dir, 'tampered.json');
      writeFileSync(bad, JSON.stringify(tampered));
      const refused = run(bad);
      expect(refused.status).toBe(4);
      expect(JSON.parse(refused.stdout).valid).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reopens on reply, marks solved, and accepts a satisfaction rating only after solving', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest() })).json().request;
    const early = await t.app.inject({ method: 'PUT', url: `/api/v2/requests/${created.id}`, headers: alice.headers, payload: { request: { satisfaction_rating: { score: 'good' } } } });
    expect(early.statusCode).toBe(409);
    const solved = (await t.app.inject({ method: 'PUT', url: `/api/v2/requests/${created.id}`, headers: alice.headers, payload: { request: { solved: true } } })).json().request;
    expect(solved.status).toBe('solved');
    const rated = (await t.app.inject({ method: 'PUT', url: `/api/v2/requests/${created.id}`, headers: alice.headers, payload: { request: { satisfaction_rating: { score: 'good', comment: 'Quick and clear' } } } })).json().request;
    expect(rated.satisfaction_rating).toEqual({ score: 'good', comment: 'Quick and clear' });
    await t.app.inject({ method: 'POST', url: `/api/v2/requests/${created.id}/comments`, headers: alice.headers, payload: { comment: { body: 'Actually it happened again today.' } } });
    expect((await t.app.inject({ url: `/api/v2/requests/${created.id}`, headers: alice.headers })).json().request.status).toBe('open');
  });

  it('lets admins change request types and their fields', async () => {
    const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const current = (await t.app.inject({ url: '/api/v2/request_types/other/definition', headers: auth })).json().request_type;
    const updated = { ...current, fields: [...current.fields, { key: 'country', type: 'text', label: { 'en-us': 'Country', 'zh-cn': '国家' }, required: true }] };
    const res = await t.app.inject({ method: 'PUT', url: '/api/v2/request_types/other', headers: auth, payload: { request_type: updated } });
    expect(res.statusCode).toBe(200);
    const check = (await t.app.inject({ method: 'POST', url: '/api/v2/requests/validate', payload: { request_type: 'other', subject: 'Hello there', description: 'A description long enough to pass.', partial: false } })).json();
    expect(check.errors.map((e: { field: string }) => e.field)).toEqual(['country']);
    const broken = await t.app.inject({ method: 'PUT', url: '/api/v2/request_types/other', headers: auth, payload: { request_type: { ...updated, fields: [...updated.fields, { key: 'x', type: 'select', label: { 'en-us': 'X', 'zh-cn': 'X' }, required: [{ field: 'nope', equals: ['1'] }] }] } } });
    expect(broken.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v2/request_types/other', payload: { request_type: updated } })).statusCode).toBe(401);
  });
});

describe('guest submission rate limit', () => {
  it('answers 429 with Retry-After once a visitor exceeds the hourly limit', async () => {
    const t = await createTestApp('sqlite', { CONTENT_DIR: FIXTURE_CONTENT_DIR, GUEST_REQUESTS_PER_HOUR: '2' }, { mailWorker: false });
    try {
      const submit = (i: number) => t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: { 'accept-language': 'zh-CN' }, payload: depositRequest({}, { requester: { email: `limited-${i}@example.org` } }) });
      expect((await submit(1)).statusCode).toBe(201);
      expect((await submit(2)).statusCode).toBe(201);
      const third = await submit(3);
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(third.json().message).toMatch(/请求过于频繁/);
      const tickets = await t.app.services.database.db.selectFrom('tickets').select('id').execute();
      expect(tickets).toHaveLength(2);
    } finally {
      await t.close();
    }
  });
});
