import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { BrandConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import type { Locale } from '../../../shared/locales.js';
import type { AuditActor, AuditLog } from '../audit/audit.service.js';
import { listNetworks } from '../chain-validation/index.js';
import type { RequestTypeCatalog } from '../requests/request-types.js';
import type { StatusBoard } from './status.board.js';
import { sm } from './status.banner.js';
import { NOTICE_IMPACTS, NOTICE_KINDS, noticeState } from './status.policy.js';
import { deflectionCounts, findNotice, listNotices, type Notice } from './status.queries.js';

type Db = Kysely<Database>;

/** Control characters other than tab and newlines never belong in a notice (and are not valid XML). */
const clean = (value: string) => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '');
const text = (max: number) => z.string().transform(clean).pipe(z.string().trim().min(1).max(max));
const localized = (max: number) => z.object({ 'en-us': text(max), 'zh-cn': text(max) });
const isoTime = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const list = z.array(z.string().trim().min(1).max(60)).max(100).default([]);

export const noticeInputSchema = z.object({
  kind: z.enum(NOTICE_KINDS),
  impact: z.enum(NOTICE_IMPACTS),
  title: localized(200),
  body: localized(20_000),
  request_types: list,
  assets: list,
  networks: list,
  /** Default: now. */
  starts_at: isoTime.optional(),
  /** Required for maintenance; not allowed for incidents (open until resolved). */
  ends_at: isoTime.nullable().optional(),
});
export type NoticeInput = z.infer<typeof noticeInputSchema>;

export const noticeUpdateSchema = z.object({ body: localized(10_000) });
export const resolveSchema = z.object({ update: z.object({ body: localized(10_000) }).optional() });

/** What the audit log keeps of a created or changed notice. */
const auditDetails = (input: NoticeInput, columns: { starts_at: string; ends_at: string | null }) => ({
  kind: input.kind,
  impact: input.impact,
  title: input.title['en-us'],
  starts_at: columns.starts_at,
  ends_at: columns.ends_at,
});

export interface NoticeWithStats extends Notice {
  deflections: number;
}

/**
 * Publishing status notices: validation of scope and times, writes with their audit entry in one
 * transaction, and a refresh of the in-memory board after each change.
 */
