import type { Kysely, Selectable } from 'kysely';
import type { BrandConfig } from '../../config.js';
import type { Database, OutboxTable } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import type { Locale } from '../../../shared/locales.js';
import { renderMail, type CommonMailParams, type MailTemplate, type MailTemplateParams } from './mail.templates.js';

export interface MailRequest<K extends MailTemplate = MailTemplate> {
  to: string;
  template: K;
  locale: Locale;
  params: MailTemplateParams[K] & CommonMailParams;
  /** The exchange's brand (config.brand): its name appears in the subject and body. */
  brand: BrandConfig;
  /**
   * The recipient's anti-phishing phrase when the caller already holds their user row (null: none
   * set); left out, it is looked up by address.
   */
  recipientPhrase?: string | null;
}

/** The anti-phishing phrase of the user with this email address, if there is one and they set it. */
export async function antiPhishingPhraseFor(db: Kysely<Database>, address: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('anti_phishing_phrase').where('email', '=', address.trim().toLowerCase()).executeTakeFirst();
  return row?.anti_phishing_phrase || null;
}

/**
 * Renders the message now and inserts it into the outbox through `db` — pass the caller's
 * transaction so the email exists exactly when the change that caused it is committed.
 * When the recipient is a known user with an anti-phishing phrase, it is shown at the top: an
 * explicit `params.antiPhishingPhrase` wins, then `recipientPhrase`, else it is looked up here.
 * Returns the outbox row id.
 */
export async function enqueueMail<K extends MailTemplate>(db: Kysely<Database>, mail: MailRequest<K>): Promise<string> {
  const known = mail.params.antiPhishingPhrase ?? mail.recipientPhrase;
  const phrase = known !== undefined ? known : await antiPhishingPhraseFor(db, mail.to);
  const params = phrase ? { ...mail.params, antiPhishingPhrase: phrase } : mail.params;
  const rendered = renderMail(mail.template, mail.locale, params, mail.brand);
  const id = newId('mail');
  const now = nowIso();
  await db
    .insertInto('outbox')
    .values({
      id,
      to_address: mail.to,
      template: mail.template,
      locale: mail.locale,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
      status: 'pending',
      attempts: 0,
      last_error: null,
      created_at: now,
      sent_at: null,
      next_attempt_at: now,
      claimed_by: null,
      claimed_at: null,
    })
    .execute();
  return id;
}

export type OutboxRow = Selectable<OutboxTable>;

/** Pending rows that are due and not held by a live claim, oldest first. */
export function findDueMail(db: Kysely<Database>, now: string, staleClaimBefore: string, limit: number) {
  return db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', staleClaimBefore)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims several rows at once (one conditional UPDATE, so one commit for the batch); returns the
 * rows this worker won, oldest first. Racing workers each get a disjoint subset.
 */
export async function claimMailBatch(db: Kysely<Database>, ids: string[], workerId: string, now: string, staleClaimBefore: string): Promise<OutboxRow[]> {
  if (!ids.length) return [];
  await db
    .updateTable('outbox')
    .set({ claimed_by: workerId, claimed_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    // Still due: a row another worker has just rescheduled after a failure waits for its retry time.
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', staleClaimBefore)]))
    .execute();
  return db.selectFrom('outbox').selectAll().where('id', 'in', ids).where('claimed_by', '=', workerId).where('status', '=', 'pending').orderBy('created_at').orderBy('id').execute();
}

/** Marks the rows this worker sent, in one statement. */
export async function markMailBatchSent(db: Kysely<Database>, ids: string[], workerId: string, now: string): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: now, attempts: eb('attempts', '+', 1), last_error: null, claimed_by: null, claimed_at: null, text_body: SCRUBBED, html_body: SCRUBBED }))
    .where('id', 'in', ids)
    .where('claimed_by', '=', workerId)
    .execute();
}

// Once delivered (or abandoned) the body is dropped: it may hold a one-time link, and the
// email tokens themselves are stored hashed for exactly that reason.
const SCRUBBED = '';

/** Records a failed attempt: back to pending with a retry time, or failed for good after the last attempt. */
export async function markMailFailed(
  db: Kysely<Database>,
  id: string,
  workerId: string,
  error: string,
  retry: { at: string } | null,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 500),
      claimed_by: null,
      claimed_at: null,
      ...(retry ? { status: 'pending' as const, next_attempt_at: retry.at } : { status: 'failed' as const, next_attempt_at: null, text_body: SCRUBBED, html_body: SCRUBBED }),
    }))
    .where('id', '=', id)
    .where('claimed_by', '=', workerId)
    .execute();
}
