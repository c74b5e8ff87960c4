import { z } from 'zod';
import { normalizeLocale } from '../shared/locales.js';

/** A locale in a path or body: zh-cn / en-us and their common spellings (zh-CN, zh, en…), normalized. */
export const localeSchema = z.string().transform((value, ctx) => {
  const locale = normalizeLocale(value);
  if (!locale) {
    ctx.addIssue({ code: 'custom', message: `unknown locale "${value}"; use zh-cn or en-us` });
    return z.NEVER;
  }
  return locale;
});

export const optionalLocaleSchema = localeSchema.optional();
