/**
 * Small value helpers shared by input parsing and checks: calendar dates (UTC, day precision) and
 * decimal amounts compared exactly as strings (no floating point). Pure.
 */
import type { Locale } from '../../../shared/locales.js';

const DAY_MS = 24 * 3600 * 1000;

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number;
}

/** `2025-03-31`, `2025/3/31`, `2025.03.31` or `2025年3月31日` → a real calendar date, else null. */
export function parseCalendarDate(raw: string): CalendarDate | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const isoDate = (d: CalendarDate) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Days since 1970-01-01 of a calendar date. */
export const dayNumber = (d: CalendarDate) => Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);

/** Today's calendar date in UTC. */
export function todayOf(now: Date): CalendarDate {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

/** The same day `months` calendar months later (negative: earlier), clamped to the month's last day. */
export function addMonths(d: CalendarDate, months: number): CalendarDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function formatDate(d: CalendarDate, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'zh-cn' ? 'zh-CN' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(d.year, d.month - 1, d.day)),
  );
}

/**
 * A positive decimal as typed: digits with an optional `.` fraction; thousands separators
 * (`1,234.5`) and surrounding spaces are accepted. Returns the canonical string (`0012.50` → `12.5`).
 */
export function parseDecimal(raw: string): string | null {
  let value = raw.trim().replace(/[\s\u00a0\u3000]/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replace(/,/g, '');
  if (!/^\d{1,20}(\.\d{1,18})?$/.test(value) && !/^\.\d{1,18}$/.test(value)) return null;
  const [intPart = '', fracPart = ''] = value.split('.');
  const int = intPart.replace(/^0+(?=\d)/, '') || '0';
  const frac = fracPart.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Compares two canonical decimals: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const aInt = ai.replace(/^0+/, '');
  const bInt = bi.replace(/^0+/, '');
  if (aInt.length !== bInt.length) return aInt.length < bInt.length ? -1 : 1;
  if (aInt !== bInt) return aInt < bInt ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const aFrac = af.padEnd(width, '0');
  const bFrac = bf.padEnd(width, '0');
  if (aFrac === bFrac) return 0;
  return aFrac < bFrac ? -1 : 1;
}

export const isZeroDecimal = (value: string) => /^0(\.0*)?$/.test(value);

/** |a − b| / b as a percentage with at most two decimals, for messages only. */
export function percentDifference(a: string, b: string): string {
  const x = Number(a);
  const y = Number(b);
  if (!Number.isFinite(x) || !Number.isFinite(y) || y === 0) return '0';
  const pct = (Math.abs(x - y) / y) * 100;
  return pct >= 10 ? pct.toFixed(1).replace(/\.0$/, '') : pct.toFixed(2).replace(/\.?0+$/, '') || '0';
}
