import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/ids.js';
import { AppError } from '../errors.js';
import { findUserByTokenHash, touchToken } from '../modules/users/users.queries.js';
import { hashToken } from '../modules/users/users.service.js';

export interface Actor {
  kind: 'admin' | 'agent' | 'customer' | 'anonymous';
  userId: string | null;
  label: string;
  /** How the caller proved who they are; cookie sessions need CSRF checks on writes. */
  via: 'none' | 'admin-token' | 'api-token' | 'session';
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    /** preHandler for admin-only routes. */
    requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const anonymous: Actor = { kind: 'anonymous', userId: null, label: 'anonymous', via: 'none' };

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Bearer tokens: the ADMIN_TOKEN from config or an API token issued by `pharos admin create`. */
export const authPlugin = fp<{ db: Kysely<Database>; adminToken?: string }>(
  async (app, opts) => {
    const lastTouched = new Map<string, number>();
    app.decorateRequest('actor', null as unknown as Actor);
    app.addHook('onRequest', async (request) => {
      request.actor = anonymous;
      const header = request.headers.authorization;
      if (!header) return;
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AppError('unauthorized');
      const token = match[1]!;
      if (opts.adminToken && sameSecret(token, opts.adminToken)) {
        request.actor = { kind: 'admin', userId: null, label: 'admin-token', via: 'admin-token' };
        return;
      }
      const user = await findUserByTokenHash(opts.db, hashToken(token));
      if (!user) throw new AppError('unauthorized');
      // Record last use at most once a minute per token: a write per request would dominate API cost.
      const now = Date.now();
      if ((lastTouched.get(user.token_id) ?? 0) < now - 60_000) {
        lastTouched.set(user.token_id, now);
        await touchToken(opts.db, user.token_id, nowIso());
      }
      request.actor = { kind: user.role, userId: user.id, label: user.email, via: 'api-token' };
    });
    app.decorate('requireAdmin', async (request: FastifyRequest) => {
      if (request.actor.kind === 'anonymous') throw new AppError('unauthorized');
      if (request.actor.kind !== 'admin') throw new AppError('forbidden');
    });
  },
  { name: 'pharos-auth', dependencies: ['pharos-locale'] },
);
