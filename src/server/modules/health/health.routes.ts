import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { pingDatabase, type Database } from '../../db/index.js';
import { AppError } from '../../errors.js';

export const healthRoutes: FastifyPluginAsyncZod<{ db: Kysely<Database>; dialect: string; isReady: () => boolean }> = async (app, opts) => {
  app.get('/healthz', { schema: { tags: ['Operations'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: { tags: ['Operations'] } }, async () => {
    if (!opts.isReady()) throw new AppError('not_ready');
    try {
      await pingDatabase(opts.db);
    } catch {
      throw new AppError('not_ready');
    }
    return { status: 'ready', database: opts.dialect };
  });
};
