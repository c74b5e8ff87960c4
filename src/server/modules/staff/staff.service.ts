import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import type { Actor } from '../../plugins/auth.js';
import { checkPasswordPolicy } from '../accounts/accounts.policy.js';
import { acceptTotpStep, enableTotp, findUserByEmail, findUserById, insertEmailToken, retireEmailTokens, setPendingTotpSecret, type UserRow } from '../accounts/accounts.queries.js';
import type { RequestContext } from '../accounts/accounts.service.js';
import { invalidFields, loginInput, parseInput, totpCodeInput } from '../accounts/accounts.validation.js';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '../accounts/password.js';
import { createSession, deleteSession, deleteUserSessions, type NewSession, type SessionUser } from '../accounts/sessions.js';
import { newTotpSecret, qrCodeDataUrl, totpStep, totpUri } from '../accounts/totp.js';
import type { AuditActor, AuditLog } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.outbox.js';
import { rateLimited, type RateLimiter } from '../ratelimit/ratelimit.service.js';
import { hashToken } from '../users/users.service.js';
import { canChangeOwnAccount, canSignInAsStaff, isStaffRole, STAFF_SESSION_ABSOLUTE_MS, type StaffRole } from './staff.policy.js';
import { findStaffById, groupIdsOf, listStaff, listStaffApiTokens } from './staff.queries.js';
import './staff.messages.js';

type Db = Kysely<Database>;

const QUARTER_HOUR = 15 * 60;
/** A set-password link for a new staff member lives three days. */
const INVITE_TTL_MS = 72 * 3600 * 1000;

export interface StaffLimits {
  loginAttemptsPerIp: number;
  loginFailuresPerEmail: number;
  totpFailuresPerUser: number;
}
export const DEFAULT_STAFF_LIMITS: StaffLimits = { loginAttemptsPerIp: 30, loginFailuresPerEmail: 5, totpFailuresPerUser: 5 };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const emailKey = (email: string) => sha256(email.trim().toLowerCase()).slice(0, 32);
const sessionUser = (row: UserRow): SessionUser => ({ id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale });
const emailSchema = z.email();

export const auditActorOf = (actor: Actor, ip: string): AuditActor => ({ id: actor.userId, label: actor.label, ip });

// ---------------------------------------------------------------------------------------------
// Creating staff (admin API and CLI)

export interface CreateStaffInput {
  email: string;
  name: string;
  role: StaffRole;
  /** Set directly (CLI `--password-stdin`); otherwise a set-password link is emailed when `config` is given. */
  password?: string;
  locale?: Locale;
}

export interface CreateStaffOptions {
  /** Needed to email the set-password link (public URL and brand). */
  config?: Pick<Config, 'publicUrl' | 'brand'>;
  /** Update an existing staff member with this email instead of refusing (default true: the CLI's behaviour). */
  upsert?: boolean;
  /** Language of validation messages. */
  messagesLocale?: Locale;
  /** Who is inviting (named in the invitation email); default: "an administrator of <brand>". */
  invitedBy?: string | null;
}

export interface CreateStaffResult {
  userId: string;
  email: string;
  created: boolean;
  /** A set-password email was queued. */
  invited: boolean;
}

/**
 * Creates an agent or admin (or, with `upsert`, updates the staff member with that email and
 * reactivates them). Without a password, a set-password link is queued in the outbox (when
 * `options.config` is given); staff then sign in at the console and enrol their authenticator.
 * A customer account's email is refused: customers are never silently turned into staff.
 */
