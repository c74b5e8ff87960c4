export const LOCALES = ['zh-cn', 'en-us'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value.toLowerCase());
}

/** Normalizes zh, zh-CN, zh-Hans, zh_cn… to zh-cn and en, en-GB… to en-us; null when unknown. */
export function normalizeLocale(value: string | undefined | null): Locale | null {
  if (!value) return null;
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v.startsWith('zh')) return 'zh-cn';
  if (v === 'en' || v.startsWith('en-')) return 'en-us';
  return null;
}

/** Picks the best locale from an Accept-Language header (q-values honoured). */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((e) => e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const locale = normalizeLocale(entry.tag);
    if (locale) return locale;
  }
  return fallback;
}
