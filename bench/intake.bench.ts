// Ticket intake: submissions per second and latency at 64 concurrent clients over loopback HTTP,
// full pipeline (validate incl. chain checks, shield, route, index text, durable commit), on
// SQLite and PostgreSQL side by side. Target: >= 2,000/s on SQLite on a 2-core machine.
import { toChecksumAddress } from '../src/server/modules/chain-validation/index.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import pg from 'pg';
import { formatTable } from './lib/table.js';
import { writeJson } from './lib/json.js';
import { ROOT, RESULTS_DIR, isMain } from './lib/paths.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const MAX_REQUESTS = Number(process.env.BENCH_INTAKE_REQUESTS ?? 20_000);
const MAX_SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const WARMUP_SECONDS = Math.min(5, MAX_SECONDS);
const PG_ADMIN = process.env.PHAROS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// A different (valid, checksummed) address for every submission, as real customers have.
const addressOf = (i: number) => toChecksumAddress(`0x${(i * 2654435761).toString(16).padStart(40, '7').slice(-40)}`);

const payload = (i: number) =>
  JSON.stringify({
    request: {
      subject: `USDT deposit not credited #${i}`,
      comment: { body: `I deposited USDT on Ethereum an hour ago (attempt ${i}); the explorer shows it confirmed but my balance did not change.` },
      request_type: 'deposit_withdrawal',
      custom_fields: [
        { id: 'account_id', value: 'AA12 N84G 3KF9' },
        { id: 'direction', value: 'deposit' },
        { id: 'asset', value: 'USDT' },
        { id: 'network', value: 'ethereum' },
        { id: 'address', value: addressOf(i) },
        { id: 'tx_hash', value: `0x${i.toString(16).padStart(64, '0')}` },
        { id: 'amount', value: '250.5' },
        { id: 'problem_time', value: '2026-11-20T14:30' },
      ],
    },
  });

async function startServer(databaseUrl: string, dataDir: string, batchMax: number) {
  const child = spawn(process.execPath, [...process.execArgv, join(ROOT, process.env.BENCH_SERVER ?? 'bench/lib/intake-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: dataDir, BENCH_WRITE_BATCH_MAX: String(batchMax) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<{ url: string; authorization: string }>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('server did not start in 60 s')), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { ...info, stop: () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

async function load(url: string, authorization: string, maxSeconds: number) {
  const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const deadline = Date.now() + maxSeconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (next < MAX_REQUESTS && Date.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      const res = await request(`${url}/api/v2/requests`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', authorization }, body: payload(i) });
      await res.body.dump();
      if (res.statusCode !== 201) errors++;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99) };
}

export async function runIntakeBench(): Promise<Record<string, unknown>> {
  const results: Array<Record<string, unknown>> = [];
  // Group commit on (the default) and off (one transaction per ticket), side by side.
  const runs = [['sqlite', 64], ['sqlite', 1], ['postgres', 64], ['postgres', 1]] as const;
  for (const [dialect, batchMax] of runs) {
    const dataDir = mkdtempSync(join(tmpdir(), 'pharos-intake-'));
    let dbUrl = `sqlite:${join(dataDir, 'pharos.db')}`;
    const dbName = `pharos_bench_${Date.now().toString(36)}`;
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`CREATE DATABASE ${dbName}`);
      await c.end();
      const u = new URL(PG_ADMIN);
      u.pathname = `/${dbName}`;
      dbUrl = u.toString();
    }
    const server = await startServer(dbUrl, dataDir, batchMax);
    try {
      await load(server.url, server.authorization, WARMUP_SECONDS); // warm-up run (JIT, caches), not reported
      const r = await load(server.url, server.authorization, MAX_SECONDS);
      results.push({ dialect, writeBatchMax: batchMax, concurrency: CONCURRENCY, ...r });
    } finally {
      await server.stop();
      if (dialect === 'postgres') {
        const c = new pg.Client({ connectionString: PG_ADMIN });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await c.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log('\nTicket intake (POST /api/v2/requests, full pipeline)');
  console.log(formatTable(['dialect', 'group commit', 'clients', 'requests', 'errors', 'req/s', 'p50 ms', 'p99 ms'], results.map((r) => [String(r.dialect), Number(r.writeBatchMax) > 1 ? `up to ${String(r.writeBatchMax)}` : 'off', Number(r.concurrency), Number(r.requests), Number(r.errors), Number(r.perSecond), Number(r.p50), Number(r.p99)])));
  const out = { target: { sqlitePerSecond: 2000 }, results };
  writeJson(join(RESULTS_DIR, 'intake.json'), out);
  return out;
}

if (isMain(import.meta.url)) await runIntakeBench();