export async function createStaff(db: Db, input: CreateStaffInput, options: CreateStaffOptions = {}): Promise<CreateStaffResult> {
  const locale = options.messagesLocale ?? 'en-us';
  const email = input.email.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success) throw invalidFields([{ path: 'email', message: t(locale, 'staff.errors.invalid_email') }]);
  const name = input.name.trim().slice(0, 120) || email.split('@')[0]!;
  if (!isStaffRole(input.role)) throw invalidFields([{ path: 'role', message: `role must be agent or admin` }]);
  if (input.password !== undefined) {
    const problem = checkPasswordPolicy(input.password, { email, brandName: options.config?.brand.name ?? '', locale, field: 'password' });
    if (problem) throw invalidFields([problem]);
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  const userLocale = input.locale ?? 'en-us';
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const existing = await findUserByEmail(trx, email);
    let userId: string;
    if (existing) {
      if (existing.role === 'customer') throw new AppError('conflict', { detail: t(locale, 'staff.errors.customer_email') }, [{ path: 'email', message: t(locale, 'staff.errors.customer_email') }]);
      if (options.upsert === false) throw new AppError('conflict', { detail: t(locale, 'staff.errors.email_taken') }, [{ path: 'email', message: t(locale, 'staff.errors.email_taken') }]);
      userId = existing.id;
      await trx
        .updateTable('users')
        .set({ role: input.role, name, deactivated_at: null, updated_at: now, ...(passwordHash ? { password_hash: passwordHash } : {}) })
        .where('id', '=', userId)
        .execute();
      if (passwordHash) await deleteUserSessions(trx, userId);
    } else {
      userId = newId('usr');
      await trx
        .insertInto('users')
        .values({
          id: userId,
          email,
          name,
          role: input.role,
          password_hash: passwordHash,
          email_verified_at: passwordHash ? now : null,
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          locale: userLocale,
          account_ref: null,
          created_at: now,
          updated_at: now,
          deactivated_at: null,
        })
        .execute();
    }
    let invited = false;
    if (!passwordHash && options.config) {
      await sendStaffInvite(trx, { id: userId, email, role: input.role }, existing?.locale === 'zh-cn' || userLocale === 'zh-cn' ? 'zh-cn' : 'en-us', options.config, options.invitedBy ?? null);
      invited = true;
    }
    return { userId, email, created: !existing, invited };
  });
}

/**
 * Queues the staff invitation (`staff_invite`): who invited them, the role, a set-password link (the
 * help center's reset-password page, with a longer-lived token), the console address for TOTP
 * enrolment and when the link expires. Any earlier unused link stops working.
 */
async function sendStaffInvite(trx: Db, user: { id: string; email: string; role: StaffRole }, locale: Locale, config: Pick<Config, 'publicUrl' | 'brand'>, inviter: string | null): Promise<void> {
  const now = nowIso();
  await retireEmailTokens(trx, user.id, 'reset_password', now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS).toISOString();
  await insertEmailToken(trx, { id: newId('etk'), userId: user.id, purpose: 'reset_password', tokenHash: sha256(token), expiresAt, now });
  const link = `${config.publicUrl}/hc/${locale}/password/reset?token=${encodeURIComponent(token)}`;
  const params = {
    link,
    inviter: inviter?.trim() || t(locale, 'mail.staff_invite.someone', { brand: config.brand.name }),
    role: user.role,
    consoleLink: `${config.publicUrl}/agent/`,
    expiresAt,
    hours: Math.round(INVITE_TTL_MS / 3_600_000),
  };
  await enqueueMail(trx, { to: user.email, template: 'staff_invite', locale, params, brand: config.brand });
}

