import type { Locale } from './locales.js';

/** Field kinds a request form can hold; each has its own server-side check. */
export const FIELD_TYPES = [
  'text', 'textarea', 'select', 'account_id', 'order_id', 'asset', 'network', 'address', 'memo',
  'tx_hash', 'amount', 'datetime', 'http_status', 'api_error', 'url', 'email',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type Localized = Record<Locale, string>;

/** A rule on another field's value: equals one of the values, or is filled in. */
export interface FieldCondition {
  field: string;
  equals?: string[];
  filled?: boolean;
}

export interface FieldDefinition {
  key: string;
  type: FieldType;
  label: Localized;
  help?: Localized;
  /** true, false, or required only when every condition holds. */
  required: boolean | FieldCondition[];
  /** Shown only when every condition holds (hidden fields are ignored and cleared). */
  visibleWhen?: FieldCondition[];
  options?: Array<{ value: string; label: Localized }>;
  maxLength?: number;
}

export interface RequestTypeDefinition {
  key: string;
  position: number;
  group: string;
  defaultPriority: 'low' | 'normal' | 'high' | 'urgent';
  /** Help-center category key whose articles are suggested first. */
  helpCategory?: string;
  name: Localized;
  description: Localized;
  fields: FieldDefinition[];
}

export type FieldValues = Record<string, string>;

export function conditionHolds(condition: FieldCondition, values: FieldValues): boolean {
  const value = (values[condition.field] ?? '').trim();
  if (condition.filled !== undefined) return condition.filled ? value !== '' : value === '';
  if (condition.equals) return condition.equals.includes(value);
  return true;
}

export function isVisible(field: FieldDefinition, values: FieldValues): boolean {
  return (field.visibleWhen ?? []).every((c) => conditionHolds(c, values));
}

export function isRequired(field: FieldDefinition, values: FieldValues): boolean {
  if (!isVisible(field, values)) return false;
  if (typeof field.required === 'boolean') return field.required;
  return field.required.every((c) => conditionHolds(c, values));
}
