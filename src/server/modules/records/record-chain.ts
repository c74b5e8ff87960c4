import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The conversation record's hash chain. Each public message's hash covers the previous hash and a
 * canonical JSON of the message, so removing, reordering or editing any message breaks every later
 * hash. Pure: no I/O.
 */
export interface ChainedMessage {
  seq: number;
  author: string; // 'requester' | 'agent' | 'system'
  authorName: string;
  body: string;
  attachments: Array<{ filename: string; sha256: string; size: number }>;
  createdAt: string;
}

export const RECORD_VERSION = 'pharos-record/1';

export function genesisHash(ticketId: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${RECORD_VERSION}:${ticketId}`)));
}

/** Canonical JSON: keys sorted, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function messageHash(prevHash: string, message: ChainedMessage): string {
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${canonicalJson(message)}`)));
}

export interface RecordDocument {
  format: typeof RECORD_VERSION;
  ticket: { id: string; number: number; subject: string; createdAt: string };
  messages: Array<ChainedMessage & { prevHash: string; hash: string }>;
  finalHash: string;
}

export type VerifyResult =
  | { valid: true; messages: number; finalHash: string }
  | { valid: false; messages: number; error: string; atSeq?: number };

/** Recomputes every hash of an exported record. */
export function verifyRecord(doc: unknown): VerifyResult {
  const d = doc as Partial<RecordDocument> | null;
  if (!d || d.format !== RECORD_VERSION || !d.ticket || !Array.isArray(d.messages) || typeof d.finalHash !== 'string') {
    return { valid: false, messages: 0, error: `not a ${RECORD_VERSION} document` };
  }
  let prev = genesisHash(String(d.ticket.id));
  for (const [i, m] of d.messages.entries()) {
    if (m.prevHash !== prev) return { valid: false, messages: d.messages.length, error: `message ${i + 1} does not follow the previous one`, atSeq: m.seq };
    const { prevHash: _p, hash, ...content } = m;
    const expected = messageHash(prev, content);
    if (expected !== hash) return { valid: false, messages: d.messages.length, error: `message ${i + 1} was changed after it was recorded`, atSeq: m.seq };
    prev = hash;
  }
  if (prev !== d.finalHash) return { valid: false, messages: d.messages.length, error: 'the final hash does not match the messages' };
  return { valid: true, messages: d.messages.length, finalHash: prev };
}
