import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/server/config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type Dialect } from '../../src/server/db/index.js';

/** Every DB test runs on both dialects. PostgreSQL must be reachable: absence is a failure. */
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export const PG_ADMIN_URL = process.env.PHAROS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const REPO_CONTENT_DIR = resolve(import.meta.dirname, '../../content');
export const FIXTURE_CONTENT_DIR = resolve(import.meta.dirname, '../fixtures/content');

export interface TestDatabase {
  dialect: Dialect;
  config: Config;
  /** Opens a fresh handle on the same database (the app may own and close its own). */
  open(): DatabaseHandle;
  cleanup(): Promise<void>;
}

/** A brand-new empty database (SQLite file in a temp dir, or a new PostgreSQL database). */
export async function createTestDatabase(dialect: Dialect, env: Record<string, string> = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pharos-test-'));
  let databaseUrl: string;
  let dropPg: (() => Promise<void>) | null = null;
  if (dialect === 'sqlite') {
    databaseUrl = `sqlite:${join(dataDir, 'pharos.db')}`;
  } else {
    const name = `pharos_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropPg = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        // Let pools that are closing finish first: a forced drop would kill their sockets mid-close
        // and surface as unhandled "terminating connection" errors (bounded: 2 s).
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (!rows[0]?.n) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    };
  }
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CONTENT_DIR: REPO_CONTENT_DIR,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    PUBLIC_URL: 'http://pharos.test',
    ...env,
  });
  return {
    dialect,
    config,
    open: () => openDatabase(config.database),
    cleanup: async () => {
      if (dropPg) await dropPg();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens and migrates; for tests that work below the HTTP layer. */
export async function openMigrated(test: TestDatabase): Promise<DatabaseHandle> {
  const handle = test.open();
  await migrateToLatest(handle.db);
  return handle;
}
