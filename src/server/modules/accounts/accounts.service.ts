import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { enqueueMail } from '../mail/mail.outbox.js';
import { rateLimited, type RateLimiter } from '../ratelimit/ratelimit.service.js';
import { checkPasswordPolicy } from './accounts.policy.js';
import {
  acceptTotpStep,
  consumeEmailToken,
  deleteStaleEmailTokens,
  disableTotp,
  enableTotp,
  findUserByEmail,
  findUserById,
  findUsableEmailToken,
  insertCustomer,
  insertEmailToken,
  markEmailVerified,
  retireEmailTokens,
  setAntiPhishingPhrase,
  setPasswordHash,
  setPendingTotpSecret,
  type EmailTokenPurpose,
  type UserRow,
} from './accounts.queries.js';
import {
  changePasswordInput,
  disableTotpInput,
  fieldMessage,
  forgotPasswordInput,
  invalidFields,
  loginInput,
  parseInput,
  resetPasswordInput,
  signupInput,
  totpCodeInput,
  verifyEmailInput,
  type FieldError,
} from './accounts.validation.js';
import { normalizeAntiPhishingPhrase } from './anti-phishing.js';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password.js';
import { createSession, deleteSession, deleteUserSessions, purgeExpiredSessions, type ActiveSession, type NewSession, type SessionUser } from './sessions.js';
import { newTotpSecret, qrCodeDataUrl, totpStep, totpUri } from './totp.js';

/** Limits per fixed window. Windows: login/TOTP/password checks 15 min; sign-up and emails 1 h. */
export interface AccountLimits {
  loginFailuresPerEmail: number;
  loginAttemptsPerIp: number;
  signupsPerIp: number;
  resetRequestsPerIp: number;
  resetEmailsPerAddress: number;
  tokenAttemptsPerIp: number;
  totpFailuresPerUser: number;
  passwordFailuresPerUser: number;
  verificationEmailsPerUser: number;
}

export const DEFAULT_LIMITS: AccountLimits = {
  loginFailuresPerEmail: 5,
  loginAttemptsPerIp: 30,
  signupsPerIp: 10,
  resetRequestsPerIp: 10,
  resetEmailsPerAddress: 3,
  tokenAttemptsPerIp: 30,
  totpFailuresPerUser: 5,
  passwordFailuresPerUser: 5,
  verificationEmailsPerUser: 3,
};

const QUARTER_HOUR = 15 * 60;
const HOUR = 3600;
const VERIFY_TTL_MS = 24 * 3600 * 1000;
const RESET_TTL_MS = 3600 * 1000;

/** Who is asking: the language for messages and emails, and what to record on sessions. */
export interface RequestContext {
  locale: Locale;
  ip: string;
  userAgent: string;
  /** The cookie session this request came with, if any (rotated or ended by some operations). */
  session: ActiveSession | null;
}

export interface SignInResult {
  user: UserRow;
  stage: 'full' | 'totp';
  session: NewSession;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** Rate-limit keys hold a hash, not the address: the table would otherwise list every email tried. */
const emailKey = (email: string) => sha256(email.trim().toLowerCase()).slice(0, 32);
const sessionUser = (row: UserRow): SessionUser => ({ id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale });

export class AccountsService {
  private readonly limits: AccountLimits;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Pick<Config, 'publicUrl' | 'brand'>,
    private readonly limiter: RateLimiter,
    limits: Partial<AccountLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  // ------------------------------------------------------------------------------------------
  // Links and mail

  private link(locale: Locale, path: string, token?: string): string {
    const url = `${this.config.publicUrl}/hc/${locale}/${path}`;
    return token ? `${url}?token=${encodeURIComponent(token)}` : url;
  }

  private async issueEmailToken(db: Kysely<Database>, userId: string, purpose: EmailTokenPurpose, ttlMs: number): Promise<string> {
    const now = nowIso();
    await retireEmailTokens(db, userId, purpose, now);
    const token = randomBytes(32).toString('base64url');
    await insertEmailToken(db, { id: newId('etk'), userId, purpose, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlMs).toISOString(), now });
    return token;
  }

