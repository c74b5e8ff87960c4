import type { AddressInfo } from 'node:net';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../src/server/modules/staff/staff.service.js';
import { endpoints } from '../../src/web/api/endpoints.js';
import { ApiClient, queryString } from '../../src/web/api/client.js';
import { ApiError, describeError, networkError, toApiError } from '../../src/web/api/errors.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const fallback = (code: string, status: number) => `fallback:${code}:${status}`;

/** fetch with a cookie jar, as a browser tab would have (Node's fetch keeps no cookies). */
function browserFetch() {
  const jar = new Map<string, string>();
  return async (input: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}

describe('API error mapping', () => {
  it('keeps the server’s code, localized message, details and reference', () => {
    const err = toApiError(400, { error: 'validation_failed', message: '请求无效：subject', statusCode: 400, details: [{ path: 'body.subject', message: 'Required' }], reference: 'ref-1' });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', message: '请求无效：subject' });
    expect(err.extra.details).toEqual([{ path: 'body.subject', message: 'Required' }]);
    expect(err.extra.reference).toBe('ref-1');
    expect(describeError(err, fallback)).toBe('请求无效：subject');
  });

  it('turns a 422 outbound refusal into reasons the composer can list', () => {
    const body = { error: 'outbound_refused', message: 'Not sent', statusCode: 422, reasons: [{ code: 'asks_recovery_phrase', message: 'This reply asks for the recovery phrase.' }, { code: 'asks_otp' }] };
    const err = toApiError(422, body);
    expect(err.isOutboundRefusal).toBe(true);
    expect(err.extra.reasons).toEqual([
      { code: 'asks_recovery_phrase', message: 'This reply asks for the recovery phrase.' },
      { code: 'asks_otp', message: '' },
    ]);
    // Reasons sent as `details` are understood too.
    const viaDetails = toApiError(422, { error: 'outbound_refused', message: 'x', details: [{ path: 'asks_password', message: 'asks for a password' }] });
    expect(viaDetails.extra.reasons).toEqual([{ code: 'asks_password', message: 'asks for a password' }]);
  });

  it('recognises a lost session but not a wrong password or code', () => {
    expect(toApiError(401, { error: 'sign_in_required', message: 'Please sign in' }).isSessionLost).toBe(true);
    expect(toApiError(401, { error: 'unauthorized', message: 'x' }).isSessionLost).toBe(true);
    expect(toApiError(401, { error: 'invalid_credentials', message: 'x' }).isSessionLost).toBe(false);
    expect(toApiError(401, { error: 'totp_invalid', message: 'x' }).isSessionLost).toBe(false);
    expect(toApiError(403, { error: 'csrf_failed', message: 'x' }).isSessionLost).toBe(false);
  });

  it('falls back to console text for non-JSON answers and network failures, with Retry-After', () => {
    const html = toApiError(502, '<html>Bad gateway</html>', new Headers({ 'retry-after': '12' }));
    expect(html).toMatchObject({ status: 502, code: 'http', message: '' });
    expect(html.extra.retryAfterSeconds).toBe(12);
    expect(describeError(html, fallback)).toBe('fallback:http:502');
    expect(describeError(networkError(new TypeError('fetch failed')), fallback)).toBe('fallback:network:0');
    expect(describeError(networkError(Object.assign(new Error('t'), { name: 'TimeoutError' })), fallback)).toBe('fallback:timeout:0');
    expect(describeError('weird', fallback)).toBe('fallback:http:0');
  });

  it('builds query strings from set values only', () => {
    expect(queryString({ view: 'mine', status: '', group_id: undefined, page: 2, q: '提币 & fee' })).toBe('?view=mine&page=2&q=%E6%8F%90%E5%B8%81+%26+fee');
    expect(queryString({ a: null })).toBe('');
  });
});

describe('API client against the real server', () => {
  let ctx: TestApp;
  let base = '';
  beforeAll(async () => {
    ctx = await createTestApp('sqlite', {}, { mailWorker: false, backgroundJobs: false });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => ctx?.close());

  it('gets the server’s message in the console’s language', async () => {
    const api = new ApiClient({ baseUrl: base, locale: 'zh-cn' });
    const err = await api.get('/api/v2/no-such-endpoint').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
    expect((err as ApiError).code).toBe('route_not_found');
    expect((err as ApiError).message).toContain('不存在接口');
    api.locale = 'en-us';
    const en = (await api.get('/api/v2/no-such-endpoint').catch((e: unknown) => e)) as ApiError;
    expect(en.message).toContain('There is no endpoint');
  });

  it('maps schema validation failures with field details', async () => {
    const api = new ApiClient({ baseUrl: base, locale: 'en-us' });
    const err = (await api.post('/api/v2/requests', { request: { subject: 5 } }).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.extra.details?.length).toBeGreaterThan(0);
  });

  it('reports a lost session once, except for quiet calls, and reaches the server for reads', async () => {
    const api = new ApiClient({ baseUrl: base });
    const lost: ApiError[] = [];
    api.onSessionLost = (e) => lost.push(e);
    const quiet = (await api.get('/api/v2/staff/me', { quiet: true }).catch((e: unknown) => e)) as ApiError;
    expect(quiet.status).toBe(401);
    expect(lost).toHaveLength(0);
    await api.get('/api/v2/staff/me').catch(() => undefined);
    expect(lost).toHaveLength(1);
    const types = await api.get<{ request_types: Array<{ key: string }> }>('/api/v2/request_types');
    expect(types.request_types.length).toBeGreaterThan(3);
  });

  it('signs a staff member in, keeps the CSRF token and sends it on writes', async () => {
    await createStaff(ctx.app.services.database.db, { email: 'client.test@pharos.test', name: 'Client Test', role: 'agent', password: 'Harbour-light-2041', locale: 'zh-cn' });
    const fetchWithCookies = browserFetch();
    const api = new ApiClient({ baseUrl: base, fetch: fetchWithCookies, locale: 'en-us' });
    const ep = endpoints(api);
    const wrong = (await ep.session.start('client.test@pharos.test', 'not the password').catch((e: unknown) => e)) as ApiError;
    expect(wrong.code).toBe('invalid_credentials');
    expect(wrong.isSessionLost).toBe(false);
    const stage = await ep.session.start('client.test@pharos.test', 'Harbour-light-2041');
    expect(stage.stage).toBe('totp_enrol');
    if (stage.stage !== 'totp_enrol') return;
    expect(stage.enrolment.qr_code.startsWith('data:image/svg+xml')).toBe(true);
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(stage.enrolment.secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
    const signedIn = await ep.session.totp(code);
    expect(signedIn.user).toMatchObject({ name: 'Client Test', role: 'agent', locale: 'zh-cn' });
    expect(api.csrfToken).toBe(signedIn.csrf_token);

    // A write with the session cookie carries x-csrf-token: accepted.
    const check = await ep.shield.outbound('Please send me your recovery phrase');
    expect(check.allowed).toBe(false);
    expect(check.reasons.map((r) => r.code)).toContain('asks_recovery_phrase');
    // The same cookie without the token: refused, and not mistaken for a lost session.
    const lost: ApiError[] = [];
    const tokenless = new ApiClient({ baseUrl: base, fetch: fetchWithCookies, locale: 'zh-cn' });
    tokenless.onSessionLost = (e) => lost.push(e);
    const refused = (await endpoints(tokenless).shield.outbound('hello there').catch((e: unknown) => e)) as ApiError;
    expect(refused).toMatchObject({ status: 403, code: 'csrf_failed' });
    expect(refused.message).toContain('表单已过期');
    expect(lost).toEqual([]);
    // "Who am I" hands the token to a fresh page load.
    const fresh = new ApiClient({ baseUrl: base, fetch: fetchWithCookies });
    await endpoints(fresh).session.me();
    expect(fresh.csrfToken).toBe(signedIn.csrf_token);
    await ep.session.end();
    const after = (await endpoints(fresh).session.me().catch((e: unknown) => e)) as ApiError;
    expect(after.status).toBe(401);
  });

  it('uploads files as multipart with the session’s CSRF token, attaches them to a note, and edits the help-center structure', async () => {
    await createStaff(ctx.app.services.database.db, { email: 'files.admin@pharos.test', name: 'Files Admin', role: 'admin', password: 'Harbour-light-2041', locale: 'en-us' });
    const api = new ApiClient({ baseUrl: base, fetch: browserFetch(), locale: 'zh-cn' });
    const ep = endpoints(api);
    const stage = await ep.session.start('files.admin@pharos.test', 'Harbour-light-2041');
    if (stage.stage !== 'totp_enrol') throw new Error('expected enrolment');
    await ep.session.totp(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(stage.enrolment.secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate());

    const limits = await ep.uploads.limits();
    expect(limits.max_files).toBe(5);
    expect(limits.allowed).toContain('PDF 文档');
    const upload = await ep.uploads.create([new File(['Wallet log: withdrawal 4411 broadcast at 10:02.\n'], 'wallet.log', { type: 'text/plain' })]);
    expect(upload.attachments.map((a) => [a.file_name, a.content_type])).toEqual([['wallet.txt', 'text/plain; charset=utf-8']]);
    // A refused file comes back as an ApiError with the server's message in the console's language.
    const refused = (await ep.uploads.create([new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 1, 2, 3, 4])], 'tool.exe')]).catch((e: unknown) => e)) as ApiError;
    expect(refused).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(refused.message).toContain('“tool.exe”的类型不被允许');

    const customer = await ctx.app.inject({
      method: 'POST',
      url: '/api/v2/requests',
      payload: { request: { subject: 'Withdrawal not received', comment: { body: 'My withdrawal has not arrived in my wallet yet, please check.' }, request_type: 'other', requester: { email: 'files.customer@example.org' } } },
    });
    const id = customer.json().request.id as number;
    const result = await ep.tickets.update(id, { comment: { body: 'Log from the wallet team attached.', public: false, uploads: [upload.token] } });
    const detail = await ep.tickets.get(id);
    const note = detail.comments.find((c) => c.id === result.comment_id)!;
    expect(note.public).toBe(false);
    expect(note.attachments.map((a) => a.file_name)).toEqual(['wallet.txt']);

    // Categories and sections, named in both languages.
    const created = await ep.kb.createCategory([
      { locale: 'en-us', title: 'Client test' },
      { locale: 'zh-cn', title: '客户端测试' },
    ]);
    const section = await ep.kb.createSection(created.category.id, [
      { locale: 'en-us', title: 'Client section' },
      { locale: 'zh-cn', title: '客户端栏目' },
    ]);
    expect(section.section.category_id).toBe(created.category.id);
    const structure = await ep.kb.structure();
    expect(structure.find((c) => c.id === created.category.id)?.sections.map((x) => x.key)).toEqual(['client-section']);
    await ep.kb.deleteCategory(created.category.id);
    expect((await ep.kb.structure()).some((c) => c.id === created.category.id)).toBe(false);
  });

  it('turns an unreachable server into a network error', async () => {
    const api = new ApiClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    const err = (await api.get('/api/v2/request_types').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('network');
  });
});
