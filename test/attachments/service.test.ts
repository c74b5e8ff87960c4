import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/errors.js';
import { AttachmentsService } from '../../src/server/modules/attachments/attachments.service.js';
import { startAttachmentJanitor } from '../../src/server/modules/attachments/attachments.janitor.js';
import { FileBlobStore, sha256Hex } from '../../src/server/modules/attachments/blob-store.js';
import type { PurgeResult } from '../../src/server/modules/attachments/attachments.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR } from '../helpers/db.js';
import { createUserWithToken } from '../helpers/users.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

describe.each(DIALECTS)('attachments service on %s', (dialect) => {
  let t: TestApp;
  let service: AttachmentsService;
  let store: FileBlobStore;
  beforeAll(async () => {
    t = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR });
    store = new FileBlobStore(join(t.db.config.dataDir, 'attachments'));
    service = new AttachmentsService(t.app.services.database.db, t.app.services.config, { shieldSalt: 'salt-0123456789abcdef', requests: t.app.services.requests, blobs: store });
  });
  afterAll(async () => t?.close());

  const db = () => t.app.services.database.db;
  const text = (s: string) => ({ name: `${s}.txt`, bytes: Buffer.from(`${s} ${dialect}\n`) });
  const age = async (token: string, hours: number) => {
    await db().updateTable('attachments').set({ created_at: hoursAgo(hours).toISOString() }).where('upload_token', '=', token).execute();
  };
  const backdate = (sha256: string, hours: number) => utimesSync(store.path(sha256), hoursAgo(hours), hoursAgo(hours));
  const exists = async (id: string) => !!(await db().selectFrom('attachments').select('id').where('id', '=', id).executeTakeFirst());

  it('purges old unclaimed uploads and unreferenced blobs, keeping shared, claimed and fresh ones', async () => {
    const user = await createUserWithToken(db(), 'customer');
    const only = await service.upload({ files: [text('only-mine')], uploaderId: null, locale: 'en-us' });
    const sharedOld = await service.upload({ files: [text('shared')], uploaderId: user.id, locale: 'en-us' });
    const sharedClaimed = await service.upload({ files: [text('shared')], uploaderId: user.id, locale: 'en-us' });
    const pairOld = await service.upload({ files: [text('pair')], uploaderId: null, locale: 'en-us' });
    const pairFresh = await service.upload({ files: [text('pair')], uploaderId: null, locale: 'en-us' });
    expect(sharedOld.rows[0]!.sha256).toBe(sharedClaimed.rows[0]!.sha256);

    // Claim one copy of the shared content into a ticket (through a reply).
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: user.headers, payload: { request: { subject: 'Login problem here', comment: { body: 'I cannot log in since this morning, please help.' }, request_type: 'other', custom_fields: [] } } })).json().request;
    const row = await t.app.services.requests.ticketFor({ kind: 'user', userId: user.id }, ticket.id);
    await t.app.services.requests.addComment(row, { authorId: user.id, role: 'requester', body: 'Log attached.', isPublic: true, uploads: [sharedClaimed.token], via: 'api', locale: 'en-us' });

    // Orphans: an old blob no row references (a crashed upload) and a fresh one (an upload in flight).
    const orphanOld = Buffer.from(`orphan old ${dialect}`);
    const orphanFresh = Buffer.from(`orphan fresh ${dialect}`);
    await store.put(sha256Hex(orphanOld), orphanOld);
    await store.put(sha256Hex(orphanFresh), orphanFresh);
    const temp = join(store.root, 'ab', 'cd', `.${'a'.repeat(64)}.0123456789ab.tmp`);
    mkdirSync(join(store.root, 'ab', 'cd'), { recursive: true });
    writeFileSync(temp, 'partial');
    utimesSync(temp, hoursAgo(2), hoursAgo(2));

    for (const u of [only, sharedOld, pairOld]) await age(u.token, 25);
    for (const sha of [only.rows[0]!.sha256, sharedOld.rows[0]!.sha256, pairOld.rows[0]!.sha256, sha256Hex(orphanOld)]) backdate(sha, 25);

    const result = await service.purgeUnclaimedUploads(24);
    expect(result).toEqual({ rows: 3, blobs: 2, temporary: 1 });
    expect(await exists(only.rows[0]!.id)).toBe(false);
    expect(existsSync(store.path(only.rows[0]!.sha256))).toBe(false);
    expect(await exists(sharedOld.rows[0]!.id)).toBe(false);
    expect(await exists(sharedClaimed.rows[0]!.id)).toBe(true);
    expect(existsSync(store.path(sharedClaimed.rows[0]!.sha256))).toBe(true); // still referenced by the claimed copy
    expect(await exists(pairOld.rows[0]!.id)).toBe(false);
    expect(await exists(pairFresh.rows[0]!.id)).toBe(true);
    expect(existsSync(store.path(pairFresh.rows[0]!.sha256))).toBe(true);
    expect(existsSync(store.path(sha256Hex(orphanOld)))).toBe(false);
    expect(existsSync(store.path(sha256Hex(orphanFresh)))).toBe(true); // within the grace period
    expect(existsSync(temp)).toBe(false);

    // The kept blobs still serve their rows.
    const claimed = await service.open(sharedClaimed.rows[0]!.id, { actor: { kind: 'customer', userId: user.id, label: user.email, via: 'api-token' } });
    expect(claimed.bytes.toString()).toBe(`shared ${dialect}\n`);
    // Nothing left to do on a second run.
    expect(await service.purgeUnclaimedUploads(24)).toEqual({ rows: 0, blobs: 0, temporary: 0 });
  });

  it('runs the purge from a janitor timer that can be stopped', async () => {
    const upload = await service.upload({ files: [text('janitor')], uploaderId: null, locale: 'en-us' });
    await age(upload.token, 30);
    const ran = new Promise<PurgeResult>((resolve) => {
      const stop = startAttachmentJanitor(service, { runAtStart: true, everyMinutes: 60, onRun: (r) => (stop(), resolve(r)) });
    });
    expect((await ran).rows).toBe(1);
    expect(await exists(upload.rows[0]!.id)).toBe(false);
  });

  it('limits signed-out uploads per IP address', async () => {
    const limited = new AttachmentsService(db(), t.app.services.config, { shieldSalt: 'salt-0123456789abcdef', requests: t.app.services.requests, blobs: store, guestUploadsPerHour: 2 });
    await limited.admitGuest(`203.0.113.7-${dialect}`);
    await limited.admitGuest(`203.0.113.7-${dialect}`);
    const refused = await limited.admitGuest(`203.0.113.7-${dialect}`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    await limited.admitGuest(`198.51.100.1-${dialect}`); // another address is unaffected
  });

  it('never writes a row or blob for a refused upload', async () => {
    const before = (await db().selectFrom('attachments').select('id').execute()).length;
    const good = Buffer.from(`good one ${dialect}`);
    const error = await service.upload({ files: [{ name: 'good.txt', bytes: good }, { name: 'bad.png', bytes: Buffer.from('<html><script>1</script></html>') }], uploaderId: null, locale: 'zh-cn' }).catch((e: unknown) => e);
    expect((error as AppError).status).toBe(415);
    expect((error as AppError).localizedMessage('zh-cn')).toContain('“bad.png”');
    expect((await db().selectFrom('attachments').select('id').execute()).length).toBe(before);
    expect(existsSync(store.path(sha256Hex(good)))).toBe(false);
  });
});
