import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { newId } from '../db/ids.js';
import { claimMailBatch, findDueMail, markMailBatchSent, markMailFailed } from '../modules/mail/mail.outbox.js';
import type { MailTransport } from '../modules/mail/mail.transport.js';

export interface OutboxWorkerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  transport: MailTransport;
  logger: OutboxWorkerLogger;
  /** Pause between polls when the outbox is empty (default 5 s). */
  intervalMs?: number;
  /** Identifies this worker in claims (default host:pid:random). */
  workerId?: string;
  /** Rows claimed per poll (default 20). */
  batchSize?: number;
  /** Attempts before a row is marked failed (default 8: about 2 h of retries). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs` (default 30 s … 1 h). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A claim older than this is presumed abandoned by a dead worker (default 5 min). */
  claimLeaseMs?: number;
  clock?: () => number;
}

export interface DeliveryStats {
  sent: number;
  failed: number;
}

type Settings = Required<Omit<OutboxWorkerOptions, 'db' | 'transport' | 'logger' | 'intervalMs'>>;

function settingsOf(options: OutboxWorkerOptions): Settings {
  return {
    workerId: options.workerId ?? `${hostname()}:${process.pid}:${newId()}`,
    batchSize: options.batchSize ?? 20,
    maxAttempts: options.maxAttempts ?? 8,
    baseBackoffMs: options.baseBackoffMs ?? 30_000,
    maxBackoffMs: options.maxBackoffMs ?? 3_600_000,
    claimLeaseMs: options.claimLeaseMs ?? 5 * 60_000,
    clock: options.clock ?? Date.now,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One pass over the due outbox rows: claim them (in one statement; rows another worker won are
 * skipped), send each, then mark the sent ones together. Each row is sent once however many
 * workers run; only a worker dying mid-pass can cause a repeat (its claimed rows are retried
 * after the lease), so delivery is at-least-once.
 */
export async function deliverDueMail(options: OutboxWorkerOptions, resolved: Settings = settingsOf(options)): Promise<DeliveryStats> {
  const { db, transport, logger } = options;
  const { workerId, batchSize, maxAttempts, baseBackoffMs, maxBackoffMs, claimLeaseMs, clock } = resolved;
  const stats: DeliveryStats = { sent: 0, failed: 0 };
  const due = await findDueMail(db, iso(clock()), iso(clock() - claimLeaseMs), batchSize);
  const rows = await claimMailBatch(db, due.map((d) => d.id), workerId, iso(clock()), iso(clock() - claimLeaseMs));
  const sent: string[] = [];
  try {
    for (const row of rows) {
      try {
        await transport.send({ id: row.id, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body, template: row.template, locale: row.locale });
        sent.push(row.id);
        stats.sent++;
      } catch (err) {
        const attempt = row.attempts + 1;
        const message = err instanceof Error ? err.message : String(err);
        const retry = attempt < maxAttempts ? { at: iso(clock() + Math.min(maxBackoffMs, baseBackoffMs * 2 ** (attempt - 1))) } : null;
        await markMailFailed(db, row.id, workerId, message, retry);
        stats.failed++;
        const log = { outboxId: row.id, template: row.template, attempt, transport: transport.name, error: message, ...(retry ? { retryAt: retry.at } : {}) };
        if (retry) logger.warn(log, 'mail delivery failed; will retry');
        else logger.error(log, 'mail delivery failed for good');
      }
    }
  } finally {
    await markMailBatchSent(db, sent, workerId, iso(clock()));
  }
  return stats;
}

/**
 * Polls the outbox until stopped. Several processes may each run one. Returns `stop`, which
 * waits for the pass in progress to finish (so no claim is left hanging on shutdown).
 */
export function startOutboxWorker(options: OutboxWorkerOptions): () => Promise<void> {
  const resolved = settingsOf(options);
  const intervalMs = options.intervalMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const tick = () => {
    timer = null;
    if (stopped) return;
    running = (async () => {
      let again = false;
      try {
        const stats = await deliverDueMail(options, resolved);
        // A full batch probably means more is waiting: go again right away.
        again = stats.sent + stats.failed >= resolved.batchSize;
      } catch (err) {
        options.logger.error({ err, workerId: resolved.workerId }, 'outbox worker pass failed');
      }
      running = null;
      if (!stopped) {
        timer = setTimeout(tick, again ? 0 : intervalMs);
        timer.unref();
      }
    })();
  };

  timer = setTimeout(tick, 0);
  timer.unref();

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    if (running) await running;
  };
}