/** The name to sign an invitation with: the acting staff member's name (null for the ADMIN_TOKEN). */
async function inviterName(db: Db, actor: AuditActor): Promise<string | null> {
  if (!actor.id) return null;
  const row = await db.selectFrom('users').select('name').where('id', '=', actor.id).executeTakeFirst();
  return row?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// Staff sign-in

export interface TotpEnrolment {
  secret: string;
  otpauth_url: string;
  qr_code: string;
}

export type StaffLoginResult = { stage: 'totp'; session: NewSession } | { stage: 'totp_enrol'; enrolment: TotpEnrolment; session: NewSession };

export interface StaffSignedIn {
  user: UserRow;
  groupIds: string[];
  session: NewSession;
}

/**
 * Staff sign-in: email and password, then always a TOTP code. A staff member without an
 * authenticator gets the enrolment (secret, otpauth URL, QR code) at the first step and completes it
 * with the first code. Full staff sessions carry a staff_sessions row (12 h absolute, 30 min idle).
 */
export class StaffAuthService {
  private readonly limits: StaffLimits;

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'publicUrl' | 'brand'>,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditLog,
    limits: Partial<StaffLimits> = {},
  ) {
    this.limits = { ...DEFAULT_STAFF_LIMITS, ...limits };
  }

  private async failed(key: string, limit: number, audit: Parameters<AuditLog['append']>[0], error: AppError): Promise<never> {
    await this.audit.append(audit);
    const state = await this.limiter.hit(key, limit, QUARTER_HOUR);
    if (!state.allowed) throw rateLimited(state.retryAfterSeconds);
    throw error;
  }

  private async guard(key: string, limit: number): Promise<void> {
    const state = await this.limiter.peek(key, limit);
    if (!state.allowed) throw rateLimited(state.retryAfterSeconds);
  }

  async login(body: unknown, ctx: RequestContext): Promise<StaffLoginResult> {
    const ip = await this.limiter.hit(`staff:login:ip:${ctx.ip}`, this.limits.loginAttemptsPerIp, QUARTER_HOUR);
    if (!ip.allowed) throw rateLimited(ip.retryAfterSeconds);
    const input = parseInput(loginInput, body, ctx.locale);
    const failureKey = `staff:login:fail:${emailKey(input.email)}`;
    await this.guard(failureKey, this.limits.loginFailuresPerEmail);
    const user = await findUserByEmail(this.db, input.email);
    // Same work and the same answer whether the account is missing, a customer, deactivated or the password wrong.
    const ok = user?.password_hash ? await verifyPassword(input.password, user.password_hash) : await verifyAgainstDummy(input.password);
    if (!ok || !canSignInAsStaff(user)) {
      const reason = !user ? 'unknown_email' : !isStaffRole(user.role) ? 'not_staff' : user.deactivated_at ? 'deactivated' : 'password';
      return this.failed(
        failureKey,
        this.limits.loginFailuresPerEmail,
        { actor: { id: user && isStaffRole(user.role) ? user.id : null, label: input.email, ip: ctx.ip }, action: 'staff.login_failed', subject: user && isStaffRole(user.role) ? `user:${user.id}` : `email:${input.email}`, details: { reason, step: 'password' } },
        new AppError('invalid_credentials'),
      );
    }
    const staff = user!;
    await this.limiter.reset(failureKey);
    if (needsRehash(staff.password_hash!)) await this.db.updateTable('users').set({ password_hash: await hashPassword(input.password), updated_at: nowIso() }).where('id', '=', staff.id).execute();

    let enrolment: TotpEnrolment | null = null;
    if (!staff.totp_enabled_at) {
      // Keep an unfinished enrolment's secret, so a QR code scanned a moment ago stays valid.
      let secret = staff.totp_secret;
      if (!secret) {
        secret = newTotpSecret();
        await setPendingTotpSecret(this.db, staff.id, secret, nowIso());
      }
      const url = totpUri(secret, `${this.config.brand.name} Staff`, staff.email);
      enrolment = { secret, otpauth_url: url, qr_code: await qrCodeDataUrl(url) };
    }
    const session = await this.db.transaction().execute(async (trx) => {
      if (ctx.session) await deleteSession(trx, ctx.session.id);
      return createSession(trx, { user: sessionUser(staff), stage: 'totp', ip: ctx.ip, userAgent: ctx.userAgent });
    });
    return enrolment ? { stage: 'totp_enrol', enrolment, session } : { stage: 'totp', session };
  }

  /** The TOTP step (also completes enrolment). Each code is accepted once (its time step must be new). */
  async completeTotp(body: unknown, ctx: RequestContext): Promise<StaffSignedIn> {
    const pending = ctx.session;
    const stageRequired = () => new AppError('sign_in_required', {}, [{ path: 'session', message: t(ctx.locale, 'staff.errors.totp_stage_required') }]);
    if (!pending || pending.stage !== 'totp') throw stageRequired();
    const input = parseInput(totpCodeInput, body, ctx.locale);
    const user = await findUserById(this.db, pending.userId);
    if (!user || !canSignInAsStaff(user)) throw stageRequired();
    const failureKey = `staff:totp:fail:${user.id}`;
    await this.guard(failureKey, this.limits.totpFailuresPerUser);
    const enrolling = !user.totp_enabled_at;
    const step = user.totp_secret ? totpStep(user.totp_secret, input.code) : null;
    let accepted = false;
    if (step !== null) accepted = enrolling ? await enableTotp(this.db, user.id, user.totp_secret!, step, nowIso()) : await acceptTotpStep(this.db, user.id, step);
    if (!accepted) {
      return this.failed(
        failureKey,
        this.limits.totpFailuresPerUser,
        { actor: { id: user.id, label: user.email, ip: ctx.ip }, action: 'staff.login_failed', subject: `user:${user.id}`, details: { reason: step === null ? 'totp_wrong' : 'totp_replayed', step: 'totp' } },
        new AppError('totp_invalid', {}, [{ path: 'code', message: t(ctx.locale, 'errors.totp_invalid') }]),
      );
    }
    await this.limiter.reset(failureKey);
    const session = await this.db.transaction().execute(async (trx) => {
      await deleteSession(trx, pending.id);
      const created = await createSession(trx, { user: sessionUser(user), stage: 'full', ip: ctx.ip, userAgent: ctx.userAgent });
      const now = created.session.createdAt;
      const absolute = new Date(Date.parse(now) + STAFF_SESSION_ABSOLUTE_MS).toISOString();
      await trx.insertInto('staff_sessions').values({ session_id: created.session.id, user_id: user.id, created_at: now, last_active_at: now }).execute();
      await trx.updateTable('sessions').set({ expires_at: absolute }).where('id', '=', created.session.id).execute();
      const actor = { id: user.id, label: user.email, ip: ctx.ip };
      if (enrolling) {
        await this.audit.append({ actor, action: 'staff.totp_enrolled', subject: `user:${user.id}` }, trx);
        await enqueueMail(trx, { to: user.email, template: 'totp_enabled', locale: user.locale === 'zh-cn' ? 'zh-cn' : 'en-us', params: { time: now, resetLink: `${this.config.publicUrl}/hc/${user.locale === 'zh-cn' ? 'zh-cn' : 'en-us'}/password/forgot` }, brand: this.config.brand });
      }
      await this.audit.append({ actor, action: 'staff.login', subject: `user:${user.id}`, details: { enrolled: enrolling } }, trx);
      return { ...created, maxAgeSeconds: Math.floor(STAFF_SESSION_ABSOLUTE_MS / 1000) };
    });
    const fresh = (await findUserById(this.db, user.id))!;
    return { user: fresh, groupIds: (await groupIdsOf(this.db, [user.id])).get(user.id) ?? [], session };
  }

  async logout(ctx: RequestContext, actor: Actor): Promise<void> {
    if (!ctx.session) return;
    await deleteSession(this.db, ctx.session.id);
    await this.audit.append({ actor: auditActorOf(actor, ctx.ip), action: 'staff.logout', subject: `user:${ctx.session.userId}` });
  }

  async me(userId: string): Promise<{ user: UserRow; groupIds: string[] }> {
    const user = await findStaffById(this.db, userId);
    if (!user) throw new AppError('sign_in_required');
    return { user, groupIds: (await groupIdsOf(this.db, [userId])).get(userId) ?? [] };
  }
}

