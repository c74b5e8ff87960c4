import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database, TicketStatus, TicketTable } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { GroupCommit } from '../../db/group-commit.js';
import { AppError, notFound } from '../../errors.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import type { FieldValues } from '../../../shared/request-forms.js';
import type { KnowledgeBaseService } from '../kb/kb.service.js';
import { scanText, userWarning, type SecretKind } from '../redaction/index.js';
import { enqueueMail } from '../mail/mail.outbox.js';
import { RateLimiter } from '../ratelimit/ratelimit.service.js';
import { genesisHash, messageHash, type ChainedMessage } from '../records/record-chain.js';
import { checkRequestFields, type FieldIssue } from './request-fields.js';
import type { RequestTypeCatalog } from './request-types.js';
import { findTicketByIdempotencyKey, findTicketByNumber, listAttachments, listComments, listTicketsForRequester, nextTicketNumber } from './requests.queries.js';
import './requests.messages.js';
import { uploadsClaimable } from '../attachments/attachments.policy.js';

type Db = Kysely<Database>;

export type Requester = { kind: 'user'; userId: string } | { kind: 'guest'; email: string; name?: string };

export interface SubmitInput {
  /** Client address, for the guest submission rate limit. */
  ip?: string;
  requestType: string;
  subject: string;
  description: string;
  fields: FieldValues;
  uploads?: string[];
  locale: Locale;
  channel: 'web' | 'api' | 'email' | 'chat';
  idempotencyKey?: string;
  requester: Requester;
}

export interface Redaction {
  field: string;
  kinds: SecretKind[];
}

export interface SubmitResult {
  ticket: TicketTable;
  created: boolean;
  redactions: Redaction[];
  warning: string | null;
  /** Only for guests, only when the ticket was just created: the capability token of the follow link. */
  guestToken?: string;
}

export const SUBJECT_MIN = 5;
export const DESCRIPTION_MIN = 20;
const emailSchema = z.email();

/** Who may look at a ticket: its requester (session/API token) or a guest holding the link token. */
export type Viewer = { kind: 'user'; userId: string } | { kind: 'guest'; token: string };

/** A message as stored (body already shielded), handed to extension hooks. */
export interface StoredComment {
  id: string;
  seq: number;
  authorId: string;
  role: 'requester' | 'agent' | 'system';
  isPublic: boolean;
  body: string;
  via: string;
  createdAt: string;
}

/**
 * Extension points for the agent side (routing, SLA clocks, the ticket search index, realtime
 * events). The `…Inserted` hooks run inside the writing transaction (a throw rolls it back); the
 * `…Created` hooks run after commit and must not throw.
 */
export interface RequestsHooks {
  /** May update `ticket` in place (routing sets group_id, assignee_id, status): submit answers with that object. */
  onTicketInserted?(trx: Db, event: { ticket: TicketTable; comment: StoredComment }): Promise<void>;
  /** `ticket.status` is the status after the message (a requester's reply reopens); `previousStatus` the one before. */
  onCommentInserted?(trx: Db, event: { ticket: TicketTable; comment: StoredComment; previousStatus: TicketStatus }): Promise<void>;
  onTicketCreated?(event: { ticket: TicketTable }): void;
  onCommentCreated?(event: { ticket: TicketTable; comment: StoredComment }): void;
}

export class RequestsService {
  constructor(
    readonly db: Db,
    readonly config: Config,
    readonly catalog: RequestTypeCatalog,
    readonly kb: KnowledgeBaseService,
    private readonly secrets: { shieldSalt: string; linkSecret: string },
    private readonly limiter = new RateLimiter(db),
  ) {
    this.writes = new GroupCommit(db, config.writeBatchMax);
  }

  /** New tickets are committed in groups: one durable commit for the submissions that arrive together. */
  readonly writes: GroupCommit;

  private readonly hooks: RequestsHooks[] = [
    {
      // Tell the requester about every public reply from support, in the ticket's language.
      onCommentInserted: async (trx, { ticket, comment }) => {
        if (comment.role !== 'agent' || !comment.isPublic) return;
        const requester = await trx.selectFrom('users').select(['email', 'password_hash', 'anti_phishing_phrase']).where('id', '=', ticket.requester_id).executeTakeFirst();
        if (!requester) return;
        const locale = ticket.locale as Locale;
        await enqueueMail(trx, {
          to: requester.email,
          template: 'agent_reply',
          locale,
          params: { number: ticket.number, subject: ticket.subject, body: comment.body, link: `${this.config.publicUrl}/hc/${locale}/requests/${ticket.number}`, guest: !requester.password_hash },
          brand: this.config.brand,
          recipientPhrase: requester.anti_phishing_phrase ?? null,
        });
      },
    },
  ];

