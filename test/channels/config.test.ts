import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

describe('brand configuration of official channels', () => {
  it('derives the email senders from the support address unless they are configured', () => {
    expect(loadConfig({ BRAND_SUPPORT_EMAIL: 'Help@Kestrel.test' }).brand.officialEmailSenders).toEqual(['help@kestrel.test', 'noreply@kestrel.test']);
    expect(loadConfig({ BRAND_OFFICIAL_EMAIL_SENDERS: 'alerts@mail.kestrel.test, Alerts@mail.kestrel.test,help@kestrel.test' }).brand.officialEmailSenders).toEqual([
      'alerts@mail.kestrel.test',
      'help@kestrel.test',
    ]);
    expect(() => loadConfig({ BRAND_OFFICIAL_EMAIL_SENDERS: 'alerts@kestrel.test,not-an-address' })).toThrow(ConfigError);
  });

  it('parses apps as Label=https://… entries, and none', () => {
    const apps = loadConfig({ BRAND_APPS: 'App Store=https://apps.apple.com/app/id123, Google Play = https://play.google.com/store/apps/details?id=test.kestrel' }).brand.apps;
    expect(apps).toEqual([
      { label: 'App Store', url: 'https://apps.apple.com/app/id123' },
      { label: 'Google Play', url: 'https://play.google.com/store/apps/details?id=test.kestrel' },
    ]);
    expect(loadConfig({ BRAND_APPS: 'none' }).brand.apps).toEqual([]);
    expect(loadConfig({}).brand.apps.length).toBeGreaterThan(0);
    for (const bad of ['https://apps.apple.com/app/id123', 'Store=http://insecure.example/app', 'Store=javascript:alert(1)', '=https://x.example']) {
      expect(() => loadConfig({ BRAND_APPS: bad }), bad).toThrow(/BRAND_APPS/);
    }
  });

  it('takes an optional Telegram handle', () => {
    expect(loadConfig({}).brand.social.telegram).toBeUndefined();
    expect(loadConfig({ BRAND_SOCIAL_TELEGRAM: '@kestrel_official' }).brand.social.telegram).toBe('@kestrel_official');
    expect(() => loadConfig({ BRAND_SOCIAL_TELEGRAM: 'kestrel' })).toThrow(/BRAND_SOCIAL_TELEGRAM/);
  });
});