// ---------------------------------------------------------------------------------------------
// Staff administration and API tokens

export interface StaffUpdate {
  name?: string;
  role?: StaffRole;
  locale?: Locale;
  group_ids?: string[];
  active?: boolean;
}

export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'publicUrl' | 'brand'>,
    private readonly audit: AuditLog,
  ) {}

  async list(role?: StaffRole) {
    const users = await listStaff(this.db, role);
    const groups = await groupIdsOf(this.db, users.map((u) => u.id));
    return users.map((user) => ({ user, groupIds: groups.get(user.id) ?? [] }));
  }

  /** When each staff member last used a console session. */
  async lastSeen(userIds: string[]): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows = await this.db
      .selectFrom('staff_sessions')
      .select(['user_id', (eb) => eb.fn.max('last_active_at').as('at')])
      .where('user_id', 'in', userIds)
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((r) => [r.user_id, String(r.at)]));
  }

  async get(id: string) {
    const user = await findStaffById(this.db, id);
    if (!user) throw notFound('staff_user');
    return { user, groupIds: (await groupIdsOf(this.db, [id])).get(id) ?? [] };
  }

  private async checkGroups(trx: Db, groupIds: string[], locale: Locale): Promise<string[]> {
    const unique = [...new Set(groupIds)];
    if (!unique.length) return [];
    const found = await trx.selectFrom('groups').select('id').where('id', 'in', unique).execute();
    const missing = unique.find((id) => !found.some((g) => g.id === id));
    if (missing) throw invalidFields([{ path: 'group_ids', message: t(locale, 'staff.errors.unknown_group', { id: missing }) }]);
    return unique;
  }

  /** Replaces a staff member's group memberships (keeping existing rows, so their order stays). */
  private async setGroups(trx: Db, userId: string, groupIds: string[]): Promise<void> {
    const current = await trx.selectFrom('group_memberships').select(['id', 'group_id']).where('user_id', '=', userId).execute();
    const stale = current.filter((m) => !groupIds.includes(m.group_id)).map((m) => m.id);
    if (stale.length) await trx.deleteFrom('group_memberships').where('id', 'in', stale).execute();
    const now = nowIso();
    for (const groupId of groupIds) {
      if (current.some((m) => m.group_id === groupId)) continue;
      await trx.insertInto('group_memberships').values({ id: newId('gm'), group_id: groupId, user_id: userId, created_at: now }).execute();
    }
  }

  async create(input: { name: string; email: string; role: StaffRole; locale: Locale; group_ids: string[] }, actor: AuditActor, locale: Locale) {
    await this.checkGroups(this.db, input.group_ids, locale);
    const created = await createStaff(this.db, { email: input.email, name: input.name, role: input.role, locale: input.locale }, { config: this.config, upsert: false, messagesLocale: locale, invitedBy: await inviterName(this.db, actor) });
    await this.db.transaction().execute(async (trx) => {
      await this.setGroups(trx, created.userId, await this.checkGroups(trx, input.group_ids, locale));
      await this.audit.append({ actor, action: 'user.create', subject: `user:${created.userId}`, details: { email: created.email, role: input.role, group_ids: input.group_ids, invited: created.invited } }, trx);
    });
    return this.get(created.userId);
  }

  async update(id: string, change: StaffUpdate, actor: Actor, auditActor: AuditActor, locale: Locale) {
    const user = await findStaffById(this.db, id);
    if (!user) throw notFound('staff_user');
    if (!canChangeOwnAccount(actor, id, change)) throw new AppError('conflict', { detail: t(locale, 'staff.errors.self_lockout') });
    const reactivating = change.active === true && !!user.deactivated_at;
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const fields = {
        ...(change.name !== undefined ? { name: change.name.trim().slice(0, 120) || user.name } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.locale !== undefined ? { locale: change.locale } : {}),
        ...(reactivating ? { deactivated_at: null } : {}),
      };
      if (Object.keys(fields).length) await trx.updateTable('users').set({ ...fields, updated_at: now }).where('id', '=', id).execute();
      if (change.group_ids) await this.setGroups(trx, id, await this.checkGroups(trx, change.group_ids, locale));
      // A role change takes effect at the next sign-in; end the current sessions so it is now.
      if (change.role !== undefined && change.role !== user.role) await deleteUserSessions(trx, id);
      if (reactivating) await sendStaffInvite(trx, { id: user.id, email: user.email, role: change.role ?? (user.role as StaffRole) }, (change.locale ?? user.locale) === 'zh-cn' ? 'zh-cn' : 'en-us', this.config, await inviterName(trx, auditActor));
      await this.audit.append({ actor: auditActor, action: 'user.update', subject: `user:${id}`, details: { ...change } }, trx);
    });
    if (change.active === false) return this.deactivate(id, actor, auditActor, locale);
    return this.get(id);
  }

  /**
   * Deactivates a staff member: no password, no sessions, no API tokens, not picked by automatic
   * assignment any more. Their tickets stay assigned until someone reassigns them.
   */
  async deactivate(id: string, actor: Actor, auditActor: AuditActor, locale: Locale) {
    const user = await findStaffById(this.db, id);
    if (!user) throw notFound('staff_user');
    if (!canChangeOwnAccount(actor, id, { active: false })) throw new AppError('conflict', { detail: t(locale, 'staff.errors.self_lockout') });
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      await trx.updateTable('users').set({ deactivated_at: user.deactivated_at ?? now, password_hash: null, updated_at: now }).where('id', '=', id).execute();
      await deleteUserSessions(trx, id);
      await trx.deleteFrom('api_tokens').where('user_id', '=', id).execute();
      await retireEmailTokens(trx, id, 'reset_password', now);
      await this.audit.append({ actor: auditActor, action: 'user.deactivate', subject: `user:${id}`, details: { email: user.email } }, trx);
    });
    return this.get(id);
  }

  listTokens() {
    return listStaffApiTokens(this.db);
  }

  /** Issues an API token acting as `userId` (an active staff member); the plain token is returned once. */
  async createToken(input: { name: string; userId: string | null }, auditActor: AuditActor, locale: Locale) {
    if (!input.userId) throw invalidFields([{ path: 'api_token.user_id', message: t(locale, 'staff.errors.user_id_required') }]);
    const owner = await findStaffById(this.db, input.userId);
    if (!owner || owner.deactivated_at) throw invalidFields([{ path: 'api_token.user_id', message: t(locale, 'staff.errors.not_staff_user', { id: input.userId }) }]);
    const token = `phx_${randomBytes(32).toString('base64url')}`;
    const id = newId('tok');
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('api_tokens').values({ id, user_id: owner.id, name: input.name, token_hash: hashToken(token), created_at: nowIso(), last_used_at: null }).execute();
      await this.audit.append({ actor: auditActor, action: 'api_token.create', subject: `api_token:${id}`, details: { name: input.name, user_id: owner.id } }, trx);
    });
    const row = (await listStaffApiTokens(this.db)).find((r) => r.id === id)!;
    return { row, token };
  }

  async deleteToken(id: string, auditActor: AuditActor): Promise<void> {
    const row = (await listStaffApiTokens(this.db)).find((r) => r.id === id);
    if (!row) throw notFound('api_token');
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('api_tokens').where('id', '=', id).execute();
      await this.audit.append({ actor: auditActor, action: 'api_token.delete', subject: `api_token:${id}`, details: { name: row.name, user_id: row.user_id } }, trx);
    });
  }
}