  // Mail to a user whose row is at hand carries its phrase, so the outbox need not look it up.
  private async sendVerification(db: Kysely<Database>, user: Pick<UserRow, 'id' | 'email' | 'anti_phishing_phrase'>, locale: Locale): Promise<void> {
    const token = await this.issueEmailToken(db, user.id, 'verify_email', VERIFY_TTL_MS);
    await enqueueMail(db, { to: user.email, template: 'verify_email', locale, params: { link: this.link(locale, 'verify-email', token) }, brand: this.config.brand, recipientPhrase: user.anti_phishing_phrase ?? null });
  }

  private async notify(db: Kysely<Database>, user: Pick<UserRow, 'email' | 'anti_phishing_phrase'>, template: 'password_changed' | 'totp_enabled' | 'totp_disabled', locale: Locale): Promise<void> {
    await enqueueMail(db, { to: user.email, template, locale, params: { time: nowIso(), resetLink: this.link(locale, 'password/forgot') }, brand: this.config.brand, recipientPhrase: user.anti_phishing_phrase ?? null });
  }

  private async limit(key: string, limit: number, windowSeconds: number): Promise<void> {
    await this.limiter.consume(key, limit, windowSeconds);
  }

  private async guardFailures(key: string, limit: number): Promise<void> {
    const state = await this.limiter.peek(key, limit);
    if (!state.allowed) throw rateLimited(state.retryAfterSeconds);
  }

  private async userOrThrow(userId: string): Promise<UserRow> {
    const user = await findUserById(this.db, userId);
    if (!user) throw new AppError('sign_in_required');
    return user;
  }

  private passwordPolicy(password: string, email: string, field: 'password' | 'new_password', locale: Locale): void {
    const problem = checkPasswordPolicy(password, { email, brandName: this.config.brand.name, locale, field });
    if (problem) throw invalidFields([problem]);
  }

  // ------------------------------------------------------------------------------------------
  // Sign-up, sign-in, sign-out

  /** Creates a customer account, signs it in and sends the confirmation email. */
  async signup(body: unknown, ctx: RequestContext): Promise<SignInResult> {
    await this.limit(`signup:ip:${ctx.ip}`, this.limits.signupsPerIp, HOUR);
    const input = parseInput(signupInput, body, ctx.locale);
    this.passwordPolicy(input.password, input.email, 'password', ctx.locale);
    const emailTaken = () => {
      const error: FieldError = { path: 'email', message: fieldMessage(ctx.locale, 'email', 'email_taken') };
      return new AppError('conflict', { detail: error.message }, [error]);
    };
    if (await findUserByEmail(this.db, input.email)) throw emailTaken();
    const passwordHash = await hashPassword(input.password);
    const userId = newId('usr');
    try {
      return await this.db.transaction().execute(async (trx) => {
        const now = nowIso();
        const name = input.name || input.email.split('@')[0]!;
        await insertCustomer(trx, { id: userId, email: input.email, name, passwordHash, locale: ctx.locale, now });
        await this.sendVerification(trx, { id: userId, email: input.email, anti_phishing_phrase: null }, ctx.locale);
        const user = (await findUserById(trx, userId))!;
        const session = await createSession(trx, { user: sessionUser(user), stage: 'full', ip: ctx.ip, userAgent: ctx.userAgent });
        if (ctx.session) await deleteSession(trx, ctx.session.id);
        return { user, stage: 'full' as const, session };
      });
    } catch (err) {
      // Lost a race with another sign-up for the same address (unique index on users.email).
      if (!(err instanceof AppError) && (await findUserByEmail(this.db, input.email))) throw emailTaken();
      throw err;
    }
  }

