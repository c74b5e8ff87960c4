import type { FastifyInstance } from 'fastify';
import { TEST_ADMIN_TOKEN } from '../helpers/db.js';

/** The ADMIN_TOKEN of the test config as a Bearer header (an admin without a user). */
export const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** An ISO time `hours` from now (negative: in the past). */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

export interface NoticeFields {
  kind: 'incident' | 'maintenance';
  impact: 'online' | 'degraded' | 'post_only' | 'cancel_only' | 'maintenance';
  title: { 'en-us': string; 'zh-cn': string };
  body: { 'en-us': string; 'zh-cn': string };
  request_types?: string[];
  assets?: string[];
  networks?: string[];
  starts_at?: string;
  ends_at?: string | null;
}

let counter = 0;

/** A valid incident; override any field. */
export function noticeInput(overrides: Partial<NoticeFields> = {}): NoticeFields {
  counter++;
  return {
    kind: 'incident',
    impact: 'degraded',
    title: { 'en-us': `Delayed deposits ${counter}`, 'zh-cn': `充值延迟 ${counter}` },
    body: { 'en-us': 'Deposits are **delayed**. Funds are safe.', 'zh-cn': '充值**延迟**到账，资金安全。' },
    ...overrides,
  };
}

/** Creates a notice through the admin API (ADMIN_TOKEN unless other headers are given); throws unless 201. */
export async function createNotice(app: FastifyInstance, fields: NoticeFields, headers: Record<string, string> = ADMIN) {
  const res = await app.inject({ method: 'POST', url: '/api/v2/status_notices', headers, payload: { status_notice: fields } });
  if (res.statusCode !== 201) throw new Error(`create notice failed: ${res.statusCode} ${res.body}`);
  return res.json().status_notice as { id: string; state: string; title: Record<string, string>; updates: unknown[] };
}

/** Removes every notice and reloads the app's board (tests share one app per dialect). */
export async function clearNotices(app: FastifyInstance): Promise<void> {
  await app.services.database.db.deleteFrom('status_notices').execute();
  await app.statusBoard.refresh();
}
