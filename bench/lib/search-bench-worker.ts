/**
 * One benchmark run (engine × corpus size) in its own process:
 *   search-bench-worker.ts <engine> <size> <queryCount>
 * Sends one message with build time, latency percentiles and memory.
 */
import { generateCorpus, generateQueries } from './corpus.js';
import { createEngine, type EngineName } from './engines.js';
import { collectGarbage, peakRssMb, rssMb } from './rss.js';

export interface WorkerResult {
  engine: string;
  size: number;
  /** Wall-clock build time (index all documents + one query that finalises lazy statistics). */
  buildMs: number;
  /** CPU time of the build (user + system): robust when the machine is busy. */
  buildCpuMs: number;
  /** Percentiles over queries of each query's median latency across `rounds` passes. */
  p50Ms: number;
  p99Ms: number;
  /** Percentiles of the first measured pass alone (includes GC pauses and scheduling noise). */
  firstPassP50Ms: number;
  firstPassP99Ms: number;
  meanMs: number;
  rounds: number;
  queries: number;
  /** Share of queries with at least one hit. */
  answered: number;
  baselineRssMb: number;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
}

const MAX_ROUNDS = 5;
const ROUNDS_BUDGET_MS = 15_000;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

async function main(): Promise<void> {
  const [engineName, sizeArg, queryArg] = process.argv.slice(2);
  const size = Number(sizeArg);
  const docs = generateCorpus(size);
  const queries = generateQueries(Number(queryArg ?? 500));
  const engine = await createEngine(engineName as EngineName);
  const baselineRssMb = rssMb();

  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await engine.build(docs);
  // One query finalises lazily computed statistics; count it in the build.
  await engine.search('warm up', 'en-us');
  const buildMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const buildCpuMs = (cpu.user + cpu.system) / 1000;

  for (const { q, locale } of queries.slice(0, 50)) await engine.search(q, locale);
  collectGarbage();

  // Pass 1, then up to MAX_ROUNDS passes within the time budget; each query's latency is the
  // median of its passes (robust to scheduler noise on a shared machine).
  const perQuery: number[][] = queries.map(() => []);
  let answered = 0;
  const pass = async (first: boolean): Promise<number> => {
    const t = performance.now();
    for (let i = 0; i < queries.length; i++) {
      const { q, locale } = queries[i]!;
      const t0 = performance.now();
      const hits = await engine.search(q, locale);
      perQuery[i]!.push(performance.now() - t0);
      if (first && hits > 0) answered++;
    }
    return performance.now() - t;
  };
  const firstMs = await pass(true);
  const rounds = Math.max(1, Math.min(MAX_ROUNDS, Math.floor(ROUNDS_BUDGET_MS / Math.max(1, firstMs))));
  for (let r = 1; r < rounds; r++) await pass(false);
  const medians = perQuery.map((t) => [...t].sort((a, b) => a - b)[Math.floor((t.length - 1) / 2)]!).sort((a, b) => a - b);
  const firstPass = perQuery.map((t) => t[0]!).sort((a, b) => a - b);
  const all = perQuery.flat();
  const heapUsedMb = (collectGarbage(), process.memoryUsage().heapUsed / 1048576);
  const result: WorkerResult = {
    engine: engineName!,
    size,
    buildMs,
    buildCpuMs,
    p50Ms: percentile(medians, 50),
    p99Ms: percentile(medians, 99),
    firstPassP50Ms: percentile(firstPass, 50),
    firstPassP99Ms: percentile(firstPass, 99),
    meanMs: all.reduce((a, b) => a + b, 0) / all.length,
    rounds,
    queries: queries.length,
    answered: answered / queries.length,
    baselineRssMb,
    rssMb: rssMb(),
    peakRssMb: peakRssMb(),
    heapUsedMb,
  };
  process.send?.(result);
  // keep `docs` alive until measured so RSS includes the same corpus for every engine
  if (docs.length < 0) console.log(docs.length);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
