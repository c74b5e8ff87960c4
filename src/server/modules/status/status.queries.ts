import type { Kysely, Selectable } from 'kysely';
import type { Database, StatusNoticeTable, StatusNoticeUpdateTable } from '../../db/schema.js';
import type { Localized } from './status.policy.js';

type Db = Kysely<Database>;
export type NoticeRow = Selectable<StatusNoticeTable>;
export type NoticeUpdateRow = Selectable<StatusNoticeUpdateTable>;

/** A notice with its JSON columns parsed and its updates (oldest first). */
export interface Notice {
  id: string;
  kind: NoticeRow['kind'];
  impact: NoticeRow['impact'];
  title: Localized;
  body: Localized;
  request_types: string[];
  assets: string[];
  networks: string[];
  starts_at: string;
  ends_at: string | null;
  resolved_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  updates: NoticeUpdate[];
}

export interface NoticeUpdate {
  id: string;
  kind: NoticeUpdateRow['kind'];
  body: Localized;
  created_by: string | null;
  created_at: string;
}

const parseList = (text: string): string[] => {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
};

const parseLocalized = (text: string): Localized => {
  try {
    const value = JSON.parse(text) as Partial<Localized>;
    return { 'en-us': value['en-us'] ?? '', 'zh-cn': value['zh-cn'] ?? value['en-us'] ?? '' };
  } catch {
    return { 'en-us': text, 'zh-cn': text };
  }
};

export function toNotice(row: NoticeRow, updates: NoticeUpdateRow[]): Notice {
  return {
    id: row.id,
    kind: row.kind,
    impact: row.impact,
    title: parseLocalized(row.title),
    body: parseLocalized(row.body),
    request_types: parseList(row.request_types),
    assets: parseList(row.assets),
    networks: parseList(row.networks),
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    resolved_at: row.resolved_at,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
    updates: updates.map((u) => ({ id: u.id, kind: u.kind, body: parseLocalized(u.body), created_by: u.created_by, created_at: u.created_at })),
  };
}

/** Rows with their updates attached, one query for all updates. */
async function withUpdates(db: Db, rows: NoticeRow[]): Promise<Notice[]> {
  if (!rows.length) return [];
  const updates = await db
    .selectFrom('status_notice_updates')
    .selectAll()
    .where('notice_id', 'in', rows.map((r) => r.id))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const byNotice = new Map<string, NoticeUpdateRow[]>();
  for (const u of updates) {
    const list = byNotice.get(u.notice_id);
    if (list) list.push(u);
    else byNotice.set(u.notice_id, [u]);
  }
  return rows.map((r) => toNotice(r, byNotice.get(r.id) ?? []));
}

export async function findNotice(db: Db, id: string): Promise<Notice | undefined> {
  const row = await db.selectFrom('status_notices').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withUpdates(db, [row]))[0] : undefined;
}

/** Notices that may be scheduled or active at `nowIso`: not resolved and not past their window. */
export async function openNotices(db: Db, nowIso: string): Promise<Notice[]> {
  const rows = await db
    .selectFrom('status_notices')
    .selectAll()
    .where('resolved_at', 'is', null)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', nowIso)]))
    .orderBy('starts_at')
    .orderBy('id')
    .limit(500)
    .execute();
  return withUpdates(db, rows);
}

/** Notices that ended (resolved or window over) after `sinceIso`, most recent first. */
export async function endedNotices(db: Db, sinceIso: string, nowIso: string, limit: number): Promise<Notice[]> {
  const rows = await db
    .selectFrom('status_notices')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('resolved_at', '>', sinceIso),
        eb.and([eb('ends_at', '>', sinceIso), eb('ends_at', '<=', nowIso)]),
      ]),
    )
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return withUpdates(db, rows);
}

/** Every notice for the admin console, newest start first. */
export async function listNotices(db: Db, limit: number, offset: number): Promise<{ notices: Notice[]; count: number }> {
  const [rows, total] = await Promise.all([
    db.selectFrom('status_notices').selectAll().orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    db.selectFrom('status_notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { notices: await withUpdates(db, rows), count: Number(total.n) };
}

/** How many deflections each notice has had. */
export async function deflectionCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('status_notice_deflections')
    .select(['notice_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('notice_id', 'in', ids)
    .groupBy('notice_id')
    .execute();
  return new Map(rows.map((r) => [r.notice_id, Number(r.n)]));
}
