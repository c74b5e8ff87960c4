import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { t } from '../../i18n.js';
import { startOutboxWorker } from '../../jobs/outbox-worker.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/session.js';
import { LogTransport, type MailTransport } from '../mail/mail.transport.js';
import { RateLimiter } from '../ratelimit/ratelimit.service.js';
import { accountPages } from './accounts.pages.js';
import { presentUser } from './accounts.presenter.js';
import { AccountsService, type AccountLimits, type RequestContext, type SignInResult } from './accounts.service.js';
import type { NewSession } from './sessions.js';

export interface AccountsPluginOptions {
  db: Kysely<Database>;
  config: Config;
  /** Where the outbox worker delivers mail; the log transport (recipient, subject, template only) by default. */
  transport?: MailTransport;
  /** Run the outbox worker in this process (default true); an object tunes its polling. */
  outboxWorker?: boolean | { intervalMs?: number };
  /** Overrides of the sign-in, sign-up and email rate limits. */
  limits?: Partial<AccountLimits>;
}

const tags = ['Accounts'];
/** Anonymous form posts to these endpoints need the double-submit token; JSON does not (see CsrfPolicy). */
const always = { csrf: 'always' as const };

const ctxOf = (request: FastifyRequest): RequestContext => ({
  locale: request.locale,
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? '',
  session: request.authSession,
});

/** Sets the cookie of a new or rotated session and gives its CSRF token back to script clients. */
function withSession(reply: FastifyReply, session: NewSession | null): { csrf_token: string | null } {
  if (!session) return { csrf_token: null };
  setSessionCookie(reply, session);
  return { csrf_token: session.session.csrfToken };
}

function signedIn(reply: FastifyReply, result: SignInResult) {
  const { csrf_token } = withSession(reply, result.session);
  return result.stage === 'full' ? { stage: result.stage, user: presentUser(result.user), csrf_token } : { stage: result.stage, csrf_token };
}

/**
 * JSON API under /api/v2/accounts. Bodies are parsed by the service so that validation messages
 * are in the caller's language; cookie-session callers send `x-csrf-token` on every write.
 */
