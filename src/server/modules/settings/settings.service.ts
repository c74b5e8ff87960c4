import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nowIso } from '../../db/ids.js';

/**
 * Returns the installation-wide value for `key`, creating it with `generate()` the first time.
 * Safe under concurrency: every process ends up with the value that won the insert.
 */
export async function getOrCreateSetting(db: Kysely<Database>, key: string, generate: () => string): Promise<string> {
  await db
    .insertInto('instance_settings')
    .values({ key, value: generate(), created_at: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('instance_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

export const randomSalt = () => randomBytes(32).toString('base64url');
