import { z } from 'zod';
import type { BrandConfig } from '../../config.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { isRequired, isVisible, type FieldDefinition, type FieldValues, type RequestTypeDefinition } from '../../../shared/request-forms.js';
import { listNetworks, validateAddress, validateTxHash, type AddressValidationResult, type TxHashValidationResult } from '../chain-validation/index.js';
import { LruCache } from '../../../shared/lru.js';
import './requests.messages.js';

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export interface FieldCheckResult {
  /** Normalized values of visible fields only. */
  values: FieldValues;
  errors: FieldIssue[];
  warnings: FieldIssue[];
  /** Extra facts for agents: validation status and explorer links. */
  facts: Record<string, unknown>;
}

const DEFAULT_MAX: Partial<Record<FieldDefinition['type'], number>> = { textarea: 10_000, api_error: 1000 };
const emailSchema = z.email();
const FIVE_YEARS_MS = 5 * 365 * 24 * 3600 * 1000;

// The same address / hash is checked as the user types and again on submit: remember recent answers
// (the checks are pure; results are only read).
const addressChecks = new LruCache<string, AddressValidationResult>(2000);
const hashChecks = new LruCache<string, TxHashValidationResult>(2000);

/**
 * Checks a request form's fields the way the user expects while typing: required and conditional
 * rules, formats, and chain checks (address on the chosen network, memo/tag, transaction hash).
 * Pure apart from the clock; the same function serves live validation and final submission.
 */
export function checkRequestFields(type: RequestTypeDefinition, raw: FieldValues, locale: Locale, brand: BrandConfig, now = new Date()): FieldCheckResult {
  const values: FieldValues = {};
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const facts: Record<string, unknown> = {};
  const trimmed: FieldValues = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : String(v ?? '')]));
  const enabledNetworks = new Set(brand.networks);
  const networkIds = new Set(listNetworks(locale).map((n) => n.id as string).filter((id) => enabledNetworks.size === 0 || enabledNetworks.has(id)));

  const fail = (field: FieldDefinition, code: string, params: Record<string, unknown> = {}) =>
    errors.push({ field: field.key, code, message: t(locale, `requests.field.${code}`, { label: field.label[locale], ...params }) });

  for (const field of type.fields) {
    if (!isVisible(field, trimmed)) continue;
    const value = trimmed[field.key] ?? '';
    if (!value) {
      if (isRequired(field, trimmed)) fail(field, 'required');
      continue;
    }
    const max = field.maxLength ?? DEFAULT_MAX[field.type] ?? 500;
    if (value.length > max) {
      fail(field, 'too_long', { max });
      continue;
    }
    switch (field.type) {
      case 'select':
        if (!field.options?.some((o) => o.value === value)) fail(field, 'invalid_option');
        else values[field.key] = value;
        break;
      case 'account_id': {
        const normalized = value.replace(/\s+/g, ' ');
        if (!/^[A-Za-z0-9][A-Za-z0-9 -]{2,62}[A-Za-z0-9]$/.test(normalized)) fail(field, 'invalid_account_id');
        else values[field.key] = normalized.toUpperCase();
        break;
      }
      case 'order_id':
        if (!/^[A-Za-z0-9][A-Za-z0-9-]{4,62}[A-Za-z0-9]$/.test(value)) fail(field, 'invalid_order_id');
        else values[field.key] = value.toUpperCase();
        break;
      case 'asset': {
        const asset = value.toUpperCase();
        if (brand.assets.length && !brand.assets.includes(asset)) fail(field, 'unknown_asset', { value: asset, supported: brand.assets.join(', ') });
        else values[field.key] = asset;
        break;
      }
      case 'network': {
        const id = value.toLowerCase();
        if (!networkIds.has(id)) fail(field, 'unknown_network');
        else values[field.key] = id;
        break;
      }
      case 'address':
      case 'memo':
      case 'tx_hash':
        break; // checked together below, once the network is known
      case 'amount':
        if (!/^\d{1,20}(\.\d{1,18})?$/.test(value) || Number(value) <= 0) fail(field, 'invalid_amount');
        else values[field.key] = value.replace(/^0+(?=\d)/, '');
        break;
      case 'datetime': {
        const normalized = value.replace(' ', 'T');
        const at = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(normalized) ? new Date(normalized) : new Date(Number.NaN);
        if (Number.isNaN(at.getTime())) fail(field, 'invalid_datetime');
        else if (at.getTime() > now.getTime() + 24 * 3600 * 1000) fail(field, 'future_datetime');
        else if (now.getTime() - at.getTime() > FIVE_YEARS_MS) fail(field, 'too_old_datetime');
        else values[field.key] = normalized;
        break;
      }
      case 'http_status': {
        const n = Number(value);
        if (!/^\d{3}$/.test(value) || n < 100 || n > 599) fail(field, 'invalid_http_status');
        else values[field.key] = value;
        break;
      }
      case 'email':
        if (!emailSchema.safeParse(value).success) fail(field, 'invalid_email');
        else values[field.key] = value.toLowerCase();
        break;
      default:
        values[field.key] = value;
    }
  }

  // Chain fields: the address (and memo) on the chosen network, the transaction hash format.
  const addressField = type.fields.find((f) => f.type === 'address' && isVisible(f, trimmed));
  const memoField = type.fields.find((f) => f.type === 'memo' && isVisible(f, trimmed));
  const hashField = type.fields.find((f) => f.type === 'tx_hash' && isVisible(f, trimmed));
  const network = type.fields.find((f) => f.type === 'network') ? values[type.fields.find((f) => f.type === 'network')!.key] : undefined;
  const memo = memoField ? (trimmed[memoField.key] ?? '') : '';
  if (addressField && trimmed[addressField.key]) {
    const address = trimmed[addressField.key]!;
    if (!network) {
      errors.push({ field: addressField.key, code: 'network_first', message: t(locale, 'requests.field.network_first') });
    } else {
      const result = addressChecks.getOrCompute(`${locale}\u0000${network}\u0000${address}\u0000${memo}`, () => validateAddress({ address, network, ...(memo ? { memo } : {}) }, locale));
      facts.address = { valid: result.valid, network, normalized: result.normalized ?? null, memoRequired: result.memoRequired, explorerUrls: result.explorerUrls };
      for (const e of result.errors) {
        const target = e.field === 'memo' && memoField ? memoField.key : addressField.key;
        errors.push({ field: target, code: `chain_${e.code}`, message: e.message });
      }
      for (const w of result.warnings) warnings.push({ field: addressField.key, code: `chain_${w.code}`, message: w.message });
      if (!result.errors.some((e) => e.field !== 'memo')) values[addressField.key] = result.normalized ?? address;
      if (memoField && memo && !result.errors.some((e) => e.field === 'memo')) values[memoField.key] = result.memo ?? memo;
    }
  } else if (memoField && memo) {
    values[memoField.key] = memo;
  }
  if (hashField && trimmed[hashField.key]) {
    const hash = trimmed[hashField.key]!;
    const result = hashChecks.getOrCompute(`${locale}\u0000${network ?? ''}\u0000${hash}`, () => validateTxHash({ hash, ...(network ? { network } : {}) }, locale));
    facts.txHash = { valid: result.valid, network: network ?? null, explorerUrls: result.explorerUrls };
    for (const e of result.errors) errors.push({ field: hashField.key, code: `chain_${e.code}`, message: e.message });
    for (const w of result.warnings) warnings.push({ field: hashField.key, code: `chain_${w.code}`, message: w.message });
    if (!result.errors.length) values[hashField.key] = result.normalized ?? hash;
  }
  return { values, errors, warnings, facts };
}
