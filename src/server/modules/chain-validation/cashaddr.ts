/**
 * Bitcoin Cash CashAddr (prefix:payload, BCH polymod checksum of 40 bits).
 * The polymod is not in @scure/base and is implemented here from the
 * CashAddr specification; the 8-bit <-> 5-bit conversion uses @scure/base.
 */
import { bech32 } from '@scure/base';
import { BECH32_CHARSET, wordsToBytes } from './encoding.js';

const GENERATORS = [0x98f2bc8e61n, 0x79b76d99e2n, 0xf33e5fb3c4n, 0xae2eabe2a8n, 0x1e4f43e470n] as const;

function polymod(values: readonly number[]): bigint {
  let c = 1n;
  for (const value of values) {
    const c0 = c >> 35n;
    c = ((c & 0x07ffffffffn) << 5n) ^ BigInt(value);
    GENERATORS.forEach((generator, i) => {
      if ((c0 >> BigInt(i)) & 1n) c ^= generator;
    });
  }
  return c ^ 1n;
}

function prefixWords(prefix: string): number[] {
  return [...prefix].map((ch) => ch.charCodeAt(0) & 0x1f);
}

/** Hash sizes (bytes) by the 3 size bits of the version byte. */
const HASH_SIZES = [20, 24, 28, 32, 40, 48, 56, 64] as const;

/** Address types by the 4 type bits of the version byte. */
export const CASHADDR_TYPES: Readonly<Record<number, string>> = {
  0: 'p2pkh',
  1: 'p2sh',
  2: 'p2pkh-tokens',
  3: 'p2sh-tokens',
};

export type CashAddrDecode =
  | { readonly ok: true; readonly prefix: string; readonly type: number; readonly hash: Uint8Array; readonly normalized: string }
  | {
      readonly ok: false;
      readonly reason: 'mixed_case' | 'invalid_characters' | 'bad_checksum' | 'wrong_length' | 'unsupported_type';
    };

const DATA_RE = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;

/**
 * Decodes `prefix:payload` (or a bare payload, checked against
 * `defaultPrefix`). Upper- or lower-case accepted, mixed case rejected.
 */
export function decodeCashAddr(input: string, defaultPrefix: string): CashAddrDecode {
  if (input !== input.toLowerCase() && input !== input.toUpperCase()) return { ok: false, reason: 'mixed_case' };
  const lower = input.toLowerCase();
  const colon = lower.indexOf(':');
  const prefix = colon >= 0 ? lower.slice(0, colon) : defaultPrefix;
  const payload = colon >= 0 ? lower.slice(colon + 1) : lower;
  if (!/^[a-z0-9]+$/.test(prefix) || !DATA_RE.test(payload)) return { ok: false, reason: 'invalid_characters' };
  if (payload.length < 9) return { ok: false, reason: 'wrong_length' };
  const words = [...payload].map((ch) => BECH32_CHARSET.indexOf(ch));
  if (polymod([...prefixWords(prefix), 0, ...words]) !== 0n) return { ok: false, reason: 'bad_checksum' };
  const bytes = wordsToBytes(words.slice(0, -8));
  if (!bytes || bytes.length < 1) return { ok: false, reason: 'wrong_length' };
  const version = bytes[0] ?? 0;
  const type = (version >> 3) & 0x0f;
  const hash = bytes.slice(1);
  if (version & 0x80 || CASHADDR_TYPES[type] === undefined) return { ok: false, reason: 'unsupported_type' };
  if (hash.length !== HASH_SIZES[version & 0x07]) return { ok: false, reason: 'wrong_length' };
  // In use: 20-byte key hashes, 20- or 32-byte script hashes (P2SH32).
  if (hash.length !== 20 && !(hash.length === 32 && type & 1)) return { ok: false, reason: 'wrong_length' };
  return { ok: true, prefix, type, hash, normalized: `${prefix}:${payload}` };
}

/** Encodes a hash as CashAddr, e.g. `bitcoincash:qpm2q…`. */
export function encodeCashAddr(prefix: string, type: number, hash: Uint8Array): string {
  const sizeBits = HASH_SIZES.indexOf(hash.length as (typeof HASH_SIZES)[number]);
  if (sizeBits < 0) throw new RangeError(`unsupported CashAddr hash length ${hash.length}`);
  const payload = new Uint8Array(hash.length + 1);
  payload[0] = ((type & 0x0f) << 3) | sizeBits;
  payload.set(hash, 1);
  const words = bech32.toWords(payload);
  const mod = polymod([...prefixWords(prefix), 0, ...words, 0, 0, 0, 0, 0, 0, 0, 0]);
  const checksum: number[] = [];
  for (let i = 0; i < 8; i++) checksum.push(Number((mod >> BigInt(5 * (7 - i))) & 0x1fn));
  return `${prefix}:${[...words, ...checksum].map((w) => BECH32_CHARSET[w]).join('')}`;
}
