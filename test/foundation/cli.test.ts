import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, FIXTURE_CONTENT_DIR, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const cli = join(root, 'src/server/cli.ts');

function run(args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(tsx, [cli, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000, ...(input !== undefined ? { input } : {}) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(DIALECTS)('pharos CLI on %s', (dialect) => {
  let test: TestDatabase;
  let env: Record<string, string>;
  const scratch = mkdtempSync(join(tmpdir(), 'pharos-cli-'));
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    const db = test.config.database;
    env = { DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url, DATA_DIR: test.config.dataDir, LOG_LEVEL: 'silent', CONTENT_DIR: FIXTURE_CONTENT_DIR };
  });
  afterAll(async () => {
    await test?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports idempotently and exports content', () => {
    const first = run(['kb', 'import', FIXTURE_CONTENT_DIR], env);
    expect(first.stderr).toContain('import articles: 6/6');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).articles).toEqual({ created: 6, updated: 0, unchanged: 0 });
    const second = run(['kb', 'import', FIXTURE_CONTENT_DIR], env);
    expect(JSON.parse(second.stdout).articles).toEqual({ created: 0, updated: 0, unchanged: 6 });
    const out = join(scratch, 'out');
    const exported = run(['kb', 'export', out], env);
    expect(exported.code).toBe(0);
    expect(readdirSync(join(out, 'articles'))).toHaveLength(6);
  });

  it('creates an admin whose token works against the API', async () => {
    const created = run(['admin', 'create', 'Ops@Example.org'], env);
    expect(created.code).toBe(0);
    const { token, email } = JSON.parse(created.stdout);
    expect(email).toBe('ops@example.org');
    expect(token).toMatch(/^phx_/);
    const withPassword = run(['admin', 'create', 'console@example.org', '--password-stdin'], env, 'a long console passphrase 42\n');
    expect(withPassword.code, withPassword.stderr).toBe(0);
    const app = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { mailWorker: false, backgroundJobs: false });
    try {
      const signIn = await app.inject({ method: 'POST', url: '/api/v2/staff/session', payload: { email: 'console@example.org', password: 'a long console passphrase 42' } });
      expect(signIn.statusCode, signIn.body).toBe(200);
      expect(signIn.json().stage).toBe('totp_enrol');
    } finally {
      await app.close();
    }
    const bad = run(['admin', 'create', 'not-an-email'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('invalid email');
  });

  it('stops with a clear message on a bad environment variable', () => {
    const result = run(['kb', 'export', join(scratch, 'x')], { ...env, PORT: 'eighty' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PORT');
  });
});

describe('pharos start', () => {
  it('serves the help center until SIGTERM', async () => {
    const test = await createTestDatabase('sqlite');
    const db = test.config.database as { file: string };
    const child = spawn(tsx, [cli, 'start', '--port', '0'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `sqlite:${db.file}`, LOG_LEVEL: 'info', CONTENT_DIR: FIXTURE_CONTENT_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolvePromise, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no listening line in time:\n${out}`)), 45_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolvePromise(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}:\n${out}`)));
      });
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const categories = await fetch(`${url}/api/v2/help_center/en-us/categories`);
      expect((await categories.json()).count).toBe(2);
    } finally {
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await test.cleanup();
    }
  });
});
