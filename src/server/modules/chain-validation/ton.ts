/**
 * TON addresses.
 * - User-friendly: 36 bytes in base64url (or base64), 48 characters:
 *   flags (0x11 bounceable, 0x51 non-bounceable, +0x80 testnet), workchain
 *   (int8), 32-byte account hash, CRC16-XModem (big-endian).
 * - Raw: `workchain:64 hex digits`, e.g. `0:83df…`; it has no checksum.
 */
import { base64url } from '@scure/base';
import { badChars, fail, pass } from './check.js';
import type { AddressCheck, Candidate } from './check.js';
import { crc16Xmodem } from './crc16.js';

const BOUNCEABLE = 0x11;
const NON_BOUNCEABLE = 0x51;
const TESTNET_FLAG = 0x80;

/** User-friendly (base64url) form of an account. */
export function encodeTonAddress(
  workchain: number,
  hash: Uint8Array,
  options: { bounceable?: boolean; testnet?: boolean } = {},
): string {
  const bytes = new Uint8Array(36);
  bytes[0] = (options.bounceable === false ? NON_BOUNCEABLE : BOUNCEABLE) | (options.testnet ? TESTNET_FLAG : 0);
  bytes[1] = workchain & 0xff;
  bytes.set(hash, 2);
  const crc = crc16Xmodem(bytes.slice(0, 34));
  bytes[34] = crc >> 8;
  bytes[35] = crc & 0xff;
  return base64url.encode(bytes);
}

const RAW_RE = /^(-?\d+):([0-9a-fA-F]*)$/;
const FRIENDLY_START_RE = /^[EUk0][Qf]/;

function checkRaw(workchain: string, hex: string): AddressCheck {
  if (hex.length !== 64) return fail('wrong_length', 'strong', undefined, { actual: workchain.length + 1 + hex.length });
  if (workchain !== '0' && workchain !== '-1') {
    return fail('unsupported_address_type', 'strong', 'unsupported_address_type.ton_workchain', { workchain });
  }
  return pass(`${workchain}:${hex.toLowerCase()}`, 'raw', { warnings: [{ code: 'no_checksum' }] });
}

export function checkTonAddress(address: string): AddressCheck {
  const raw = RAW_RE.exec(address);
  if (raw) return checkRaw(raw[1] ?? '', raw[2] ?? '');

  const candidate: Candidate =
    FRIENDLY_START_RE.test(address) && address.length >= 44 && address.length <= 52 ? 'strong' : 'none';
  if (!/^[A-Za-z0-9+/_-]+$/.test(address)) {
    return fail('invalid_characters', candidate, undefined, { chars: badChars(address, /[A-Za-z0-9+/_-]/) });
  }
  if (address.length !== 48) return fail('wrong_length', candidate, undefined, { actual: address.length });
  const urlSafe = address.replace(/\+/g, '-').replace(/\//g, '_');
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(urlSafe);
  } catch {
    return fail('invalid_characters', candidate);
  }
  const crc = ((bytes[34] ?? 0) << 8) | (bytes[35] ?? 0);
  if (crc16Xmodem(bytes.slice(0, 34)) !== crc) return fail('bad_checksum', candidate);
  const flags = bytes[0] ?? 0;
  const tag = flags & ~TESTNET_FLAG;
  if (tag !== BOUNCEABLE && tag !== NON_BOUNCEABLE) return fail('wrong_prefix', candidate);
  const workchain = ((bytes[1] ?? 0) << 24) >> 24;
  if (workchain !== 0 && workchain !== -1) {
    return fail('unsupported_address_type', 'strong', 'unsupported_address_type.ton_workchain', {
      workchain: String(workchain),
    });
  }
  if (flags & TESTNET_FLAG) return fail('testnet_address', 'strong');
  return pass(urlSafe, tag === BOUNCEABLE ? 'bounceable' : 'non-bounceable');
}
