/**
 * Address builders for tests. They derive addresses from raw bytes with the
 * libraries directly (@scure/base, @noble/hashes), independently of the
 * encoders in the module under test. The only shared piece is the CRC16,
 * which has its own check-value test.
 */
import { base32nopad, base58, base58xrp, base64url, bech32, bech32m, createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { crc16Xmodem } from '../../src/server/modules/chain-validation/crc16.js';

export const b58check = createBase58check(sha256);

/** Deterministic pseudo-random bytes: sha256 chain of a label. */
export function bytesFrom(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let block = sha256(utf8ToBytes(label));
  for (let i = 0; i < length; i += 32) {
    out.set(block.slice(0, Math.min(32, length - i)), i);
    block = sha256(block);
  }
  return out;
}

export function concat(...parts: Array<Uint8Array | number[]>): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Base58check legacy address (Bitcoin, Litecoin, Dogecoin, Tron...). */
export function legacy(version: number, hash: Uint8Array): string {
  return b58check.encode(concat([version], hash));
}

/** SegWit address: bech32 for v0, bech32m for v1+. */
export function segwit(hrp: string, version: number, program: Uint8Array): string {
  const words = [version, ...bech32.toWords(program)];
  return version === 0 ? bech32.encode(hrp, words) : bech32m.encode(hrp, words);
}

/** XRP classic address with an explicitly computed double-SHA256 checksum. */
export function xrpClassic(accountId: Uint8Array): string {
  const payload = concat([0], accountId);
  const checksum = sha256(sha256(payload)).slice(0, 4);
  return base58xrp.encode(concat(payload, checksum));
}

/** Stellar StrKey: version byte + payload + CRC16 (little-endian), base32 without padding. */
export function strkey(version: number, payload: Uint8Array): string {
  const body = concat([version], payload);
  const crc = crc16Xmodem(body);
  return base32nopad.encode(concat(body, [crc & 0xff, crc >> 8]));
}

/** TON user-friendly address: flags, workchain, hash, CRC16 (big-endian), base64url. */
export function tonFriendly(flags: number, workchain: number, hash: Uint8Array): string {
  const body = concat([flags, workchain & 0xff], hash);
  const crc = crc16Xmodem(body);
  return base64url.encode(concat(body, [crc >> 8, crc & 0xff]));
}

export function bech32Bytes(hrp: string, bytes: Uint8Array, limit: number | false = 90): string {
  return bech32.encode(hrp, bech32.toWords(bytes), limit);
}

export const solana = (key: Uint8Array): string => base58.encode(key);

/** Replace the character at `index` with another one of the same alphabet. */
export function mutate(value: string, index: number, alphabet: string): string {
  const i = index < 0 ? value.length + index : index;
  const current = value[i] ?? '';
  const replacement = [...alphabet].find((c) => c !== current) ?? '';
  return value.slice(0, i) + replacement + value.slice(i + 1);
}

export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
export const BECH32_ALPHABET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
