import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS, REPO_CONTENT_DIR } from '../helpers/db.js';
import { importDefaultMacros } from '../../src/server/modules/macros/macros.service.js';
import { createAgentApp, createCustomer, staffSignIn, submitTicket, type Customer, type StaffClient } from './helpers.js';

const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const ETH_TX = `0x${'ab'.repeat(32)}`;
const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

describe.each(DIALECTS)('agent ticket work on %s', (dialect) => {
  let t: TestApp;
  let admin: StaffClient;
  let agent: StaffClient;
  let alice: Customer;
  let bob: Customer;
  const n: Record<string, number> = {};

  beforeAll(async () => {
    t = await createAgentApp(dialect);
    admin = await staffSignIn(t.app, { role: 'admin', name: 'Admin Ada' });
    agent = await staffSignIn(t.app, { role: 'agent', name: 'Agent Ann' });
    const db = t.app.services.database.db;
    alice = await createCustomer(db, 'alice@customer.example');
    bob = await createCustomer(db, 'bob@customer.example');
    n.deposit = await submitTicket(t.app, alice, {
      type: 'deposit_withdrawal',
      subject: 'USDT deposit not credited',
      body: 'I sent USDT on Ethereum two hours ago and the deposit still does not show in my balance.',
      fields: { account_id: 'AA12 N84G 3KF9', direction: 'deposit', asset: 'USDT', network: 'ethereum', address: ETH, tx_hash: ETH_TX, amount: '250.5', problem_time: '2026-11-20T14:30' },
    });
    n.withdrawal = await submitTicket(t.app, bob, { subject: 'Withdrawals are stuck in pending', body: 'My withdrawals have been pending since yesterday evening, please check.' });
    n.zhMnemonic = await submitTicket(t.app, alice, { subject: '有人让我提供助记词', body: '有个自称客服的人在电报上让我提供助记词，这是你们的人吗？', locale: 'zh-cn' });
    n.zhDeposit = await submitTicket(t.app, bob, { subject: '充值没有到账', body: '我昨天充值的USDT到现在还没有到账，请帮忙查一下。', locale: 'zh-cn' });
    n.security = await submitTicket(t.app, bob, {
      type: 'security',
      subject: 'Phishing site copying your login page',
      body: 'I found a site that copies your login page exactly and asks for the 2FA code.',
      fields: { account_id: 'BB34 CC56', issue: 'phishing', suspicious_url: 'https://lanternfish-login.example.net', problem_time: '2026-11-21T09:00' },
    });
  });
  afterAll(async () => t?.close());

  const ids = (body: { tickets?: Array<{ id: number }>; results?: Array<{ id: number }> }) => (body.tickets ?? body.results ?? []).map((x) => x.id).sort();
  const list = async (query: string, who: StaffClient = agent) => {
    const res = await who.get(`/api/v2/tickets?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const search = async (query: string) => {
    const res = await agent.get(`/api/v2/search?query=${encodeURIComponent(query)}`);
    expect(res.statusCode, res.body).toBe(200);
    return ids(res.json());
  };

  it('lists views with filters and pagination', async () => {
    const all = await list('view=all_open&per_page=2');
    expect(all.count).toBe(5);
    expect(all.tickets).toHaveLength(2);
    expect(all.next_page).toMatch(/\/api\/v2\/tickets\?.*page=2/);
    expect(new URL(all.next_page).searchParams.get('view')).toBe('all_open');
    expect(all.tickets[0]).toMatchObject({ id: expect.any(Number), status: 'new', requester: { email: expect.any(String) }, sla: { breached: [] } });

    expect(ids(await list('view=all&requester=ALICE@customer.example'))).toEqual([n.deposit, n.zhMnemonic].sort());
    expect(ids(await list('view=all&request_type=security,deposit_withdrawal'))).toEqual([n.deposit, n.security].sort());
    expect(ids(await list('view=all&priority=high'))).toEqual([n.security]);
    const funding = (await admin.get('/api/v2/groups')).json().groups.find((g: { key: string }) => g.key === 'funding').id;
    expect(ids(await list(`view=all&group_id=${funding}`))).toEqual([n.deposit]);
    expect((await list('view=all&created_after=2000-01-01')).count).toBe(5);
    expect((await list('view=all&created_before=2000-01-01')).count).toBe(0);
    expect((await list(`view=all&created_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).count).toBe(0);
    expect((await agent.get('/api/v2/tickets?status=bogus')).statusCode).toBe(400);
    expect((await agent.get('/api/v2/tickets?created_after=yesterday')).statusCode).toBe(400);
    expect(ids(await list('view=all&status=new&query=withdrawal'))).toEqual([n.withdrawal]);
    expect((await list('view=mine')).count).toBe(0);
  });

  it('searches with the help-center tokenizer: stems, AND semantics, Chinese terms, ticket numbers', async () => {
    expect(await search('withdrawal pending')).toEqual([n.withdrawal]); // "withdrawals … pending" stemmed
    expect(await search('deposit')).toEqual([n.deposit]);
    expect(await search('deposit pending')).toEqual([]); // AND: no ticket has both
    expect(await search('phishing login')).toEqual([n.security]);
    expect(await search('助记词')).toEqual([n.zhMnemonic]);
    expect(await search('充值到账')).toEqual([n.zhDeposit]);
    expect(await search('USDT')).toEqual([n.deposit, n.zhDeposit].sort());
    expect(await search('提币')).toEqual([]);
    expect(await search(`#${n.security}`)).toEqual([n.security]);
    expect(await search('?!')).toEqual([]);
    expect(await search('  ')).toEqual([]);
    // Field values are indexed too (the transaction hash's network, the account id).
    expect(await search('ethereum')).toEqual([n.deposit]);
  });

  it('indexes later messages, including internal notes', async () => {
    expect(await search('blockchain explorer')).toEqual([]);
    const note = await agent.request('PUT', `/api/v2/tickets/${n.withdrawal}`, { ticket: { comment: { body: 'Checked the blockchain explorer: the transfer is confirmed.', public: false } } });
    expect(note.statusCode, note.body).toBe(200);
    expect(await search('blockchain explorer')).toEqual([n.withdrawal]);
    const reply = await t.app.inject({ method: 'POST', url: `/api/v2/requests/${n.zhDeposit}/comments`, headers: bob.headers, payload: { comment: { body: '我补充一下交易哈希，麻烦尽快处理。' } } });
    expect(reply.statusCode).toBe(201);
    expect(await search('交易哈希')).toEqual([n.zhDeposit]);
  });

  it('shows the ticket with conversation, requester context, validated fields and history', async () => {
    const res = await agent.get(`/api/v2/tickets/${n.deposit}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.ticket).toMatchObject({ id: n.deposit, request_type: 'deposit_withdrawal', subject: 'USDT deposit not credited' });
    const address = d.ticket.fields.find((f: { key: string }) => f.key === 'address');
    expect(address).toMatchObject({ label: 'Address', value: ETH, validation: { valid: true, network: 'ethereum' } });
    expect(address.validation.explorer_urls[0]).toMatch(/^https:\/\/.+0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed/i);
    const tx = d.ticket.fields.find((f: { key: string }) => f.key === 'tx_hash');
    expect(tx.validation.explorer_urls[0]).toContain(ETH_TX);
    expect(d.ticket.fields.find((f: { key: string }) => f.key === 'direction')).toMatchObject({ value: 'deposit', display_value: 'Deposit' });
    expect(d.requester).toMatchObject({ email: 'alice@customer.example', email_verified: true, account_id: 'AA12 N84G 3KF9', other_tickets: [{ id: n.zhMnemonic, status: 'new' }] });
    expect(d.comments).toHaveLength(1);
    expect(d.comments[0]).toMatchObject({ public: true, author: { role: 'requester' } });

    const zh = (await agent.request('GET', `/api/v2/tickets/${n.deposit}?locale=zh-cn`)).json();
    expect(zh.ticket.fields.find((f: { key: string }) => f.key === 'address').label).toBe('地址');
    const views = await t.app.services.database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'ticket.view').where('subject', '=', `ticket:${n.deposit}`).execute();
    expect(views.map((v) => v.actor_id)).toEqual([agent.user.id, agent.user.id]);
  });

  it('refuses a public reply that asks for a recovery phrase (en and zh), audits it, stores nothing', async () => {
    const before = (await agent.get(`/api/v2/tickets/${n.zhMnemonic}`)).json().comments.length;
    const en = await agent.request('PUT', `/api/v2/tickets/${n.zhMnemonic}`, { ticket: { comment: { body: 'To restore access, please send your seed phrase here.', public: true } } });
    expect(en.statusCode).toBe(422);
    expect(en.json()).toMatchObject({ error: 'outbound_refused', statusCode: 422, reasons: [{ code: 'asks_recovery_phrase' }] });
    expect(en.json().reasons[0].message).toMatch(/recovery phrase/);
    const zh = await t.app.inject({ method: 'PUT', url: `/api/v2/tickets/${n.zhMnemonic}`, headers: { ...agent.headers, 'accept-language': 'zh-CN' }, payload: { ticket: { comment: { body: '请提供您的助记词，我们帮您找回资产。', public: true } } } });
    expect(zh.statusCode).toBe(422);
    expect(zh.json().reasons.map((r: { code: string }) => r.code)).toEqual(['asks_recovery_phrase']);
    expect(zh.json().message).toContain('该回复未发送');
    expect(zh.json().reasons[0].message).toContain('助记词');
    const after = (await agent.get(`/api/v2/tickets/${n.zhMnemonic}`)).json();
    expect(after.comments).toHaveLength(before);
    expect(after.ticket.status).toBe('new');
    const refusals = await t.app.services.database.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'ticket.outbound_refused').where('subject', '=', `ticket:${n.zhMnemonic}`).orderBy('seq').execute();
    expect(refusals).toHaveLength(2);
    expect(refusals.every((r) => r.actor_id === agent.user.id)).toBe(true);
    expect(JSON.parse(refusals[1]!.details)).toMatchObject({ reasons: ['asks_recovery_phrase'] });
    // The same words in an internal note are not outbound.
    const note = await agent.request('PUT', `/api/v2/tickets/${n.zhMnemonic}`, { ticket: { comment: { body: 'Scammer asked the customer for the seed phrase on Telegram.', public: false } } });
    expect(note.statusCode).toBe(200);
    // A warning that we never ask for it is fine.
    const safe = await agent.request('PUT', `/api/v2/tickets/${n.zhMnemonic}`, { ticket: { comment: { body: '我们的客服绝不会索要您的助记词，请勿向任何人透露。', public: true } } });
    expect(safe.statusCode, safe.body).toBe(200);
    expect(safe.json().ticket.status).toBe('pending');
  });

  it('redacts secrets an agent pastes into a reply', async () => {
    const res = await agent.request('PUT', `/api/v2/tickets/${n.withdrawal}`, { ticket: { comment: { body: `For the record, the phrase you posted earlier was: ${MNEMONIC}. It is now compromised; move your funds.`, public: true } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().redactions).toEqual(['recovery_phrase']);
    const d = (await agent.get(`/api/v2/tickets/${n.withdrawal}`)).json();
    const last = d.comments.at(-1);
    expect(last.body).not.toContain('abandon abandon');
    expect(last.redactions).toEqual(['recovery_phrase']);
    expect(JSON.stringify(await t.app.services.database.db.selectFrom('ticket_comments').select('body').execute())).not.toContain('abandon abandon abandon');
    const customerView = (await t.app.inject({ url: `/api/v2/requests/${n.withdrawal}/comments`, headers: bob.headers })).json();
    expect(customerView.comments.map((c: { body: string }) => c.body)).not.toContain(expect.stringContaining('abandon'));
    expect(customerView.comments.some((c: { public: boolean; body: string }) => c.body.includes('Checked the blockchain'))).toBe(false); // internal note hidden
  });

  it('moves statuses: reply → pending, solved → solved_at, closed is terminal, requester reopens', async () => {
    const n1 = await submitTicket(t.app, alice, { subject: 'Status walk', body: 'Walking a ticket through every status transition.' });
    const put = (body: object) => agent.request('PUT', `/api/v2/tickets/${n1}`, { ticket: body });
    expect((await put({ comment: { body: 'Looking into it now.', public: true } })).json().ticket.status).toBe('pending');
    const mails = await t.app.services.database.db.selectFrom('outbox').selectAll().where('template', '=', 'agent_reply').where('to_address', '=', alice.email).execute();
    expect(mails.some((m) => m.subject.includes(`#${n1}`) && m.text_body.includes('Looking into it now.'))).toBe(true);
    await put({ comment: { body: 'Internal: checking with the wallet team.', public: false } });
    const after = await t.app.services.database.db.selectFrom('outbox').select('text_body').where('template', '=', 'agent_reply').where('to_address', '=', alice.email).execute();
    expect(after.some((m) => m.text_body.includes('wallet team'))).toBe(false); // internal notes are never emailed
    const customerReply = await t.app.inject({ method: 'POST', url: `/api/v2/requests/${n1}/comments`, headers: alice.headers, payload: { comment: { body: 'Any news on this one?' } } });
    expect(customerReply.statusCode).toBe(201);
    expect((await agent.get(`/api/v2/tickets/${n1}`)).json().ticket.status).toBe('open');
    const solved = (await put({ status: 'solved', comment: { body: 'Fixed: the sync job ran again.', public: true } })).json().ticket;
    expect(solved.status).toBe('solved');
    expect(solved.solved_at).toEqual(expect.any(String));
    expect((await put({ status: 'new' })).statusCode).toBe(409);
    expect((await put({ status: 'closed' })).json().ticket.status).toBe('closed');
    const again = await put({ priority: 'high' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('closed');
    const n2 = await submitTicket(t.app, alice, { subject: 'Cannot close directly', body: 'Closing an open ticket must fail without solving it first.' });
    expect((await agent.request('PUT', `/api/v2/tickets/${n2}`, { ticket: { status: 'closed' } })).statusCode).toBe(409);
    const history = (await agent.get(`/api/v2/tickets/${n1}`)).json().events.filter((e: { field: string }) => e.field === 'status');
    expect(history.map((e: { from: string; to: string }) => `${e.from}>${e.to}`)).toEqual(['new>pending', 'pending>open', 'open>solved', 'solved>closed']);
  });

  it('applies macros in the ticket language with placeholders filled', async () => {
    const macros = (await agent.get('/api/v2/macros')).json().macros as Array<{ id: string; title: Record<string, string>; group_id: string | null; actions: object }>;
    expect(macros.length).toBeGreaterThanOrEqual(5);
    const greeting = macros.find((m) => m.title['en-us'] === 'Ask for more details')!;
    expect(greeting.actions).toEqual({ status: 'pending' });
    const en = (await agent.request('POST', `/api/v2/macros/${greeting.id}/apply`, { ticket_id: n.withdrawal })).json();
    expect(en.body).toContain(`Hello ${bob.email.split('@')[0]},`);
    expect(en.body).toContain(`request #${n.withdrawal}`);
    expect(en.body).toContain('Agent Ann');
    expect(en.body).toContain('Lanternfish Exchange support');
    expect(en.body).not.toContain('{{');
    expect(en.actions).toEqual({ status: 'pending' });
    const zh = (await agent.request('POST', `/api/v2/macros/${greeting.id}/apply`, { ticket_id: n.zhDeposit })).json();
    expect(zh.body).toContain(`${bob.email.split('@')[0]}，您好`);
    expect(zh.body).toContain(`请求 #${n.zhDeposit}`);
    expect(zh.body).toContain('Lanternfish Exchange 客服');
    expect(zh.locale).toBe('zh-cn');

    const funding = (await admin.get('/api/v2/groups')).json().groups.find((g: { key: string }) => g.key === 'funding').id;
    const forFunding = (await agent.get(`/api/v2/macros?group_id=${funding}`)).json().macros as Array<{ group_id: string | null }>;
    expect(forFunding.every((m) => m.group_id === null || m.group_id === funding)).toBe(true);
    expect(forFunding.some((m) => m.group_id === funding)).toBe(true);
    expect(forFunding.length).toBeLessThan(macros.length);

    const created = await admin.request('POST', '/api/v2/macros', { macro: { title: { 'en-us': 'Ping', 'zh-cn': '提醒' }, body: { 'en-us': 'Hi {{requester.name}} — {{brand.supportEmail}}', 'zh-cn': '{{requester.name}} 您好 — {{brand.supportEmail}}' }, group_id: null, actions: { priority: 'low' } } });
    expect(created.statusCode, created.body).toBe(201);
    const ping = (await agent.request('POST', `/api/v2/macros/${created.json().macro.id}/apply`, { ticket_id: n.zhMnemonic })).json();
    expect(ping).toMatchObject({ body: `${alice.email.split('@')[0]} 您好 — support@lanternfish.example`, actions: { priority: 'low' } });
    expect((await admin.request('DELETE', `/api/v2/macros/${created.json().macro.id}`)).statusCode).toBe(204);

    // Bundled macros are imported on first start only: a deleted default does not come back.
    const solved = macros.find((m) => m.title['en-us'] === 'Solved: confirm and close')!;
    expect((await admin.request('DELETE', `/api/v2/macros/${solved.id}`)).statusCode).toBe(204);
    expect(await importDefaultMacros(t.app.services.database.db, REPO_CONTENT_DIR)).toBeNull();
    expect((await agent.get('/api/v2/macros')).json().macros).toHaveLength(macros.length - 1);
  });

  it('merges a ticket into another: conversation copied as a note, source closed and linked', async () => {
    const source = await submitTicket(t.app, alice, { subject: 'Duplicate: deposit missing', body: 'Writing again because my USDT deposit is still missing.' });
    const res = await agent.request('POST', `/api/v2/tickets/${source}/merge`, { target_id: n.deposit });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ticket.id).toBe(n.deposit);
    const target = (await agent.get(`/api/v2/tickets/${n.deposit}`)).json();
    const note = target.comments.at(-1);
    expect(note.public).toBe(false);
    expect(note.body).toContain(`#${source}`);
    expect(note.body).toContain('Writing again because my USDT deposit is still missing.');
    const merged = (await agent.get(`/api/v2/tickets/${source}`)).json();
    expect(merged.ticket.status).toBe('closed');
    expect(merged.merged_into).toBe(n.deposit);
    expect(merged.comments.at(-1)).toMatchObject({ public: false, body: `This ticket was merged into #${n.deposit}.` });
    expect((await agent.request('POST', `/api/v2/tickets/${source}/merge`, { target_id: n.deposit })).statusCode).toBe(409);
    expect((await agent.request('POST', `/api/v2/tickets/${n.deposit}/merge`, { target_id: n.deposit })).statusCode).toBe(409);
    expect(await search('writing again')).toEqual([n.deposit, source].sort());
    const audit = await t.app.services.database.db.selectFrom('audit_log').select('details').where('action', '=', 'ticket.merge').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ source, target: n.deposit });
  });
});
