import type { AttachmentTable } from '../../db/schema.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { formatBytes } from './attachments.messages.js';
import { KINDS } from './attachments.sniff.js';

export type AttachmentRow = Pick<AttachmentTable, 'id' | 'filename' | 'content_type' | 'size' | 'redactions'>;

const kindsOf = (redactions: string) => [...new Set((JSON.parse(redactions) as Array<{ kind: string }>).map((r) => r.kind))];

/** Zendesk "attachment" shape, plus the kinds of secrets the shield removed from a text file. */
export function presentAttachment(publicUrl: string, row: AttachmentRow) {
  return {
    id: row.id,
    file_name: row.filename,
    content_type: row.content_type,
    content_url: `${publicUrl}/api/v2/attachments/${row.id}/content`,
    size: row.size,
    inline: false,
    redactions: kindsOf(row.redactions),
  };
}

/** Zendesk "upload": one token for every file of the upload; `attachment` is the first file. */
export function presentUpload(publicUrl: string, token: string, rows: AttachmentRow[], expiresAt: string) {
  const attachments = rows.map((r) => presentAttachment(publicUrl, r));
  return { upload: { token, expires_at: expiresAt, attachment: attachments[0] ?? null, attachments } };
}

/** The upload limits (for clients that check files before sending them; the server checks again). */
export function presentLimits(limits: { maxBytes: number; maxFiles: number }, locale: Locale) {
  return {
    max_bytes: limits.maxBytes,
    max_size: formatBytes(limits.maxBytes),
    max_files: limits.maxFiles,
    types: Object.values(KINDS).map((k) => ({ content_type: k.contentType.split(';')[0]!, extension: k.extension, image: k.image })),
    allowed: t(locale, 'attachments.allowed'),
  };
}