  /**
   * Checks email and password. The answer for an unknown email, a passwordless account and a wrong
   * password is the same error after the same amount of work.
   */
  async login(body: unknown, ctx: RequestContext): Promise<SignInResult> {
    await this.limit(`login:ip:${ctx.ip}`, this.limits.loginAttemptsPerIp, QUARTER_HOUR);
    const input = parseInput(loginInput, body, ctx.locale);
    const failureKey = `login:fail:${emailKey(input.email)}`;
    await this.guardFailures(failureKey, this.limits.loginFailuresPerEmail);
    const user = await findUserByEmail(this.db, input.email);
    const ok = user?.password_hash ? await verifyPassword(input.password, user.password_hash) : await verifyAgainstDummy(input.password);
    if (!user || !ok) {
      const state = await this.limiter.hit(failureKey, this.limits.loginFailuresPerEmail, QUARTER_HOUR);
      if (!state.allowed) throw rateLimited(state.retryAfterSeconds);
      throw new AppError('invalid_credentials');
    }
    await this.limiter.reset(failureKey);
    if (needsRehash(user.password_hash!)) await setPasswordHash(this.db, user.id, await hashPassword(input.password), nowIso());
    const stage = user.totp_enabled_at ? ('totp' as const) : ('full' as const);
    const session = await this.db.transaction().execute(async (trx) => {
      if (ctx.session) await deleteSession(trx, ctx.session.id);
      return createSession(trx, { user: sessionUser(user), stage, ip: ctx.ip, userAgent: ctx.userAgent });
    });
    return { user, stage, session };
  }

  /** Second step of a TOTP sign-in: the pending session is replaced by a full one. */
  async completeTotpLogin(body: unknown, ctx: RequestContext): Promise<SignInResult> {
    const pending = ctx.session;
    if (!pending || pending.stage !== 'totp') throw new AppError('sign_in_required', {}, [{ path: 'session', message: t(ctx.locale, 'accounts.api.totpStageRequired') }]);
    const input = parseInput(totpCodeInput, body, ctx.locale);
    const user = await this.userOrThrow(pending.userId);
    await this.checkTotp(user, input.code, ctx.locale);
    const session = await this.db.transaction().execute(async (trx) => {
      await deleteSession(trx, pending.id);
      return createSession(trx, { user: sessionUser(user), stage: 'full', ip: ctx.ip, userAgent: ctx.userAgent });
    });
    return { user, stage: 'full', session };
  }

  async logout(ctx: RequestContext): Promise<void> {
    if (ctx.session) await deleteSession(this.db, ctx.session.id);
  }

  async me(userId: string): Promise<UserRow> {
    return this.userOrThrow(userId);
  }

  // ------------------------------------------------------------------------------------------
  // Passwords

  private async checkCurrentPassword(user: UserRow, password: string, field: 'password' | 'current_password', locale: Locale): Promise<void> {
    const key = `password:fail:${user.id}`;
    await this.guardFailures(key, this.limits.passwordFailuresPerUser);
    const ok = user.password_hash ? await verifyPassword(password, user.password_hash) : await verifyAgainstDummy(password);
    if (!ok) {
      const state = await this.limiter.hit(key, this.limits.passwordFailuresPerUser, QUARTER_HOUR);
      if (!state.allowed) throw rateLimited(state.retryAfterSeconds);
      throw invalidFields([{ path: field, message: fieldMessage(locale, field, 'password_wrong') }]);
    }
  }

