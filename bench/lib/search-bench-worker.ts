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
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  queries: number;
  /** Share of queries with at least one hit. */
  answered: number;
  baselineRssMb: number;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
}

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

  const started = performance.now();
  await engine.build(docs);
  // One query finalises lazily computed statistics; count it in the build.
  await engine.search('warm up', 'en-us');
  const buildMs = performance.now() - started;

  for (const { q, locale } of queries.slice(0, 50)) await engine.search(q, locale);
  collectGarbage();
  const times: number[] = [];
  let answered = 0;
  for (const { q, locale } of queries) {
    const t0 = performance.now();
    const hits = await engine.search(q, locale);
    times.push(performance.now() - t0);
    if (hits > 0) answered++;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const heapUsedMb = (collectGarbage(), process.memoryUsage().heapUsed / 1048576);
  const result: WorkerResult = {
    engine: engineName!,
    size,
    buildMs,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
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
