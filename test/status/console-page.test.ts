import { describe, expect, it } from 'vitest';
import { catalogueKeys, placeholdersOf } from '../../src/web/i18n/translate.js';
import { fromLocalInput, splitList, toLocalInput } from '../../src/web/pages/admin/statusNotices.api.js';
import { STATUS_NOTICE_MESSAGES, statusNoticeText } from '../../src/web/pages/admin/statusNotices.messages.js';

const lookup = (catalogue: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue) as string;

describe('status notices console page', () => {
  it('has the same keys and placeholders in both languages, in Chinese', () => {
    const en = catalogueKeys(STATUS_NOTICE_MESSAGES['en-us']);
    const zh = catalogueKeys(STATUS_NOTICE_MESSAGES['zh-cn']);
    expect(zh).toEqual(en);
    for (const key of en) {
      const [a, b] = [lookup(STATUS_NOTICE_MESSAGES['en-us'], key), lookup(STATUS_NOTICE_MESSAGES['zh-cn'], key)];
      expect(a.trim() && b.trim(), key).toBeTruthy();
      expect(placeholdersOf(b), key).toEqual(placeholdersOf(a));
      expect(/[\u4e00-\u9fff]/.test(b), key).toBe(true);
    }
    expect(statusNoticeText('zh-cn', 'deflections', { count: 3 })).toBe('已有 3 位客户表示这条公告解答了他们的问题');
    expect(statusNoticeText('en-us', 'states.scheduled')).toBe('Scheduled');
  });

  it('converts datetime-local values to ISO instants and back', () => {
    const iso = new Date(2030, 0, 2, 3, 4).toISOString();
    expect(toLocalInput(iso)).toBe('2030-01-02T03:04');
    expect(fromLocalInput('2030-01-02T03:04')).toBe(iso);
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('not a date')).toBe('');
    expect(toLocalInput(null)).toBe('');
  });

  it('splits comma lists (also Chinese commas and spaces)', () => {
    expect(splitList('USDT, btc ,,ETH，TRX  SOL')).toEqual(['USDT', 'btc', 'ETH', 'TRX', 'SOL']);
    expect(splitList('  ')).toEqual([]);
  });
});
