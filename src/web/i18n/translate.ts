import { normalizeLocale, type Locale } from '../../shared/locales.js';
import { enUS, type ConsoleMessages } from './en-us.js';
import { zhCN } from './zh-cn.js';

export const CATALOGUES: Record<Locale, ConsoleMessages> = { 'en-us': enUS, 'zh-cn': zhCN };

/** Dotted paths to every string in the catalogue: 'ticket.take', 'status.open', … */
export type MessageKey = Paths<typeof enUS>;
/** Dotted paths to every string of a nested catalogue type. */
export type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Replaces `{{name}}` with params.name; unknown placeholders are left visible so they get noticed. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The string at a dotted key of a nested catalogue, if there is one. */
export function lookup(catalogue: unknown, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The string for `key` in `locale` (English if missing there; the key itself as a last resort). */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = lookup(CATALOGUES[locale], key) ?? lookup(enUS, key) ?? key;
  return interpolate(template, params);
}

export const translator = (locale: Locale): Translate => (key, params) => translate(locale, key, params);

/** Looks up a key built at run time (a status or code from the server); null when there is none. */
export function translateDynamic(locale: Locale, key: string, params?: Params): string | null {
  const template = lookup(CATALOGUES[locale], key) ?? lookup(enUS, key);
  return template === undefined ? null : interpolate(template, params);
}

/**
 * The language to start in: one the user chose before, then the browser's preferences, then English.
 * The signed-in staff member's own locale replaces it after sign-in unless they switched by hand.
 */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  const chosen = normalizeLocale(stored);
  if (chosen) return chosen;
  for (const language of browserLanguages) {
    const locale = normalizeLocale(language);
    if (locale) return locale;
  }
  return 'en-us';
}

/** Every dotted key in a catalogue (for completeness checks). */
export function catalogueKeys(catalogue: unknown, prefix = ''): string[] {
  if (typeof catalogue !== 'object' || catalogue === null) return [];
  return Object.entries(catalogue as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : catalogueKeys(v, `${prefix}${k}.`),
  );
}

/** The `{{placeholders}}` a string uses, sorted (zh and en must use the same ones). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

/** "a, b and c" / "a、b 和 c". */
export function joinList(items: readonly string[], locale: Locale): string {
  if (items.length <= 1) return items.join('');
  if (locale === 'zh-cn') return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
