import type { FastifyBaseLogger } from 'fastify';
import type { SlaService } from './sla.service.js';

export interface SlaMonitorOptions {
  sla: SlaService;
  /** Milliseconds between scans (default 30 s). */
  intervalMs?: number;
  log?: Pick<FastifyBaseLogger, 'warn' | 'info'>;
  /** Called with the tickets that got new breach events (e.g. to push `ticket:updated`). */
  onBreach?: (ticketIds: string[]) => void;
}

/**
 * Records SLA breaches as their due times pass. Several processes may run it: breach events are
 * unique per (ticket, metric, due), so a race records each breach once. Returns the stop function.
 */
export function startSlaMonitor(options: SlaMonitorOptions): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const scan = async () => {
    for (let round = 0; round < 20 && !stopped; round++) {
      const changed = await options.sla.recordDue('monitor');
      if (changed.length) options.onBreach?.(changed);
      if (changed.length < 500) return;
    }
  };
  const tick = () => {
    if (running || stopped) return;
    running = scan()
      .catch((err: unknown) => options.log?.warn({ err }, 'SLA monitor scan failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 30_000);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
