import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../plugins/auth.js';
import type { AttachmentTable } from '../../db/schema.js';

/** Agents and admins see every attachment that belongs to a ticket. */
export const isStaff = (actor: Actor): boolean => actor.kind === 'agent' || actor.kind === 'admin';

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** An upload not yet attached to a ticket is readable only with its upload token (the capability the uploader got). */
export function canReadUnclaimed(row: Pick<AttachmentTable, 'ticket_id' | 'upload_token'>, uploadToken: string | undefined): boolean {
  return row.ticket_id === null && !!row.upload_token && !!uploadToken && sameSecret(uploadToken, row.upload_token);
}

/**
 * Who may add files to, or delete, an unclaimed upload: the signed-in user who made it, or anyone
 * holding the token of a guest upload (the same rule the requests service applies when claiming).
 */
export function canChangeUpload(row: Pick<AttachmentTable, 'uploader_id'>, uploaderId: string | null): boolean {
  return row.uploader_id === null || row.uploader_id === uploaderId;
}

/**
 * Whether the files under `tokens` (one upload call may put several files under one token) may be
 * attached by `uploaderId`: every token still names unclaimed files, and every one of those files is
 * the uploader's own — or, where `guestUploads` is allowed (customers), a guest upload.
 */
export function uploadsClaimable(
  rows: ReadonlyArray<Pick<AttachmentTable, 'upload_token' | 'uploader_id'>>,
  tokens: readonly string[],
  uploaderId: string,
  options: { guestUploads: boolean },
): boolean {
  const usable = rows.every((r) => r.uploader_id === uploaderId || (options.guestUploads && r.uploader_id === null));
  return usable && new Set(rows.map((r) => r.upload_token)).size === new Set(tokens).size;
}
