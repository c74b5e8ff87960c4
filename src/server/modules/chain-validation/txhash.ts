/**
 * Transaction hash formats (see `TxHashSpec`). `explicit` is true when the
 * caller chose this network: a missing or extra `0x` is then fixed (with a
 * warning) instead of failing, since the intent is clear.
 */
import { base64urlnopad } from '@scure/base';
import { bytesToHex } from '@noble/hashes/utils.js';
import { badChars } from './check.js';
import type { IssueSpec } from './check.js';
import { BASE58_RE, HEX_RE, decodeBase58 } from './encoding.js';
import type { ErrorCode, TxHashSpec, WarningCode } from './types.js';

export type TxHashCheck =
  | { readonly ok: true; readonly normalized: string; readonly warnings: ReadonlyArray<IssueSpec<WarningCode>> }
  | { readonly ok: false; readonly error: IssueSpec<ErrorCode> };

function err(code: ErrorCode, key?: string, params?: Readonly<Record<string, string | number>>): TxHashCheck {
  return { ok: false, error: { code, ...(key ? { key } : {}), ...(params ? { params } : {}) } };
}

function checkHex(hash: string, prefix: '' | '0x', letterCase: 'lower' | 'upper', explicit: boolean): TxHashCheck {
  const has0x = /^0x/i.test(hash);
  const body = has0x ? hash.slice(2) : hash;
  if (!HEX_RE.test(body)) return err('invalid_characters', undefined, { chars: badChars(body, /[0-9a-fA-F]/) });
  if (body.length !== 64) return err('wrong_length', 'wrong_length.hash', { prefix, actual: body.length });
  const normalized = prefix + (letterCase === 'upper' ? body.toUpperCase() : body.toLowerCase());
  const prefixOk = (prefix === '0x') === has0x;
  if (!prefixOk && !explicit) return err('wrong_prefix', prefix === '0x' ? 'wrong_prefix.hash_0x' : 'wrong_prefix.hash_no0x');
  return {
    ok: true,
    normalized,
    warnings: prefixOk ? [] : [{ code: 'hash_prefix_adjusted', params: { normalized } }],
  };
}

function checkSolanaSignature(hash: string): TxHashCheck {
  if (!BASE58_RE.test(hash)) return err('invalid_characters', undefined, { chars: badChars(hash, /[1-9A-HJ-NP-Za-km-z]/) });
  const raw = decodeBase58(hash);
  if (!raw || raw.length !== 64) return err('wrong_length', 'wrong_length.hash_solana', { actual: hash.length });
  return { ok: true, normalized: hash, warnings: [] };
}

function checkTonHash(hash: string, explicit: boolean): TxHashCheck {
  if (/^(0x)?[0-9a-fA-F]+$/.test(hash)) return checkHex(hash, '', 'lower', explicit);
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(hash)) {
    return err('invalid_characters', undefined, { chars: badChars(hash, /[A-Za-z0-9+/_=-]/) });
  }
  const body = hash.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  if (body.length !== 43) return err('wrong_length', 'wrong_length.hash_ton', { actual: hash.length });
  try {
    return { ok: true, normalized: bytesToHex(base64urlnopad.decode(body)), warnings: [] };
  } catch {
    return err('wrong_length', 'wrong_length.hash_ton', { actual: hash.length });
  }
}

export function checkTxHash(spec: TxHashSpec, hash: string, explicit: boolean): TxHashCheck {
  switch (spec.format) {
    case 'hex64':
      return checkHex(hash, spec.prefix, spec.case, explicit);
    case 'base58-signature':
      return checkSolanaSignature(hash);
    case 'ton-hash':
      return checkTonHash(hash, explicit);
  }
}

/** Does the value have the shape of some transaction hash (used to explain address errors)? */
export function looksLikeTxHash(value: string): boolean {
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(value)) return true;
  const raw = value.length >= 80 && value.length <= 90 ? decodeBase58(value) : undefined;
  return raw?.length === 64;
}
