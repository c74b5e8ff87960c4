import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RESULTS_DIR } from './paths.js';

export type ChildOutcome<T> =
  | { status: 'ok'; result: T; ms: number }
  | { status: 'timeout'; ms: number }
  | { status: 'error'; error: string; ms: number };

/** Node flags for children: reuse tsx's loader when we run under it, else register tsx. */
export function childExecArgv(extra: string[] = []): string[] {
  const base = process.execArgv.filter((a) => !a.startsWith('--inspect'));
  const hasTsx = base.some((a) => a.includes('tsx'));
  return [...(hasTsx ? base : [...base, '--import', 'tsx']), ...extra];
}

/**
 * Runs `script` in a fresh Node process (clean heap and RSS) and waits for the single message it
 * sends with `process.send`. The child is killed after `timeoutMs`.
 */
export function runChild<T>(script: string, args: string[], timeoutMs: number, execArgv = childExecArgv()): Promise<ChildOutcome<T>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let settled = false;
    let stderr = '';
    let message: T | undefined;
    const finish = (outcome: ChildOutcome<T>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ status: 'timeout', ms: performance.now() - started });
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (m) => {
      message = m as T;
    });
    child.on('error', (err) => finish({ status: 'error', error: err.message, ms: performance.now() - started }));
    child.on('exit', (code, signal) => {
      if (message !== undefined) finish({ status: 'ok', result: message, ms: performance.now() - started });
      else finish({ status: 'error', error: `exited with ${signal ?? code}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`, ms: performance.now() - started });
    });
  });
}

/**
 * Bundles a TypeScript entry point into plain ESM (dependencies stay external and resolve from the
 * repository's node_modules) so children run on bare `node`: under the tsx loader every process
 * carries an extra loader thread (~30 MB RSS) that would blur memory comparisons. Falls back to
 * the TypeScript file (run through tsx) when esbuild is not available.
 */
export async function compileForNode(entry: string): Promise<{ script: string; compiled: boolean }> {
  try {
    const esbuild = (await import('esbuild')) as typeof import('esbuild');
    const outdir = join(RESULTS_DIR, '.cache');
    mkdirSync(outdir, { recursive: true });
    const outfile = join(outdir, basename(entry).replace(/\.ts$/, '.mjs'));
    await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    return { script: outfile, compiled: true };
  } catch {
    return { script: entry, compiled: false };
  }
}
