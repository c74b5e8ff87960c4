import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { type Locale } from '../../../shared/locales.js';
import { clearSessionCookie, csrfTokenFor, setSessionCookie } from '../../plugins/session.js';
import { errorPage, withQuery, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { statusNoticesOf } from '../status/status.board.js';
import { ACCOUNTS_CSS, ACCOUNTS_CSS_ETAG } from './accounts.css.js';
import { presentUser } from './accounts.presenter.js';
import type { AccountsService, RequestContext } from './accounts.service.js';
import {
  accountPage,
  accountPaths,
  csrfFailedPage,
  forgotPage,
  invalidLinkPage,
  isNotice,
  resetPage,
  signinPage,
  signinTotpPage,
  signupPage,
  totpSetupPage,
  verifyPage,
  type AccountForm,
  type FormState,
  type NoticeKey,
} from './accounts.views.js';
import { addPageSecurityHeaders, pageSecurityHeaders } from '../helpcenter/page-security.js';
import { pageLocale, queryValue } from '../helpcenter/page-request.js';

export interface AccountPagesOptions {
  service: AccountsService;
  config: Config;
}

/** Same policy as the help center, but nothing here is cacheable and no referrer leaves (links carry tokens). */
const SECURITY_HEADERS = pageSecurityHeaders({ noReferrer: true, noStore: true });

const hide = { schema: { hide: true } } as const;
const csrfAlways = { schema: { hide: true }, config: { csrf: 'always' as const } };

type LocaleParams = { Params: { locale: string } };
type Body = Record<string, unknown>;

/** Only help-center paths of this site may be a post-sign-in destination (no open redirect). */
export function safeNext(raw: string): string | undefined {
  if (!raw || raw.length > 500) return undefined;
  if (!/^\/hc\/(zh-cn|en-us)(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?$/.test(raw)) return undefined;
  if (raw.includes('//') || raw.includes('\\')) return undefined;
  return raw;
}

/** Where to send someone who must sign in first (pages of other modules can use it too). */
export function signinRedirect(reply: FastifyReply, locale: Locale, next?: string): FastifyReply {
  const target = safeNext(next ?? '');
  return reply.redirect(withQuery(accountPaths.signin(locale), { next: target, notice: 'signin_required' }), 303);
}

const bodyOf = (request: FastifyRequest): Body => (request.body && typeof request.body === 'object' ? (request.body as Body) : {});

/** The typed values a form shows again (passwords are never echoed). */
function echo(body: Body, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = body[name];
    if (typeof value === 'string') out[name] = value.slice(0, 300);
  }
  return out;
}

/** Turns a service error into what the form shows: field messages where they belong, an alert otherwise. */
function formStateOf(error: AppError, locale: Locale, fields: string[], values: Record<string, string>): FormState {
  const details = error.details ?? [];
  const fieldErrors = details.filter((d) => fields.includes(d.path));
  if (fieldErrors.length && fieldErrors.length === details.length) return { values, errors: fieldErrors };
  return { values, errors: fieldErrors, alert: error.localizedMessage(locale) };
}

export const accountPages: FastifyPluginAsync<AccountPagesOptions> = async (app, { service, config }) => {
  const site: SiteContext = { brand: config.brand, publicUrl: config.publicUrl, statusNotices: statusNoticesOf(app) };

  const ctxOf = (request: FastifyRequest): RequestContext => ({
    locale: request.locale,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
    session: request.authSession,
  });

  const send = (reply: FastifyReply, status: number, body: string) => reply.status(status).type('text/html; charset=utf-8').send(body);

  /** A failed form post: the page again, with the error's status (and Retry-After when rate limited). */
  const failed = (reply: FastifyReply, error: AppError, body: string) => {
    if (error.code === 'rate_limited' && error.params.seconds) reply.header('retry-after', String(error.params.seconds));
    return send(reply, error.status, body);
  };

  addPageSecurityHeaders(app, SECURITY_HEADERS);

  app.setErrorHandler(async (error: FastifyError | AppError | Error, request, reply) => {
    const locale = request.locale;
    if (error instanceof AppError && error.code === 'csrf_failed') {
      const path = request.url.split('?')[0] ?? '';
      const retry = /\/(account|signout)(\/|$)/.test(path) ? accountPaths.account(locale) : /\/password\/reset$/.test(path) ? accountPaths.forgot(locale) : request.url;
      return send(reply, 403, csrfFailedPage(site, locale, retry));
    }
    if (error instanceof AppError && error.status === 404) return send(reply, 404, errorPage(site, locale, 'not_found'));
    if (error instanceof AppError && error.status < 500) {
      if (error.code === 'rate_limited' && error.params.seconds) reply.header('retry-after', String(error.params.seconds));
      return send(reply, error.status, errorPage(site, locale, 'bad_request', { text: error.localizedMessage(locale) }));
    }
    const status = (error as FastifyError).statusCode;
    if (!(error instanceof AppError) && typeof status === 'number' && status < 500) {
      return send(reply, status, errorPage(site, locale, 'bad_request', { text: error.message }));
    }
    const reference = randomUUID();
    request.log.error({ err: error, reference }, 'account page failed');
    return send(reply, 500, errorPage(site, locale, 'server', { reference }));
  });

  /** The :locale segment: 404 when unknown, 301 to the canonical spelling of a variant (GET only). */
  const localeOf = (request: FastifyRequest<LocaleParams>, reply: FastifyReply): Locale | null =>
    pageLocale(request, reply, { notFound: () => send(reply, 404, errorPage(site, request.locale, 'not_found')) });

  const noticeOf = (request: FastifyRequest): NoticeKey | undefined => {
    const value = queryValue(request.query, 'notice');
    return isNotice(value) ? value : undefined;
  };
  const nextOf = (request: FastifyRequest) => safeNext(queryValue(request.query, 'next'));

  /** Runs a service call; an AppError comes back as a value so the form can be shown again. */
  const attempt = async <T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> => {
    try {
      return { ok: true, value: await fn() };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err };
      throw err;
    }
  };

  app.get('/hc/assets/accounts.css', hide, async (request, reply) => {
    reply.header('etag', ACCOUNTS_CSS_ETAG).header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === ACCOUNTS_CSS_ETAG) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(ACCOUNTS_CSS);
  });

  // --- Sign in ---------------------------------------------------------------------------------

  app.get<LocaleParams>('/hc/:locale/signin', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const next = nextOf(request);
    if (request.actor.userId) return reply.redirect(next ?? accountPaths.account(locale), 303);
    return send(reply, 200, signinPage(site, locale, { csrf: csrfTokenFor(request, reply), state: {}, next, notice: noticeOf(request) }));
  });

  app.post<LocaleParams>('/hc/:locale/signin', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const next = nextOf(request);
    const body = bodyOf(request);
    const result = await attempt(() => service.login(body, ctxOf(request)));
    if (!result.ok) {
      const state = formStateOf(result.error, locale, ['email', 'password'], echo(body, ['email']));
      return failed(reply, result.error, signinPage(site, locale, { csrf: csrfTokenFor(request, reply), state, next }));
    }
    setSessionCookie(reply, result.value.session);
    if (result.value.stage === 'totp') return reply.redirect(withQuery(accountPaths.signinTotp(locale), { next }), 303);
    return reply.redirect(next ?? accountPaths.account(locale), 303);
  });

  app.get<LocaleParams>('/hc/:locale/signin/2fa', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const next = nextOf(request);
    if (request.actor.userId) return reply.redirect(next ?? accountPaths.account(locale), 303);
    if (request.authSession?.stage !== 'totp') return reply.redirect(withQuery(accountPaths.signin(locale), { next }), 303);
    return send(reply, 200, signinTotpPage(site, locale, { csrf: csrfTokenFor(request, reply), state: {}, next }));
  });

  app.post<LocaleParams>('/hc/:locale/signin/2fa', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const next = nextOf(request);
    if (request.authSession?.stage !== 'totp') return reply.redirect(withQuery(accountPaths.signin(locale), { next }), 303);
    const result = await attempt(() => service.completeTotpLogin(bodyOf(request), ctxOf(request)));
    if (!result.ok) {
      return failed(reply, result.error, signinTotpPage(site, locale, { csrf: csrfTokenFor(request, reply), state: formStateOf(result.error, locale, ['code'], {}), next }));
    }
    setSessionCookie(reply, result.value.session);
    return reply.redirect(next ?? accountPaths.account(locale), 303);
  });

  // --- Sign up and sign out --------------------------------------------------------------------

  app.get<LocaleParams>('/hc/:locale/signup', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const next = nextOf(request);
    if (request.actor.userId) return reply.redirect(next ?? accountPaths.account(locale), 303);
    return send(reply, 200, signupPage(site, locale, { csrf: csrfTokenFor(request, reply), state: {}, next }));
  });

  app.post<LocaleParams>('/hc/:locale/signup', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const next = nextOf(request);
    const body = bodyOf(request);
    const result = await attempt(() => service.signup(body, ctxOf(request)));
    if (!result.ok) {
      const state = formStateOf(result.error, locale, ['email', 'password', 'name'], echo(body, ['email', 'name']));
      return failed(reply, result.error, signupPage(site, locale, { csrf: csrfTokenFor(request, reply), state, next }));
    }
    setSessionCookie(reply, result.value.session);
    return reply.redirect(next ?? withQuery(accountPaths.account(locale), { notice: 'signed_up' }), 303);
  });

  app.post<LocaleParams>('/hc/:locale/signout', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    await service.logout(ctxOf(request));
    clearSessionCookie(reply);
    return reply.redirect(withQuery(accountPaths.signin(locale), { notice: 'signed_out' }), 303);
  });

  // --- Forgotten password ----------------------------------------------------------------------

  app.get<LocaleParams>('/hc/:locale/password/forgot', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    return send(reply, 200, forgotPage(site, locale, { csrf: csrfTokenFor(request, reply), state: {}, sent: queryValue(request.query, 'sent') === '1' }));
  });

  app.post<LocaleParams>('/hc/:locale/password/forgot', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const body = bodyOf(request);
    const result = await attempt(() => service.requestPasswordReset(body, ctxOf(request)));
    if (!result.ok) {
      const state = formStateOf(result.error, locale, ['email'], echo(body, ['email']));
      return failed(reply, result.error, forgotPage(site, locale, { csrf: csrfTokenFor(request, reply), state, sent: false }));
    }
    return reply.redirect(withQuery(accountPaths.forgot(locale), { sent: 1 }), 303);
  });

  app.get<LocaleParams>('/hc/:locale/password/reset', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const token = queryValue(request.query, 'token');
    if (!(await service.resetTokenUsable(token))) return send(reply, 400, invalidLinkPage(site, locale, 'reset'));
    return send(reply, 200, resetPage(site, locale, { csrf: csrfTokenFor(request, reply), token, state: {} }));
  });

  app.post<LocaleParams>('/hc/:locale/password/reset', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const body = bodyOf(request);
    const result = await attempt(() => service.resetPassword(body, ctxOf(request)));
    if (!result.ok) {
      if (result.error.code === 'token_invalid') return send(reply, 400, invalidLinkPage(site, locale, 'reset'));
      const token = typeof body.token === 'string' ? body.token : '';
      return failed(reply, result.error, resetPage(site, locale, { csrf: csrfTokenFor(request, reply), token, state: formStateOf(result.error, locale, ['password'], {}) }));
    }
    clearSessionCookie(reply);
    return reply.redirect(withQuery(accountPaths.signin(locale), { notice: 'password_reset' }), 303);
  });

  // --- Email confirmation ----------------------------------------------------------------------

  // Opening the link shows a button; the POST confirms. Mail scanners that follow links do not.
  app.get<LocaleParams>('/hc/:locale/verify-email', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const token = queryValue(request.query, 'token');
    if (!(await service.verifyEmailTokenUsable(token))) return send(reply, 400, invalidLinkPage(site, locale, 'verify'));
    return send(reply, 200, verifyPage(site, locale, { csrf: csrfTokenFor(request, reply), token, state: {} }));
  });

  app.post<LocaleParams>('/hc/:locale/verify-email', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const body = bodyOf(request);
    const result = await attempt(() => service.verifyEmail(body, ctxOf(request)));
    if (!result.ok) {
      if (result.error.code === 'token_invalid') return send(reply, 400, invalidLinkPage(site, locale, 'verify'));
      const token = typeof body.token === 'string' ? body.token : '';
      return failed(reply, result.error, verifyPage(site, locale, { csrf: csrfTokenFor(request, reply), token, state: formStateOf(result.error, locale, [], {}) }));
    }
    const target = request.actor.userId ? accountPaths.account(locale) : accountPaths.signin(locale);
    return reply.redirect(withQuery(target, { notice: 'verified' }), 303);
  });

  // --- My account ------------------------------------------------------------------------------

  /** The signed-in user's id, or null after redirecting to the sign-in page. */
  const userIdOf = (request: FastifyRequest, reply: FastifyReply, locale: Locale): string | null => {
    if (request.actor.userId) return request.actor.userId;
    void signinRedirect(reply, locale, request.method === 'GET' ? request.url : accountPaths.account(locale));
    return null;
  };

  const renderAccount = async (request: FastifyRequest, reply: FastifyReply, locale: Locale, userId: string, status: number, form?: { name: AccountForm; error: AppError; state: FormState }) => {
    const row = await service.me(userId);
    const user = presentUser(row);
    const html = accountPage(site, locale, {
      csrf: csrfTokenFor(request, reply),
      user,
      phrase: row.anti_phishing_phrase ?? null,
      notice: form ? undefined : noticeOf(request),
      ...(form ? { form: form.name, state: form.state } : {}),
    });
    return form ? failed(reply, form.error, html) : send(reply, status, html);
  };

  app.get<LocaleParams>('/hc/:locale/account', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    return renderAccount(request, reply, locale, userId, 200);
  });

  app.post<LocaleParams>('/hc/:locale/account/password', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    const result = await attempt(() => service.changePassword(userId, bodyOf(request), ctxOf(request)));
    if (!result.ok) {
      return renderAccount(request, reply, locale, userId, result.error.status, { name: 'password', error: result.error, state: formStateOf(result.error, locale, ['current_password', 'new_password'], {}) });
    }
    if (result.value) setSessionCookie(reply, result.value);
    return reply.redirect(withQuery(accountPaths.account(locale), { notice: 'password_changed' }), 303);
  });

  app.post<LocaleParams>('/hc/:locale/account/anti-phishing', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    const body = bodyOf(request);
    const result = await attempt(() => service.setAntiPhishingPhrase(userId, body, ctxOf(request)));
    if (!result.ok) {
      return renderAccount(request, reply, locale, userId, result.error.status, { name: 'phrase', error: result.error, state: formStateOf(result.error, locale, ['phrase'], echo(body, ['phrase'])) });
    }
    return reply.redirect(withQuery(accountPaths.account(locale), { notice: 'phrase_saved' }), 303);
  });

  app.post<LocaleParams>('/hc/:locale/account/anti-phishing/remove', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    await service.removeAntiPhishingPhrase(userId);
    return reply.redirect(withQuery(accountPaths.account(locale), { notice: 'phrase_removed' }), 303);
  });

  app.post<LocaleParams>('/hc/:locale/account/verify-email', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    const result = await attempt(() => service.resendVerification(userId, ctxOf(request)));
    if (!result.ok) return renderAccount(request, reply, locale, userId, result.error.status, { name: 'resend', error: result.error, state: formStateOf(result.error, locale, [], {}) });
    return reply.redirect(withQuery(accountPaths.account(locale), { notice: result.value ? 'verification_sent' : 'verified' }), 303);
  });

  app.post<LocaleParams>('/hc/:locale/account/2fa', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    const result = await attempt(() => service.setupTotp(userId, ctxOf(request)));
    if (!result.ok) return reply.redirect(accountPaths.account(locale), 303);
    return reply.redirect(accountPaths.accountTotp(locale), 303);
  });

  app.get<LocaleParams>('/hc/:locale/account/2fa', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    const setup = await service.pendingTotp(userId);
    if (!setup) return reply.redirect(accountPaths.account(locale), 303);
    return send(reply, 200, totpSetupPage(site, locale, { csrf: csrfTokenFor(request, reply), setup, state: {} }));
  });

  app.post<LocaleParams>('/hc/:locale/account/2fa/enable', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    const result = await attempt(() => service.enableTotp(userId, bodyOf(request), ctxOf(request)));
    if (!result.ok) {
      const setup = await service.pendingTotp(userId);
      if (!setup) return reply.redirect(accountPaths.account(locale), 303);
      return failed(reply, result.error, totpSetupPage(site, locale, { csrf: csrfTokenFor(request, reply), setup, state: formStateOf(result.error, locale, ['code'], {}) }));
    }
    if (result.value) setSessionCookie(reply, result.value);
    return reply.redirect(withQuery(accountPaths.account(locale), { notice: 'totp_enabled' }), 303);
  });

  app.post<LocaleParams>('/hc/:locale/account/2fa/disable', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = userIdOf(request, reply, locale);
    if (!userId) return reply;
    const result = await attempt(() => service.disableTotp(userId, bodyOf(request), ctxOf(request)));
    if (!result.ok) {
      return renderAccount(request, reply, locale, userId, result.error.status, { name: 'disable', error: result.error, state: formStateOf(result.error, locale, ['password', 'code'], {}) });
    }
    if (result.value) setSessionCookie(reply, result.value);
    return reply.redirect(withQuery(accountPaths.account(locale), { notice: 'totp_disabled' }), 303);
  });
};
