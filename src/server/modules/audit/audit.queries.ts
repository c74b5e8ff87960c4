import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../../db/schema.js';

type Db = Kysely<Database>;
export type AuditRow = Selectable<AuditLogTable>;

/**
 * Takes the next sequence number: UPDATE … RETURNING on counters('audit_log'). The row lock (the
 * write lock on SQLite) is held until the surrounding transaction ends, so appenders queue here and
 * each one sees the previous entry committed.
 */
export async function nextAuditSeq(trx: Db): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'audit_log')
    .returning('value')
    .executeTakeFirst();
  if (row) return Number(row.value);
  await trx.insertInto('counters').values({ name: 'audit_log', value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return nextAuditSeq(trx);
}

export async function auditHead(trx: Db): Promise<{ seq: number; hash: string } | undefined> {
  return trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditRow(trx: Db, row: AuditRow): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
}

function filtered(db: Db, filter: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.action) q = filter.action.endsWith('.*') ? q.where('action', 'like', `${filter.action.slice(0, -1)}%`) : q.where('action', '=', filter.action);
  return q;
}

export async function listAuditRows(db: Db, filter: AuditFilter, page: { limit: number; offset: number }) {
  const total = await filtered(db, filter).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  const rows = await filtered(db, filter).selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
  return { rows, count: Number(total?.n ?? 0) };
}

/** Entries with seq > `after`, oldest first (keyset pagination for export and verification). */
export function auditRowsAfter(db: Db, after: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
}
