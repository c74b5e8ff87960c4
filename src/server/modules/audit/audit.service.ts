import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { canonicalJson } from '../records/record-chain.js';
import { AUDIT_GENESIS, AuditChainVerifier, auditEntryHash, type AuditVerification } from './audit.policy.js';
import { auditHead, auditRowsAfter, insertAuditRow, listAuditRows, nextAuditSeq, type AuditFilter, type AuditRow } from './audit.queries.js';

type Db = Kysely<Database>;

/** What staff did; every action the brief lists as auditable has a name here. */
export type AuditAction =
  | 'staff.login'
  | 'staff.login_failed'
  | 'staff.logout'
  | 'staff.totp_enrolled'
  | 'ticket.view'
  | 'ticket.reply'
  | 'ticket.note'
  | 'ticket.update'
  | 'ticket.take'
  | 'ticket.merge'
  | 'ticket.outbound_refused'
  | 'audit.export'
  | 'user.create'
  | 'user.update'
  | 'user.deactivate'
  | 'api_token.create'
  | 'api_token.delete'
  | 'group.create'
  | 'group.update'
  | 'group.delete'
  | 'group_membership.create'
  | 'group_membership.delete'
  | 'routing_rules.update'
  | 'sla_policies.update'
  | 'macro.create'
  | 'macro.update'
  | 'macro.delete'
  | 'status_notice.create'
  | 'status_notice.update'
  | 'status_notice.post_update'
  | 'status_notice.resolve'
  | 'status_notice.delete'
  | 'help_center.create'
  | 'help_center.update'
  | 'help_center.delete';

/** Who did it: a user (or the ADMIN_TOKEN, id null) and from where. */
export interface AuditActor {
  id: string | null;
  label: string;
  ip: string;
}

export interface AuditEntryInput {
  actor: AuditActor;
  action: AuditAction;
  /** What it was done to, e.g. `ticket:10001`, `user:usr_…`. */
  subject?: string;
  details?: Record<string, unknown>;
}

const BATCH = 1000;

/**
 * The append-only, hash-chained log of staff actions. `append` joins the caller's transaction when
 * given one (the entry commits or rolls back with the change it describes) and otherwise opens its own.
 */
export class AuditLog {
  constructor(private readonly db: Db) {}

  async append(input: AuditEntryInput, trx?: Db): Promise<AuditRow> {
    const write = async (tx: Db) => {
      const seq = await nextAuditSeq(tx);
      const head = await auditHead(tx);
      const prev = head?.hash ?? AUDIT_GENESIS;
      const fields = {
        seq,
        actor_id: input.actor.id,
        actor_label: input.actor.label.slice(0, 300),
        action: input.action,
        subject: (input.subject ?? '').slice(0, 300),
        details: canonicalJson(input.details ?? {}),
        ip: input.actor.ip.slice(0, 64),
        created_at: nowIso(),
      };
      const row: AuditRow = { id: newId('aud'), ...fields, prev_hash: prev, hash: auditEntryHash(prev, fields) };
      await insertAuditRow(tx, row);
      return row;
    };
    const db = trx ?? this.db;
    return db.isTransaction ? write(db) : db.transaction().execute(write);
  }

  list(filter: AuditFilter, page: number, perPage: number) {
    return listAuditRows(this.db, filter, { limit: perPage, offset: (page - 1) * perPage });
  }

  /** Every entry, oldest first, fetched in batches. */
  async *entries(): AsyncGenerator<AuditRow> {
    let after = 0;
    for (;;) {
      const rows = await auditRowsAfter(this.db, after, BATCH);
      for (const row of rows) yield row;
      if (rows.length < BATCH) return;
      after = rows.at(-1)!.seq;
    }
  }

  async verify(): Promise<AuditVerification> {
    const verifier = new AuditChainVerifier();
    for await (const row of this.entries()) verifier.push(row);
    return verifier.result();
  }
}

export const AUDIT_CSV_COLUMNS = ['id', 'seq', 'created_at', 'actor_id', 'actor_label', 'action', 'subject', 'details', 'ip', 'prev_hash', 'hash'] as const;

/** One CSV cell: quoted when needed, and spreadsheet formulas neutralised. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
