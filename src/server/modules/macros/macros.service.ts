import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { BrandConfig } from '../../config.js';
import type { Database, MacroTable } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import type { Locale } from '../../../shared/locales.js';
import { invalidFields } from '../accounts/accounts.validation.js';
import type { AuditActor, AuditLog } from '../audit/audit.service.js';
import { macroAvailableIn, renderMacro, type MacroActions } from './macros.policy.js';

type Db = Kysely<Database>;
export type MacroRow = Selectable<MacroTable>;

const localized = z.object({ 'en-us': z.string().trim().min(1).max(10_000), 'zh-cn': z.string().trim().min(1).max(10_000) });
export const macroActionsSchema = z.object({ status: z.enum(['open', 'pending', 'hold', 'solved']).optional(), priority: z.enum(['low', 'normal', 'high', 'urgent']).optional() });
export const macroInputSchema = z.object({
  title: z.object({ 'en-us': z.string().trim().min(1).max(200), 'zh-cn': z.string().trim().min(1).max(200) }),
  body: localized,
  group_id: z.string().max(100).nullable().optional(),
  actions: macroActionsSchema.default({}),
});
export type MacroInput = z.infer<typeof macroInputSchema>;

const bundleSchema = z.object({
  macros: z.array(
    z.object({
      key: z.string().regex(/^[a-z][a-z0-9_-]{0,59}$/),
      title: macroInputSchema.shape.title,
      body: localized,
      /** A group key, or absent/null for every group. */
      group: z.string().nullable().optional(),
      actions: macroActionsSchema.default({}),
    }),
  ),
});

const IMPORTED_SETTING = 'macros_imported';

/**
 * Imports the bundled macros (`<contentDir>/macros.json`) once per installation. Later starts do not
 * bring back macros an admin deleted; each default is keyed, so concurrent first starts insert it once.
 */
export async function importDefaultMacros(db: Db, contentDir: string): Promise<{ imported: number } | null> {
  const done = await db.selectFrom('instance_settings').select('value').where('key', '=', IMPORTED_SETTING).executeTakeFirst();
  if (done) return null;
  let raw: string;
  try {
    raw = await readFile(join(contentDir, 'macros.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const file = join(contentDir, 'macros.json');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new AppError('content_invalid', { file, detail: error instanceof Error ? error.message : String(error) });
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) throw new AppError('content_invalid', { file, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  let imported = 0;
  await db.transaction().execute(async (trx) => {
    const groups = await trx.selectFrom('groups').select(['id', 'key']).execute();
    const now = nowIso();
    for (const [position, m] of parsed.data.macros.entries()) {
      const groupId = m.group ? (groups.find((g) => g.key === m.group)?.id ?? null) : null;
      if (m.group && !groupId) continue; // the group is not part of this installation
      const result = await trx
        .insertInto('macros')
        .values({ id: newId('mac'), source_key: m.key, title: JSON.stringify(m.title), body: JSON.stringify(m.body), group_id: groupId, actions: JSON.stringify(m.actions), position, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('source_key').doNothing())
        .executeTakeFirst();
      imported += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    await trx.insertInto('instance_settings').values({ key: IMPORTED_SETTING, value: now, created_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
  });
  return { imported };
}

/** Bilingual reply templates with placeholders and actions, global or per group. */
export class MacrosService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly brand: BrandConfig,
  ) {}

  async list(groupId?: string): Promise<MacroRow[]> {
    const rows = await this.db.selectFrom('macros').selectAll().orderBy('position').orderBy('created_at').orderBy('id').execute();
    return rows.filter((m) => macroAvailableIn(m, groupId));
  }

  async get(id: string): Promise<MacroRow> {
    const row = await this.db.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('macro');
    return row;
  }

  private async checkGroup(groupId: string | null | undefined): Promise<void> {
    if (!groupId) return;
    const group = await this.db.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst();
    if (!group) throw invalidFields([{ path: 'macro.group_id', message: `unknown group ${groupId}` }]);
  }

  async create(input: MacroInput, actor: AuditActor): Promise<MacroRow> {
    await this.checkGroup(input.group_id);
    const id = newId('mac');
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const last = await trx.selectFrom('macros').select('position').orderBy('position', 'desc').limit(1).executeTakeFirst();
      await trx
        .insertInto('macros')
        .values({ id, source_key: null, title: JSON.stringify(input.title), body: JSON.stringify(input.body), group_id: input.group_id ?? null, actions: JSON.stringify(input.actions), position: (last?.position ?? -1) + 1, created_at: now, updated_at: now })
        .execute();
      await this.audit.append({ actor, action: 'macro.create', subject: `macro:${id}`, details: { title: input.title['en-us'], group_id: input.group_id ?? null } }, trx);
    });
    return this.get(id);
  }

  async update(id: string, input: MacroInput, actor: AuditActor): Promise<MacroRow> {
    await this.get(id);
    await this.checkGroup(input.group_id);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('macros')
        .set({ title: JSON.stringify(input.title), body: JSON.stringify(input.body), group_id: input.group_id ?? null, actions: JSON.stringify(input.actions), updated_at: nowIso() })
        .where('id', '=', id)
        .execute();
      await this.audit.append({ actor, action: 'macro.update', subject: `macro:${id}`, details: { title: input.title['en-us'], group_id: input.group_id ?? null } }, trx);
    });
    return this.get(id);
  }

  async delete(id: string, actor: AuditActor): Promise<void> {
    const row = await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('macros').where('id', '=', id).execute();
      await this.audit.append({ actor, action: 'macro.delete', subject: `macro:${id}`, details: { title: (JSON.parse(row.title) as Record<string, string>)['en-us'] ?? '' } }, trx);
    });
  }

  /** The macro's body rendered for one ticket, in the ticket's language, and its actions. */
  async apply(id: string, ticketNumber: number, agentId: string | null): Promise<{ body: string; title: string; locale: Locale; actions: MacroActions }> {
    const macro = await this.get(id);
    const ticket = await this.db
      .selectFrom('tickets as t')
      .innerJoin('users as r', 'r.id', 't.requester_id')
      .select(['t.number', 't.subject', 't.locale', 'r.name as requester_name', 'r.email as requester_email'])
      .where('t.number', '=', ticketNumber)
      .executeTakeFirst();
    if (!ticket) throw notFound('ticket');
    const agent = agentId ? await this.db.selectFrom('users').select('name').where('id', '=', agentId).executeTakeFirst() : undefined;
    const locale: Locale = ticket.locale === 'zh-cn' ? 'zh-cn' : 'en-us';
    const body = JSON.parse(macro.body) as Record<Locale, string>;
    const title = JSON.parse(macro.title) as Record<Locale, string>;
    const rendered = renderMacro(body[locale] ?? body['en-us'], {
      requester: { name: ticket.requester_name, email: ticket.requester_email },
      ticket: { id: ticket.number, subject: ticket.subject },
      agent: { name: agent?.name ?? this.brand.name },
      brand: { name: this.brand.name, supportEmail: this.brand.supportEmail },
    });
    return { body: rendered, title: title[locale] ?? title['en-us'], locale, actions: JSON.parse(macro.actions) as MacroActions };
  }
}

export function presentMacro(row: MacroRow) {
  return {
    id: row.id,
    title: JSON.parse(row.title) as Record<Locale, string>,
    body: JSON.parse(row.body) as Record<Locale, string>,
    group_id: row.group_id,
    actions: JSON.parse(row.actions) as MacroActions,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
