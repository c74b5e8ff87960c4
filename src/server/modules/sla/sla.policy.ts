import type { Actor } from '../../plugins/auth.js';
import type { SlaMetric, TicketPriority, TicketStatus } from '../../db/schema.js';

/** SLA targets of one priority; 0 minutes means no target for that metric. */
export interface SlaPolicy {
  priority: TicketPriority;
  firstReplyMinutes: number;
  nextReplyMinutes: number;
  resolutionMinutes: number;
  /** Count only business hours (otherwise calendar time). */
  businessHours: boolean;
}

/** Opening hours: ISO weekdays (1 = Monday … 7 = Sunday), local start and end in an IANA timezone. */
export interface BusinessHours {
  timezone: string;
  days: number[];
  start: string; // HH:MM
  end: string; // HH:MM
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { timezone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
export const SLA_METRICS: readonly SlaMetric[] = ['first_reply', 'next_reply', 'resolution'];
/** "Breaching soon": due within this window (or already breached). */
export const BREACHING_SOON_MS = 30 * 60 * 1000;

export const canManageSla = (actor: Actor): boolean => actor.kind === 'admin';

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

function localParts(ms: number, tz: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** Offset of `tz` from UTC at instant `ms` (local − UTC, in ms). */
function offsetAt(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant of a local wall-clock time (the earlier one when a DST change repeats it). */
function zonedToUtc(year: number, month: number, day: number, minuteOfDay: number, tz: string): number {
  const guess = Date.UTC(year, month - 1, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  const first = guess - offsetAt(guess, tz);
  const second = guess - offsetAt(first, tz);
  return Math.min(first, second);
}

/**
 * `from` plus `minutes` of business time: only the opening hours of business days count. Falls
 * back to calendar time when the hours are unusable (no days, end not after start).
 */
export function addBusinessMinutes(from: number, minutes: number, hours: BusinessHours): number {
  const open = minutesOf(hours.start);
  const close = minutesOf(hours.end);
  const days = new Set(hours.days);
  if (!days.size || close <= open || !isValidTimezone(hours.timezone)) return from + minutes * 60_000;
  let remaining = minutes * 60_000;
  let cursor = from;
  // Two years of days is far beyond any SLA target; the bound only guards against bad input.
  for (let i = 0; i < 800; i++) {
    const local = localParts(cursor, hours.timezone);
    const start = zonedToUtc(local.year, local.month, local.day, open, hours.timezone);
    const end = zonedToUtc(local.year, local.month, local.day, close, hours.timezone);
    if (days.has(local.weekday) && cursor < end) {
      const begin = Math.max(cursor, start);
      if (remaining <= end - begin) return begin + remaining;
      remaining -= end - begin;
    }
    // Next local day, 00:00 (Date.UTC normalizes day overflow).
    const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
    cursor = zonedToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, hours.timezone);
  }
  return from + minutes * 60_000;
}

/** The due instant of a target counted from `start`; null when the policy sets no target. */
export function dueAt(start: string, minutes: number, policy: Pick<SlaPolicy, 'businessHours'>, hours: BusinessHours): string | null {
  if (!minutes || minutes <= 0) return null;
  const from = Date.parse(start);
  const due = policy.businessHours ? addBusinessMinutes(from, minutes, hours) : from + minutes * 60_000;
  return new Date(due).toISOString();
}

/** A ticket's SLA clock (the stored row, minus bookkeeping). */
export interface SlaClock {
  priority: TicketPriority;
  started_at: string;
  first_reply_due_at: string | null;
  first_replied_at: string | null;
  next_reply_started_at: string | null;
  next_reply_due_at: string | null;
  resolution_due_at: string | null;
  resolved_at: string | null;
}

const isResolved = (status: TicketStatus) => status === 'solved' || status === 'closed';

/** Due times of the clock's anchors under `policy`. */
export function withDues(clock: SlaClock, policy: SlaPolicy, hours: BusinessHours): SlaClock {
  return {
    ...clock,
    priority: policy.priority,
    first_reply_due_at: dueAt(clock.started_at, policy.firstReplyMinutes, policy, hours),
    next_reply_due_at: clock.next_reply_started_at ? dueAt(clock.next_reply_started_at, policy.nextReplyMinutes, policy, hours) : null,
    resolution_due_at: dueAt(clock.started_at, policy.resolutionMinutes, policy, hours),
  };
}

/** A new ticket's clock. */
export function startClock(createdAt: string, policy: SlaPolicy, hours: BusinessHours): SlaClock {
  return withDues(
    { priority: policy.priority, started_at: createdAt, first_reply_due_at: null, first_replied_at: null, next_reply_started_at: null, next_reply_due_at: null, resolution_due_at: null, resolved_at: null },
    policy,
    hours,
  );
}

/** Targets still running at this status: metric and due time. */
export function activeDues(clock: SlaClock, status: TicketStatus): Array<{ metric: SlaMetric; due: string }> {
  const out: Array<{ metric: SlaMetric; due: string }> = [];
  if (isResolved(status)) return out;
  if (clock.first_reply_due_at && !clock.first_replied_at) out.push({ metric: 'first_reply', due: clock.first_reply_due_at });
  if (clock.next_reply_due_at) out.push({ metric: 'next_reply', due: clock.next_reply_due_at });
  if (clock.resolution_due_at && !clock.resolved_at) out.push({ metric: 'resolution', due: clock.resolution_due_at });
  return out;
}

/** Breaches as of `now`: running targets past due and targets met late. */
export function breachesAt(clock: SlaClock, status: TicketStatus, now: string): Array<{ metric: SlaMetric; due: string }> {
  const out = activeDues(clock, status).filter((d) => d.due <= now);
  if (clock.first_reply_due_at && clock.first_replied_at && clock.first_replied_at > clock.first_reply_due_at) out.push({ metric: 'first_reply', due: clock.first_reply_due_at });
  if (clock.resolution_due_at && clock.resolved_at && clock.resolved_at > clock.resolution_due_at) out.push({ metric: 'resolution', due: clock.resolution_due_at });
  return out;
}

/**
 * The instants views and the monitor look at: the earliest running due (`next_due_at`) and the
 * earliest running due still in the future (`watch_at`; anything due by `now` has been recorded).
 */
export function clockMarks(clock: SlaClock, status: TicketStatus, now: string): { next_due_at: string | null; watch_at: string | null } {
  const dues = activeDues(clock, status).map((d) => d.due).sort();
  return { next_due_at: dues[0] ?? null, watch_at: dues.find((d) => d > now) ?? null };
}

// ---- Clock transitions (pure) ----

/** A requester's message starts the next-reply clock once the first reply has been given. */
export function onRequesterMessage(clock: SlaClock, at: string, policy: SlaPolicy, hours: BusinessHours): SlaClock {
  if (!clock.first_replied_at || clock.next_reply_started_at) return clock;
  return { ...clock, next_reply_started_at: at, next_reply_due_at: dueAt(at, policy.nextReplyMinutes, policy, hours) };
}

/** A public agent reply meets the first-reply target (once) and stops the next-reply clock. */
export function onAgentReply(clock: SlaClock, at: string): SlaClock {
  return { ...clock, first_replied_at: clock.first_replied_at ?? at, next_reply_started_at: null, next_reply_due_at: null };
}

/** Solving meets the resolution target; reopening runs it again (from the original start). */
export function onStatus(clock: SlaClock, status: TicketStatus, at: string): SlaClock {
  if (isResolved(status)) return clock.resolved_at ? clock : { ...clock, resolved_at: at };
  return clock.resolved_at ? { ...clock, resolved_at: null } : clock;
}

/** What views show: running due times (null once met) and the metrics breached. */
export function presentSla(clock: SlaClock | null, status: TicketStatus, now: string, recorded: SlaMetric[] = []) {
  if (!clock) return { first_reply_due_at: null, next_reply_due_at: null, resolution_due_at: null, breached: [...new Set(recorded)] };
  const running = activeDues(clock, status);
  const due = (metric: SlaMetric) => running.find((d) => d.metric === metric)?.due ?? null;
  const breached = new Set<SlaMetric>([...recorded, ...breachesAt(clock, status, now).map((b) => b.metric)]);
  return {
    first_reply_due_at: due('first_reply'),
    next_reply_due_at: due('next_reply'),
    resolution_due_at: due('resolution'),
    breached: SLA_METRICS.filter((m) => breached.has(m)),
  };
}
