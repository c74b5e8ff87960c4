import { describe, expect, it } from 'vitest';
import { enUS } from '../../src/web/i18n/en-us.js';
import { catalogueKeys, initialLocale, interpolate, joinList, placeholdersOf, translate, translateDynamic } from '../../src/web/i18n/translate.js';
import { zhCN } from '../../src/web/i18n/zh-cn.js';

const lookup = (catalogue: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue) as string;

describe('console message catalogues', () => {
  const enKeys = catalogueKeys(enUS);
  const zhKeys = catalogueKeys(zhCN);

  it('zh-cn has exactly the English keys', () => {
    expect(enKeys.length).toBeGreaterThan(300);
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
  });

  it('no string is empty and every translation uses the same placeholders', () => {
    const problems: string[] = [];
    for (const key of enKeys) {
      const en = lookup(enUS, key);
      const zh = lookup(zhCN, key);
      if (!en.trim() || !zh.trim()) problems.push(`${key}: empty`);
      if (placeholdersOf(en).join() !== placeholdersOf(zh).join()) problems.push(`${key}: ${placeholdersOf(en).join()} ≠ ${placeholdersOf(zh).join()}`);
    }
    expect(problems).toEqual([]);
  });

  it('the Chinese catalogue is actually Chinese (not English copied over)', () => {
    // Brand names, codes and symbols may stay the same; sentences must not.
    const untranslated = enKeys.filter((k) => lookup(enUS, k) === lookup(zhCN, k) && /[a-z]{4,}\s+[a-z]{3,}/i.test(lookup(enUS, k)));
    expect(untranslated).toEqual([]);
    const withHan = zhKeys.filter((k) => /[\u4e00-\u9fff]/.test(lookup(zhCN, k)));
    expect(withHan.length / zhKeys.length).toBeGreaterThan(0.9);
  });

  it('translates with parameters and falls back to English, then to the key', () => {
    expect(translate('zh-cn', 'sla.overdue', { time: '5分' })).toBe('已超时 5分');
    expect(translate('en-us', 'ticket.viewersOne', { names: 'Li Wei' })).toBe('Li Wei is also viewing this ticket');
    expect(translateDynamic('zh-cn', 'status.pending')).toBe('待回复');
    expect(translateDynamic('en-us', 'status.no_such_status')).toBeNull();
  });

  it('leaves unknown placeholders visible', () => {
    expect(interpolate('Hi {{name}}, #{{ticket}}', { name: 'Ann' })).toBe('Hi Ann, #{{ticket}}');
  });

  it('starts in the stored choice, else the browser language, else English', () => {
    expect(initialLocale('zh-cn', ['en-US'])).toBe('zh-cn');
    expect(initialLocale(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh-cn');
    expect(initialLocale(null, ['en-GB'])).toBe('en-us');
    expect(initialLocale('xx', ['de'])).toBe('en-us');
  });

  it('joins names the way each language does', () => {
    expect(joinList(['Li Wei', 'Ann', 'Bo'], 'en-us')).toBe('Li Wei, Ann and Bo');
    expect(joinList(['李伟', '王芳'], 'zh-cn')).toBe('李伟和王芳');
    expect(joinList(['李伟', '王芳', '张三'], 'zh-cn')).toBe('李伟、王芳和张三');
  });
});
