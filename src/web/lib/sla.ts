import type { Locale } from '../../shared/locales.js';
import type { Sla, TicketStatus } from '../api/types.js';

export type SlaTarget = 'first_reply' | 'next_reply' | 'resolution';
export type SlaState = 'ok' | 'warning' | 'breached';

export interface SlaClock {
  target: SlaTarget;
  dueAt: string;
  /** Milliseconds left; negative once the target has passed. */
  remainingMs: number;
  state: SlaState;
}

/** Under an hour left is shown as a warning. */
export const SLA_WARNING_MS = 60 * 60 * 1000;

const TARGETS: Array<[SlaTarget, keyof Sla]> = [
  ['first_reply', 'first_reply_due_at'],
  ['next_reply', 'next_reply_due_at'],
  ['resolution', 'resolution_due_at'],
];

/**
 * The SLA clock to show for a ticket: the earliest pending target. A target listed in `breached`
 * counts as breached even without a due date in the past (the server is the authority); solved and
 * closed tickets have no clock.
 */
export function slaClock(sla: Sla | null | undefined, status: TicketStatus, now: number): SlaClock | null {
  if (!sla || status === 'solved' || status === 'closed') return null;
  let best: SlaClock | null = null;
  for (const [target, key] of TARGETS) {
    const due = sla[key];
    if (typeof due !== 'string') continue;
    const dueMs = Date.parse(due);
    if (Number.isNaN(dueMs)) continue;
    const remainingMs = dueMs - now;
    const breached = remainingMs < 0 || sla.breached.includes(target);
    const state: SlaState = breached ? 'breached' : remainingMs < SLA_WARNING_MS ? 'warning' : 'ok';
    if (!best || dueMs < Date.parse(best.dueAt)) best = { target, dueAt: due, remainingMs, state };
  }
  if (!best && sla.breached.length) {
    const target = (TARGETS.find(([t]) => sla.breached.includes(t))?.[0] ?? 'resolution') as SlaTarget;
    return { target, dueAt: '', remainingMs: 0, state: 'breached' };
  }
  return best;
}

const UNITS: Record<Locale, { d: string; h: string; m: string; s: string; sep: string }> = {
  'en-us': { d: 'd', h: 'h', m: 'm', s: 's', sep: ' ' },
  'zh-cn': { d: '天', h: '小时', m: '分', s: '秒', sep: '' },
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A compact duration for a countdown: `2d 4h`, `3h 05m`, `14m 09s`, `45s` (zh: `2天4小时`, `3小时05分`,
 * `14分09秒`). The sign is dropped; callers say "overdue" themselves. Two units at most, so the text
 * stays short in a list column; seconds only under an hour, where they matter.
 */
export function formatDuration(ms: number, locale: Locale): string {
  const u = UNITS[locale];
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days}${u.d}${u.sep}${hours}${u.h}`;
  if (hours > 0) return `${hours}${u.h}${u.sep}${pad(minutes)}${u.m}`;
  if (minutes > 0) return `${minutes}${u.m}${u.sep}${pad(seconds)}${u.s}`;
  return `${seconds}${u.s}`;
}

/** A configured target for people: `25m`, `8h`, `1d 4h`, `2h 30m` (zh: `25分`, `8小时`, `1天4小时`). */
export function formatMinutes(minutes: number, locale: Locale): string {
  const u = UNITS[locale];
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const parts = [days ? `${days}${u.d}` : '', hours ? `${hours}${u.h}` : '', mins && !days ? `${mins}${u.m}` : ''].filter(Boolean);
  return parts.length ? parts.slice(0, 2).join(u.sep) : `0${u.m}`;
}

/** How often a countdown needs repainting: every second near the deadline, else every 30 s. */
export function tickInterval(clock: SlaClock | null): number {
  if (!clock) return 60_000;
  return Math.abs(clock.remainingMs) < SLA_WARNING_MS ? 1000 : 30_000;
}
