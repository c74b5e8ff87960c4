import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the current window, this one included (for `peek`: without counting). */
  count: number;
  /** Seconds until the window resets; 0 when no window is open. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in the `rate_limits` table, so every process shares them (SQLite and
 * PostgreSQL alike). `hit` is a single atomic upsert: the first hit of a window, or any hit after
 * it ended, resets the count to 1; later hits increment it.
 */
export class RateLimiter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one hit against `key` and tells whether it is within `limit` hits per `windowSeconds`. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const nowMs = this.clock();
    const now = new Date(nowMs).toISOString();
    const resetAt = new Date(nowMs + windowSeconds * 1000).toISOString();
    // Timestamps are fixed-width ISO-8601 UTC strings, so text comparison orders them correctly.
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, count: 1, reset_at: resetAt })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          count: eb.case().when('rate_limits.reset_at', '<=', now).then(1).else(eb('rate_limits.count', '+', 1)).end(),
          reset_at: eb.case().when('rate_limits.reset_at', '<=', now).then(resetAt).else(eb.ref('rate_limits.reset_at')).end(),
        })),
      )
      .returning(['count', 'reset_at'])
      .executeTakeFirstOrThrow();
    const count = Number(row.count);
    return { allowed: count <= limit, count, retryAfterSeconds: secondsUntil(row.reset_at, nowMs) };
  }

  /** Whether another hit would still be allowed, without counting one. */
  async peek(key: string, limit: number): Promise<RateLimitResult> {
    const nowMs = this.clock();
    const row = await this.db.selectFrom('rate_limits').select(['count', 'reset_at']).where('key', '=', key).executeTakeFirst();
    if (!row || row.reset_at <= new Date(nowMs).toISOString()) return { allowed: true, count: 0, retryAfterSeconds: 0 };
    const count = Number(row.count);
    return { allowed: count < limit, count, retryAfterSeconds: secondsUntil(row.reset_at, nowMs) };
  }

  /** Forgets the counter (e.g. failed sign-ins after a successful one). */
  async reset(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('key', '=', key).execute();
  }

  /** Deletes windows that ended; safe to run from any process at any time. */
  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('rate_limits').where('reset_at', '<=', new Date(this.clock()).toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** `hit`, throwing AppError('rate_limited', { seconds }) → 429 with Retry-After when over the limit. */
  async consume(key: string, limit: number, windowSeconds: number): Promise<void> {
    const result = await this.hit(key, limit, windowSeconds);
    if (!result.allowed) throw rateLimited(result.retryAfterSeconds);
  }
}

export const rateLimited = (seconds: number) => new AppError('rate_limited', { seconds: Math.max(1, seconds) });

function secondsUntil(iso: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - nowMs) / 1000));
}
