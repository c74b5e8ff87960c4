import type { AttachmentsService, PurgeResult } from './attachments.service.js';

export interface JanitorOptions {
  /** Minutes between runs, default 60. */
  everyMinutes?: number;
  /** Age at which an unclaimed upload is purged, default the service's upload TTL (24 h). */
  olderThanHours?: number;
  /** Also run once right away, default false. */
  runAtStart?: boolean;
  log?: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
  onRun?: (result: PurgeResult) => void;
}

/**
 * Runs `purgeUnclaimedUploads` on a timer (unref'd, never overlapping) and returns a function that
 * stops it. Safe to run in several processes at once: every delete is conditional.
 */
export function startAttachmentJanitor(service: AttachmentsService, options: JanitorOptions = {}): () => void {
  let running = false;
  let stopped = false;
  const run = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const result = await service.purgeUnclaimedUploads(options.olderThanHours ?? service.uploadTtlHours);
      if (result.rows || result.blobs || result.temporary) options.log?.info({ ...result }, 'attachment janitor purged unclaimed uploads');
      options.onRun?.(result);
    } catch (err) {
      options.log?.warn({ err }, 'attachment janitor failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), (options.everyMinutes ?? 60) * 60_000);
  timer.unref();
  if (options.runAtStart) setImmediate(() => void run());
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
