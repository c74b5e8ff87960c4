import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { negotiateLocale, normalizeLocale } from '../../src/shared/locales.js';

describe('loadConfig', () => {
  it('uses the embedded SQLite default under DATA_DIR and the fictional demo brand', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'sqlite', file: './data/pharos.db' });
    expect(config.port).toBe(3000);
    expect(config.brand.name).toBe('Lanternfish Exchange');
    expect(config.brand.officialDomains).toContain('lanternfish.example');
    expect(config.brand.requestUrl).toBe('http://127.0.0.1:3000/hc/requests/new');
  });

  it('switches to PostgreSQL for postgres:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://x'],
    ['BRAND_SUPPORT_EMAIL', 'not-an-email'],
    ['BRAND_SOCIAL_X', 'no-at-sign'],
    ['ADMIN_TOKEN', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['BRAND_OFFICIAL_DOMAINS', 'good.example,bad domain'],
  ])('rejects a bad %s with a message naming it', (variable, value) => {
    let caught: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as Error).message).toContain(variable);
  });
});

describe('locale negotiation', () => {
  it('honours q-values and normalizes tags', () => {
    expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8', 'en-us')).toBe('zh-cn');
    expect(negotiateLocale('fr-FR;q=1, en-GB;q=0.7, zh;q=0.9', 'en-us')).toBe('zh-cn');
    expect(negotiateLocale('de, fr', 'zh-cn')).toBe('zh-cn');
    expect(negotiateLocale(undefined, 'en-us')).toBe('en-us');
    expect(normalizeLocale('zh_Hans')).toBe('zh-cn');
    expect(normalizeLocale('EN')).toBe('en-us');
    expect(normalizeLocale('ja')).toBeNull();
  });
});
