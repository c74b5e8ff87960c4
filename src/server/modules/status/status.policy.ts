import type { StatusNoticeImpact, StatusNoticeKind } from '../../db/schema.js';
import type { Locale } from '../../../shared/locales.js';

export const NOTICE_KINDS = ['incident', 'maintenance'] as const satisfies readonly StatusNoticeKind[];
/** Impacts from least to most severe. */
export const NOTICE_IMPACTS = ['online', 'degraded', 'post_only', 'cancel_only', 'maintenance'] as const satisfies readonly StatusNoticeImpact[];
export const NOTICE_STATES = ['scheduled', 'active', 'resolved'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

/**
 * The exchange-style system status (`GET /api/v2/status`), from least to most severe:
 * online < post_only < cancel_only < maintenance. The most severe active notice wins.
 */
export const SYSTEM_STATUSES = ['online', 'post_only', 'cancel_only', 'maintenance'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

/** Scheduled notices starting within this many hours show in the Help Center banner as upcoming. */
export const UPCOMING_BANNER_HOURS = 72;

export interface NoticeTimes {
  starts_at: string;
  ends_at: string | null;
  resolved_at: string | null;
}

/**
 * Derived state: resolved once resolved_at is set or the window has ended; scheduled before it
 * starts; active otherwise (incidents stay active until resolved).
 */
export function noticeState(n: NoticeTimes, now: number): NoticeState {
  if (n.resolved_at) return 'resolved';
  if (n.ends_at && Date.parse(n.ends_at) <= now) return 'resolved';
  if (Date.parse(n.starts_at) > now) return 'scheduled';
  return 'active';
}

/** When a notice stopped being active: its resolution, or the end of its window. */
export function noticeEndedAt(n: NoticeTimes): string | null {
  if (n.resolved_at && n.ends_at) return n.resolved_at < n.ends_at ? n.resolved_at : n.ends_at;
  return n.resolved_at ?? n.ends_at;
}

/** What an impact means for trading: `degraded` is slower or partial service that still trades normally. */
export function systemStatusOfImpact(impact: StatusNoticeImpact): SystemStatus {
  return impact === 'degraded' ? 'online' : impact;
}

/** The most severe system status among active notices' impacts (online when there are none). */
export function overallStatus(impacts: Iterable<StatusNoticeImpact>): SystemStatus {
  let worst = 0;
  for (const impact of impacts) worst = Math.max(worst, SYSTEM_STATUSES.indexOf(systemStatusOfImpact(impact)));
  return SYSTEM_STATUSES[worst]!;
}

export const impactRank = (impact: StatusNoticeImpact): number => NOTICE_IMPACTS.indexOf(impact);

export interface NoticeScope {
  request_types: readonly string[];
  assets: readonly string[];
  networks: readonly string[];
}

export interface ScopeFilter {
  type?: string | undefined;
  asset?: string | undefined;
  network?: string | undefined;
}

/**
 * Whether a notice concerns one request. Each list of the notice that is not empty restricts it:
 * the request must name one of its values (a value the request does not give does not match).
 */
export function affects(scope: NoticeScope, filter: ScopeFilter): boolean {
  const within = (list: readonly string[], value: string | undefined, normalize: (v: string) => string) => list.length === 0 || (!!value && list.includes(normalize(value)));
  return (
    within(scope.request_types, filter.type, (v) => v) &&
    within(scope.assets, filter.asset, (v) => v.trim().toUpperCase()) &&
    within(scope.networks, filter.network, (v) => v.trim().toLowerCase())
  );
}

export const hasScopeFilter = (filter: ScopeFilter): boolean => !!(filter.type || filter.asset || filter.network);

export type Localized = Record<Locale, string>;
