/**
 * Help Center search benchmark: Pharos search vs MiniSearch, Orama, FlexSearch (defaults) and
 * SQLite FTS5 (trigram) on synthetic bilingual corpora. Each engine × size runs in its own child
 * process so RSS is clean; runs are killed after --timeout seconds.
 *
 *   npm run bench:search [-- --sizes 1000,10000] [-- --engines pharos,minisearch] [-- --queries 500] [-- --timeout 120]
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childExecArgv, compileForNode, runChild } from './lib/child.js';
import { ENGINE_NAMES, type EngineName } from './lib/engines.js';
import { writeJson } from './lib/json.js';
import { RESULTS_DIR, isMain } from './lib/paths.js';
import type { WorkerResult } from './lib/search-bench-worker.js';
import { formatTable } from './lib/table.js';

const WORKER = fileURLToPath(new URL('./lib/search-bench-worker.ts', import.meta.url));

export const DEFAULT_SIZES = [1_000, 10_000, 100_000];
/** Targets for Pharos search at 10k articles. */
export const TARGETS_10K = { p99Ms: 2, buildMs: 3000, rssMb: 200 };

export interface SearchBenchOptions {
  sizes?: number[];
  engines?: EngineName[];
  queries?: number;
  timeoutMs?: number;
  write?: boolean;
  print?: boolean;
}

export interface SearchBenchRow {
  engine: EngineName;
  size: number;
  status: 'ok' | 'timeout' | 'error';
  error?: string;
  result?: WorkerResult;
}

export interface SearchBenchReport {
  generatedAt: string;
  node: string;
  platform: string;
  cpus: number;
  /** 1-minute load average when the run started and ended (other work on the machine skews wall times). */
  loadAverage: { start: number; end: number };
  /** Workers run as bundled JS on plain node (true) or through the tsx loader (false). */
  compiledWorkers: boolean;
  queries: number;
  rows: SearchBenchRow[];
  targets10k: typeof TARGETS_10K & { met: boolean | null };
}

export async function runSearchBench(options: SearchBenchOptions = {}): Promise<SearchBenchReport> {
  const sizes = options.sizes ?? DEFAULT_SIZES;
  const engines = options.engines ?? [...ENGINE_NAMES];
  const queries = options.queries ?? 500;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const print = options.print ?? true;
  const loadStart = loadavg()[0]!;
  const worker = await compileForNode(WORKER);
  const flags = ['--expose-gc', '--max-old-space-size=8192'];
  const execArgv = worker.compiled ? flags : childExecArgv(flags);
  const rows: SearchBenchRow[] = [];

  for (const size of sizes) {
    for (const engine of engines) {
      const outcome = await runChild<WorkerResult>(worker.script, [engine, String(size), String(queries)], timeoutMs, execArgv);
      const row: SearchBenchRow =
        outcome.status === 'ok'
          ? { engine, size, status: 'ok', result: outcome.result }
          : { engine, size, status: outcome.status, ...(outcome.status === 'error' ? { error: outcome.error } : {}) };
      rows.push(row);
      if (print) {
        const r = row.result;
        console.error(
          r
            ? `  ${engine} @ ${size}: build ${r.buildMs.toFixed(0)} ms (cpu ${r.buildCpuMs.toFixed(0)}), p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms (first pass ${r.firstPassP99Ms.toFixed(3)}), RSS ${r.rssMb.toFixed(0)} MB`
            : `  ${engine} @ ${size}: ${row.status}${row.error ? ` (${row.error})` : ''}`,
        );
      }
    }
  }

  const pharos10k = rows.find((r) => r.engine === 'pharos' && r.size === 10_000)?.result;
  const report: SearchBenchReport = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    loadAverage: { start: loadStart, end: loadavg()[0]! },
    compiledWorkers: worker.compiled,
    queries,
    rows,
    targets10k: {
      ...TARGETS_10K,
      met: pharos10k
        ? pharos10k.p99Ms <= TARGETS_10K.p99Ms && pharos10k.buildMs <= TARGETS_10K.buildMs && pharos10k.rssMb <= TARGETS_10K.rssMb
        : null,
    },
  };

  if (print) {
    console.log(
      `\nSearch benchmark: ${queries} mixed zh/en queries, top 10, one ${worker.compiled ? 'plain-node' : 'tsx'} process per run, ${cpus().length} CPUs, load ${loadStart.toFixed(1)}→${loadavg()[0]!.toFixed(1)}.` +
        '\np50/p99 = percentiles of per-query medians over the passes; "1st p99" = first pass alone.' +
        '\nRSS after build and queries; Δ = RSS − RSS with the corpus and the engine library loaded.\n',
    );
    console.log(
      formatTable(
        ['engine', 'size', 'build ms', 'build cpu', 'p50 ms', 'p99 ms', '1st p99', 'RSS MB', 'Δ MB', 'answered'],
        rows.map((row) => {
          const r = row.result;
          if (!r) return [row.engine, row.size, row.status, '-', '-', '-', '-', '-', '-', '-'];
          return [
            row.engine,
            row.size,
            r.buildMs.toFixed(0),
            r.buildCpuMs.toFixed(0),
            r.p50Ms.toFixed(3),
            r.p99Ms.toFixed(3),
            r.firstPassP99Ms.toFixed(3),
            r.rssMb.toFixed(0),
            (r.rssMb - r.baselineRssMb).toFixed(0),
            `${(r.answered * 100).toFixed(0)}%`,
          ];
        }),
      ),
    );
    if (report.targets10k.met !== null) {
      console.log(
        `\nPharos @ 10k targets (p99 ≤ ${TARGETS_10K.p99Ms} ms, build ≤ ${TARGETS_10K.buildMs} ms, RSS ≤ ${TARGETS_10K.rssMb} MB): ${report.targets10k.met ? 'met' : 'NOT met'}`,
      );
    }
  }
  if (options.write ?? true) writeJson(join(RESULTS_DIR, 'search-bench.json'), report);
  return report;
}

function parseArgs(argv: string[]): SearchBenchOptions {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i >= 0) return argv[i + 1];
    const inline = argv.find((a) => a.startsWith(`${flag}=`));
    return inline?.slice(flag.length + 1);
  };
  const options: SearchBenchOptions = {};
  const sizes = value('--sizes');
  if (sizes) options.sizes = sizes.split(',').map((s) => Number(s.trim())).filter((n) => Number.isFinite(n) && n > 0);
  const engines = value('--engines');
  if (engines) {
    options.engines = engines.split(',').map((s) => s.trim()) as EngineName[];
    const unknown = options.engines.filter((e) => !ENGINE_NAMES.includes(e));
    if (unknown.length) throw new Error(`Unknown engine(s): ${unknown.join(', ')} (known: ${ENGINE_NAMES.join(', ')})`);
  }
  const queries = value('--queries');
  if (queries) options.queries = Number(queries);
  const timeout = value('--timeout');
  if (timeout) options.timeoutMs = Number(timeout) * 1000;
  return options;
}

if (isMain(import.meta.url)) {
  runSearchBench(parseArgs(process.argv.slice(2))).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
