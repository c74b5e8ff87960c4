import { LOCALES } from '../../shared/locales.js';
import { FIELD_TYPES, type FieldCondition, type FieldDefinition, type FieldType, type RequestTypeDefinition } from '../../shared/request-forms.js';

/**
 * Pure helpers for the request-type editor: the same rules the server's schema enforces
 * (src/server/modules/requests/request-types.ts), checked while the admin edits so problems show next
 * to the field instead of as one 400 on save.
 */

export type EditorIssueCode =
  | 'key_format'
  | 'key_duplicate'
  | 'key_reserved'
  | 'label_missing'
  | 'name_missing'
  | 'description_missing'
  | 'options_missing'
  | 'option_value_missing'
  | 'option_value_duplicate'
  | 'option_label_missing'
  | 'condition_field_unknown'
  | 'condition_self'
  | 'condition_values_missing'
  | 'network_too_many'
  | 'address_needs_network'
  | 'group_missing';

export interface EditorIssue {
  /** Where the problem is: '' (the type), 'fields.3', 'fields.3.options.1'… */
  path: string;
  code: EditorIssueCode;
  params?: Record<string, string | number>;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const GROUP_KEY = /^[a-z][a-z0-9_-]{0,39}$/;
const RESERVED = ['subject', 'description'];

export function checkRequestType(def: RequestTypeDefinition): EditorIssue[] {
  const issues: EditorIssue[] = [];
  if (!KEY.test(def.key)) issues.push({ path: 'key', code: 'key_format' });
  if (!GROUP_KEY.test(def.group)) issues.push({ path: 'group', code: 'group_missing' });
  for (const locale of LOCALES) {
    if (!def.name[locale]?.trim()) issues.push({ path: `name.${locale}`, code: 'name_missing', params: { locale } });
    if (!def.description[locale]?.trim()) issues.push({ path: `description.${locale}`, code: 'description_missing', params: { locale } });
  }
  const keys = def.fields.map((f) => f.key);
  def.fields.forEach((field, i) => {
    const at = `fields.${i}`;
    if (!KEY.test(field.key)) issues.push({ path: `${at}.key`, code: 'key_format' });
    else if (RESERVED.includes(field.key)) issues.push({ path: `${at}.key`, code: 'key_reserved', params: { key: field.key } });
    else if (keys.indexOf(field.key) !== i) issues.push({ path: `${at}.key`, code: 'key_duplicate', params: { key: field.key } });
    for (const locale of LOCALES) if (!field.label[locale]?.trim()) issues.push({ path: `${at}.label.${locale}`, code: 'label_missing', params: { locale } });
    if (field.type === 'select') {
      if (!field.options?.length) issues.push({ path: `${at}.options`, code: 'options_missing' });
      const values = (field.options ?? []).map((o) => o.value);
      (field.options ?? []).forEach((option, j) => {
        if (!option.value.trim()) issues.push({ path: `${at}.options.${j}.value`, code: 'option_value_missing' });
        else if (values.indexOf(option.value) !== j) issues.push({ path: `${at}.options.${j}.value`, code: 'option_value_duplicate', params: { value: option.value } });
        for (const locale of LOCALES) if (!option.label[locale]?.trim()) issues.push({ path: `${at}.options.${j}.label.${locale}`, code: 'option_label_missing', params: { locale } });
      });
    }
    const conditions: Array<[string, FieldCondition]> = [
      ...(Array.isArray(field.required) ? field.required.map((c, j) => [`${at}.required.${j}`, c] as [string, FieldCondition]) : []),
      ...(field.visibleWhen ?? []).map((c, j) => [`${at}.visibleWhen.${j}`, c] as [string, FieldCondition]),
    ];
    for (const [path, c] of conditions) {
      if (c.field === field.key) issues.push({ path, code: 'condition_self' });
      else if (!keys.includes(c.field)) issues.push({ path, code: 'condition_field_unknown', params: { field: c.field || '—' } });
      if (c.filled === undefined && (!c.equals || c.equals.length === 0)) issues.push({ path, code: 'condition_values_missing' });
    }
  });
  const networks = def.fields.filter((f) => f.type === 'network').length;
  if (networks > 1) issues.push({ path: 'fields', code: 'network_too_many' });
  if (networks === 0 && def.fields.some((f) => f.type === 'address')) issues.push({ path: 'fields', code: 'address_needs_network' });
  return issues;
}

/** A new field with a key not yet used in the form. */
export function newField(existing: readonly FieldDefinition[], type: FieldType = 'text'): FieldDefinition {
  let n = existing.length + 1;
  while (existing.some((f) => f.key === `field_${n}`)) n++;
  return { key: `field_${n}`, type, label: { 'en-us': '', 'zh-cn': '' }, required: false };
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

/**
 * Cleans an edited definition before sending: drops empty help texts, option lists on non-select
 * fields and empty condition lists (which the server rejects), and normalizes "required when" with
 * no conditions to `false`.
 */
export function normalizeDefinition(def: RequestTypeDefinition): RequestTypeDefinition {
  return {
    ...def,
    ...(def.helpCategory?.trim() ? { helpCategory: def.helpCategory.trim() } : { helpCategory: undefined }),
    fields: def.fields.map((f) => {
      const out: FieldDefinition = { key: f.key.trim(), type: f.type, label: { 'en-us': f.label['en-us'].trim(), 'zh-cn': f.label['zh-cn'].trim() }, required: f.required };
      if (f.help && (f.help['en-us'].trim() || f.help['zh-cn'].trim())) out.help = { 'en-us': f.help['en-us'].trim(), 'zh-cn': f.help['zh-cn'].trim() };
      if (Array.isArray(f.required) && f.required.length === 0) out.required = false;
      if (f.visibleWhen?.length) out.visibleWhen = f.visibleWhen;
      if (f.type === 'select' && f.options) out.options = f.options.map((o) => ({ value: o.value.trim(), label: { 'en-us': o.label['en-us'].trim(), 'zh-cn': o.label['zh-cn'].trim() } }));
      if (f.maxLength) out.maxLength = f.maxLength;
      return out;
    }),
  };
}

export const isFieldType = (value: string): value is FieldType => (FIELD_TYPES as readonly string[]).includes(value);

/** Issues whose path is `path` or lies under it. */
export const issuesAt = (issues: readonly EditorIssue[], path: string) => issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
