import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, SessionTable, UserTable } from '../../db/schema.js';

/**
 * Server-side sessions. The browser holds a random 32-byte token; the row id is its SHA-256, so a
 * database leak yields no usable cookie. Full sessions slide (14 days since last use) within an
 * absolute limit (30 days since sign-in); sessions waiting for the TOTP step live 10 minutes.
 */
export const SESSION_IDLE_MS = 14 * 24 * 3600 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
export const TOTP_STAGE_MS = 10 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not all turn into writes. */
const TOUCH_EVERY_MS = 60 * 1000;

export type SessionStage = SessionTable['stage'];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: UserTable['role'];
  locale: string;
}

export interface ActiveSession {
  id: string;
  userId: string;
  stage: SessionStage;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  user: SessionUser;
}

export interface NewSession {
  /** The cookie value: shown to the browser once, never stored. */
  token: string;
  session: ActiveSession;
  /** Seconds the cookie should live (until the absolute expiry). */
  maxAgeSeconds: number;
}

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');
const iso = (ms: number) => new Date(ms).toISOString();

function expiryOf(stage: SessionStage, createdMs: number, lastSeenMs: number): number {
  if (stage === 'totp') return createdMs + TOTP_STAGE_MS;
  return Math.min(lastSeenMs + SESSION_IDLE_MS, createdMs + SESSION_ABSOLUTE_MS);
}

export interface CreateSessionInput {
  user: SessionUser;
  stage: SessionStage;
  ip: string;
  userAgent: string;
  /** Keeps the absolute lifetime of the session being replaced (rotation without a new sign-in). */
  createdAt?: string;
  now?: number;
}

export async function createSession(db: Kysely<Database>, input: CreateSessionInput): Promise<NewSession> {
  const nowMs = input.now ?? Date.now();
  const createdMs = input.createdAt ? Date.parse(input.createdAt) : nowMs;
  const token = randomToken();
  const id = sessionIdOf(token);
  const csrfToken = randomToken();
  const expiresMs = expiryOf(input.stage, createdMs, nowMs);
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: input.user.id,
      csrf_token: csrfToken,
      stage: input.stage,
      ip: input.ip.slice(0, 64),
      user_agent: input.userAgent.slice(0, 300),
      created_at: iso(createdMs),
      last_seen_at: iso(nowMs),
      expires_at: iso(expiresMs),
    })
    .execute();
  const absoluteMs = input.stage === 'totp' ? expiresMs : createdMs + SESSION_ABSOLUTE_MS;
  return {
    token,
    session: { id, userId: input.user.id, stage: input.stage, csrfToken, createdAt: iso(createdMs), expiresAt: iso(expiresMs), user: input.user },
    maxAgeSeconds: Math.max(1, Math.floor((absoluteMs - nowMs) / 1000)),
  };
}

/** The live session for a cookie value, sliding its expiry; null when unknown or expired. */
export async function resumeSession(db: Kysely<Database>, token: string, now: number = Date.now()): Promise<ActiveSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = sessionIdOf(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.stage',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.email',
      'users.name',
      'users.role',
      'users.locale',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at <= iso(now)) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  let expiresAt = row.expires_at;
  if (row.stage === 'full' && now - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
    expiresAt = iso(expiryOf('full', Date.parse(row.created_at), now));
    await db.updateTable('sessions').set({ last_seen_at: iso(now), expires_at: expiresAt }).where('id', '=', id).execute();
  }
  return {
    id: row.id,
    userId: row.user_id,
    stage: row.stage,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt,
    user: { id: row.user_id, email: row.email, name: row.name, role: row.role, locale: row.locale },
  };
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Signs the user out everywhere, optionally keeping one session (the one making the change). */
export async function deleteUserSessions(db: Kysely<Database>, userId: string, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

export async function purgeExpiredSessions(db: Kysely<Database>, now: number = Date.now()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', iso(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
