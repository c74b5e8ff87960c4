import { randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';
import { resumeSession, type ActiveSession, type NewSession } from '../modules/accounts/sessions.js';

export const SESSION_COOKIE = 'pharos_session';
export const CSRF_COOKIE = 'pharos_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/**
 * Per-route CSRF policy (route option `config: { csrf }`):
 * - 'session' (default): unsafe requests authenticated by the session cookie must carry the
 *   session's token (header x-csrf-token or form field _csrf).
 * - 'always': additionally, anonymous non-JSON posts must pass the double-submit check (form field
 *   or header equal to the pharos_csrf cookie) — for sign-in, sign-up and other anonymous forms.
 *   A cookie session in any stage (also the one waiting for the TOTP step) uses its own token.
 * - 'off': no check; the route must defend itself (e.g. an Origin check on a cacheable page form).
 * Requests authenticated by a Bearer token never need a CSRF token.
 */
export type CsrfPolicy = 'session' | 'always' | 'off';

declare module 'fastify' {
  interface FastifyRequest {
    /** The valid cookie session of this request, in any stage; null for Bearer and anonymous requests. */
    authSession: ActiveSession | null;
  }
  interface FastifyInstance {
    sessionSettings: { secureCookies: boolean };
    /** preHandler: any signed-in user (session or API token); 401 otherwise. */
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** preHandler: a signed-in customer; 401 when anonymous, 403 for staff. */
    requireCustomer: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyContextConfig {
    csrf?: CsrfPolicy;
  }
}

export interface SessionPluginOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'publicUrl'>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const anonymousCsrf = new WeakMap<FastifyRequest, string>();

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookieBase(reply: FastifyReply) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: reply.server.sessionSettings.secureCookies, path: '/' };
}

/** Sends the cookie of a session just created (sign-in, rotation). */
export function setSessionCookie(reply: FastifyReply, created: NewSession): void {
  reply.setCookie(SESSION_COOKIE, created.token, { ...cookieBase(reply), maxAge: created.maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieBase(reply));
}

/**
 * The CSRF token a page must embed in its forms (`<input type="hidden" name="_csrf">`) or a script
 * must send in `x-csrf-token`: the session's token when there is a cookie session, otherwise the
 * double-submit token (set as the pharos_csrf cookie the first time). Pages that embed it must not
 * be publicly cacheable.
 */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  if (request.authSession) return request.authSession.csrfToken;
  const known = anonymousCsrf.get(request) ?? request.cookies[CSRF_COOKIE];
  if (known && TOKEN_PATTERN.test(known)) {
    anonymousCsrf.set(request, known);
    return known;
  }
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, cookieBase(reply));
  anonymousCsrf.set(request, token);
  return token;
}

function submittedToken(request: FastifyRequest): string | null {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header) return header;
  const body = request.body;
  if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
    const field = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof field === 'string' && field) return field;
  }
  // Multipart bodies are streamed after this check; no-JS upload forms put the token in the action URL.
  if (request.headers['content-type']?.startsWith('multipart/form-data')) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    if (typeof query[CSRF_FIELD] === 'string' && query[CSRF_FIELD]) return query[CSRF_FIELD];
  }
  return null;
}

/** JSON cannot be sent cross-site without a CORS preflight, which Pharos never grants. */
function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Throws AppError('csrf_failed') (403) when an unsafe request lacks the token its policy needs. */
export function checkCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const policy: CsrfPolicy = request.routeOptions.config?.csrf ?? 'session';
  if (policy === 'off') return;
  if (request.actor.via === 'api-token' || request.actor.via === 'admin-token') return;
  const submitted = submittedToken(request);
  const session = request.authSession;
  if (session && (request.actor.via === 'session' || policy === 'always')) {
    if (!submitted || !sameSecret(submitted, session.csrfToken)) throw new AppError('csrf_failed');
    return;
  }
  if (policy !== 'always' || isJson(request)) return;
  const cookieToken = request.cookies[CSRF_COOKIE];
  if (!cookieToken || !submitted || !sameSecret(submitted, cookieToken)) throw new AppError('csrf_failed');
}

/**
 * Cookie sessions: resolves `pharos_session` into `request.authSession` and, for a full-stage
 * session, `request.actor` (via 'session'). A request with an Authorization header is left to
 * the Bearer plugin — Bearer wins. Also enforces CSRF on unsafe methods (see CsrfPolicy).
 */
export const sessionPlugin = fp<SessionPluginOptions>(
  async (app, opts) => {
    if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
    app.decorate('sessionSettings', { secureCookies: new URL(opts.config.publicUrl).protocol === 'https:' });
    app.decorateRequest('authSession', null);

    app.addHook('onRequest', async (request, reply) => {
      request.authSession = null;
      if (request.headers.authorization) return;
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const session = await resumeSession(opts.db, token);
      if (!session) {
        clearSessionCookie(reply);
        return;
      }
      request.authSession = session;
      if (session.stage === 'full') {
        request.actor = { kind: session.user.role, userId: session.userId, label: session.user.email, via: 'session' };
      }
    });

    app.addHook('preValidation', async (request) => checkCsrf(request));

    app.decorate('requireUser', async (request: FastifyRequest) => {
      if (!request.actor.userId) throw new AppError('sign_in_required');
    });
    app.decorate('requireCustomer', async (request: FastifyRequest) => {
      if (!request.actor.userId) throw new AppError('sign_in_required');
      if (request.actor.kind !== 'customer') throw new AppError('forbidden');
    });
  },
  { name: 'pharos-session', dependencies: ['pharos-locale', 'pharos-auth'] },
);
