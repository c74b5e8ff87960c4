import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { buildApp } from '../../src/server/app.js';
import type { TestApp } from '../helpers/app.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/db.js';
import { createUserWithToken } from '../helpers/users.js';
import { createAgentApp, createCustomer, staffSignIn, submitTicket, waitForPgConnections, type StaffClient } from '../staff/helpers.js';

const REDIS_URL = process.env.PHAROS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Viewers {
  id: number;
  viewers: Array<{ id: string; name: string }>;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const sockets: Socket[] = [];

function open(base: string, cookie?: string, auth?: Record<string, string>): Socket {
  const socket = connect(base, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie: `pharos_session=${cookie}` } } : {}),
    ...(auth ? { auth } : {}),
  });
  sockets.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

function refused(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, expected a refusal')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

/** The next `event` payload matching `match` (within `ms`). */
function next<T>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching ${event} within ${ms} ms`));
    }, ms);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

const names = (v: Viewers) => v.viewers.map((x) => x.name).sort();

function closeSockets() {
  for (const s of sockets.splice(0)) s.close();
}

describe.each(DIALECTS)('realtime on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let ann: StaffClient;
  let bo: StaffClient;
  beforeAll(async () => {
    t = await createAgentApp(dialect);
    base = await listen(t.app);
    ann = await staffSignIn(t.app, { role: 'agent', name: 'Ann' });
    bo = await staffSignIn(t.app, { role: 'admin', name: 'Bo' });
  });
  afterAll(async () => {
    closeSockets();
    await t?.close();
  });

  it('refuses connections without a staff session', async () => {
    expect(await refused(open(base))).toBe('unauthorized');
    const customer = await createCustomer(t.app.services.database.db);
    const token = customer.headers.authorization.replace('Bearer ', '');
    expect(await refused(open(base, undefined, { token }))).toBe('unauthorized');
    expect(await refused(open(base, 'A'.repeat(43)))).toBe('unauthorized');
    // Integrations may use a staff API token instead of the cookie.
    const integration = await createUserWithToken(t.app.services.database.db, 'agent');
    const viaToken = open(base, undefined, { token: integration.headers.authorization.replace('Bearer ', '') });
    await connected(viaToken);
    viaToken.close();
  });

  it('pushes ticket:created to every staff connection when a customer submits', async () => {
    const a = open(base, ann.cookie);
    const b = open(base, bo.cookie);
    await Promise.all([connected(a), connected(b)]);
    const customer = await createCustomer(t.app.services.database.db);
    const gotA = next<{ ticket: { id: number; subject: string } }>(a, 'ticket:created');
    const gotB = next<{ ticket: { id: number; subject: string } }>(b, 'ticket:created');
    const number = await submitTicket(t.app, customer, { subject: 'Realtime hello', body: 'Testing that staff see new tickets as they arrive.' });
    const [ea, eb] = await Promise.all([gotA, gotB]);
    expect(ea.ticket).toMatchObject({ id: number, subject: 'Realtime hello', status: 'new', sla: { breached: [] } });
    expect(eb.ticket.id).toBe(number);
    closeSockets();
  });

  it('lists everyone viewing a ticket (collision notice) and forgets them when they leave or disconnect', async () => {
    const customer = await createCustomer(t.app.services.database.db);
    const number = await submitTicket(t.app, customer);
    const a = open(base, ann.cookie);
    const b = open(base, bo.cookie);
    await Promise.all([connected(a), connected(b)]);

    const aSeesOne = next<Viewers>(a, 'ticket:viewers', (v) => v.id === number && v.viewers.length === 1);
    a.emit('ticket:view', { id: number });
    expect(names(await aSeesOne)).toEqual(['Ann']);

    const aSeesBoth = next<Viewers>(a, 'ticket:viewers', (v) => v.id === number && v.viewers.length === 2);
    const bSeesBoth = next<Viewers>(b, 'ticket:viewers', (v) => v.id === number && v.viewers.length === 2);
    b.emit('ticket:view', { id: number });
    expect(names(await aSeesBoth)).toEqual(['Ann', 'Bo']);
    expect(names(await bSeesBoth)).toEqual(['Ann', 'Bo']);

    // Comments and updates reach the other console.
    const comment = next<{ ticket_id: number; comment: { body: string; public: boolean } }>(b, 'comment:created', (p) => p.ticket_id === number);
    const updated = next<{ ticket: { id: number; status: string } }>(b, 'ticket:updated', (p) => p.ticket.id === number && p.ticket.status === 'pending');
    await ann.request('PUT', `/api/v2/tickets/${number}`, { ticket: { comment: { body: 'On it.', public: true } } });
    expect((await comment).comment).toMatchObject({ body: 'On it.', public: true });
    await updated;

    const aAlone = next<Viewers>(a, 'ticket:viewers', (v) => v.id === number && v.viewers.length === 1);
    b.emit('ticket:leave', { id: number });
    expect(names(await aAlone)).toEqual(['Ann']);

    const aWithBo = next<Viewers>(a, 'ticket:viewers', (v) => v.id === number && v.viewers.length === 2);
    b.emit('ticket:view', { id: number });
    await aWithBo;
    const afterDisconnect = next<Viewers>(a, 'ticket:viewers', (v) => v.id === number && v.viewers.length === 1);
    b.disconnect();
    expect(names(await afterDisconnect)).toEqual(['Ann']);
    closeSockets();
  });

  it('drops a connection when its staff session has expired at connect time', async () => {
    const cy = await staffSignIn(t.app, { role: 'agent', name: 'Cy' });
    await t.app.services.database.db.updateTable('staff_sessions').set({ last_active_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('user_id', '=', cy.user.id).execute();
    expect(await refused(open(base, cy.cookie))).toBe('unauthorized');
  });
});

describe.each(DIALECTS)('realtime across two processes via Redis on %s', (dialect) => {
  let db: TestDatabase;
  let one: FastifyInstance;
  let two: FastifyInstance;
  let baseOne: string;
  let baseTwo: string;
  beforeAll(async () => {
    db = await createTestDatabase(dialect, { REDIS_URL });
    one = await buildApp(db.config, { mailWorker: false, backgroundJobs: false });
    two = await buildApp(db.config, { mailWorker: false, backgroundJobs: false });
    baseOne = await listen(one);
    baseTwo = await listen(two);
  });
  afterAll(async () => {
    closeSockets();
    await one?.close();
    await two?.close();
    if (db) {
      await waitForPgConnections(db.config);
      await db.cleanup();
    }
  });

  it('relays events and presence between app instances sharing one database', async () => {
    expect(db.config.redisUrl).toBe(REDIS_URL);
    // The second instance found the bundled macros already imported (first start only).
    const macros = await one.services.database.db.selectFrom('macros').select('source_key').execute();
    expect(macros.map((m) => m.source_key).sort()).toEqual(['deposit_investigating', 'greeting_more_info', 'security_account_locked', 'solved_confirmation', 'verification_under_review']);
    const ann = await staffSignIn(one, { role: 'agent', name: 'Ann' });
    const bo = await staffSignIn(two, { role: 'agent', name: 'Bo' });
    // A session opened on one instance works on the other (shared database).
    expect((await two.inject({ url: '/api/v2/staff/me', headers: ann.headers })).statusCode).toBe(200);

    const onOne = open(baseOne, ann.cookie);
    const onTwo = open(baseTwo, bo.cookie);
    await Promise.all([connected(onOne), connected(onTwo)]);

    const customer = await createCustomer(one.services.database.db);
    const seenOnOne = next<{ ticket: { id: number } }>(onOne, 'ticket:created');
    const seenOnTwo = next<{ ticket: { id: number } }>(onTwo, 'ticket:created');
    const number = await submitTicket(two, customer, { subject: 'Across processes', body: 'Submitted on instance two, seen on instance one.' });
    expect((await seenOnOne).ticket.id).toBe(number);
    expect((await seenOnTwo).ticket.id).toBe(number);

    const oneSeesBoth = next<Viewers>(onOne, 'ticket:viewers', (v) => v.id === number && v.viewers.length === 2);
    onOne.emit('ticket:view', { id: number });
    await next<Viewers>(onOne, 'ticket:viewers', (v) => v.id === number);
    onTwo.emit('ticket:view', { id: number });
    expect(names(await oneSeesBoth)).toEqual(['Ann', 'Bo']);

    const oneAlone = next<Viewers>(onOne, 'ticket:viewers', (v) => v.id === number && v.viewers.length === 1);
    onTwo.disconnect();
    expect(names(await oneAlone)).toEqual(['Ann']);

    // Closing an instance disconnects its sockets.
    const closed = new Promise<string>((resolve) => onOne.once('disconnect', (reason) => resolve(reason)));
    await one.close();
    expect(await closed).toMatch(/transport close|io server disconnect/);
  });
});
