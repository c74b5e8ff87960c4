import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../../shared/locales.js';
import { withQuery } from '../helpcenter/helpcenter.views.js';
import type { PostedFile } from './portal.forms.js';

export type UploadOutcome =
  | { ok: true; token: string; files: Array<{ filename: string; size: number }> }
  | { ok: false; message: string };

interface UploadAnswer {
  upload?: { token: string; attachments: Array<{ file_name: string; size: number }> };
  message?: string;
}

function multipartBody(files: PostedFile[]): { boundary: string; payload: Buffer } {
  const boundary = `----pharos-portal-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const file of files) {
    const name = file.filename.replace(/[\r\n"\\]/g, '_');
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'), file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, payload: Buffer.concat(chunks) };
}

/**
 * Files posted with a form without JavaScript go through the same public endpoint a script uses
 * (POST /api/v2/uploads): same identification, cleaning, limits and per-IP rate limit, as the same
 * caller (session cookie, CSRF token and client address are passed along).
 */
export async function uploadPostedFiles(request: FastifyRequest, files: PostedFile[], options: { locale: Locale; csrf: string; token?: string | undefined }): Promise<UploadOutcome> {
  const { boundary, payload } = multipartBody(files);
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'application/json', 'x-csrf-token': options.csrf };
  if (request.headers.cookie) headers.cookie = request.headers.cookie;
  if (request.headers['user-agent']) headers['user-agent'] = request.headers['user-agent'];
  const res = await request.server.inject({
    method: 'POST',
    url: withQuery('/api/v2/uploads', { locale: options.locale, token: options.token }),
    headers,
    payload,
    remoteAddress: request.ip,
  });
  let answer: UploadAnswer = {};
  try {
    answer = res.json<UploadAnswer>();
  } catch {
    answer = {};
  }
  if (res.statusCode === 201 && answer.upload) {
    return { ok: true, token: answer.upload.token, files: answer.upload.attachments.map((a) => ({ filename: a.file_name, size: a.size })) };
  }
  if (res.statusCode >= 500) request.log.error({ status: res.statusCode }, 'portal upload failed');
  return { ok: false, message: typeof answer.message === 'string' ? answer.message : '' };
}