  /**
   * Changes the password after checking the current one. Every other session ends; when the
   * change came through a cookie session, that session is replaced (returned) too.
   */
  async changePassword(userId: string, body: unknown, ctx: RequestContext): Promise<NewSession | null> {
    const input = parseInput(changePasswordInput, body, ctx.locale);
    const user = await this.userOrThrow(userId);
    await this.checkCurrentPassword(user, input.current_password, 'current_password', ctx.locale);
    this.passwordPolicy(input.new_password, user.email, 'new_password', ctx.locale);
    if (input.new_password === input.current_password) throw invalidFields([{ path: 'new_password', message: fieldMessage(ctx.locale, 'new_password', 'password_same') }]);
    const hash = await hashPassword(input.new_password);
    return this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      await setPasswordHash(trx, user.id, hash, now);
      await retireEmailTokens(trx, user.id, 'reset_password', now);
      await deleteUserSessions(trx, user.id);
      await this.notify(trx, user, 'password_changed', ctx.locale);
      const current = ctx.session && ctx.session.userId === user.id ? ctx.session : null;
      return current ? createSession(trx, { user: sessionUser(user), stage: 'full', ip: ctx.ip, userAgent: ctx.userAgent }) : null;
    });
  }

  /**
   * Sends a reset link when the address belongs to an account. Always resolves the same way, so
   * the answer does not reveal whether the address is registered.
   */
  async requestPasswordReset(body: unknown, ctx: RequestContext): Promise<void> {
    await this.limit(`reset:ip:${ctx.ip}`, this.limits.resetRequestsPerIp, QUARTER_HOUR);
    const input = parseInput(forgotPasswordInput, body, ctx.locale);
    const user = await findUserByEmail(this.db, input.email);
    if (!user) {
      // Roughly the work of the other branch: a token, its hash and a rate-limit hit.
      sha256(randomBytes(32).toString('base64url'));
      await this.limiter.hit(`reset:email:${emailKey(input.email)}`, this.limits.resetEmailsPerAddress, HOUR);
      return;
    }
    // Per address, silently: a mailbox must not be flooded, and a 429 here would reveal the account.
    const perAddress = await this.limiter.hit(`reset:email:${emailKey(user.email)}`, this.limits.resetEmailsPerAddress, HOUR);
    if (!perAddress.allowed) return;
    await this.db.transaction().execute(async (trx) => {
      const token = await this.issueEmailToken(trx, user.id, 'reset_password', RESET_TTL_MS);
      await enqueueMail(trx, { to: user.email, template: 'reset_password', locale: ctx.locale, params: { link: this.link(ctx.locale, 'password/reset', token) }, brand: this.config.brand, recipientPhrase: user.anti_phishing_phrase ?? null });
    });
  }

  /** Whether a reset link is still usable (to show the form or an explanation). */
  async resetTokenUsable(token: string): Promise<boolean> {
    if (!token || token.length > 200) return false;
    return !!(await findUsableEmailToken(this.db, sha256(token), 'reset_password', nowIso()));
  }

  /**
   * Sets a new password from a reset link: the link is used up, every session ends and the email
   * counts as confirmed (the link proved access to the mailbox).
   */
  async resetPassword(body: unknown, ctx: RequestContext): Promise<UserRow> {
    await this.limit(`token:ip:${ctx.ip}`, this.limits.tokenAttemptsPerIp, QUARTER_HOUR);
    const input = parseInput(resetPasswordInput, body, ctx.locale);
    const found = await findUsableEmailToken(this.db, sha256(input.token), 'reset_password', nowIso());
    if (!found) throw new AppError('token_invalid');
    const user = await this.userOrThrow(found.user_id);
    // The policy is checked before the token is consumed, so a refused password does not burn the link.
    this.passwordPolicy(input.password, user.email, 'password', ctx.locale);
    const hash = await hashPassword(input.password);
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      if (!(await consumeEmailToken(trx, found.id, now))) throw new AppError('token_invalid');
      await setPasswordHash(trx, user.id, hash, now);
      await markEmailVerified(trx, user.id, now);
      await retireEmailTokens(trx, user.id, 'reset_password', now);
      await deleteUserSessions(trx, user.id);
      await this.notify(trx, user, 'password_changed', ctx.locale);
    });
    return (await findUserById(this.db, user.id))!;
  }

  // ------------------------------------------------------------------------------------------
  // Email confirmation

  async verifyEmailTokenUsable(token: string): Promise<boolean> {
    if (!token || token.length > 200) return false;
    return !!(await findUsableEmailToken(this.db, sha256(token), 'verify_email', nowIso()));
  }

  async verifyEmail(body: unknown, ctx: RequestContext): Promise<UserRow> {
    await this.limit(`token:ip:${ctx.ip}`, this.limits.tokenAttemptsPerIp, QUARTER_HOUR);
    const input = parseInput(verifyEmailInput, body, ctx.locale);
    const userId = await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const found = await findUsableEmailToken(trx, sha256(input.token), 'verify_email', now);
      if (!found || !(await consumeEmailToken(trx, found.id, now))) throw new AppError('token_invalid');
      await markEmailVerified(trx, found.user_id, now);
      return found.user_id;
    });
    return (await findUserById(this.db, userId))!;
  }

  /** Sends a fresh confirmation link; false when the address is already confirmed. */
  async resendVerification(userId: string, ctx: RequestContext): Promise<boolean> {
    const user = await this.userOrThrow(userId);
    if (user.email_verified_at) return false;
    await this.limit(`verify:user:${user.id}`, this.limits.verificationEmailsPerUser, HOUR);
    await this.db.transaction().execute((trx) => this.sendVerification(trx, user, ctx.locale));
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Two-factor authentication

  /** Checks a code and uses it up (its time step must be newer than the last one accepted). */
  private async checkTotp(user: UserRow, code: string, locale: Locale, secret: string | null = user.totp_secret): Promise<number> {
    const key = `totp:fail:${user.id}`;
    await this.guardFailures(key, this.limits.totpFailuresPerUser);
    const step = secret ? totpStep(secret, code) : null;
    const accepted = step !== null && (user.totp_enabled_at ? await acceptTotpStep(this.db, user.id, step) : true);
    if (step === null || !accepted) {
      const state = await this.limiter.hit(key, this.limits.totpFailuresPerUser, QUARTER_HOUR);
      if (!state.allowed) throw rateLimited(state.retryAfterSeconds);
      throw new AppError('totp_invalid', {}, [{ path: 'code', message: t(locale, 'errors.totp_invalid') }]);
    }
    return step;
  }

  private async totpDetails(user: UserRow, secret: string): Promise<TotpSetup> {
    const otpauthUrl = totpUri(secret, this.config.brand.name, user.email);
    return { secret, otpauthUrl, qrCodeDataUrl: await qrCodeDataUrl(otpauthUrl) };
  }

  /** Starts (or restarts) set-up: a new secret that is not active until `enableTotp` confirms a code. */
  async setupTotp(userId: string, ctx: RequestContext): Promise<TotpSetup> {
    const user = await this.userOrThrow(userId);
    if (user.totp_enabled_at) throw new AppError('conflict', { detail: t(ctx.locale, 'accounts.api.totpAlreadyEnabled') });
    const secret = newTotpSecret();
    if (!(await setPendingTotpSecret(this.db, user.id, secret, nowIso()))) throw new AppError('conflict', { detail: t(ctx.locale, 'accounts.api.totpAlreadyEnabled') });
    return this.totpDetails(user, secret);
  }

  /** The unfinished set-up, if any (the set-up page shows it again after a wrong code). */
  async pendingTotp(userId: string): Promise<TotpSetup | null> {
    const user = await this.userOrThrow(userId);
    if (user.totp_enabled_at || !user.totp_secret) return null;
    return this.totpDetails(user, user.totp_secret);
  }

  /** Turns TOTP on after a valid code; other sessions end and the current one is replaced. */
  async enableTotp(userId: string, body: unknown, ctx: RequestContext): Promise<NewSession | null> {
    const input = parseInput(totpCodeInput, body, ctx.locale);
    const user = await this.userOrThrow(userId);
    if (user.totp_enabled_at) throw new AppError('conflict', { detail: t(ctx.locale, 'accounts.api.totpAlreadyEnabled') });
    if (!user.totp_secret) throw new AppError('conflict', { detail: t(ctx.locale, 'accounts.api.totpNotSetUp') });
    const step = await this.checkTotp(user, input.code, ctx.locale);
    return this.db.transaction().execute(async (trx) => {
      if (!(await enableTotp(trx, user.id, user.totp_secret!, step, nowIso()))) throw new AppError('conflict', { detail: t(ctx.locale, 'accounts.api.totpNotSetUp') });
      await this.notify(trx, user, 'totp_enabled', ctx.locale);
      return this.rotate(trx, user, ctx, { signOutOthers: true });
    });
  }

  /** Turns TOTP off; needs the password and a current code. */
  async disableTotp(userId: string, body: unknown, ctx: RequestContext): Promise<NewSession | null> {
    const input = parseInput(disableTotpInput, body, ctx.locale);
    const user = await this.userOrThrow(userId);
    if (!user.totp_enabled_at) throw new AppError('conflict', { detail: t(ctx.locale, 'accounts.api.totpNotEnabled') });
    await this.checkCurrentPassword(user, input.password, 'password', ctx.locale);
    await this.checkTotp(user, input.code, ctx.locale);
    return this.db.transaction().execute(async (trx) => {
      await disableTotp(trx, user.id, nowIso());
      await this.notify(trx, user, 'totp_disabled', ctx.locale);
      return this.rotate(trx, user, ctx, { signOutOthers: false });
    });
  }

  /**
   * Replaces the current cookie session with a new id after a privilege change, keeping its
   * absolute lifetime (no sign-in happened). Returns null when the caller did not use a session.
   */
  private async rotate(trx: Kysely<Database>, user: UserRow, ctx: RequestContext, options: { signOutOthers: boolean }): Promise<NewSession | null> {
    const current = ctx.session && ctx.session.userId === user.id ? ctx.session : null;
    if (options.signOutOthers) await deleteUserSessions(trx, user.id, current?.id);
    if (!current) return null;
    await deleteSession(trx, current.id);
    return createSession(trx, { user: sessionUser(user), stage: 'full', ip: ctx.ip, userAgent: ctx.userAgent, createdAt: current.createdAt });
  }

  // ------------------------------------------------------------------------------------------
  // Anti-phishing phrase

  /** The user's anti-phishing phrase, or null when none is set. */
  async antiPhishingPhrase(userId: string): Promise<string | null> {
    return (await this.userOrThrow(userId)).anti_phishing_phrase ?? null;
  }

  /**
   * Sets or replaces the phrase (body `{ phrase }`) of a user whose email address is verified. Every
   * email rendered from now on shows it; see normalizeAntiPhishingPhrase for what a phrase may be.
   */
  async setAntiPhishingPhrase(userId: string, body: unknown, ctx: Pick<RequestContext, 'locale'>): Promise<string> {
    const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const phrase = normalizeAntiPhishingPhrase(input.phrase, ctx.locale);
    const user = await this.userOrThrow(userId);
    // Otherwise whoever signed up with someone else's address could put their phrase into that person's mail.
    if (!user.email_verified_at) throw invalidFields([{ path: 'phrase', message: fieldMessage(ctx.locale, 'phrase', 'phrase_unverified') }]);
    await setAntiPhishingPhrase(this.db, userId, phrase, nowIso());
    return phrase;
  }

  async removeAntiPhishingPhrase(userId: string): Promise<void> {
    await this.userOrThrow(userId);
    await setAntiPhishingPhrase(this.db, userId, null, nowIso());
  }

  // ------------------------------------------------------------------------------------------

  /** Deletes expired sessions, rate-limit windows and email tokens older than a week. */
  async purgeExpired(): Promise<void> {
    await purgeExpiredSessions(this.db);
    await this.limiter.purgeExpired();
    await deleteStaleEmailTokens(this.db, new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString());
  }
}
