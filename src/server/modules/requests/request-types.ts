import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import { FIELD_TYPES, type RequestTypeDefinition } from '../../../shared/request-forms.js';
import { listRequestTypeRows, type RequestTypeRow } from './requests.queries.js';

const localized = z.object({ 'en-us': z.string().trim().min(1).max(300), 'zh-cn': z.string().trim().min(1).max(300) });
const condition = z.object({ field: z.string().min(1), equals: z.array(z.string()).min(1).optional(), filled: z.boolean().optional() });

export const fieldDefinitionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  type: z.enum(FIELD_TYPES),
  label: localized,
  help: localized.optional(),
  required: z.union([z.boolean(), z.array(condition).min(1)]),
  visibleWhen: z.array(condition).min(1).optional(),
  options: z.array(z.object({ value: z.string().min(1).max(60), label: localized })).min(1).max(50).optional(),
  maxLength: z.number().int().min(1).max(20_000).optional(),
});

export const requestTypeSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    position: z.number().int().min(0).max(1000),
    group: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/),
    defaultPriority: z.enum(['low', 'normal', 'high', 'urgent']),
    helpCategory: z.string().max(60).optional(),
    name: localized,
    description: localized,
    fields: z.array(fieldDefinitionSchema).max(40),
  })
  .superRefine((type, ctx) => {
    const keys = new Set<string>();
    for (const [i, f] of type.fields.entries()) {
      if (keys.has(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `duplicate field key "${f.key}"` });
      keys.add(f.key);
      if (f.type === 'select' && !f.options) ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'a select field needs options' });
      if (['subject', 'description'].includes(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `"${f.key}" is a built-in field` });
    }
    for (const [i, f] of type.fields.entries()) {
      const refs = [...(Array.isArray(f.required) ? f.required : []), ...(f.visibleWhen ?? [])];
      for (const r of refs) if (!keys.has(r.field)) ctx.addIssue({ code: 'custom', path: ['fields', i], message: `condition refers to unknown field "${r.field}"` });
    }
    const networkFields = type.fields.filter((f) => f.type === 'network').length;
    if (networkFields > 1) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'at most one network field' });
    if (type.fields.some((f) => f.type === 'address') && networkFields === 0) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'an address field needs a network field' });
  });

const bundleSchema = z.object({
  groups: z.array(z.object({ key: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/), name: localized })),
  requestTypes: z.array(requestTypeSchema),
});

export function rowToDefinition(row: RequestTypeRow): RequestTypeDefinition {
  const names = JSON.parse(row.names) as { name: RequestTypeDefinition['name']; description: RequestTypeDefinition['description']; helpCategory?: string };
  return {
    key: row.key,
    position: row.position,
    group: row.group_key ?? '',
    defaultPriority: row.default_priority as RequestTypeDefinition['defaultPriority'],
    ...(names.helpCategory ? { helpCategory: names.helpCategory } : {}),
    name: names.name,
    description: names.description,
    fields: JSON.parse(row.fields) as RequestTypeDefinition['fields'],
  };
}

export async function upsertGroup(trx: Kysely<Database>, key: string, name: Record<string, string>) {
  const now = nowIso();
  const existing = await trx.selectFrom('groups').select('id').where('key', '=', key).executeTakeFirst();
  if (existing) {
    await trx.updateTable('groups').set({ names: JSON.stringify(name), updated_at: now }).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const id = newId('grp');
  await trx.insertInto('groups').values({ id, key, names: JSON.stringify(name), created_at: now, updated_at: now }).execute();
  return id;
}

/** Creates or replaces a request type (admin API and bundled defaults). The group must exist. */
export async function saveRequestType(trx: Kysely<Database>, def: z.infer<typeof requestTypeSchema>, active = true) {
  const group = await trx.selectFrom('groups').select('id').where('key', '=', def.group).executeTakeFirst();
  if (!group) throw new AppError('validation_failed', { detail: `unknown group "${def.group}"` });
  const now = nowIso();
  const names = JSON.stringify({ name: def.name, description: def.description, ...(def.helpCategory ? { helpCategory: def.helpCategory } : {}) });
  const values = { position: def.position, active: active ? 1 : 0, group_id: group.id, default_priority: def.defaultPriority, names, fields: JSON.stringify(def.fields), updated_at: now };
  const existing = await trx.selectFrom('request_types').select('id').where('key', '=', def.key).executeTakeFirst();
  if (existing) await trx.updateTable('request_types').set(values).where('id', '=', existing.id).execute();
  else await trx.insertInto('request_types').values({ id: newId('rqt'), key: def.key, created_at: now, ...values }).execute();
}

/** Imports groups and request types from `<contentDir>/request-types.json` (idempotent). */
export async function importRequestTypes(db: Kysely<Database>, contentDir: string) {
  const file = join(contentDir, 'request-types.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError('content_invalid', { file, detail: error instanceof Error ? error.message : String(error) });
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('content_invalid', { file, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  await db.transaction().execute(async (trx) => {
    for (const g of parsed.data.groups) await upsertGroup(trx, g.key, g.name);
    for (const t of parsed.data.requestTypes) await saveRequestType(trx, t);
  });
  return { groups: parsed.data.groups.length, requestTypes: parsed.data.requestTypes.length };
}

/** Request types cached in memory; reloaded after admin changes and periodically. */
export class RequestTypeCatalog {
  private byKey = new Map<string, { id: string; groupId: string | null; def: RequestTypeDefinition; active: boolean }>();
  constructor(private readonly db: Kysely<Database>) {}

  async reload(): Promise<void> {
    const rows = await listRequestTypeRows(this.db, true);
    this.byKey = new Map(rows.map((r) => [r.key, { id: r.id, groupId: r.group_id, def: rowToDefinition(r), active: r.active === 1 }]));
  }

  list(includeInactive = false): RequestTypeDefinition[] {
    return [...this.byKey.values()].filter((e) => includeInactive || e.active).map((e) => e.def).sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
  }

  get(key: string) {
    const entry = this.byKey.get(key);
    return entry?.active ? entry : undefined;
  }

  byId(id: string) {
    for (const e of this.byKey.values()) if (e.id === id) return e;
    return undefined;
  }
}
