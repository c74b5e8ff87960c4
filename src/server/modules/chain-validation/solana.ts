/**
 * Solana addresses: base58 of a 32-byte public key (or program-derived
 * address). There is no checksum, so only the alphabet and length can be
 * checked.
 */
import { badChars, fail, pass } from './check.js';
import type { AddressCheck } from './check.js';
import { BASE58_RE, decodeBase58 } from './encoding.js';

export function checkSolanaAddress(address: string): AddressCheck {
  const shaped = address.length >= 32 && address.length <= 44;
  if (!BASE58_RE.test(address)) {
    return fail('invalid_characters', shaped ? 'weak' : 'none', undefined, {
      chars: badChars(address, /[1-9A-HJ-NP-Za-km-z]/),
    });
  }
  const raw = decodeBase58(address);
  if (!raw || raw.length !== 32) {
    return fail('wrong_length', shaped ? 'weak' : 'none', undefined, { actual: address.length });
  }
  return pass(address, 'account', { warnings: [{ code: 'no_checksum' }] });
}
