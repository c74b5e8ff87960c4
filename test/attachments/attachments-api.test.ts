import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR, TEST_ADMIN_TOKEN } from '../helpers/db.js';
import { createUserWithToken } from '../helpers/users.js';
import { exifGpsLatitude, fixture } from './helpers.js';

const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const ETH_TX = `0x${'ab'.repeat(32)}`;
const depositRequest = (uploads: string[], extra: Record<string, unknown> = {}) => ({
  request: {
    subject: 'USDT deposit not credited',
    comment: { body: 'I sent USDT two hours ago and it still does not show in my balance.', uploads },
    request_type: 'deposit_withdrawal',
    custom_fields: Object.entries({ account_id: 'AA12 N84G 3KF9', direction: 'deposit', asset: 'USDT', network: 'ethereum', address: ETH, tx_hash: ETH_TX, amount: '250.5', problem_time: '2026-11-20T14:30' }).map(([id, value]) => ({ id, value })),
    ...extra,
  },
});

interface Part {
  filename: string;
  content: Buffer;
  type?: string;
  field?: string;
}

/** A multipart/form-data body as browsers send it. */
function multipart(files: Part[], fields: Record<string, string> = {}) {
  const boundary = `----PharosBoundary${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every file under a directory (blobs and any temporary file). */
function filesUnder(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of names) {
    const path = join(dir, name);
    out = statSync(path).isDirectory() ? out.concat(filesUnder(path)) : out.concat(path);
  }
  return out;
}

interface UploadBody {
  upload: { token: string; expires_at: string; attachment: Attachment; attachments: Attachment[] };
}
interface Attachment {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
  content_url: string;
  redactions: string[];
}

describe.each(DIALECTS)('attachments API on %s', (dialect) => {
  let t: TestApp;
  let alice: Awaited<ReturnType<typeof createUserWithToken>>;
  let bob: Awaited<ReturnType<typeof createUserWithToken>>;
  let agent: Awaited<ReturnType<typeof createUserWithToken>>;
  let blobDir: string;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    t = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR });
    const db = t.app.services.database.db;
    alice = await createUserWithToken(db, 'customer');
    bob = await createUserWithToken(db, 'customer');
    agent = await createUserWithToken(db, 'agent');
    blobDir = join(t.db.config.dataDir, 'attachments');
  });
  afterAll(async () => t?.close());

  const db = () => t.app.services.database.db;
  const rowCount = async () => (await db().selectFrom('attachments').select('id').execute()).length;
  const raw = (name: string, content: Buffer, headers: Record<string, string> = {}, query = '') =>
    t.app.inject({ method: 'POST', url: `/api/v2/uploads?filename=${encodeURIComponent(name)}${query}`, payload: content, headers: { 'content-type': 'application/octet-stream', ...headers } });
  const form = (files: Part[], headers: Record<string, string> = {}, fields: Record<string, string> = {}) => {
    const body = multipart(files, fields);
    return t.app.inject({ method: 'POST', url: '/api/v2/uploads', payload: body.payload, headers: { ...body.headers, ...headers } });
  };
  const download = (id: string, query = '', headers: Record<string, string> = {}) => t.app.inject({ url: `/api/v2/attachments/${id}/content${query}`, headers });

  it('accepts each allowed type as a raw body, whatever Content-Type and extension were declared', async () => {
    const cases = [
      { file: 'screenshot.png', declared: 'screen.gif', type: 'image/png', name: 'screen.png' },
      { file: 'photo-gps.jpg', declared: 'IMG_0001.JPEG', type: 'image/jpeg', name: 'IMG_0001.jpg' },
      { file: 'image.webp', declared: 'pic', type: 'image/webp', name: 'pic.webp' },
      { file: 'document.pdf', declared: '对账单.pdf', type: 'application/pdf', name: '对账单.pdf' },
      { file: 'notes.txt', declared: 'notes.log', type: 'text/plain; charset=utf-8', name: 'notes.txt' },
      { file: 'clip.mp4', declared: 'screen-recording.mov', type: 'video/mp4', name: 'screen-recording.mp4' },
    ];
    for (const c of cases) {
      // A JSON Content-Type must not route the bytes through the JSON parser.
      const res = await raw(c.declared, fixture(c.file), { ...alice.headers, 'content-type': 'application/json' });
      expect(res.statusCode, c.file).toBe(201);
      const { upload } = res.json<UploadBody>();
      expect(upload.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(upload.attachments).toHaveLength(1);
      expect(upload.attachment).toEqual(upload.attachments[0]);
      expect(upload.attachment).toMatchObject({ file_name: c.name, content_type: c.type, redactions: [] });
      expect(upload.attachment.content_url).toBe(`http://pharos.test/api/v2/attachments/${upload.attachment.id}/content`);
      const row = await db().selectFrom('attachments').selectAll().where('id', '=', upload.attachment.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ uploader_id: alice.id, upload_token: upload.token, ticket_id: null, content_type: c.type, size: upload.attachment.size });
    }
  });

  it('accepts several multipart files under one token, and adds to an upload with ?token= (Zendesk)', async () => {
    const res = await form(
      [
        { filename: '截图.png', content: fixture('screenshot.png'), type: 'image/png' },
        { filename: 'photo.jpg', content: fixture('photo-gps.jpg') },
        { filename: 'a.webp', content: fixture('image.webp') },
        { filename: 'statement.pdf', content: fixture('document.pdf'), type: 'text/html' },
        { filename: 'notes.txt', content: fixture('notes.txt') },
      ],
      alice.headers,
    );
    expect(res.statusCode).toBe(201);
    const { upload } = res.json<UploadBody>();
    expect(upload.attachments.map((a) => a.file_name)).toEqual(['截图.png', 'photo.jpg', 'a.webp', 'statement.pdf', 'notes.txt']);
    expect(upload.attachments.map((a) => a.content_type)).toEqual(['image/png', 'image/jpeg', 'image/webp', 'application/pdf', 'text/plain; charset=utf-8']);
    const rows = await db().selectFrom('attachments').select(['upload_token']).where('id', 'in', upload.attachments.map((a) => a.id)).execute();
    expect(new Set(rows.map((r) => r.upload_token))).toEqual(new Set([upload.token]));

    // Already five files: a sixth under the same token is one too many.
    const sixth = await raw('clip.mp4', fixture('clip.mp4'), alice.headers, `&token=${upload.token}`);
    expect(sixth.statusCode).toBe(400);

    const first = (await form([{ filename: 'clip.mp4', content: fixture('clip.mp4') }], alice.headers)).json<UploadBody>().upload;
    const added = await raw('more.txt', fixture('notes.txt'), alice.headers, `&token=${first.token}`);
    expect(added.statusCode).toBe(201);
    expect(added.json<UploadBody>().upload.token).toBe(first.token);
    expect(added.json<UploadBody>().upload.attachments.map((a) => a.file_name)).toEqual(['clip.mp4', 'more.txt']);
    // Someone else cannot add to (or learn about) alice's upload.
    expect((await raw('x.txt', fixture('notes.txt'), bob.headers, `&token=${first.token}`)).statusCode).toBe(404);
  });

  it('strips EXIF GPS from photos and applies their orientation', async () => {
    expect(exifGpsLatitude((await sharp(fixture('photo-gps.jpg')).metadata()).exif)).toEqual([22, 17, 0]);
    const { upload } = (await raw('photo.jpg', fixture('photo-gps.jpg'), alice.headers)).json<UploadBody>();
    const res = await download(upload.attachment.id, `?upload_token=${upload.token}`);
    expect(res.statusCode).toBe(200);
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(exifGpsLatitude(meta.exif)).toBeNull();
    expect([meta.width, meta.height]).toEqual([32, 64]);
    expect(res.rawPayload.includes(Buffer.from('PharosCam'))).toBe(false);

    const webp = (await raw('w.webp', fixture('image.webp'), alice.headers)).json<UploadBody>().upload;
    const webpMeta = await sharp((await download(webp.attachment.id, `?upload_token=${webp.token}`)).rawPayload).metadata();
    expect(exifGpsLatitude((await sharp(fixture('image.webp')).metadata()).exif)).toEqual([22, 17, 0]);
    expect(webpMeta.exif).toBeUndefined();
  });

  it('refuses renamed, executable and polyglot files with 415 and a localized message, storing nothing', async () => {
    const before = { rows: await rowCount(), files: filesUnder(blobDir).length };
    for (const name of ['page.png', 'program.exe', 'program.elf', 'polyglot.jpg', 'polyglot.pdf', 'vector.txt', 'utf16.txt']) {
      const res = await raw(name, fixture(name), alice.headers);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error).toBe('unsupported_media_type');
      expect(res.json().message, name).toContain(`"${name}"`);
      expect(res.json().message).toContain('PNG, JPEG or WebP images, PDF documents, plain text (UTF-8) and MP4 videos');
    }
    const zh = await raw('page.png', fixture('page.png'), { ...alice.headers, 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zh.statusCode).toBe(415);
    expect(zh.json().message).toBe('文件“page.png”的类型不被允许。允许的类型：PNG、JPEG 或 WebP 图片，PDF 文档，纯文本（UTF-8）和 MP4 视频。');

    // One bad file in a multipart upload refuses the whole upload: no row, no blob, no temp file.
    const mixed = await form([{ filename: 'ok.png', content: fixture('screenshot.png') }, { filename: 'evil.png', content: fixture('page.png') }], alice.headers);
    expect(mixed.statusCode).toBe(415);
    expect(mixed.json().message).toContain('"evil.png"');
    expect(await rowCount()).toBe(before.rows);
    expect(filesUnder(blobDir)).toHaveLength(before.files);
  });

  it('refuses files over ATTACHMENT_MAX_BYTES with 413 naming the file and the limit', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61); // valid text, one byte too many
    const before = { rows: await rowCount(), files: filesUnder(blobDir).length };
    const res = await raw('huge.txt', big, alice.headers);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe('The file "huge.txt" is larger than 10 MB, the most an attachment may be.');
    const zh = await form([{ filename: '大文件.txt', content: big }], { ...alice.headers, 'accept-language': 'zh-CN' });
    expect(zh.statusCode).toBe(413);
    expect(zh.json().message).toBe('文件“大文件.txt”超过了 10 MB，这是单个附件的上限。');
    // Exactly at the limit is fine.
    const atLimit = await raw('full.txt', big.subarray(0, 10 * 1024 * 1024), alice.headers);
    expect(atLimit.statusCode).toBe(201);
    expect(atLimit.json<UploadBody>().upload.attachment.size).toBe(10 * 1024 * 1024);
    expect(await rowCount()).toBe(before.rows + 1);
    expect(filesUnder(blobDir)).toHaveLength(before.files + 1);
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const res = await raw('bomb.png', fixture('bomb.png'), alice.headers);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('400 megapixels');
  });

  it('refuses more than ATTACHMENT_MAX_FILES files with 400, and an empty upload', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ filename: `n${i}.txt`, content: Buffer.from(`note ${i}\n`) }));
    const before = await rowCount();
    const res = await form(six, alice.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('Too many files: upload at most 5 files at a time.');
    expect((await form(six, { ...alice.headers, 'accept-language': 'zh-CN' })).json().message).toBe('文件过多：每次最多上传 5 个文件。');
    expect(await rowCount()).toBe(before);
    const none = await form([], alice.headers, { note: 'no file here' });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('No file was sent');
    expect((await raw('empty.txt', Buffer.alloc(0), alice.headers)).json().message).toBe('The file "empty.txt" is empty.');
    const nothing = await t.app.inject({ method: 'POST', url: '/api/v2/uploads', headers: alice.headers });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().message).toContain('No file was sent');
  });

  it('runs the secret shield over text files and says what it hid', async () => {
    const res = await raw('debug.txt', fixture('secrets.txt'), alice.headers);
    expect(res.statusCode).toBe(201);
    const { upload } = res.json<UploadBody>();
    expect([...upload.attachment.redactions].sort()).toEqual(['password', 'recovery_phrase']);
    const stored = (await download(upload.attachment.id, `?upload_token=${upload.token}`)).body;
    expect(stored).not.toContain('abandon abandon');
    expect(stored).not.toContain('Hunter2-Secret');
    expect(stored).toContain('Troubleshooting log');
    const row = await db().selectFrom('attachments').select(['redactions', 'size']).where('id', '=', upload.attachment.id).executeTakeFirstOrThrow();
    expect((JSON.parse(row.redactions) as Array<{ kind: string }>).map((r) => r.kind).sort()).toEqual(['password', 'recovery_phrase']);
    expect(row.size).toBe(Buffer.byteLength(stored));
  });

  it('stores identical content once (content-addressed)', async () => {
    const content = Buffer.from(`dedupe ${dialect} ${randomBytes(4).toString('hex')}\n`);
    const a = (await raw('a.txt', content, alice.headers)).json<UploadBody>().upload.attachment;
    const b = (await raw('b.txt', content, bob.headers)).json<UploadBody>().upload.attachment;
    expect(a.id).not.toBe(b.id);
    const rows = await db().selectFrom('attachments').select('sha256').where('id', 'in', [a.id, b.id]).execute();
    expect(rows[0]!.sha256).toBe(rows[1]!.sha256);
    const sha = rows[0]!.sha256;
    expect(filesUnder(blobDir).filter((f) => f.endsWith(sha))).toEqual([join(blobDir, sha.slice(0, 2), sha.slice(2, 4), sha)]);
    expect(filesUnder(blobDir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('attaches an upload to a new request and serves it to the requester and staff only', async () => {
    const { upload } = (await form([{ filename: 'proof.png', content: fixture('screenshot.png') }, { filename: 'tx.txt', content: fixture('notes.txt') }], alice.headers)).json<UploadBody>();
    const created = await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest([upload.token]) });
    expect(created.statusCode).toBe(201);
    const number = created.json().request.id as number;
    const comments = (await t.app.inject({ url: `/api/v2/requests/${number}/comments`, headers: alice.headers })).json().comments;
    expect(comments[0].attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['proof.png', 'tx.txt']);
    const rows = await db().selectFrom('attachments').selectAll().where('id', 'in', upload.attachments.map((a) => a.id)).execute();
    expect(rows.every((r) => r.ticket_id !== null && r.comment_id !== null && r.upload_token === null)).toBe(true);

    const id = upload.attachments[0]!.id;
    const agentHeaders = agent.headers;
    expect((await download(id, '', alice.headers)).statusCode).toBe(200);
    expect((await download(id, '', agentHeaders)).statusCode).toBe(200);
    expect((await download(id, '', admin)).statusCode).toBe(200);
    for (const [who, res] of [
      ['bob', await download(id, '', bob.headers)],
      ['anonymous', await download(id)],
      ['claimed upload token', await download(id, `?upload_token=${upload.token}`)],
      ['wrong guest token', await download(id, '?token=abc.def')],
      ['bob with a guest token', await download(id, '?token=abc.def', bob.headers)],
    ] as const) {
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error, who).toBe('not_found');
    }
    // An unknown id looks exactly like a forbidden one.
    const missing = await download('att_doesnotexist', '', bob.headers);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual((await download(id, '', bob.headers)).json());
    // Metadata follows the same rules.
    expect((await t.app.inject({ url: `/api/v2/attachments/${id}`, headers: alice.headers })).json().attachment.file_name).toBe('proof.png');
    expect((await t.app.inject({ url: `/api/v2/attachments/${id}`, headers: bob.headers })).statusCode).toBe(404);
  });

  it('lets a guest upload, submit and download with the follow-link token only', async () => {
    const { upload } = (await raw('guest.pdf', fixture('document.pdf'))).json<UploadBody>();
    const row = await db().selectFrom('attachments').select('uploader_id').where('id', '=', upload.attachment.id).executeTakeFirstOrThrow();
    expect(row.uploader_id).toBeNull();
    const created = await t.app.inject({ method: 'POST', url: '/api/v2/requests', payload: depositRequest([upload.token], { requester: { name: 'Guest', email: `guest-att-${dialect}@example.org` } }) });
    expect(created.statusCode).toBe(201);
    const { guest_token } = created.json();
    const id = upload.attachment.id;
    const ok = await download(id, `?token=${encodeURIComponent(guest_token)}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.equals(fixture('document.pdf'))).toBe(true);
    expect((await download(id, '', { 'x-guest-token': guest_token })).statusCode).toBe(200);
    const forged = (guest_token as string).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await download(id, `?token=${encodeURIComponent(forged)}`)).statusCode).toBe(404);
    expect((await download(id)).statusCode).toBe(404);
    expect((await download(id, '', bob.headers)).statusCode).toBe(404);
    // Another guest's valid link token opens only that guest's ticket.
    const other = (await raw('other.txt', fixture('notes.txt'))).json<UploadBody>().upload;
    const otherTicket = await t.app.inject({ method: 'POST', url: '/api/v2/requests', payload: depositRequest([other.token], { requester: { email: `guest-att2-${dialect}@example.org` } }) });
    expect((await download(id, `?token=${encodeURIComponent(otherTicket.json().guest_token)}`)).statusCode).toBe(404);
    expect((await download(other.attachment.id, `?token=${encodeURIComponent(otherTicket.json().guest_token)}`)).statusCode).toBe(200);
  });

  it('keeps files of internal notes from the requester', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest([]) })).json().request;
    const { upload } = (await raw('internal.txt', fixture('notes.txt'), agent.headers)).json<UploadBody>();
    const ticket = await t.app.services.requests.ticketFor({ kind: 'user', userId: alice.id }, created.id);
    await t.app.services.requests.addComment(ticket, { authorId: agent.id, role: 'agent', body: 'Checked the node logs.', isPublic: false, uploads: [upload.token], via: 'api', locale: 'en-us' });
    expect((await download(upload.attachment.id, '', agent.headers)).statusCode).toBe(200);
    expect((await download(upload.attachment.id, '', alice.headers)).statusCode).toBe(404);
  });

  it('serves downloads as attachments with nosniff, a sandbox CSP and no caching', async () => {
    const { upload } = (await raw('../../收据 "March".txt', fixture('notes.txt'), { ...alice.headers, 'content-type': 'text/html' })).json<UploadBody>();
    const res = await download(upload.attachment.id, `?upload_token=${upload.token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="__ _March_.txt"; filename*=UTF-8''%E6%94%B6%E6%8D%AE%20_March_.txt`);
    expect(res.body).toBe(fixture('notes.txt').toString('utf8'));
    // Without the upload token, or with another one, an unclaimed upload does not exist.
    expect((await download(upload.attachment.id, '', alice.headers)).statusCode).toBe(404);
    expect((await download(upload.attachment.id, `?upload_token=${upload.token.slice(0, -1)}x`)).statusCode).toBe(404);
  });

  it('leaves uploads unclaimed when a submit fails, so they can be used again', async () => {
    const { upload } = (await raw('keep.png', fixture('screenshot.png'), alice.headers)).json<UploadBody>();
    const failed = await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest([upload.token, 'no-such-token']) });
    expect(failed.statusCode).toBe(400);
    expect(failed.json().details[0].path).toBe('uploads');
    const row = await db().selectFrom('attachments').selectAll().where('id', '=', upload.attachment.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ticket_id: null, upload_token: upload.token });
    // Not bob's to use.
    expect((await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: bob.headers, payload: depositRequest([upload.token]) })).statusCode).toBe(400);
    // Two submits racing for the same upload: exactly one gets it.
    const racing = await Promise.all([1, 2].map(() => t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest([upload.token]) })));
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    const claimed = await db().selectFrom('attachments').select('ticket_id').where('id', '=', upload.attachment.id).executeTakeFirstOrThrow();
    const winner = racing.find((r) => r.statusCode === 201)!.json().request.id;
    const ticket = await db().selectFrom('tickets').select('id').where('number', '=', winner).executeTakeFirstOrThrow();
    expect(claimed.ticket_id).toBe(ticket.id);
  });

  it('attaches uploads to a reply', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/v2/requests', headers: alice.headers, payload: depositRequest([]) })).json().request;
    const { upload } = (await form([{ filename: 'a.png', content: fixture('screenshot.png') }, { filename: 'b.pdf', content: fixture('document.pdf') }], alice.headers)).json<UploadBody>();
    const reply = await t.app.inject({ method: 'POST', url: `/api/v2/requests/${created.id}/comments`, headers: alice.headers, payload: { comment: { body: 'Here are the screenshots.', uploads: [upload.token] } } });
    expect(reply.statusCode).toBe(201);
    const comments = (await t.app.inject({ url: `/api/v2/requests/${created.id}/comments`, headers: alice.headers })).json().comments;
    expect(comments[1].attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['a.png', 'b.pdf']);
  });

  it('works over a real socket: raw and FormData uploads, and a clean 413 for a body that is too large', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const rawRes = await fetch(`${address}/api/v2/uploads?filename=shot.png`, { method: 'POST', headers: { ...alice.headers, 'content-type': 'image/png' }, body: fixture('screenshot.png') });
    expect(rawRes.status).toBe(201);
    const data = new FormData();
    data.append('file', new Blob([fixture('notes.txt')]), '说明.txt');
    data.append('file', new Blob([fixture('document.pdf')]), 'statement.pdf');
    const formRes = await fetch(`${address}/api/v2/uploads`, { method: 'POST', headers: alice.headers, body: data });
    expect(formRes.status).toBe(201);
    expect(((await formRes.json()) as UploadBody).upload.attachments.map((a) => a.file_name)).toEqual(['说明.txt', 'statement.pdf']);
    // Streamed without a Content-Length, so the limit is enforced while reading.
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
        controller.close();
      },
    });
    const tooBig = await fetch(`${address}/api/v2/uploads?filename=big.txt`, { method: 'POST', headers: alice.headers, body: big, duplex: 'half' } as RequestInit);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { message: string }).message).toContain('"big.txt"');
    const bigForm = new FormData();
    bigForm.append('file', new Blob([Buffer.alloc(11 * 1024 * 1024, 0x61)]), 'big.txt');
    const tooBigForm = await fetch(`${address}/api/v2/uploads`, { method: 'POST', headers: alice.headers, body: bigForm });
    expect(tooBigForm.status).toBe(413);
    const many = new FormData();
    for (let i = 0; i < 7; i++) many.append('file', new Blob([Buffer.alloc(512 * 1024, 0x61 + i)]), `part-${i}.txt`);
    expect((await fetch(`${address}/api/v2/uploads`, { method: 'POST', headers: alice.headers, body: many })).status).toBe(400);
    // The server (and the client's connection pool) is still healthy afterwards.
    expect((await fetch(`${address}/api/v2/uploads?filename=again.png`, { method: 'POST', headers: alice.headers, body: fixture('screenshot.png') })).status).toBe(201);
  });

  it('deletes an unclaimed upload (Zendesk DELETE /uploads/{token}) for its uploader only', async () => {
    const { upload } = (await raw('gone.txt', fixture('notes.txt'), alice.headers)).json<UploadBody>();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v2/uploads/${upload.token}`, headers: bob.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v2/uploads/${upload.token}`, headers: alice.headers })).statusCode).toBe(204);
    expect((await download(upload.attachment.id, `?upload_token=${upload.token}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v2/uploads/${upload.token}`, headers: alice.headers })).statusCode).toBe(404);
  });
});