export class StatusNoticesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly board: StatusBoard,
    private readonly catalog: RequestTypeCatalog,
    private readonly brand: BrandConfig,
  ) {}

  /** The change is committed; a failed reload is retried by the board's periodic refresh (which logs it). */
  private async refreshBoard(): Promise<void> {
    await this.board.refresh().catch(() => undefined);
  }

  async get(id: string): Promise<Notice> {
    const notice = await findNotice(this.db, id);
    if (!notice) throw notFound('status_notice');
    return notice;
  }

  async list(page: number, perPage: number): Promise<{ notices: NoticeWithStats[]; count: number }> {
    const { notices, count } = await listNotices(this.db, perPage, (page - 1) * perPage);
    const counts = await deflectionCounts(this.db, notices.map((n) => n.id));
    return { notices: notices.map((n) => ({ ...n, deflections: counts.get(n.id) ?? 0 })), count };
  }

  /** Scope lists normalized and checked against the request types, assets and networks of this installation. */
  private checkScope(input: NoticeInput, locale: Locale) {
    const issues: Array<{ path: string; message: string }> = [];
    const types = new Set(this.catalog.list(true).map((t) => t.key));
    for (const [i, key] of input.request_types.entries()) if (!types.has(key)) issues.push({ path: `status_notice.request_types.${i}`, message: sm(locale, 'errors.unknownType', { value: key }) });
    if (this.brand.assets.length) {
      for (const [i, raw] of input.assets.entries()) {
        const asset = raw.toUpperCase();
        if (!this.brand.assets.includes(asset)) issues.push({ path: `status_notice.assets.${i}`, message: sm(locale, 'errors.unknownAsset', { value: asset, supported: this.brand.assets.join(', ') }) });
      }
    }
    const enabled = new Set(this.brand.networks);
    const known = new Set(listNetworks(locale).map((n) => n.id as string).filter((id) => enabled.size === 0 || enabled.has(id)));
    for (const [i, raw] of input.networks.entries()) if (!known.has(raw.toLowerCase())) issues.push({ path: `status_notice.networks.${i}`, message: sm(locale, 'errors.unknownNetwork', { value: raw }) });
    const request_types = [...new Set(input.request_types)];
    const assets = [...new Set(input.assets.map((a) => a.toUpperCase()))];
    const networks = [...new Set(input.networks.map((n) => n.toLowerCase()))];
    return { scope: { request_types, assets, networks }, issues };
  }

  /** Incidents are open-ended; maintenance needs a window whose end is after its start (and, when new, in the future). */
  private checkTimes(input: NoticeInput, locale: Locale, existing: Notice | null) {
    const issues: Array<{ path: string; message: string }> = [];
    const starts = input.starts_at ?? existing?.starts_at ?? nowIso();
    const ends = input.ends_at ?? null;
    if (input.kind === 'incident' && ends) issues.push({ path: 'status_notice.ends_at', message: sm(locale, 'errors.endsNotAllowed') });
    if (input.kind === 'maintenance') {
      if (!ends) issues.push({ path: 'status_notice.ends_at', message: sm(locale, 'errors.endsRequired') });
      else if (ends <= starts) issues.push({ path: 'status_notice.ends_at', message: sm(locale, 'errors.endsBeforeStart') });
      else if (!existing && Date.parse(ends) <= Date.now()) issues.push({ path: 'status_notice.ends_at', message: sm(locale, 'errors.endsPast') });
    }
    return { starts_at: starts, ends_at: input.kind === 'incident' ? null : ends, issues };
  }

  /** The checked input as the notice's columns (JSON text for lists and texts). */
  private validate(input: NoticeInput, locale: Locale, existing: Notice | null) {
    const scope = this.checkScope(input, locale);
    const times = this.checkTimes(input, locale, existing);
    const issues = [...times.issues, ...scope.issues];
    if (issues.length) throw new AppError('validation_failed', { detail: issues.map((i) => i.message).join('; ') }, issues);
    return {
      kind: input.kind,
      impact: input.impact,
      title: JSON.stringify(input.title),
      body: JSON.stringify(input.body),
      request_types: JSON.stringify(scope.scope.request_types),
      assets: JSON.stringify(scope.scope.assets),
      networks: JSON.stringify(scope.scope.networks),
      starts_at: times.starts_at,
      ends_at: times.ends_at,
    };
  }

  async create(input: NoticeInput, actor: AuditActor, locale: Locale): Promise<Notice> {
    const columns = this.validate(input, locale, null);
    const id = newId('stn');
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      await trx
        .insertInto('status_notices')
        .values({ id, ...columns, resolved_at: null, created_by: actor.id, created_at: now, updated_at: now })
        .execute();
      await this.audit.append({ actor, action: 'status_notice.create', subject: `status_notice:${id}`, details: auditDetails(input, columns) }, trx);
    });
    await this.refreshBoard();
    return this.get(id);
  }

  async update(id: string, input: NoticeInput, actor: AuditActor, locale: Locale): Promise<Notice> {
    const existing = await this.get(id);
    const columns = this.validate(input, locale, existing);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('status_notices').set({ ...columns, updated_at: nowIso() }).where('id', '=', id).execute();
      await this.audit.append({ actor, action: 'status_notice.update', subject: `status_notice:${id}`, details: auditDetails(input, columns) }, trx);
    });
    await this.refreshBoard();
    return this.get(id);
  }

  /** Appends an update to the timeline (also allowed after resolution, e.g. a follow-up). */
  async postUpdate(id: string, body: Record<Locale, string>, actor: AuditActor): Promise<Notice> {
    await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const updateId = newId('stu');
      await trx.insertInto('status_notice_updates').values({ id: updateId, notice_id: id, kind: 'update', body: JSON.stringify(body), created_by: actor.id, created_at: now }).execute();
      await trx.updateTable('status_notices').set({ updated_at: now }).where('id', '=', id).execute();
      await this.audit.append({ actor, action: 'status_notice.post_update', subject: `status_notice:${id}`, details: { update_id: updateId, text: body['en-us'].slice(0, 200) } }, trx);
    });
    await this.refreshBoard();
    return this.get(id);
  }

  /** Marks the notice resolved now, with an optional closing update. A notice resolved before is a conflict. */
  async resolve(id: string, body: Record<Locale, string> | undefined, actor: AuditActor, locale: Locale): Promise<Notice> {
    const notice = await this.get(id);
    if (notice.resolved_at) throw new AppError('conflict', { detail: sm(locale, 'errors.alreadyResolved') });
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      // Only one resolution wins when two admins click at once.
      const result = await trx.updateTable('status_notices').set({ resolved_at: now, updated_at: now }).where('id', '=', id).where('resolved_at', 'is', null).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', { detail: sm(locale, 'errors.alreadyResolved') });
      let updateId: string | null = null;
      if (body) {
        updateId = newId('stu');
        await trx.insertInto('status_notice_updates').values({ id: updateId, notice_id: id, kind: 'resolved', body: JSON.stringify(body), created_by: actor.id, created_at: now }).execute();
      }
      await this.audit.append(
        { actor, action: 'status_notice.resolve', subject: `status_notice:${id}`, details: { state_before: noticeState(notice, Date.now()), update_id: updateId } },
        trx,
      );
    });
    await this.refreshBoard();
    return this.get(id);
  }

  async delete(id: string, actor: AuditActor): Promise<void> {
    const notice = await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('status_notices').where('id', '=', id).execute();
      await this.audit.append({ actor, action: 'status_notice.delete', subject: `status_notice:${id}`, details: { kind: notice.kind, title: notice.title['en-us'] } }, trx);
    });
    await this.refreshBoard();
  }
}
