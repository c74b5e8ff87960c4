import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Browser } from '../accounts/helpers.js';

export { Browser, csrfOf } from '../accounts/helpers.js';

export interface UploadFile {
  filename: string;
  content: Buffer | string;
  type?: string;
}

/** A multipart/form-data body like a browser sends for a form with enctype="multipart/form-data". */
export function multipartBody(fields: Record<string, string>, files: UploadFile[] = [], fileField = 'file'): { payload: Buffer; contentType: string } {
  const boundary = `----WebKitFormBoundary${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  // An empty file input is sent as a part without a file name, as browsers do.
  const parts = files.length ? files : [{ filename: '', content: '', type: 'application/octet-stream' }];
  for (const file of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'text/plain'}\r\n\r\n`, 'utf8'),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const decodeEntities = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The action of the form with this id (or the first form whose action matches). */
export function formAction(html: string, match: string | RegExp): string {
  const forms = [...html.matchAll(/<form\b[^>]*>/g)].map((m) => m[0]);
  const tag = forms.find((f) => (typeof match === 'string' ? f.includes(`id="${match}"`) : match.test(f)));
  if (!tag) throw new Error(`no form ${String(match)} in page`);
  const action = /action="([^"]*)"/.exec(tag)?.[1];
  if (action === undefined) throw new Error('form without action');
  return decodeEntities(action);
}

/** Value of a hidden (or any) input by name, first occurrence. */
export function inputValue(html: string, name: string): string {
  const re = new RegExp(`<input[^>]*name="${name}"[^>]*>`);
  const tag = re.exec(html)?.[0];
  if (!tag) throw new Error(`no input ${name}`);
  return decodeEntities(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
}

/** All href values matching a pattern (entities decoded). */
export function hrefs(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)).filter((h) => pattern.test(h));
}

/** Posts a multipart form with the browser's cookies; redirects are not followed. */
export async function postMultipart(browser: Browser, url: string, fields: Record<string, string>, files: UploadFile[] = []): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartBody(fields, files);
  return browser.request({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
}

/** Posts an url-encoded form with the browser's cookies; redirects are not followed. */
export async function postForm(browser: Browser, url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  return browser.request({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

/** A local date-time an hour ago, in the `datetime-local` input format. */
export function recentLocalDateTime(hoursAgo = 1): string {
  const d = new Date(Date.now() - hoursAgo * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
