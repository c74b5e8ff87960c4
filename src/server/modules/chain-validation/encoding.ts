/**
 * Thin wrappers around @scure/base that report *why* a string fails to
 * decode, so validators can return precise error codes.
 */
import { base58, bech32, bech32m, createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';

/** Bitcoin-alphabet base58check (double-SHA256 checksum), from @scure/base. */
export const base58check = createBase58check(sha256);

export const BASE58_RE = /^[1-9A-HJ-NP-Za-km-z]+$/;
export const HEX_RE = /^[0-9a-fA-F]+$/;

export type DecodeFailure = 'invalid_characters' | 'wrong_length' | 'bad_checksum';

export type Base58CheckResult =
  | { readonly ok: true; readonly payload: Uint8Array }
  | { readonly ok: false; readonly reason: DecodeFailure };

/**
 * Decodes base58check given raw base58 bytes (payload + 4-byte checksum). The
 * checksum is verified by @scure/base's base58check codec; base58 bytes do not
 * depend on the alphabet, so this also serves XRP's alphabet (decode the string
 * with base58xrp first).
 */
export function checkBase58Bytes(raw: Uint8Array): Base58CheckResult {
  if (raw.length < 5) return { ok: false, reason: 'wrong_length' };
  try {
    return { ok: true, payload: base58check.decode(base58.encode(raw)) };
  } catch {
    return { ok: false, reason: 'bad_checksum' };
  }
}

/** Base58 (bitcoin alphabet) decode, or undefined for characters outside the alphabet. */
export function decodeBase58(value: string): Uint8Array | undefined {
  if (!BASE58_RE.test(value)) return undefined;
  try {
    return base58.decode(value);
  } catch {
    return undefined;
  }
}

export function decodeBase58Check(value: string): Base58CheckResult {
  const raw = decodeBase58(value);
  if (!raw) return { ok: false, reason: 'invalid_characters' };
  return checkBase58Bytes(raw);
}

/** Base58check encoding of `payload` (bitcoin alphabet). */
export function encodeBase58Check(payload: Uint8Array): string {
  return base58check.encode(payload);
}

export const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_DATA_RE = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]*$/;

export type Bech32Variant = 'bech32' | 'bech32m';

export type Bech32Parse =
  | {
      readonly ok: true;
      readonly prefix: string;
      readonly words: number[];
      readonly variant: Bech32Variant;
      /** The lower-case form of the input. */
      readonly lower: string;
    }
  | {
      readonly ok: false;
      readonly reason: 'no_separator' | 'mixed_case' | DecodeFailure;
      /** Lower-cased human-readable part, when a separator was found. */
      readonly prefix?: string;
    };

/**
 * Parses a bech32 or bech32m string (BIP-173 / BIP-350) and tells which
 * variant's checksum matched. `limit` is the maximum total length (90 per
 * BIP-173; pass `false` to lift it, as Cardano does).
 */
export function parseBech32(input: string, limit: number | false = 90): Bech32Parse {
  const lower = input.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1) return { ok: false, reason: 'no_separator' };
  const prefix = lower.slice(0, sep);
  const data = lower.slice(sep + 1);
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code < 33 || code > 126) return { ok: false, reason: 'invalid_characters', prefix };
  }
  if (input !== lower && input !== input.toUpperCase()) return { ok: false, reason: 'mixed_case', prefix };
  if (!BECH32_DATA_RE.test(data)) return { ok: false, reason: 'invalid_characters', prefix };
  if (data.length < 6 || (limit !== false && input.length > limit)) {
    return { ok: false, reason: 'wrong_length', prefix };
  }
  const asBech32 = bech32.decodeUnsafe(lower, limit);
  if (asBech32) return { ok: true, prefix, words: asBech32.words, variant: 'bech32', lower };
  const asBech32m = bech32m.decodeUnsafe(lower, limit);
  if (asBech32m) return { ok: true, prefix, words: asBech32m.words, variant: 'bech32m', lower };
  return { ok: false, reason: 'bad_checksum', prefix };
}

/** 5-bit words to bytes; undefined when the padding is invalid (more than 4 bits, or non-zero). */
export function wordsToBytes(words: number[]): Uint8Array | undefined {
  return bech32.fromWordsUnsafe(words) || undefined;
}
