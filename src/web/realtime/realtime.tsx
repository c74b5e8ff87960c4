import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Comment, Ticket } from '../api/types.js';

/** Server → console events (docs/agent-api.md, Realtime). */
export interface ServerEvents {
  'ticket:created': { ticket: Ticket };
  'ticket:updated': { ticket: Ticket };
  'comment:created': { ticket_id: number; comment: Comment };
  'ticket:viewers': { id: number; viewers: Array<{ id: string; name: string }> };
  /** Local: the connection came back after a drop; events may have been missed. */
  resync: Record<string, never>;
}
export type ServerEventName = keyof ServerEvents;
type Handler<K extends ServerEventName> = (payload: ServerEvents[K]) => void;

interface Realtime {
  connected: boolean;
  on<K extends ServerEventName>(event: K, handler: Handler<K>): () => void;
  /** Announce / stop announcing that this agent has a ticket open (collision notice). */
  viewTicket(id: number): void;
  leaveTicket(id: number): void;
}

const RealtimeContext = createContext<Realtime | null>(null);

const EVENTS: ServerEventName[] = ['ticket:created', 'ticket:updated', 'comment:created', 'ticket:viewers'];

/**
 * One Socket.IO connection per signed-in console (the staff session cookie authenticates it). Events
 * fan out to subscribers; after a reconnect the open ticket is announced again and subscribers are
 * told to refetch (`ticket:updated` cannot be replayed, so lists reload on reconnect).
 */
export function RealtimeProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [connected, setConnected] = useState(false);
  const socketRef = useRef<Socket | null>(null);
  const handlers = useRef(new Map<ServerEventName, Set<(payload: unknown) => void>>());
  const viewing = useRef<number | null>(null);
  const [api] = useState<Realtime>(() => ({
    connected: false,
    on(event, handler) {
      let set = handlers.current.get(event);
      if (!set) handlers.current.set(event, (set = new Set()));
      set.add(handler as (payload: unknown) => void);
      return () => set.delete(handler as (payload: unknown) => void);
    },
    viewTicket(id) {
      viewing.current = id;
      socketRef.current?.emit('ticket:view', { id });
    },
    leaveTicket(id) {
      if (viewing.current === id) viewing.current = null;
      socketRef.current?.emit('ticket:leave', { id });
    },
  }));

  useEffect(() => {
    const socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'], reconnectionDelayMax: 10_000 });
    socketRef.current = socket;
    let everConnected = false;
    socket.on('connect', () => {
      setConnected(true);
      if (viewing.current !== null) socket.emit('ticket:view', { id: viewing.current });
      // After a reconnect, anything may have changed: ask lists to reload.
      if (everConnected) for (const handler of handlers.current.get('resync') ?? []) handler({});
      everConnected = true;
    });
    socket.on('disconnect', () => setConnected(false));
    for (const event of EVENTS) {
      socket.on(event, (payload: unknown) => {
        for (const handler of handlers.current.get(event) ?? []) handler(payload);
      });
    }
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [userId]);

  return <RealtimeContext.Provider value={{ ...api, connected }}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime outside RealtimeProvider');
  return value;
}

/** Subscribes for the component's lifetime; the latest handler is always called. */
export function useRealtimeEvent<K extends ServerEventName>(event: K, handler: Handler<K>) {
  const { on } = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => on(event, (payload) => latest.current(payload)), [on, event]);
}
