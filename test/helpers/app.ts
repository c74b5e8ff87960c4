import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/server/app.js';
import type { Dialect } from '../../src/server/db/index.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  close(): Promise<void>;
}

/** buildApp on a fresh database of the given dialect; bundled content is imported unless disabled. */
export async function createTestApp(dialect: Dialect, env: Record<string, string> = {}, options: BuildOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(dialect, env);
  const app = await buildApp(db.config, options);
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.cleanup();
    },
  };
}

/** Listens on a free loopback port and returns the base URL (browser and load tests only use loopback). */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
