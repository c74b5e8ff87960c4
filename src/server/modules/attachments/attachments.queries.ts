import type { Kysely } from 'kysely';
import type { AttachmentTable, Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** Bound parameters per statement stay well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;
export const chunks = <T>(items: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function findAttachment(db: Db, id: string) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertAttachments(db: Db, rows: AttachmentTable[]) {
  return db.insertInto('attachments').values(rows).execute();
}

/** Rows of an upload that no submit has claimed yet. */
export function unclaimedByToken(db: Db, token: string) {
  return db.selectFrom('attachments').selectAll().where('upload_token', '=', token).where('ticket_id', 'is', null).orderBy('created_at').orderBy('id').execute();
}

export function ticketOf(db: Db, ticketId: string) {
  return db.selectFrom('tickets').select(['id', 'number', 'requester_id']).where('id', '=', ticketId).executeTakeFirst();
}

export function commentVisibility(db: Db, commentId: string) {
  return db.selectFrom('ticket_comments').select(['public']).where('id', '=', commentId).executeTakeFirst();
}

/** Deletes the given rows only while they are still unclaimed (a concurrent submit wins). */
export async function deleteUnclaimed(db: Db, ids: string[]): Promise<number> {
  let deleted = 0;
  for (const part of chunks(ids)) {
    const result = await db.deleteFrom('attachments').where('id', 'in', part).where('ticket_id', 'is', null).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

export function unclaimedOlderThan(db: Db, cutoffIso: string) {
  return db.selectFrom('attachments').select(['id', 'sha256']).where('ticket_id', 'is', null).where('created_at', '<', cutoffIso).execute();
}

/** Which of these digests some row still references. */
export async function referencedDigests(db: Db, digests: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(digests)])) {
    const rows = await db.selectFrom('attachments').select('sha256').distinct().where('sha256', 'in', part).execute();
    for (const r of rows) found.add(r.sha256);
  }
  return found;
}
