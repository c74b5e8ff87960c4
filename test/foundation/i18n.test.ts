import { describe, expect, it } from 'vitest';
// Importing the app registers every module's messages.
import '../../src/server/app.js';
import { messageKeys, t, tSlow } from '../../src/server/i18n.js';

describe('translation fast path', () => {
  for (const locale of ['en-us', 'zh-cn'] as const) {
    it(`gives i18next's answer for every ${locale} message, with and without parameters`, () => {
      const keys = messageKeys(locale);
      expect(keys.length).toBeGreaterThan(300);
      let interpolated = 0;
      for (const key of keys) {
        const raw = tSlow(locale, key, {});
        const names = [...raw.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
        const params = Object.fromEntries(names.map((n, i) => [n, i % 2 ? 42 + i : `<${n}>值`]));
        if (names.length) interpolated++;
        expect(t(locale, key, params), key).toBe(tSlow(locale, key, params));
        expect(t(locale, key), key).toBe(tSlow(locale, key));
        // A missing parameter or a plural count goes to i18next and answers the same.
        if (names.length) expect(t(locale, key, { [names[0]!]: 'x' }), key).toBe(tSlow(locale, key, { [names[0]!]: 'x' }));
        expect(t(locale, key, { ...params, count: 2 }), key).toBe(tSlow(locale, key, { ...params, count: 2 }));
      }
      expect(interpolated).toBeGreaterThan(50);
    });
  }

  it('falls back to English, then to the key, like i18next', () => {
    expect(t('zh-cn', 'no.such.key')).toBe(tSlow('zh-cn', 'no.such.key'));
    expect(t('en-us', 'no.such.key')).toBe('no.such.key');
  });
});
