import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitStats {
  batches: number;
  units: number;
  largestBatch: number;
  fallbacks: number;
}

/**
 * Group commit: units of write work that arrive together share one transaction (and one durable
 * commit), each inside its own savepoint so a failing unit rolls back alone. A unit's promise
 * settles only after the shared commit. If the commit itself fails, every unit of that batch is
 * retried in a transaction of its own, so one batch's failure never loses another unit's work.
 *
 * Units must only talk to the database (no timers or I/O between queries), or they would hold
 * the whole batch open.
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  readonly stats: GroupCommitStats = { batches: 0, units: 0, largestBatch: 0, fallbacks: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    /** Most units per transaction; 1 turns batching off (one transaction per unit). */
    private readonly maxBatch = 64,
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    if (this.maxBatch <= 1) return this.db.transaction().execute(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    // Let the requests parsed in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.commitBatch(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commitBatch(batch: Pending[]) {
    this.stats.batches++;
    this.stats.units += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    if (batch.length === 1) {
      const [only] = batch as [Pending];
      await this.db.transaction().execute(only.work).then(only.resolve, only.reject);
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const [i, unit] of batch.entries()) {
          const name = sql.raw(`unit_${i}`);
          await sql`savepoint ${name}`.execute(trx);
          try {
            const value = await unit.work(trx);
            await sql`release savepoint ${name}`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint ${name}`.execute(trx);
            await sql`release savepoint ${name}`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch {
      // The shared transaction failed as a whole (commit error, lost connection): nothing of it
      // was kept, so each unit runs again on its own and settles with its own result.
      this.stats.fallbacks++;
      for (const unit of batch) await this.db.transaction().execute(unit.work).then(unit.resolve, unit.reject);
      return;
    }
    for (const [i, unit] of batch.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    }
  }
}
