import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** Names and sizes of the files of an upload no request has claimed yet (shown again on a re-rendered form). */
export function unclaimedUploadFiles(db: Db, token: string) {
  return db
    .selectFrom('attachments')
    .select(['filename', 'size', 'uploader_id'])
    .where('upload_token', '=', token)
    .where('ticket_id', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
