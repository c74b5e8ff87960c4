import { createHash } from 'node:crypto';
import type { Actor } from '../../plugins/auth.js';
import { canonicalJson } from '../records/record-chain.js';

/** Only admins read, export and verify the audit log. */
export const canReadAuditLog = (actor: Actor): boolean => actor.kind === 'admin';

export const AUDIT_FORMAT = 'pharos-audit/1';
/** prev_hash of the first entry. */
export const AUDIT_GENESIS = createHash('sha256').update(AUDIT_FORMAT).digest('hex');

/** The stored fields an entry's hash covers (everything but id, prev_hash and hash). */
export interface AuditHashedFields {
  seq: number;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject: string;
  details: string;
  ip: string;
  created_at: string;
}

/** sha256(prev_hash + "\n" + canonical JSON of the entry's fields). */
export function auditEntryHash(prevHash: string, entry: AuditHashedFields): string {
  const fields: AuditHashedFields = {
    seq: entry.seq,
    actor_id: entry.actor_id,
    actor_label: entry.actor_label,
    action: entry.action,
    subject: entry.subject,
    details: entry.details,
    ip: entry.ip,
    created_at: entry.created_at,
  };
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(fields)}`).digest('hex');
}

export type AuditVerification = { valid: true; entries: number; head: string } | { valid: false; entries: number; head: string; broken_at: number; reason: 'sequence' | 'link' | 'hash' };

/**
 * Walks entries in `seq` order, recomputing every hash. Stateful so that a long log can be fed in
 * batches; `result()` reports the first break.
 */
export class AuditChainVerifier {
  private prev = AUDIT_GENESIS;
  private expectedSeq = 1;
  private count = 0;
  private broken: { seq: number; reason: 'sequence' | 'link' | 'hash' } | null = null;

  push(entry: AuditHashedFields & { prev_hash: string; hash: string }): void {
    this.count++;
    if (this.broken) return;
    if (entry.seq !== this.expectedSeq) this.broken = { seq: entry.seq, reason: 'sequence' };
    else if (entry.prev_hash !== this.prev) this.broken = { seq: entry.seq, reason: 'link' };
    else if (auditEntryHash(entry.prev_hash, entry) !== entry.hash) this.broken = { seq: entry.seq, reason: 'hash' };
    this.prev = entry.hash;
    this.expectedSeq = entry.seq + 1;
  }

  result(): AuditVerification {
    if (this.broken) return { valid: false, entries: this.count, head: this.prev, broken_at: this.broken.seq, reason: this.broken.reason };
    return { valid: true, entries: this.count, head: this.count ? this.prev : AUDIT_GENESIS };
  }
}