  /** Registers extension hooks; returns a function that removes them. */
  addHooks(hooks: RequestsHooks): () => void {
    this.hooks.push(hooks);
    return () => {
      const at = this.hooks.indexOf(hooks);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  private afterCommit(run: (hooks: RequestsHooks) => void): void {
    for (const hooks of this.hooks) {
      try {
        run(hooks);
      } catch {
        // After-commit hooks are notifications; the write already succeeded.
      }
    }
  }

  /** Shields one text value; records which kinds were hidden under `field`. */
  private shield(field: string, text: string, locale: Locale, redactions: Redaction[]) {
    const result = scanText(text, { locale, salt: this.secrets.shieldSalt });
    if (result.findings.length) redactions.push({ field, kinds: [...new Set(result.findings.map((f) => f.kind))] });
    return result;
  }

  /** Live validation for the request form (same checks as submission). */
  validate(typeKey: string, subject: string, description: string, fields: FieldValues, locale: Locale) {
    const entry = this.catalog.get(typeKey);
    if (!entry) throw new AppError('validation_failed', { detail: t(locale, 'requests.request.unknown_type', { type: typeKey }) }, [{ path: 'request_type', message: t(locale, 'requests.request.unknown_type', { type: typeKey }) }]);
    const checked = checkRequestFields(entry.def, fields, locale, this.config.brand);
    const errors: FieldIssue[] = [...checked.errors];
    if (subject !== undefined && subject.trim().length < SUBJECT_MIN) errors.unshift({ field: 'subject', code: 'subject_too_short', message: t(locale, 'requests.field.subject_too_short', { min: SUBJECT_MIN }) });
    if (description !== undefined && description.trim().length < DESCRIPTION_MIN) errors.splice(subject.trim().length < SUBJECT_MIN ? 1 : 0, 0, { field: 'description', code: 'description_too_short', message: t(locale, 'requests.field.description_too_short', { min: DESCRIPTION_MIN }) });
    const redactions: Redaction[] = [];
    const scans = new Map<string, ReturnType<typeof scanText>>();
    for (const [key, value] of Object.entries({ subject, description, ...fields })) if (typeof value === 'string' && value) scans.set(key, this.shield(key, value, locale, redactions));
    const hidden = redactions.map((r) => ({ field: r.field, code: 'secret_removed', message: t(locale, 'requests.field.secret_removed', { label: this.fieldLabel(entry.def, r.field, locale), kinds: r.kinds.map((k) => t(locale, `requests.kinds.${k}`, { defaultValue: k })).join(locale === 'zh-cn' ? '、' : ', ') }) }));
    return { entry, checked, errors, warnings: [...checked.warnings, ...hidden], redactions, scans };
  }

  private fieldLabel(def: { fields: Array<{ key: string; label: Record<Locale, string> }> }, key: string, locale: Locale) {
    if (key === 'subject') return locale === 'zh-cn' ? '标题' : 'Subject';
    if (key === 'description') return locale === 'zh-cn' ? '问题描述' : 'Description';
    return def.fields.find((f) => f.key === key)?.label[locale] ?? key;
  }

  /** Top articles for what the user is typing, from the request type's help category first. */
  async suggestions(query: string, locale: Locale, typeKey?: string, limit = 3) {
    if (!query.trim()) return [];
    const category = typeKey ? this.catalog.get(typeKey)?.def.helpCategory : undefined;
    let categoryId: string | undefined;
    if (category) categoryId = await this.kb.category(locale, category).then((c) => c.id, () => undefined);
    const first = await this.kb.search(query, { locale, page: 1, perPage: limit, ...(categoryId ? { categoryId } : {}) });
    const hits = [...first.hits];
    if (hits.length < limit && categoryId) {
      const rest = await this.kb.search(query, { locale, page: 1, perPage: limit * 2 });
      for (const h of rest.hits) if (hits.length < limit && !hits.some((x) => x.article.id === h.article.id)) hits.push(h);
    }
    return hits.slice(0, limit);
  }

  /** Records that an article or notice answered the visitor; `db` may be the caller's transaction. */
  async recordDeflection(input: { articleId?: string; query: string; requestType?: string; userId?: string | null; kind: 'article' | 'notice' }, db: Db = this.db) {
    if (input.articleId) {
      const exists = await db.selectFrom('articles').select('id').where('id', '=', input.articleId).executeTakeFirst();
      if (!exists) throw notFound('article');
    }
    const id = newId('dfl');
    const shielded = scanText(input.query.slice(0, 500), { salt: this.secrets.shieldSalt }).redacted;
    await db
      .insertInto('deflections')
      .values({ id, article_id: input.articleId ?? null, request_type_key: input.requestType ?? null, query: shielded, user_id: input.userId ?? null, kind: input.kind, created_at: nowIso() })
      .execute();
    return { id };
  }

  private signGuestToken(ticketId: string): string {
    const nonce = randomBytes(18).toString('base64url');
    const mac = createHmac('sha256', this.secrets.linkSecret).update(`${ticketId}.${nonce}`).digest('base64url');
    return `${nonce}.${mac}`;
  }

  private guestTokenValid(ticket: TicketTable, token: string): boolean {
    const [nonce, mac] = token.split('.');
    if (!nonce || !mac || !ticket.guest_token_hash) return false;
    const expected = createHmac('sha256', this.secrets.linkSecret).update(`${ticket.id}.${nonce}`).digest('base64url');
    const a = Buffer.from(mac);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
    return createHash('sha256').update(token).digest('hex') === ticket.guest_token_hash;
  }

  guestLink(ticket: TicketTable, token: string, locale: Locale) {
    return `${this.config.publicUrl}/hc/${locale}/requests/${ticket.number}?token=${encodeURIComponent(token)}`;
  }

  private async resolveRequester(trx: Db, requester: Requester, locale: Locale): Promise<{ id: string; name: string; email: string; anti_phishing_phrase?: string | null }> {
    if (requester.kind === 'user') {
      const user = await trx.selectFrom('users').select(['id', 'name', 'email', 'anti_phishing_phrase']).where('id', '=', requester.userId).executeTakeFirst();
      if (!user) throw new AppError('unauthorized');
      return user;
    }
    const email = requester.email.trim().toLowerCase();
    const existing = await trx.selectFrom('users').select(['id', 'name', 'role', 'email', 'anti_phishing_phrase']).where('email', '=', email).executeTakeFirst();
    if (existing) {
      if (existing.role !== 'customer') throw new AppError('forbidden');
      return existing;
    }
    const now = nowIso();
    const id = newId('usr');
    const name = (requester.name?.trim() || email.split('@')[0]!).slice(0, 80);
    await trx
      .insertInto('users')
      .values({ id, email, name, role: 'customer', password_hash: null, email_verified_at: null, totp_secret: null, totp_enabled_at: null, locale, account_ref: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const row = await trx.selectFrom('users').select(['id', 'name', 'email', 'anti_phishing_phrase']).where('email', '=', email).executeTakeFirstOrThrow();
    return row;
  }

  /**
   * Creates a ticket: validate → shield every field → route to the type's group → number → first
   * message on the hash chain → claim uploads, all in one transaction. A repeated Idempotency-Key
   * from the same requester returns the first ticket instead of creating another.
   */
  async submit(input: SubmitInput): Promise<SubmitResult> {
    const { locale } = input;
    if (input.requester.kind === 'guest' && !emailSchema.safeParse(input.requester.email.trim()).success) {
      throw new AppError('validation_failed', { detail: t(locale, 'requests.field.invalid_email') }, [{ path: 'email', message: t(locale, 'requests.field.invalid_email') }]);
    }
    if (input.requester.kind === 'guest') {
      // Guests are limited per address; signed-in customers are accountable through their account.
      await this.limiter.consume(`requests:guest:${input.ip ?? 'unknown'}`, this.config.guestRequestsPerHour, 3600);
    }
    const { entry, checked, errors, redactions, scans } = this.validate(input.requestType, input.subject.trim(), input.description.trim(), input.fields, locale);
    if (errors.length) {
      throw new AppError('validation_failed', { detail: errors.map((e) => e.message).join(' ') }, errors.map((e) => ({ path: e.field, message: e.message })));
    }
    // validate() already shielded every raw value; reuse those scans (normalized values are only re-scanned where a secret was found).
    const shieldedSubject = scans.get('subject')!;
    const shieldedBody = scans.get('description')!;
    const fieldValues: FieldValues = {};
    for (const [k, v] of Object.entries(checked.values)) fieldValues[k] = scans.get(k)?.findings.length ? scanText(v, { locale, salt: this.secrets.shieldSalt }).redacted : v;
    const warning = userWarning(redactions.flatMap((r) => r.kinds.map((kind) => ({ kind }))), locale);
    const idempotencyKey = input.idempotencyKey?.trim().slice(0, 200) || null;

    const attempt = () =>
      this.writes.run(async (trx) => {
        const requester = await this.resolveRequester(trx, input.requester, locale);
        if (idempotencyKey) {
          const existing = await findTicketByIdempotencyKey(trx, requester.id, idempotencyKey);
          if (existing) return { ticket: existing, created: false };
        }
        const now = nowIso();
        const id = newId('tkt');
        const number = await nextTicketNumber(trx);
        const uploads = await this.claimUploads(trx, input.uploads ?? [], requester.id, locale);
        const message: ChainedMessage = {
          seq: 1,
          author: 'requester',
          authorName: requester.name,
          body: shieldedBody.redacted,
          attachments: uploads.map((u) => ({ filename: u.filename, sha256: u.sha256, size: u.size })),
          createdAt: now,
        };
        const prev = genesisHash(id);
        const hash = messageHash(prev, message);
        let guestToken: string | undefined;
        let guestHash: string | null = null;
        if (input.requester.kind === 'guest') {
          guestToken = this.signGuestToken(id);
          guestHash = createHash('sha256').update(guestToken).digest('hex');
        }
        const ticket: TicketTable = {
          id,
          number,
          subject: shieldedSubject.redacted.slice(0, 200),
          status: 'new',
          priority: entry.def.defaultPriority,
          request_type_id: entry.id,
          group_id: entry.groupId,
          requester_id: requester.id,
          assignee_id: null,
          fields: JSON.stringify({ values: fieldValues, facts: checked.facts }),
          channel: input.channel,
          locale,
          guest_token_hash: guestHash,
          idempotency_key: idempotencyKey,
          satisfaction_rating: null,
          satisfaction_comment: null,
          last_hash: hash,
          comment_count: 1,
          created_at: now,
          updated_at: now,
          solved_at: null,
        };
        await trx.insertInto('tickets').values(ticket).execute();
        const commentId = newId('cmt');
        await trx
          .insertInto('ticket_comments')
          .values({
            id: commentId,
            ticket_id: id,
            seq: 1,
            author_id: requester.id,
            author_role: 'requester',
            public: 1,
            body: shieldedBody.redacted,
            redactions: JSON.stringify(shieldedBody.findings.map((f) => ({ kind: f.kind, start: f.start, end: f.end, fingerprint: f.fingerprint }))),
            attachment_ids: JSON.stringify(uploads.map((u) => u.id)),
            via: input.channel,
            prev_hash: prev,
            hash,
            created_at: now,
          })
          .execute();
        if (uploads.length) await trx.updateTable('attachments').set({ ticket_id: id, comment_id: commentId }).where('id', 'in', uploads.map((u) => u.id)).execute();
        const stored: StoredComment = { id: commentId, seq: 1, authorId: requester.id, role: 'requester', isPublic: true, body: shieldedBody.redacted, via: input.channel, createdAt: now };
        for (const hooks of this.hooks) await hooks.onTicketInserted?.(trx, { ticket, comment: stored });
        // The confirmation (with the follow link for guests) is queued in the same transaction.
        const link = guestToken ? this.guestLink(ticket, guestToken, locale) : `${this.config.publicUrl}/hc/${locale}/requests/${number}`;
        await enqueueMail(trx, {
          to: requester.email,
          template: 'request_received',
          locale,
          params: { number, subject: ticket.subject, link, guest: Boolean(guestToken) },
          brand: this.config.brand,
          recipientPhrase: requester.anti_phishing_phrase ?? null,
        });
        return { ticket, created: true, ...(guestToken ? { guestToken } : {}) };
      });

    let outcome: { ticket: TicketTable; created: boolean; guestToken?: string };
    try {
      outcome = await attempt();
    } catch (error) {
      // A concurrent submit with the same key won the unique constraint: answer with its ticket.
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      const requester = input.requester.kind === 'user' ? input.requester.userId : (await this.db.selectFrom('users').select('id').where('email', '=', input.requester.email.trim().toLowerCase()).executeTakeFirst())?.id;
      const existing = requester ? await findTicketByIdempotencyKey(this.db, requester, idempotencyKey) : undefined;
      if (!existing) throw error;
      outcome = { ticket: existing, created: false };
    }
    if (outcome.created) {
      const created = outcome.ticket;
      this.afterCommit((hooks) => hooks.onTicketCreated?.({ ticket: created }));
    }
    return { ...outcome, redactions, warning };
  }

  /** Uploads made before submitting are claimed by their token, once, by the same uploader (or a guest upload). */
  private async claimUploads(trx: Db, tokens: string[], requesterId: string, locale: Locale) {
    if (!tokens.length) return [];
    const unique = [...new Set(tokens)];
    const rows = await trx.selectFrom('attachments').selectAll().where('upload_token', 'in', unique).where('ticket_id', 'is', null).execute();
    const failed = () => {
      const message = t(locale, 'requests.field.uploads_unusable');
      return new AppError('validation_failed', { detail: message }, [{ path: 'uploads', message }]);
    };
    if (!uploadsClaimable(rows, unique, requesterId, { guestUploads: true })) throw failed();
    // Claiming clears the token (once: a concurrent submit with the same token loses); the caller
    // sets ticket_id together with comment_id once both rows exist (foreign keys).
    const claimed = await trx.updateTable('attachments').set({ upload_token: null }).where('id', 'in', rows.map((r) => r.id)).where('ticket_id', 'is', null).where('upload_token', 'is not', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== rows.length) throw failed();
    return rows;
  }

  /** Loads a ticket for a viewer or throws not_found (never reveals that someone else's ticket exists). */
  async ticketFor(viewer: Viewer, number: number): Promise<TicketTable> {
    const ticket = await findTicketByNumber(this.db, number);
    if (!ticket) throw notFound('ticket');
    if (viewer.kind === 'user' && ticket.requester_id === viewer.userId) return ticket;
    if (viewer.kind === 'guest' && this.guestTokenValid(ticket, viewer.token)) return ticket;
    throw notFound('ticket');
  }

  listMine(userId: string, page: number, perPage: number, status?: TicketStatus[]) {
    return listTicketsForRequester(this.db, userId, { limit: perPage, offset: (page - 1) * perPage, ...(status ? { status } : {}) });
  }

  publicComments(ticket: TicketTable) {
    return listComments(this.db, ticket.id, true);
  }

  attachments(ticket: TicketTable) {
    return listAttachments(this.db, ticket.id);
  }

  /** Appends a message. Public messages extend the record's hash chain under a row lock. */
  async addComment(ticket: TicketTable, input: { authorId: string; role: 'requester' | 'agent' | 'system'; body: string; isPublic: boolean; uploads?: string[]; via: string; locale: Locale }) {
    const locale = input.locale;
    const text = input.body.trim();
    if (!text) throw new AppError('validation_failed', { detail: t(locale, 'validation.required', { field: locale === 'zh-cn' ? '回复内容' : 'comment body' }) }, [{ path: 'body', message: t(locale, 'validation.required', { field: locale === 'zh-cn' ? '回复内容' : 'comment body' }) }]);
    if (text.length > 20_000) throw new AppError('validation_failed', { detail: t(locale, 'validation.too_long', { field: locale === 'zh-cn' ? '回复内容' : 'comment body', max: 20_000 }) });
    if (input.role === 'requester' && ticket.status === 'closed') {
      throw new AppError('conflict', { detail: locale === 'zh-cn' ? '该请求已关闭，请提交新的请求。' : 'This request is closed; please submit a new request.' });
    }
    const shielded = scanText(text, { locale, salt: this.secrets.shieldSalt });
    const result = await this.db.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable('tickets')
        .set((eb) => ({ comment_count: eb('comment_count', '+', 1) }))
        .where('id', '=', ticket.id)
        .returning(['comment_count', 'last_hash', 'status'])
        .executeTakeFirstOrThrow();
      const author = await trx.selectFrom('users').select('name').where('id', '=', input.authorId).executeTakeFirst();
      const uploads = await this.claimUploads(trx, input.uploads ?? [], input.authorId, locale);
      const now = nowIso();
      const seq = bumped.comment_count;
      const message: ChainedMessage = { seq, author: input.role, authorName: author?.name ?? '', body: shielded.redacted, attachments: uploads.map((u) => ({ filename: u.filename, sha256: u.sha256, size: u.size })), createdAt: now };
      const prev = input.isPublic ? bumped.last_hash : '';
      const hash = input.isPublic ? messageHash(prev, message) : createHash('sha256').update(JSON.stringify(message)).digest('hex');
      const id = newId('cmt');
      await trx
        .insertInto('ticket_comments')
        .values({
          id,
          ticket_id: ticket.id,
          seq,
          author_id: input.authorId,
          author_role: input.role,
          public: input.isPublic ? 1 : 0,
          body: shielded.redacted,
          redactions: JSON.stringify(shielded.findings.map((f) => ({ kind: f.kind, start: f.start, end: f.end, fingerprint: f.fingerprint }))),
          attachment_ids: JSON.stringify(uploads.map((u) => u.id)),
          via: input.via,
          prev_hash: prev,
          hash,
          created_at: now,
        })
        .execute();
      if (uploads.length) await trx.updateTable('attachments').set({ ticket_id: ticket.id, comment_id: id }).where('id', 'in', uploads.map((u) => u.id)).execute();
      // A requester's reply reopens a pending or solved ticket (Zendesk behaviour).
      const status: TicketStatus = input.role === 'requester' && ['pending', 'solved', 'hold'].includes(bumped.status) ? 'open' : (bumped.status as TicketStatus);
      await trx
        .updateTable('tickets')
        .set({
          ...(input.isPublic ? { last_hash: hash } : {}),
          status,
          updated_at: now,
          ...(status === 'open' && bumped.status === 'solved' ? { solved_at: null } : {}),
        })
        .where('id', '=', ticket.id)
        .execute();
      const stored: StoredComment = { id, seq, authorId: input.authorId, role: input.role, isPublic: input.isPublic, body: shielded.redacted, via: input.via, createdAt: now };
      for (const hooks of this.hooks) await hooks.onCommentInserted?.(trx, { ticket: { ...ticket, status }, comment: stored, previousStatus: bumped.status as TicketStatus });
      return { id, seq, hash, stored, status };
    });
    this.afterCommit((hooks) => hooks.onCommentCreated?.({ ticket: { ...ticket, status: result.status }, comment: result.stored }));
    return { id: result.id, seq: result.seq, hash: result.hash, redacted: shielded.redacted, findings: shielded.findings, warning: userWarning(shielded.findings, locale) };
  }

  async markSolved(ticket: TicketTable, locale: Locale) {
    if (ticket.status === 'closed') throw new AppError('conflict', { detail: locale === 'zh-cn' ? '该请求已关闭。' : 'This request is already closed.' });
    if (ticket.status === 'solved') return ticket;
    const now = nowIso();
    await this.db.updateTable('tickets').set({ status: 'solved', solved_at: now, updated_at: now }).where('id', '=', ticket.id).execute();
    return { ...ticket, status: 'solved' as const, solved_at: now, updated_at: now };
  }

  async rate(ticket: TicketTable, rating: 'good' | 'bad', comment: string | undefined, locale: Locale) {
    if (ticket.status !== 'solved' && ticket.status !== 'closed') {
      throw new AppError('conflict', { detail: locale === 'zh-cn' ? '请求解决后才能评价。' : 'You can rate a request once it is solved.' });
    }
    const shielded = comment ? scanText(comment.slice(0, 2000), { locale, salt: this.secrets.shieldSalt }).redacted : null;
    await this.db.updateTable('tickets').set({ satisfaction_rating: rating, satisfaction_comment: shielded, updated_at: nowIso() }).where('id', '=', ticket.id).execute();
    return { ...ticket, satisfaction_rating: rating, satisfaction_comment: shielded };
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
