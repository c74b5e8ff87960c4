/**
 * EVM addresses (Ethereum and compatible chains): `0x` + 20 bytes in hex with
 * the EIP-55 mixed-case checksum. All-lower-case and all-upper-case addresses
 * carry no checksum and are accepted (with a warning); mixed case must match.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { badChars, fail, pass } from './check.js';
import type { AddressCheck, IssueSpec } from './check.js';
import type { WarningCode } from './types.js';

const HEX40_RE = /^[0-9a-fA-F]{40}$/;

/** EIP-55 checksummed form of a 40-hex-digit address (with or without 0x). */
export function toChecksumAddress(address: string): string {
  const hex = address.replace(/^0x/i, '').toLowerCase();
  if (!HEX40_RE.test(hex)) throw new TypeError('expected 20 bytes of hex');
  const hash = bytesToHex(keccak_256(utf8ToBytes(hex)));
  let out = '0x';
  for (let i = 0; i < hex.length; i++) {
    const ch = hex[i] ?? '';
    out += Number.parseInt(hash[i] ?? '0', 16) >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

export function checkEvmAddress(address: string): AddressCheck {
  const has0x = /^0x/i.test(address);
  const body = has0x ? address.slice(2) : address;
  if (!has0x) {
    // 40 hex digits without 0x is almost certainly an EVM address missing its prefix.
    return fail('wrong_prefix', HEX40_RE.test(address) ? 'strong' : 'none');
  }
  if (!/^[0-9a-fA-F]*$/.test(body)) {
    return fail('invalid_characters', 'strong', undefined, { chars: badChars(body, /[0-9a-fA-F]/) });
  }
  if (body.length !== 40) return fail('wrong_length', 'strong', undefined, { actual: address.length });
  const checksummed = toChecksumAddress(body);
  const lower = body.toLowerCase();
  const warnings: Array<IssueSpec<WarningCode>> = [];
  if (/^0+$/.test(lower) || lower === '000000000000000000000000000000000000dead') {
    warnings.push({ code: 'burn_address' });
  }
  if (body === lower || body === body.toUpperCase()) {
    // Single-case input carries no checksum. Some addresses' checksum form is
    // itself single-case (see the EIP-55 vectors); nothing is lost there.
    if (`0x${body}` !== checksummed) {
      warnings.push({ code: 'unchecksummed_address', params: { normalized: checksummed } });
    }
    return pass(checksummed, 'account', { warnings });
  }
  if (`0x${body}` !== checksummed) return fail('bad_checksum', 'strong', 'bad_checksum.evm');
  return pass(checksummed, 'account', { warnings });
}
