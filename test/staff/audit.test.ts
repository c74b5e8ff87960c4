import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, AuditChainVerifier, auditEntryHash } from '../../src/server/modules/audit/audit.policy.js';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { createAgentApp, createCustomer, staffSignIn, submitTicket, type StaffClient } from './helpers.js';

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let t: TestApp;
  let admin: StaffClient;
  let agent: StaffClient;
  let ticket: number;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
    admin = await staffSignIn(t.app, { role: 'admin', name: 'Audrey Admin' });
    agent = await staffSignIn(t.app, { role: 'agent', name: 'Abe Agent' });
    ticket = await submitTicket(t.app, await createCustomer(t.app.services.database.db));
  });
  afterAll(async () => t?.close());

  const db = () => t.app.services.database.db;
  const verify = async () => (await admin.get('/api/v2/audit_logs/verify')).json();

  it('records staff actions in a hash chain that verifies', async () => {
    await agent.get(`/api/v2/tickets/${ticket}`);
    await agent.request('PUT', `/api/v2/tickets/${ticket}`, { ticket: { comment: { body: 'Internal: checking the ledger.', public: false } } });
    await agent.request('PUT', `/api/v2/tickets/${ticket}`, { ticket: { priority: 'high' } });
    await admin.request('POST', '/api/v2/groups', { group: { key: 'audited', name: { 'en-us': 'Audited', 'zh-cn': '审计' } } });

    const page = (await admin.get('/api/v2/audit_logs?per_page=100')).json();
    const actions = page.audit_logs.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 4)).toEqual(['group.create', 'ticket.update', 'ticket.note', 'ticket.view']);
    expect(actions).toEqual(expect.arrayContaining(['staff.login', 'staff.totp_enrolled']));
    const update = page.audit_logs[1];
    expect(update).toMatchObject({ actor: { id: agent.user.id, label: agent.user.email }, subject: `ticket:${ticket}`, details: { changes: { priority: ['normal', 'high'] } } });
    // Newest first; each entry links to the one before it.
    const entries = page.audit_logs as Array<{ seq: number; prev_hash: string; hash: string }>;
    for (let i = 0; i + 1 < entries.length; i++) {
      expect(entries[i]!.seq).toBe(entries[i + 1]!.seq + 1);
      expect(entries[i]!.prev_hash).toBe(entries[i + 1]!.hash);
    }
    expect(entries.at(-1)!.prev_hash).toBe(AUDIT_GENESIS);

    const result = await verify();
    expect(result).toEqual({ valid: true, entries: page.count, head: entries[0]!.hash });

    const byActor = (await admin.get(`/api/v2/audit_logs?actor_id=${agent.user.id}&action=ticket.*`)).json();
    expect(byActor.audit_logs.map((e: { action: string }) => e.action)).toEqual(['ticket.update', 'ticket.note', 'ticket.view']);
    expect(byActor.count).toBe(3);
  });

  it('keeps one gapless sequence under concurrent writers', async () => {
    const before = (await verify()).entries as number;
    const log = t.app.agent.audit;
    await Promise.all([
      ...Array.from({ length: 25 }, (_, i) => log.append({ actor: { id: null, label: 'load', ip: '127.0.0.1' }, action: 'ticket.view', subject: `ticket:${i}` })),
      ...Array.from({ length: 5 }, () => agent.get(`/api/v2/tickets/${ticket}`)),
    ]);
    const rows = await db().selectFrom('audit_log').select('seq').orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: before + 30 }, (_, i) => i + 1));
    expect(await verify()).toMatchObject({ valid: true, entries: before + 30 });
  });

  it('exports JSON and CSV (the export itself is audited)', async () => {
    const json = await admin.get('/api/v2/audit_logs/export?format=json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="pharos-audit-\d{4}-\d{2}-\d{2}\.json"/);
    const doc = json.json();
    expect(doc.format).toBe('pharos-audit/1');
    expect(doc.entries.at(-1)).toMatchObject({ action: 'audit.export', actor: { id: admin.user.id }, details: { format: 'json' } });
    // The exported entries verify on their own.
    const verifier = new AuditChainVerifier();
    for (const e of doc.entries) verifier.push({ ...e, actor_id: e.actor.id, actor_label: e.actor.label, details: JSON.stringify(e.details) });
    expect(verifier.result()).toMatchObject({ valid: true, entries: doc.entries.length });

    const csv = await admin.get('/api/v2/audit_logs/export?format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,seq,created_at,actor_id,actor_label,action,subject,details,ip,prev_hash,hash');
    expect(lines).toHaveLength(doc.entries.length + 2); // header + entries + the csv export's own entry
    expect(lines.at(-1)).toContain(',audit.export,');
  });

  it('detects a changed or removed entry', async () => {
    expect((await verify()).valid).toBe(true);
    const target = await db().selectFrom('audit_log').select(['seq', 'details']).where('action', '=', 'ticket.update').executeTakeFirstOrThrow();
    await db().updateTable('audit_log').set({ details: target.details.replace('"high"', '"low"') }).where('seq', '=', target.seq).execute();
    expect(await verify()).toMatchObject({ valid: false, broken_at: target.seq, reason: 'hash' });
    await db().updateTable('audit_log').set({ details: target.details }).where('seq', '=', target.seq).execute();
    expect((await verify()).valid).toBe(true);

    // Re-hashing a forged entry does not help: the next entry's link breaks.
    const row = await db().selectFrom('audit_log').selectAll().where('seq', '=', target.seq).executeTakeFirstOrThrow();
    const forged = { ...row, details: row.details.replace('"high"', '"low"') };
    await db().updateTable('audit_log').set({ details: forged.details, hash: auditEntryHash(row.prev_hash, forged) }).where('seq', '=', target.seq).execute();
    expect(await verify()).toMatchObject({ valid: false, broken_at: target.seq + 1, reason: 'link' });
    await db().updateTable('audit_log').set({ details: row.details, hash: row.hash }).where('seq', '=', target.seq).execute();

    await db().deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await verify()).toMatchObject({ valid: false, broken_at: 3, reason: 'sequence' });
  });
});
