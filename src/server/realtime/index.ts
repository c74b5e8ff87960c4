import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { SESSION_COOKIE } from '../plugins/session.js';
import { resumeSession } from '../modules/accounts/sessions.js';
import { getOrCreateSetting } from '../modules/settings/settings.service.js';
import { staffSessionUsable } from '../modules/staff/staff.guard.js';
import { isStaffRole } from '../modules/staff/staff.policy.js';
import { groupIdsOf } from '../modules/staff/staff.queries.js';
import { findUserByTokenHash } from '../modules/users/users.queries.js';
import { hashToken } from '../modules/users/users.service.js';
import { groupRoom, RealtimeHub, STAFF_ROOM, ticketRoom, userRoom, type RealtimeServer, type SocketData } from './hub.js';

export { RealtimeHub } from './hub.js';
export type { ServerToClientEvents, ClientToServerEvents, TicketPresenter } from './hub.js';

export interface RealtimePluginOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'publicUrl' | 'redisUrl'>;
  hub: RealtimeHub;
}

/** A client may announce at most this many open tickets at once. */
const MAX_VIEWED = 20;

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The staff member behind a connection: the staff session cookie (a full session opened by the
 * staff sign-in, within its limits) or, for integrations, an API token in `auth.token`.
 */
export async function authenticateSocket(db: Kysely<Database>, request: IncomingMessage, auth: Record<string, unknown>): Promise<SocketData['user'] | null> {
  const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
  if (cookie) {
    const session = await resumeSession(db, cookie);
    if (session && session.stage === 'full' && isStaffRole(session.user.role) && (await staffSessionUsable(db, session))) {
      const user = await db.selectFrom('users').select(['id', 'name', 'role', 'deactivated_at']).where('id', '=', session.userId).executeTakeFirst();
      if (user && isStaffRole(user.role) && !user.deactivated_at) return { id: user.id, name: user.name, role: user.role };
    }
  }
  if (typeof auth.token === 'string' && auth.token) {
    const user = await findUserByTokenHash(db, hashToken(auth.token));
    if (user && isStaffRole(user.role)) return { id: user.id, name: user.name, role: user.role };
  }
  return null;
}

/** Browsers on other sites must not open a staff socket (the session cookie would go along). */
function sameOrigin(request: IncomingMessage, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const url = new URL(origin);
    return url.origin === new URL(publicUrl).origin || url.host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Socket.IO on the app's HTTP server (path /socket.io), created when the app is ready so that
 * `buildApp` without `listen` works and `inject` is untouched. Staff only. Rooms: `staff`,
 * `user:<id>`, `group:<id>` per membership, `ticket:<number>` while viewing. With REDIS_URL, the
 * Redis adapter (node-redis pub/sub) spreads events and presence across processes; its channel key
 * is per installation (a database setting), so processes sharing a database share events.
 */
export const realtimePlugin: FastifyPluginAsync<RealtimePluginOptions> = async (app, opts) => {
  let io: RealtimeServer | null = null;
  const redis: Array<ReturnType<typeof createClient>> = [];

  app.addHook('onReady', async () => {
    const server: RealtimeServer = new Server(app.server, {
      path: '/socket.io',
      serveClient: false,
      allowRequest: (request, callback) => callback(null, sameOrigin(request, opts.config.publicUrl)),
    });
    if (opts.config.redisUrl) {
      const pub = createClient({ url: opts.config.redisUrl });
      const sub = pub.duplicate();
      for (const client of [pub, sub]) {
        client.on('error', (err: unknown) => app.log.warn({ err }, 'realtime redis client error'));
        redis.push(client);
      }
      await Promise.all([pub.connect(), sub.connect()]);
      const channel = await getOrCreateSetting(opts.db, 'realtime_channel', () => randomBytes(8).toString('hex'));
      server.adapter(createAdapter(pub, sub, { key: `pharos:${channel}`, requestsTimeout: 3000 }));
    }

    server.use((socket, next) => {
      const identify = async () => {
        const user = await authenticateSocket(opts.db, socket.request, socket.handshake.auth as Record<string, unknown>);
        if (!user) return false;
        socket.data.user = user;
        socket.data.groupIds = (await groupIdsOf(opts.db, [user.id])).get(user.id) ?? [];
        return true;
      };
      identify().then(
        (ok) => next(ok ? undefined : new Error('unauthorized')),
        (err: unknown) => next(err instanceof Error ? err : new Error('unauthorized')),
      );
    });

    // Synchronous: rooms are joined and handlers registered before the client learns it is connected.
    server.on('connection', (socket) => {
      const user = socket.data.user;
      void socket.join([STAFF_ROOM, userRoom(user.id), ...socket.data.groupIds.map(groupRoom)]);
      const viewed = new Set<number>();
      const ticketNumber = (payload: unknown) => {
        const id = Number((payload as { id?: unknown } | null)?.id);
        return Number.isInteger(id) && id > 0 && id < 2_000_000_000 ? id : null;
      };
      const announce = (id: number) => opts.hub.broadcastViewers(id).catch((err: unknown) => app.log.warn({ err }, 'realtime presence failed'));

      socket.on('ticket:view', async (payload) => {
        const id = ticketNumber(payload);
        if (id === null || (!viewed.has(id) && viewed.size >= MAX_VIEWED)) return;
        viewed.add(id);
        await socket.join(ticketRoom(id));
        await announce(id);
      });
      socket.on('ticket:leave', async (payload) => {
        const id = ticketNumber(payload);
        if (id === null || !viewed.delete(id)) return;
        await socket.leave(ticketRoom(id));
        await announce(id);
      });
      // Rooms are already left when 'disconnect' fires; tell the remaining viewers.
      socket.on('disconnect', () => {
        for (const id of viewed) void announce(id);
        viewed.clear();
      });
    });

    io = server;
    opts.hub.attach(server);
  });

  // Sockets are closed before Fastify closes the HTTP server (upgraded connections would hold it open).
  app.addHook('preClose', async () => {
    opts.hub.detach();
    if (!io) return;
    io.local.disconnectSockets(true);
    await io.of('/').adapter.close();
    io.engine.close();
  });

  app.addHook('onClose', async () => {
    await Promise.all(
      redis.map(async (client) => {
        try {
          if (client.isOpen) await client.close();
        } catch {
          client.destroy();
        }
      }),
    );
    io = null;
  });
};
