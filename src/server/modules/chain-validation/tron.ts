/**
 * Tron addresses: base58check of 0x41 + 20-byte account id ("T…", 34 chars).
 * The hex form `41` + 40 hex digits used by APIs is accepted and normalised.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { badChars, fail, pass } from './check.js';
import type { AddressCheck } from './check.js';
import { BASE58_RE, checkBase58Bytes, decodeBase58, encodeBase58Check } from './encoding.js';

const TRON_VERSION = 0x41;

/** Base58check form of a 20-byte account id. */
export function encodeTronAddress(accountId: Uint8Array): string {
  const payload = new Uint8Array(21);
  payload[0] = TRON_VERSION;
  payload.set(accountId, 1);
  return encodeBase58Check(payload);
}

function burnWarning(accountId: Uint8Array) {
  return accountId.every((b) => b === 0) ? [{ code: 'burn_address' as const }] : [];
}

export function checkTronAddress(address: string): AddressCheck {
  if (/^41[0-9a-fA-F]{40}$/.test(address)) {
    const accountId = hexToBytes(address.slice(2).toLowerCase());
    const normalized = encodeTronAddress(accountId);
    return pass(normalized, 'account', {
      warnings: [{ code: 'tron_hex_format', params: { normalized } }, ...burnWarning(accountId)],
    });
  }
  const candidate = address.startsWith('T') && address.length >= 30 && address.length <= 38 ? 'strong' : 'none';
  if (!BASE58_RE.test(address)) {
    return fail('invalid_characters', candidate, undefined, { chars: badChars(address, /[1-9A-HJ-NP-Za-km-z]/) });
  }
  const raw = decodeBase58(address);
  if (!raw || raw.length !== 25) return fail('wrong_length', candidate, undefined, { actual: address.length });
  const checked = checkBase58Bytes(raw);
  if (!checked.ok) return fail(checked.reason, candidate);
  if (checked.payload[0] !== TRON_VERSION) return fail('wrong_prefix', 'none');
  return pass(address, 'account', { warnings: burnWarning(checked.payload.slice(1)) });
}
