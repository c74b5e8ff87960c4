import type { FastifyBaseLogger } from 'fastify';
import type { Server } from 'socket.io';
import type { MembershipListener } from '../modules/staff/groups.service.js';
import type { TicketNotifier } from '../modules/tickets/tickets.service.js';

/** Server → console events (docs/agent-api.md, Realtime). */
export interface ServerToClientEvents {
  'ticket:created': (payload: { ticket: unknown }) => void;
  'ticket:updated': (payload: { ticket: unknown }) => void;
  'comment:created': (payload: { ticket_id: number; comment: unknown }) => void;
  'ticket:viewers': (payload: { id: number; viewers: Array<{ id: string; name: string }> }) => void;
}

export interface ClientToServerEvents {
  'ticket:view': (payload: { id: number }) => void;
  'ticket:leave': (payload: { id: number }) => void;
}

/** What a connection knows about its staff member. */
export interface SocketData {
  user: { id: string; name: string; role: 'agent' | 'admin' };
  groupIds: string[];
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** How the hub turns ids into the contract's payloads (the tickets service). */
export interface TicketPresenter {
  presentById(ticketId: string): Promise<unknown>;
  presentCommentById(ticketId: string, commentId: string): Promise<{ ticket_id: number; comment: unknown } | null>;
}

export const STAFF_ROOM = 'staff';
export const userRoom = (id: string) => `user:${id}`;
export const groupRoom = (id: string) => `group:${id}`;
export const ticketRoom = (number: number) => `ticket:${number}`;

/** Ticket updates of one ticket arriving within this window are sent once. */
const COALESCE_MS = 25;

/**
 * Publishes ticket events to staff. Until a Socket.IO server is attached (the app is ready) and
 * after it is detached (closing), every call is a no-op; emission never throws into the caller.
 */
export class RealtimeHub implements TicketNotifier, MembershipListener {
  private io: RealtimeServer | null = null;
  private presenter: TicketPresenter | null = null;
  private readonly pendingUpdates = new Map<string, NodeJS.Timeout>();

  constructor(private readonly log: Pick<FastifyBaseLogger, 'warn'>) {}

  bind(presenter: TicketPresenter): void {
    this.presenter = presenter;
  }

  attach(io: RealtimeServer): void {
    this.io = io;
  }

  detach(): void {
    this.io = null;
    for (const timer of this.pendingUpdates.values()) clearTimeout(timer);
    this.pendingUpdates.clear();
  }

  private run(what: string, task: () => Promise<void>): void {
    if (!this.io || !this.presenter) return;
    task().catch((err: unknown) => this.log.warn({ err }, `realtime ${what} failed`));
  }

  ticketCreated(ticketId: string): void {
    this.run('ticket:created', async () => {
      const ticket = await this.presenter!.presentById(ticketId);
      if (ticket) this.io?.to(STAFF_ROOM).emit('ticket:created', { ticket });
    });
  }

  ticketUpdated(ticketId: string): void {
    if (!this.io) return;
    clearTimeout(this.pendingUpdates.get(ticketId));
    const timer = setTimeout(() => {
      this.pendingUpdates.delete(ticketId);
      this.run('ticket:updated', async () => {
        const ticket = await this.presenter!.presentById(ticketId);
        if (ticket) this.io?.to(STAFF_ROOM).emit('ticket:updated', { ticket });
      });
    }, COALESCE_MS);
    timer.unref();
    this.pendingUpdates.set(ticketId, timer);
  }

  commentCreated(ticketId: string, commentId: string): void {
    this.run('comment:created', async () => {
      const payload = await this.presenter!.presentCommentById(ticketId, commentId);
      if (payload) this.io?.to(STAFF_ROOM).emit('comment:created', payload);
    });
  }

  /** Membership changes move the member's open connections (on every node) in or out of the group room. */
  joined(userId: string, groupId: string): void {
    this.io?.in(userRoom(userId)).socketsJoin(groupRoom(groupId));
  }

  left(userId: string, groupId: string): void {
    this.io?.in(userRoom(userId)).socketsLeave(groupRoom(groupId));
  }

  /** Tells everyone viewing ticket `number` who is viewing it (across nodes with the Redis adapter). */
  async broadcastViewers(number: number): Promise<void> {
    const io = this.io;
    if (!io) return;
    const sockets = await io.in(ticketRoom(number)).fetchSockets();
    const viewers = new Map<string, { id: string; name: string }>();
    for (const s of sockets) if (s.data.user) viewers.set(s.data.user.id, { id: s.data.user.id, name: s.data.user.name });
    io.to(ticketRoom(number)).emit('ticket:viewers', { id: number, viewers: [...viewers.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) });
  }
}
