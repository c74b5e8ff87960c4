import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { createAgentApp, createCustomer, staffSignIn, submitTicket, type Customer, type StaffClient } from './helpers.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/attachments');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name));

/** A multipart/form-data body as the console's FormData sends it. */
function multipart(files: Array<{ filename: string; content: Buffer; type?: string }>) {
  const boundary = `----ConsoleBoundary${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Upload {
  token: string;
  attachments: Array<{ id: string; file_name: string; content_type: string; size: number; content_url: string }>;
}

describe.each(DIALECTS)('agent attachments on replies and notes on %s', (dialect) => {
  let t: TestApp;
  let agent: StaffClient;
  let colleague: StaffClient;
  let alice: Customer;
  let mallory: Customer;
  let ticket = 0;
  beforeAll(async () => {
    t = await createAgentApp(dialect, { ATTACHMENT_MAX_BYTES: String(256 * 1024) });
    agent = await staffSignIn(t.app, { role: 'agent', name: 'Lin Hua', locale: 'zh-cn' });
    colleague = await staffSignIn(t.app, { role: 'agent', name: 'Omar' });
    alice = await createCustomer(t.app.services.database.db, 'alice.files@example.org');
    mallory = await createCustomer(t.app.services.database.db, 'mallory.files@example.org');
    ticket = await submitTicket(t.app, alice, { subject: 'Where is my deposit?', body: 'My deposit has not arrived after an hour, please check.' });
  });
  afterAll(async () => t?.close());

  /** Uploads as a signed-in staff member: session cookie plus the CSRF header, multipart body. */
  const upload = (who: StaffClient, files: Array<{ filename: string; content: Buffer; type?: string }>, language = 'en-US') => {
    const body = multipart(files);
    return t.app.inject({ method: 'POST', url: '/api/v2/uploads', headers: { ...who.headers, ...body.headers, 'accept-language': language }, payload: body.payload });
  };
  const reply = (who: StaffClient, comment: { body: string; public: boolean; uploads?: string[] }, language = 'en-US') =>
    t.app.inject({ method: 'PUT', url: `/api/v2/tickets/${ticket}`, headers: { ...who.headers, 'accept-language': language }, payload: { ticket: { comment } } });
  const download = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url: url.replace('http://pharos.test', ''), headers });

  it('publishes the upload limits the console checks against', async () => {
    const res = await t.app.inject({ url: '/api/v2/uploads/limits', headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(200);
    const { limits } = res.json();
    expect(limits).toMatchObject({ max_bytes: 256 * 1024, max_size: '256 KB', max_files: 5 });
    expect(limits.types.map((x: { content_type: string }) => x.content_type)).toEqual(['image/png', 'image/jpeg', 'image/webp', 'application/pdf', 'text/plain', 'video/mp4']);
    expect(limits.allowed).toContain('PNG、JPEG 或 WebP 图片');
  });

  it('attaches files to a public reply; agents and the requester download them, nobody else', async () => {
    const up = await upload(agent, [{ filename: 'steps.png', content: fixture('screenshot.png'), type: 'image/png' }, { filename: 'statement.pdf', content: fixture('document.pdf') }]);
    expect(up.statusCode, up.body).toBe(201);
    const { token, attachments } = up.json<{ upload: Upload }>().upload;
    expect(attachments.map((a) => a.file_name)).toEqual(['steps.png', 'statement.pdf']);
    const sent = await reply(agent, { body: 'Here are the steps, see the screenshot and the statement.', public: true, uploads: [token] });
    expect(sent.statusCode, sent.body).toBe(200);
    const commentId = sent.json().comment_id as string;

    // The console's ticket view lists them on the reply.
    const detail = (await colleague.get(`/api/v2/tickets/${ticket}`)).json();
    const shown = detail.comments.find((c: { id: string }) => c.id === commentId);
    expect(shown.public).toBe(true);
    expect(shown.attachments.map((a: { file_name: string; content_type: string }) => [a.file_name, a.content_type])).toEqual([
      ['steps.png', 'image/png'],
      ['statement.pdf', 'application/pdf'],
    ]);
    const png = shown.attachments[0].content_url as string;
    // Any agent (not only the author) previews it; the bytes are the re-encoded image.
    const asColleague = await download(png, colleague.headers);
    expect(asColleague.statusCode).toBe(200);
    expect(asColleague.headers['content-type']).toBe('image/png');
    expect((await sharp(asColleague.rawPayload).metadata()).format).toBe('png');

    // The requester sees the files on the reply and downloads them.
    const comments = (await t.app.inject({ url: `/api/v2/requests/${ticket}/comments`, headers: alice.headers })).json().comments;
    const mine = comments.find((c: { id: string }) => c.id === commentId);
    expect(mine.attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['steps.png', 'statement.pdf']);
    const asAlice = await download(png, alice.headers);
    expect(asAlice.statusCode).toBe(200);
    expect(asAlice.rawPayload.equals(asColleague.rawPayload)).toBe(true);
    // Another customer and a signed-out visitor get the same 404 as for a missing file.
    expect((await download(png, mallory.headers)).statusCode).toBe(404);
    expect((await download(png)).statusCode).toBe(404);
    // The upload token was used up: it cannot be attached a second time.
    const again = await reply(agent, { body: 'Once more with the same files.', public: true, uploads: [token] });
    expect(again.statusCode).toBe(400);
  });

  it('keeps files on internal notes for staff: the requester can neither list nor download them', async () => {
    const up = await upload(agent, [{ filename: 'ledger-export.txt', content: Buffer.from('Ledger row 4411: deposit pending manual review.\n') }]);
    expect(up.statusCode, up.body).toBe(201);
    const { token } = up.json<{ upload: Upload }>().upload;
    const note = await reply(agent, { body: 'Internal: ledger export attached for the finance team.', public: false, uploads: [token] });
    expect(note.statusCode, note.body).toBe(200);
    const detail = (await colleague.get(`/api/v2/tickets/${ticket}`)).json();
    const noted = detail.comments.find((c: { id: string }) => c.id === note.json().comment_id);
    expect(noted.public).toBe(false);
    expect(noted.attachments).toHaveLength(1);
    const url = noted.attachments[0].content_url as string;
    const asColleague = await download(url, colleague.headers);
    expect(asColleague.statusCode).toBe(200);
    expect(asColleague.body).toContain('Ledger row 4411');

    // The requester: not in their conversation, and a direct download is a 404 (no hint it exists).
    const comments = (await t.app.inject({ url: `/api/v2/requests/${ticket}/comments`, headers: alice.headers })).json().comments;
    expect(comments.map((c: { id: string }) => c.id)).not.toContain(note.json().comment_id);
    expect(JSON.stringify(comments)).not.toContain('ledger-export');
    expect((await download(url, alice.headers)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v2/attachments/${noted.attachments[0].id}`, headers: alice.headers })).statusCode).toBe(404);
    // Nor through the portal page.
    const page = await t.app.inject({ url: `/hc/en-us/requests/${ticket}`, headers: alice.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('steps.png');
    expect(page.body).not.toContain('ledger-export');
  });

  it('refuses files the server does not accept, in the agent’s language, and uploads of other people', async () => {
    const exe = await upload(agent, [{ filename: 'tool.exe', content: fixture('program.exe') }], 'zh-CN');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().message).toContain('文件“tool.exe”的类型不被允许');
    const big = await upload(agent, [{ filename: 'huge.txt', content: Buffer.alloc(300 * 1024, 'a') }], 'zh-CN');
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toBe('文件“huge.txt”超过了 256 KB，这是单个附件的上限。');
    const english = await upload(agent, [{ filename: 'huge.txt', content: Buffer.alloc(300 * 1024, 'a') }], 'en-US');
    expect(english.json().message).toBe('The file "huge.txt" is larger than 256 KB, the most an attachment may be.');

    // A colleague's (or a customer's) upload token cannot be attached by someone else.
    const theirs = await upload(colleague, [{ filename: 'mine.txt', content: Buffer.from('Omar’s working notes.') }]);
    const taken = await reply(agent, { body: 'Trying to attach a colleague’s file.', public: false, uploads: [theirs.json().upload.token] }, 'zh-CN');
    expect(taken.statusCode).toBe(400);
    expect(taken.json().details).toEqual([{ path: 'ticket.comment.uploads', message: '有附件已不可用（已发送、已移除、已过期或由他人上传）。请移除后重新添加。' }]);
    const unknown = await reply(agent, { body: 'With a made-up token.', public: true, uploads: ['not-a-token'] }, 'en-US');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('An attached file is no longer available');
    // Nothing was written by the refused replies.
    const detail = (await agent.get(`/api/v2/tickets/${ticket}`)).json();
    expect(detail.comments.map((c: { body: string }) => c.body).join('\n')).not.toMatch(/colleague’s file|made-up token/);

    // A removed upload (the chip's × in the console) is gone for good.
    const removed = await upload(agent, [{ filename: 'draft.txt', content: Buffer.from('A draft that is removed again.') }]);
    const token = removed.json().upload.token as string;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v2/uploads/${token}`, headers: agent.headers })).statusCode).toBe(204);
    expect((await reply(agent, { body: 'With the removed file.', public: true, uploads: [token] })).statusCode).toBe(400);
  });
});
