import i18next, { type TFunction } from 'i18next';
import { enUS } from '../shared/i18n/en-us.js';
import { zhCN } from '../shared/i18n/zh-cn.js';
import type { Locale } from '../shared/locales.js';

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lowerCaseLng: true,
  fallbackLng: 'en-us',
  supportedLngs: ['en-us', 'zh-cn'],
  resources: { 'en-us': { translation: enUS }, 'zh-cn': { translation: zhCN } },
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

const fixed = new Map<Locale, TFunction>();

/** Translation function bound to one locale. */
export function translator(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = instance.getFixedT(locale);
    fixed.set(locale, t);
  }
  return t;
}

/** A message split into literal text and `{{param}}` names (even indexes are text). */
type CompiledMessage = string[];

const compiled = new Map<string, CompiledMessage | null>();
/** Options that change i18next's lookup (plurals, context, fallbacks…): those calls take the slow path. */
const LOOKUP_OPTIONS = ['count', 'context', 'lng', 'lngs', 'ns', 'defaultValue', 'returnObjects', 'ordinal', 'replace', 'interpolation', 'keySeparator', 'nsSeparator'];

function compileMessage(locale: Locale, key: string): CompiledMessage | null {
  const raw = instance.getResource(locale, 'translation', key) ?? instance.getResource('en-us', 'translation', key);
  // Nesting ($t), unescaped or formatted interpolation are left to i18next.
  if (typeof raw !== 'string' || raw.includes('$t(') || /\{\{\s*-|\{\{[^}]*[,.]/.test(raw)) return null;
  return raw.split(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/);
}

/**
 * Translates `key`. Plain messages with simple `{{param}}` interpolation (nearly all of them) are
 * compiled once per locale and filled directly — the hot paths (form validation, mail) call this a
 * lot and i18next's general lookup is comparatively slow; everything else goes to i18next.
 */
export function t(locale: Locale, key: string, params?: Record<string, unknown>): string {
  const cacheKey = `${locale}\u0000${key}`;
  let message = compiled.get(cacheKey);
  if (message === undefined) {
    message = compileMessage(locale, key);
    compiled.set(cacheKey, message);
  }
  if (message && !(params && LOOKUP_OPTIONS.some((option) => option in params))) {
    if (message.length === 1) return message[0]!;
    let out = message[0]!;
    let complete = true;
    for (let i = 1; i < message.length; i += 2) {
      const value = params?.[message[i]!];
      if (value === undefined || value === null) {
        complete = false;
        break;
      }
      out += String(value) + message[i + 1]!;
    }
    if (complete) return out;
  }
  return translator(locale)(key, params ?? {}) as string;
}

/**
 * Adds a module's messages under `prefix` (e.g. `hc` → keys `hc.home.title`) for both locales.
 * Call once at module load; the en-us and zh-cn objects must have the same keys.
 */
export function registerMessages<T extends Record<string, unknown>>(prefix: string, messages: { 'en-us': T; 'zh-cn': T }): void {
  instance.addResourceBundle('en-us', 'translation', { [prefix]: messages['en-us'] }, true, true);
  instance.addResourceBundle('zh-cn', 'translation', { [prefix]: messages['zh-cn'] }, true, true);
  compiled.clear();
}

/** Every message key of a locale (for tests that compare the fast path with i18next). */
export function messageKeys(locale: Locale): string[] {
  const keys: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') keys.push(path);
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(instance.getResourceBundle(locale, 'translation'), '');
  return keys;
}

/** i18next's own answer, bypassing the compiled fast path (tests only). */
export function tSlow(locale: Locale, key: string, params?: Record<string, unknown>): string {
  return translator(locale)(key, params ?? {}) as string;
}
