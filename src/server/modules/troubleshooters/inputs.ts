/**
 * Parsing of the values typed or picked in an input step, by input kind. Each value comes out
 * normalized (what checks and request fields receive) with a display form for summaries. Pure.
 */
import type { Locale } from '../../../shared/locales.js';
import type { ChainToolkit } from '../chain-validation/index.js';
import { inputMessages } from './check-messages.js';
import { networkLabel } from './checks.js';
import type { InputKind, InputSpec } from './model.js';
import { formatDate, isoDate, isZeroDecimal, parseCalendarDate, parseDecimal } from './values.js';

export interface InputContext {
  locale: Locale;
  now: Date;
  toolkit: ChainToolkit;
  /** Assets the brand offers (empty: any ticker). */
  assets: readonly string[];
}

export type ParsedInput = { ok: true; value: string; display: string } | { ok: false; message: string };

/** Default and largest accepted length per kind (before normalization). */
export const MAX_LENGTH: Record<InputKind, number> = {
  text: 500,
  name: 120,
  date: 30,
  datetime: 40,
  amount: 60,
  price: 60,
  network: 40,
  asset: 20,
  select: 60,
  address: 300,
  memo: 300,
  tx_hash: 200,
  account_id: 64,
  order_id: 64,
  http_status: 3,
  api_error: 1000,
  url: 500,
};

const FIVE_YEARS_MS = 5 * 365 * 24 * 3600 * 1000;

export const maxLengthOf = (spec: InputSpec) => Math.min(spec.maxLength ?? MAX_LENGTH[spec.kind], MAX_LENGTH[spec.kind] * 4);

/** Parses one value; an empty value is fine for optional inputs (`value: ''`). */
export function parseInput(spec: InputSpec, raw: string, ctx: InputContext): ParsedInput {
  const msg = inputMessages(ctx.locale);
  const label = spec.label[ctx.locale];
  const value = raw.replace(/\r\n?/g, '\n').trim();
  if (!value) return spec.optional ? { ok: true, value: '', display: '' } : { ok: false, message: msg.required(label) };
  if (value.length > maxLengthOf(spec)) return { ok: false, message: msg.tooLong(label, maxLengthOf(spec)) };
  const ok = (normalized: string, display = normalized): ParsedInput => ({ ok: true, value: normalized, display });

  switch (spec.kind) {
    case 'text':
    case 'api_error':
    case 'url':
      return ok(value);
    case 'name':
      return ok(value.replace(/\s+/g, ' '));
    case 'date': {
      const date = parseCalendarDate(value);
      return date ? ok(isoDate(date), formatDate(date, ctx.locale)) : { ok: false, message: msg.badDate(label) };
    }
    case 'datetime': {
      const normalized = value.replace(' ', 'T');
      const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(normalized) ? new Date(`${normalized}Z`) : new Date(Number.NaN);
      if (Number.isNaN(at.getTime())) return { ok: false, message: msg.badDateTime(label) };
      if (at.getTime() > ctx.now.getTime() + 24 * 3600 * 1000) return { ok: false, message: msg.futureDateTime(label) };
      if (ctx.now.getTime() - at.getTime() > FIVE_YEARS_MS) return { ok: false, message: msg.oldDateTime(label) };
      return ok(normalized, normalized.replace('T', ' '));
    }
    case 'amount':
    case 'price': {
      const decimal = parseDecimal(value);
      if (!decimal || isZeroDecimal(decimal)) return { ok: false, message: msg.badNumber(label) };
      return ok(decimal);
    }
    case 'network': {
      const id = ctx.toolkit.resolveNetwork(value);
      if (!id) return { ok: false, message: msg.badNetwork(label) };
      return ok(id, networkLabel(ctx, id));
    }
    case 'asset': {
      const asset = value.toUpperCase();
      if (!/^[A-Z0-9]{2,12}$/.test(asset) || (ctx.assets.length > 0 && !ctx.assets.includes(asset))) {
        return { ok: false, message: msg.badAsset(label, ctx.assets.join(', ')) };
      }
      return ok(asset);
    }
    case 'select': {
      const option = spec.options?.find((o) => o.value === value);
      return option ? ok(option.value, option.label[ctx.locale]) : { ok: false, message: msg.badOption(label) };
    }
    case 'address':
    case 'memo':
    case 'tx_hash':
      // The chain toolkit checks these (with the network) in the step's check.
      return ok(value);
    case 'account_id': {
      const normalized = value.replace(/\s+/g, ' ');
      if (!/^[A-Za-z0-9][A-Za-z0-9 -]{2,62}[A-Za-z0-9]$/.test(normalized)) return { ok: false, message: msg.badAccountId(label) };
      return ok(normalized.toUpperCase());
    }
    case 'order_id':
      if (!/^[A-Za-z0-9][A-Za-z0-9-]{4,62}[A-Za-z0-9]$/.test(value)) return { ok: false, message: msg.badOrderId(label) };
      return ok(value.toUpperCase());
    case 'http_status': {
      const n = Number(value);
      if (!/^\d{3}$/.test(value) || n < 100 || n > 599) return { ok: false, message: msg.badHttpStatus(label) };
      return ok(value);
    }
  }
}

