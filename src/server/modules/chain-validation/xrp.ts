/**
 * XRP Ledger addresses: classic `r…` (base58check in the XRP alphabet of
 * 0x00 + 20-byte account id) and X-addresses (XLS-5d: account id plus an
 * optional destination tag in one checksummed string).
 */
import { base58, base58xrp } from '@scure/base';
import { badChars, fail, pass } from './check.js';
import type { AddressCheck, IssueSpec } from './check.js';
import { BASE58_RE, checkBase58Bytes, encodeBase58Check } from './encoding.js';
import type { WarningCode } from './types.js';

const X_PREFIX_MAIN = [0x05, 0x44] as const;
const X_PREFIX_TEST = [0x04, 0x93] as const;

function decodeXrpBase58(value: string): Uint8Array | undefined {
  // The XRP alphabet uses the same 58 characters as Bitcoin's, in another order.
  if (!BASE58_RE.test(value)) return undefined;
  try {
    return base58xrp.decode(value);
  } catch {
    return undefined;
  }
}

/** XRP-alphabet base58check encoding (checksum computed by @scure/base). */
export function encodeXrpBase58Check(payload: Uint8Array): string {
  return base58xrp.encode(base58.decode(encodeBase58Check(payload)));
}

/** Classic `r…` address of a 20-byte account id. */
export function encodeClassicAddress(accountId: Uint8Array): string {
  const payload = new Uint8Array(21);
  payload.set(accountId, 1);
  return encodeXrpBase58Check(payload);
}

/** X-address of an account id and optional tag (mainnet unless `test`). */
export function encodeXAddress(accountId: Uint8Array, tag?: number, test = false): string {
  const payload = new Uint8Array(31);
  payload.set(test ? X_PREFIX_TEST : X_PREFIX_MAIN, 0);
  payload.set(accountId, 2);
  if (tag !== undefined) {
    payload[22] = 1;
    new DataView(payload.buffer).setUint32(23, tag, true);
  }
  return encodeXrpBase58Check(payload);
}

function burnWarnings(accountId: Uint8Array): Array<IssueSpec<WarningCode>> {
  // ACCOUNT_ZERO (rrrrrrrrrrrrrrrrrrrrrhoLvTp) and ACCOUNT_ONE (rrrrrrrrrrrrrrrrrrrrBZbvji).
  const head = accountId.slice(0, 19);
  const last = accountId[19] ?? 0;
  return head.every((b) => b === 0) && last <= 1 ? [{ code: 'burn_address' }] : [];
}

function checkXAddress(address: string): AddressCheck {
  const raw = decodeXrpBase58(address);
  if (!raw) return fail('invalid_characters', 'strong', undefined, { chars: badChars(address, /[1-9A-HJ-NP-Za-km-z]/) });
  if (raw.length !== 35) return fail('wrong_length', 'strong', undefined, { actual: address.length });
  const checked = checkBase58Bytes(raw);
  if (!checked.ok) return fail(checked.reason, 'strong');
  const p = checked.payload;
  const isMain = p[0] === X_PREFIX_MAIN[0] && p[1] === X_PREFIX_MAIN[1];
  const isTest = p[0] === X_PREFIX_TEST[0] && p[1] === X_PREFIX_TEST[1];
  if (!isMain && !isTest) return fail('wrong_prefix', 'none');
  const flags = p[22];
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const tag = view.getUint32(23, true);
  const high = view.getUint32(27, true);
  // Flag 0 = no tag (tag bytes must be zero), 1 = 32-bit tag; 64-bit tags are reserved.
  if ((flags !== 0 && flags !== 1) || high !== 0 || (flags === 0 && tag !== 0)) {
    return fail('unsupported_address_type', 'strong');
  }
  if (isTest) return fail('testnet_address', 'strong');
  const accountId = p.slice(2, 22);
  const classic = encodeClassicAddress(accountId);
  const memo = flags === 1 ? String(tag) : undefined;
  return pass(classic, 'x-address', {
    ...(memo !== undefined ? { memo } : {}),
    warnings: [{ code: 'x_address_converted', params: { classic, tag: memo } }, ...burnWarnings(accountId)],
  });
}

export function checkXrpAddress(address: string): AddressCheck {
  if ((address.startsWith('X') || address.startsWith('T')) && address.length >= 45 && address.length <= 49) {
    return checkXAddress(address);
  }
  const candidate = address.startsWith('r') && address.length >= 24 && address.length <= 36 ? 'strong' : 'none';
  const raw = decodeXrpBase58(address);
  if (!raw) return fail('invalid_characters', candidate, undefined, { chars: badChars(address, /[1-9A-HJ-NP-Za-km-z]/) });
  if (raw.length !== 25) return fail('wrong_length', candidate, undefined, { actual: address.length });
  const checked = checkBase58Bytes(raw);
  if (!checked.ok) return fail(checked.reason, candidate);
  if (checked.payload[0] !== 0x00) return fail('wrong_prefix', 'none');
  return pass(address, 'classic', { warnings: burnWarnings(checked.payload.slice(1)) });
}
