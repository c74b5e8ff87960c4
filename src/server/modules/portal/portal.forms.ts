import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { SecretKind } from '../redaction/index.js';

/** A file from a form post, read into memory (bounded by the multipart limits of the portal scope). */
export interface PostedFile {
  filename: string;
  bytes: Buffer;
}

export interface PostedForm {
  /** First value of every text field. */
  fields: Record<string, string>;
  files: PostedFile[];
  /** Names of files cut off at the size limit. */
  oversized: string[];
}

/**
 * Reads an HTML form post: multipart/form-data (forms with a file input) or
 * application/x-www-form-urlencoded. Only the first value of a repeated field counts. Empty file
 * inputs (browsers send a part without a name) are skipped.
 */
export async function readPostedForm(request: FastifyRequest): Promise<PostedForm> {
  const form: PostedForm = { fields: {}, files: [], oversized: [] };
  if (request.isMultipart()) {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (!part.filename && !bytes.length) continue;
        if (part.file.truncated) form.oversized.push(part.filename);
        else form.files.push({ filename: part.filename, bytes });
      } else if (!(part.fieldname in form.fields)) {
        form.fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      }
    }
    return form;
  }
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  for (const [name, raw] of Object.entries(body)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string') form.fields[name] = value;
  }
  return form;
}

const FORM_TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

/** A fresh idempotency token for one rendered request form. */
export const newFormToken = () => randomBytes(18).toString('base64url');

/** The posted form token when it looks like one of ours; otherwise a new one (no idempotency for that post). */
export const formTokenOf = (value: string | undefined) => (value && FORM_TOKEN.test(value) ? value : newFormToken());

/** Upload tokens are base64url (see AttachmentsService.upload). */
export const uploadTokenOf = (value: string | undefined) => (value && /^[A-Za-z0-9_-]{16,100}$/.test(value) ? value : '');

const KINDS: readonly SecretKind[] = ['recovery_phrase', 'extended_private_key', 'wif_private_key', 'raw_private_key', 'keystore_json', 'api_secret', 'api_key', 'password', 'otp_code', 'card_number'];
const isKind = (value: string): value is SecretKind => (KINDS as readonly string[]).includes(value);

/**
 * What the shield hid, carried across the redirect after a post in the query string
 * (`hidden=description:recovery_phrase.card_number,subject:password`): field keys and kinds only,
 * never the text.
 */
export function encodeHidden(redactions: Array<{ field: string; kinds: readonly string[] }>): string | undefined {
  const parts = redactions.filter((r) => /^[a-z][a-z0-9_]{0,39}$/.test(r.field) && r.kinds.length).map((r) => `${r.field}:${r.kinds.filter(isKind).join('.')}`);
  return parts.length ? parts.join(',').slice(0, 600) : undefined;
}

export function decodeHidden(raw: string): Array<{ field: string; kinds: SecretKind[] }> {
  const out: Array<{ field: string; kinds: SecretKind[] }> = [];
  for (const part of raw.split(',').slice(0, 45)) {
    const [field, kinds] = part.split(':');
    if (!field || !kinds || !/^[a-z][a-z0-9_]{0,39}$/.test(field)) continue;
    const valid = [...new Set(kinds.split('.').filter(isKind))];
    if (valid.length) out.push({ field, kinds: valid });
  }
  return out;
}