const accountsApi: FastifyPluginAsyncZod<{ service: AccountsService }> = async (app, { service }) => {
  const base = '/api/v2/accounts';
  const requireUser = { preHandler: app.requireUser };
  const userIdOf = (request: FastifyRequest) => request.actor.userId!;

  app.post(`${base}/signup`, { schema: { tags, summary: 'Create a customer account and sign in (sends a confirmation email)' }, config: always }, async (request, reply) => {
    const result = await service.signup(request.body, ctxOf(request));
    return reply.status(201).send(signedIn(reply, result));
  });

  app.post(
    `${base}/login`,
    { schema: { tags, summary: 'Sign in with email and password; stage "totp" means the code step is next' }, config: always },
    async (request, reply) => signedIn(reply, await service.login(request.body, ctxOf(request))),
  );

  app.post(`${base}/login/totp`, { schema: { tags, summary: 'Second sign-in step: a code from the authenticator app' }, config: always }, async (request, reply) =>
    signedIn(reply, await service.completeTotpLogin(request.body, ctxOf(request))),
  );

  app.post(`${base}/logout`, { schema: { tags, summary: 'End the cookie session' }, config: always }, async (request, reply) => {
    await service.logout(ctxOf(request));
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get(`${base}/me`, { schema: { tags, summary: 'The signed-in user (and the CSRF token of a cookie session)' }, ...requireUser }, async (request) => {
    const user = presentUser(await service.me(userIdOf(request)));
    return { user, csrf_token: request.authSession?.csrfToken ?? null };
  });

  app.post(`${base}/password`, { schema: { tags, summary: 'Change the password (ends every other session)' }, config: always, ...requireUser }, async (request, reply) =>
    withSession(reply, await service.changePassword(userIdOf(request), request.body, ctxOf(request))),
  );

  app.post(`${base}/password/forgot`, { schema: { tags, summary: 'Email a password-reset link (same answer whether or not the account exists)' }, config: always }, async (request, reply) => {
    await service.requestPasswordReset(request.body, ctxOf(request));
    return reply.status(202).send({ message: t(request.locale, 'accounts.api.resetRequested') });
  });

  app.post(`${base}/password/reset`, { schema: { tags, summary: 'Set a new password with a reset link token (ends every session)' }, config: always }, async (request, reply) => {
    await service.resetPassword(request.body, ctxOf(request));
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.post(`${base}/verify-email`, { schema: { tags, summary: 'Confirm the email address with the token from the email' }, config: always }, async (request) => {
    return { user: presentUser(await service.verifyEmail(request.body, ctxOf(request))) };
  });

  app.post(`${base}/verify-email/resend`, { schema: { tags, summary: 'Send a new confirmation link' }, config: always, ...requireUser }, async (request, reply) => {
    const sent = await service.resendVerification(userIdOf(request), ctxOf(request));
    return reply.status(sent ? 202 : 200).send({ sent, message: t(request.locale, sent ? 'accounts.api.verificationSent' : 'accounts.api.alreadyVerified') });
  });

  app.post(`${base}/totp/setup`, { schema: { tags, summary: 'Start two-factor set-up: secret, otpauth URL and QR code (SVG data URL)' }, config: always, ...requireUser }, async (request) => {
    const setup = await service.setupTotp(userIdOf(request), ctxOf(request));
    return { secret: setup.secret, otpauth_url: setup.otpauthUrl, qr_code: setup.qrCodeDataUrl };
  });

  app.post(`${base}/totp/enable`, { schema: { tags, summary: 'Turn two-factor authentication on with a valid code' }, config: always, ...requireUser }, async (request, reply) =>
    withSession(reply, await service.enableTotp(userIdOf(request), request.body, ctxOf(request))),
  );

  app.post(`${base}/totp/disable`, { schema: { tags, summary: 'Turn two-factor authentication off (password and code)' }, config: always, ...requireUser }, async (request, reply) =>
    withSession(reply, await service.disableTotp(userIdOf(request), request.body, ctxOf(request))),
  );

  // The anti-phishing phrase shown at the top of every email to the signed-in user (session or API token).
  const phrase = '/api/v2/users/me/anti_phishing_phrase';
  app.get(phrase, { schema: { tags, summary: 'My anti-phishing phrase (null when none is set)' }, ...requireUser }, async (request) => ({
    phrase: await service.antiPhishingPhrase(userIdOf(request)),
  }));

  app.put(phrase, { schema: { tags, summary: 'Set or change my anti-phishing phrase: body { phrase }, 4–32 characters, no links, not a secret' }, ...requireUser }, async (request) => ({
    phrase: await service.setAntiPhishingPhrase(userIdOf(request), request.body, ctxOf(request)),
  }));

  app.delete(phrase, { schema: { tags, summary: 'Remove my anti-phishing phrase' }, ...requireUser }, async (request, reply) => {
    await service.removeAntiPhishingPhrase(userIdOf(request));
    return reply.status(204).send();
  });
};

/**
 * Customer accounts: the JSON API, the sign-in/sign-up/account pages under /hc/:locale, the outbox
 * worker that delivers their email, and an hourly clean-up of expired sessions, tokens and
 * rate-limit windows. Needs `sessionPlugin` registered before it.
 */
export const accountsPlugin: FastifyPluginAsync<AccountsPluginOptions> = async (app, opts) => {
  if (!app.hasRequestDecorator('authSession')) throw new Error('accountsPlugin needs sessionPlugin (plugins/session.ts) registered before it');
  const limiter = new RateLimiter(opts.db);
  const service = new AccountsService(opts.db, opts.config, limiter, opts.limits);

  await app.register(accountsApi, { service });
  await app.register(accountPages, { service, config: opts.config });

  if (opts.outboxWorker !== false) {
    const intervalMs = typeof opts.outboxWorker === 'object' ? opts.outboxWorker.intervalMs : undefined;
    let stop: (() => Promise<void>) | null = null;
    app.addHook('onReady', async () => {
      stop = startOutboxWorker({
        db: opts.db,
        transport: opts.transport ?? new LogTransport(app.log),
        logger: app.log,
        ...(intervalMs !== undefined ? { intervalMs } : {}),
      });
    });
    app.addHook('onClose', async () => {
      await stop?.();
    });
  }

  const purge = setInterval(() => {
    service.purgeExpired().catch((err: unknown) => app.log.warn({ err }, 'accounts clean-up failed'));
  }, 3600 * 1000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));
};
