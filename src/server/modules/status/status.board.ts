import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { FieldValues, RequestTypeDefinition } from '../../../shared/request-forms.js';
import { affects, impactRank, noticeState, overallStatus, UPCOMING_BANNER_HOURS, type NoticeState, type ScopeFilter, type SystemStatus } from './status.policy.js';
import { openNotices, type Notice } from './status.queries.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** In-memory scheduled/active status notices (banner, request form, system status). */
    statusBoard: StatusBoard;
  }
}

/**
 * The banner notices of an app's status board, for a SiteContext: read at render time, so a context
 * built before the status plugin is registered still sees it (empty without one).
 */
export function statusNoticesOf(app: FastifyInstance): () => BoardNotice[] {
  return () => (app as Partial<FastifyInstance>).statusBoard?.banner() ?? [];
}

/** Active notices concerning a request being written: its type and the values of its asset and network fields. */
export function requestNoticesOf(app: FastifyInstance): (type: RequestTypeDefinition, fields: FieldValues) => BoardNotice[] {
  return (type, fields) => {
    const board = (app as Partial<FastifyInstance>).statusBoard;
    if (!board) return [];
    const valueOf = (kind: 'asset' | 'network') => {
      const field = type.fields.find((f) => f.type === kind);
      return field ? fields[field.key] || undefined : undefined;
    };
    return board.affecting({ type: type.key, asset: valueOf('asset'), network: valueOf('network') });
  };
}

export interface StatusBoardOptions {
  /** Scheduled notices starting within this many hours are shown as upcoming in the banner. */
  upcomingHours?: number;
}

export interface BoardNotice extends Notice {
  state: NoticeState;
}

/**
 * In-memory copy of the notices that are scheduled or active, so every Help Center page can show the
 * banner without a query. Refreshed after every change made through this process and periodically
 * (`start`) so that other processes' changes show up; states are derived from the clock at read time.
 */
export class StatusBoard {
  private notices: Notice[] = [];
  private loading: Promise<void> | null = null;
  private again = false;
  private readonly upcomingMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    options: StatusBoardOptions = {},
  ) {
    this.upcomingMs = (options.upcomingHours ?? UPCOMING_BANNER_HOURS) * 3600_000;
  }

  /** Reloads from the database; concurrent calls share a load, and a call during a load runs once more after it. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          this.notices = await openNotices(this.db, new Date().toISOString());
        } while (this.again);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Refreshes every `intervalMs`; returns the stop function. Failures are reported, the old copy stays. */
  start(intervalMs: number, onError: (error: unknown) => void): () => void {
    const timer = setInterval(() => {
      this.refresh().catch(onError);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Cached notices that are scheduled or active now, with their state. */
  current(now: number = Date.now()): BoardNotice[] {
    return this.notices.flatMap((n) => {
      const state = noticeState(n, now);
      return state === 'resolved' ? [] : [{ ...n, state }];
    });
  }

  /** Active notices, most severe first (then the most recent start). */
  active(now: number = Date.now()): BoardNotice[] {
    return this.current(now)
      .filter((n) => n.state === 'active')
      .sort((a, b) => impactRank(b.impact) - impactRank(a.impact) || b.starts_at.localeCompare(a.starts_at) || a.id.localeCompare(b.id));
  }

  /** Scheduled notices, soonest first. */
  scheduled(now: number = Date.now()): BoardNotice[] {
    return this.current(now)
      .filter((n) => n.state === 'scheduled')
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.id.localeCompare(b.id));
  }

  /** What the Help Center banner shows: every active notice, then those starting within the upcoming window. */
  banner(now: number = Date.now()): BoardNotice[] {
    const soon = this.scheduled(now).filter((n) => Date.parse(n.starts_at) - now <= this.upcomingMs);
    return [...this.active(now), ...soon];
  }

  /** Active notices that concern one request (type, asset, network). */
  affecting(filter: ScopeFilter, now: number = Date.now()): BoardNotice[] {
    return this.active(now).filter((n) => affects(n, filter));
  }

  /** The exchange-style system status now. */
  status(now: number = Date.now()): SystemStatus {
    return overallStatus(this.active(now).map((n) => n.impact));
  }
}
