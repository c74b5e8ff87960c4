/**
 * Stellar StrKeys (SEP-23): base32 (RFC 4648, no padding) of a version byte,
 * the key and a CRC16-XModem checksum (little-endian). Account addresses are
 * `G…` (56 chars); muxed accounts `M…` (69 chars) add a 64-bit id.
 */
import { base32nopad } from '@scure/base';
import { badChars, fail, pass } from './check.js';
import type { AddressCheck } from './check.js';
import { crc16Xmodem } from './crc16.js';

export const STRKEY_VERSION = {
  account: 6 << 3, // G
  muxed: 12 << 3, // M
  seed: 18 << 3, // S
  preAuthTx: 19 << 3, // T
  hashX: 23 << 3, // X
  signedPayload: 15 << 3, // P
  contract: 2 << 3, // C
  liquidityPool: 11 << 3, // L
  claimableBalance: 1 << 3, // B
} as const;

const KEY_KINDS: Readonly<Record<number, string>> = {
  [STRKEY_VERSION.seed]: 'secret seed',
  [STRKEY_VERSION.preAuthTx]: 'pre-authorized transaction hash',
  [STRKEY_VERSION.hashX]: 'hash-x signer',
  [STRKEY_VERSION.signedPayload]: 'signed-payload signer',
  [STRKEY_VERSION.contract]: 'smart-contract address (C…)',
  [STRKEY_VERSION.liquidityPool]: 'liquidity pool id',
  [STRKEY_VERSION.claimableBalance]: 'claimable balance id',
};

/** Encodes a StrKey from its version byte and payload. */
export function encodeStrKey(version: number, payload: Uint8Array): string {
  const body = new Uint8Array(payload.length + 1);
  body[0] = version;
  body.set(payload, 1);
  const crc = crc16Xmodem(body);
  const full = new Uint8Array(body.length + 2);
  full.set(body, 0);
  full[body.length] = crc & 0xff;
  full[body.length + 1] = crc >> 8;
  return base32nopad.encode(full);
}

export type StrKeyDecode =
  | { readonly ok: true; readonly version: number; readonly payload: Uint8Array }
  | { readonly ok: false; readonly reason: 'invalid_characters' | 'wrong_length' | 'bad_checksum' };

/** Decodes any 56- or 69-character StrKey and verifies its checksum. */
export function decodeStrKey(value: string): StrKeyDecode {
  if (!/^[A-Z2-7]+$/.test(value)) return { ok: false, reason: 'invalid_characters' };
  if (value.length !== 56 && value.length !== 69) return { ok: false, reason: 'wrong_length' };
  let bytes: Uint8Array;
  try {
    bytes = base32nopad.decode(value);
  } catch {
    // Non-zero unused bits in the last symbol: not a canonical encoding.
    return { ok: false, reason: 'bad_checksum' };
  }
  const body = bytes.slice(0, -2);
  const crc = (bytes[bytes.length - 2] ?? 0) | ((bytes[bytes.length - 1] ?? 0) << 8);
  if (crc16Xmodem(body) !== crc) return { ok: false, reason: 'bad_checksum' };
  return { ok: true, version: body[0] ?? -1, payload: body.slice(1) };
}

export function checkStellarAddress(address: string): AddressCheck {
  const first = address[0] ?? '';
  const candidate = /^[GM]/i.test(first) && address.length >= 50 && address.length <= 75 ? 'strong' : 'none';
  if (!/^[A-Z2-7]+$/.test(address)) {
    if (/^[A-Za-z2-7]+$/.test(address)) return fail('invalid_characters', candidate, 'invalid_characters.stellar_case');
    return fail('invalid_characters', candidate, undefined, { chars: badChars(address, /[A-Z2-7]/) });
  }
  const decoded = decodeStrKey(address);
  if (!decoded.ok) return fail(decoded.reason, candidate, undefined, { actual: address.length });
  const { version, payload } = decoded;
  if (version === STRKEY_VERSION.account && payload.length === 32) return pass(address, 'account');
  if (version === STRKEY_VERSION.muxed && payload.length === 40) {
    const key = payload.slice(0, 32);
    const id = new DataView(payload.buffer, payload.byteOffset + 32, 8).getBigUint64(0, false).toString();
    const account = encodeStrKey(STRKEY_VERSION.account, key);
    return pass(address, 'muxed', {
      memo: id,
      warnings: [{ code: 'stellar_muxed_address', params: { account, id } }],
    });
  }
  if (version === STRKEY_VERSION.account || version === STRKEY_VERSION.muxed) {
    return fail('wrong_length', 'strong', undefined, { actual: address.length });
  }
  const kind = KEY_KINDS[version];
  if (kind) return fail('unsupported_address_type', 'strong', 'unsupported_address_type.stellar_key', { kind });
  // Unknown version byte or algorithm bits (e.g. "G4…"): not an account address.
  return fail('wrong_prefix', candidate);
}
