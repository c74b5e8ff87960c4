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

export function t(locale: Locale, key: string, params?: Record<string, unknown>): string {
  return translator(locale)(key, params ?? {}) as string;
}

/**
 * Adds a module's messages under `prefix` (e.g. `hc` → keys `hc.home.title`) for both locales.
 * Call once at module load; the en-us and zh-cn objects must have the same keys.
 */
export function registerMessages<T extends Record<string, unknown>>(prefix: string, messages: { 'en-us': T; 'zh-cn': T }): void {
  instance.addResourceBundle('en-us', 'translation', { [prefix]: messages['en-us'] }, true, true);
  instance.addResourceBundle('zh-cn', 'translation', { [prefix]: messages['zh-cn'] }, true, true);
}
