import { describe, expect, it } from 'vitest';
import type { Sla } from '../../src/web/api/types.js';
import { formatDuration, formatMinutes, slaClock, SLA_WARNING_MS, tickInterval } from '../../src/web/lib/sla.js';

const NOW = Date.parse('2025-03-04T10:00:00.000Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const sla = (patch: Partial<Sla>): Sla => ({ first_reply_due_at: null, next_reply_due_at: null, resolution_due_at: null, breached: [], ...patch });

describe('SLA countdown formatting', () => {
  it('shows two units at most, seconds only under an hour, in both languages', () => {
    const cases: Array<[number, string, string]> = [
      [45_000, '45s', '45秒'],
      [14 * 60_000 + 9_000, '14m 09s', '14分09秒'],
      [3 * 3600_000 + 5 * 60_000 + 59_000, '3h 05m', '3小时05分'],
      [2 * 86_400_000 + 4 * 3600_000 + 30 * 60_000, '2d 4h', '2天4小时'],
      [0, '0s', '0秒'],
    ];
    for (const [ms, en, zh] of cases) {
      expect(formatDuration(ms, 'en-us')).toBe(en);
      expect(formatDuration(ms, 'zh-cn')).toBe(zh);
    }
  });

  it('drops the sign: overdue time reads like time left (the caller says "overdue")', () => {
    expect(formatDuration(-(15 * 60_000 + 30_000), 'en-us')).toBe('15m 30s');
    expect(formatDuration(-90 * 60_000, 'zh-cn')).toBe('1小时30分');
  });
});

describe('SLA target formatting (admin)', () => {
  it('shows whole units without seconds or padding', () => {
    const cases: Array<[number, string, string]> = [
      [25, '25m', '25分'],
      [480, '8h', '8小时'],
      [150, '2h 30m', '2小时30分'],
      [1440, '1d', '1天'],
      [1680, '1d 4h', '1天4小时'],
      [1681, '1d 4h', '1天4小时'],
      [0, '0m', '0分'],
    ];
    for (const [minutes, en, zh] of cases) {
      expect(formatMinutes(minutes, 'en-us')).toBe(en);
      expect(formatMinutes(minutes, 'zh-cn')).toBe(zh);
    }
  });
});

describe('SLA clock of a ticket', () => {
  it('picks the earliest pending target', () => {
    const clock = slaClock(sla({ first_reply_due_at: at(90), resolution_due_at: at(600) }), 'open', NOW);
    expect(clock).toMatchObject({ target: 'first_reply', state: 'ok', remainingMs: 90 * 60_000 });
  });

  it('is a warning under an hour and breached once the due time passed', () => {
    expect(slaClock(sla({ next_reply_due_at: at(59) }), 'open', NOW)?.state).toBe('warning');
    expect(slaClock(sla({ next_reply_due_at: at(61) }), 'open', NOW)?.state).toBe('ok');
    const late = slaClock(sla({ first_reply_due_at: at(-5), resolution_due_at: at(120) }), 'new', NOW)!;
    expect(late.state).toBe('breached');
    expect(late.target).toBe('first_reply');
    expect(late.remainingMs).toBe(-5 * 60_000);
  });

  it('trusts the server’s breached list even if the clock says otherwise', () => {
    expect(slaClock(sla({ resolution_due_at: at(30), breached: ['resolution'] }), 'pending', NOW)?.state).toBe('breached');
    const noDates = slaClock(sla({ breached: ['first_reply'] }), 'open', NOW)!;
    expect(noDates).toMatchObject({ state: 'breached', target: 'first_reply', dueAt: '' });
  });

  it('has no clock for solved or closed tickets, or without SLA data', () => {
    expect(slaClock(sla({ first_reply_due_at: at(-10) }), 'solved', NOW)).toBeNull();
    expect(slaClock(sla({ first_reply_due_at: at(-10) }), 'closed', NOW)).toBeNull();
    expect(slaClock(null, 'open', NOW)).toBeNull();
    expect(slaClock(sla({}), 'open', NOW)).toBeNull();
  });

  it('repaints every second only near the deadline', () => {
    expect(tickInterval(slaClock(sla({ first_reply_due_at: at(10) }), 'open', NOW))).toBe(1000);
    expect(tickInterval(slaClock(sla({ first_reply_due_at: new Date(NOW + SLA_WARNING_MS * 3).toISOString() }), 'open', NOW))).toBe(30_000);
    expect(tickInterval(null)).toBe(60_000);
  });
});
