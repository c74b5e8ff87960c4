import { describe, expect, it } from 'vitest';
import { affects, hasScopeFilter, noticeEndedAt, noticeState, overallStatus, SYSTEM_STATUSES, systemStatusOfImpact } from '../../src/server/modules/status/status.policy.js';
import { xmlEscape } from '../../src/server/modules/status/status.feed.js';

const now = Date.now();
const at = (hours: number) => new Date(now + hours * 3600_000).toISOString();

describe('derived notice state', () => {
  it('is scheduled before the start, active during the window, resolved after it', () => {
    expect(noticeState({ starts_at: at(2), ends_at: at(4), resolved_at: null }, now)).toBe('scheduled');
    expect(noticeState({ starts_at: at(-1), ends_at: at(1), resolved_at: null }, now)).toBe('active');
    expect(noticeState({ starts_at: at(-3), ends_at: at(-1), resolved_at: null }, now)).toBe('resolved');
  });

  it('keeps an open-ended incident active until it is resolved', () => {
    expect(noticeState({ starts_at: at(-500), ends_at: null, resolved_at: null }, now)).toBe('active');
    expect(noticeState({ starts_at: at(-5), ends_at: null, resolved_at: at(-1) }, now)).toBe('resolved');
  });

  it('treats an early resolution of scheduled maintenance as resolved', () => {
    const n = { starts_at: at(2), ends_at: at(4), resolved_at: at(-0.1) };
    expect(noticeState(n, now)).toBe('resolved');
    expect(noticeEndedAt(n)).toBe(n.resolved_at);
    expect(noticeEndedAt({ starts_at: at(-3), ends_at: at(-1), resolved_at: null })).toBe(at(-1));
  });

  it('changes with the clock alone (start and end boundaries)', () => {
    const n = { starts_at: at(1), ends_at: at(2), resolved_at: null };
    expect(noticeState(n, Date.parse(n.starts_at) - 1)).toBe('scheduled');
    expect(noticeState(n, Date.parse(n.starts_at))).toBe('active');
    expect(noticeState(n, Date.parse(n.ends_at) - 1)).toBe('active');
    expect(noticeState(n, Date.parse(n.ends_at))).toBe('resolved');
  });
});

describe('system status precedence', () => {
  it('orders maintenance > cancel_only > post_only > online', () => {
    expect(SYSTEM_STATUSES).toEqual(['online', 'post_only', 'cancel_only', 'maintenance']);
    expect(overallStatus([])).toBe('online');
    expect(overallStatus(['degraded', 'online'])).toBe('online');
    expect(overallStatus(['post_only', 'degraded'])).toBe('post_only');
    expect(overallStatus(['post_only', 'cancel_only'])).toBe('cancel_only');
    expect(overallStatus(['cancel_only', 'maintenance', 'post_only'])).toBe('maintenance');
    expect(overallStatus(['maintenance', 'online'])).toBe('maintenance');
  });

  it('maps degraded service to online (trading unaffected)', () => {
    expect(systemStatusOfImpact('degraded')).toBe('online');
    expect(systemStatusOfImpact('cancel_only')).toBe('cancel_only');
  });
});

describe('notice scope', () => {
  const scoped = { request_types: ['deposit_withdrawal'], assets: ['USDT'], networks: ['tron'] };
  const global = { request_types: [], assets: [], networks: [] };

  it('matches empty lists for everything', () => {
    expect(affects(global, { type: 'trading' })).toBe(true);
    expect(affects(global, {})).toBe(true);
  });

  it('needs every restricted dimension to be named by the request', () => {
    expect(affects(scoped, { type: 'deposit_withdrawal', asset: 'usdt', network: 'TRON' })).toBe(true);
    expect(affects(scoped, { type: 'deposit_withdrawal', asset: 'BTC', network: 'tron' })).toBe(false);
    expect(affects(scoped, { type: 'trading', asset: 'USDT', network: 'tron' })).toBe(false);
    expect(affects(scoped, { type: 'deposit_withdrawal', asset: 'USDT' })).toBe(false);
    expect(affects({ ...scoped, networks: [] }, { type: 'deposit_withdrawal', asset: ' usdt ' })).toBe(true);
  });

  it('knows when a filter was given', () => {
    expect(hasScopeFilter({})).toBe(false);
    expect(hasScopeFilter({ asset: 'BTC' })).toBe(true);
  });
});

describe('xml escaping', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlEscape(`a<b>&"c'\u0000\u0008\ud800`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(xmlEscape('行情 😀\tok')).toBe('行情 😀\tok');
  });
});
