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
