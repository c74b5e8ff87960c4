/**
 * Memo / destination-tag syntax per network.
 * - XRP destination tag: an unsigned 32-bit integer, digits only.
 * - Stellar memo: MEMO_ID (uint64, digits only), MEMO_TEXT (at most 28 bytes
 *   of UTF-8) or MEMO_HASH / MEMO_RETURN (64 hex digits).
 * - Cosmos memo: at most 256 bytes (the SDK's default MaxMemoCharacters is
 *   checked against the UTF-8 byte length, which equals characters for ASCII).
 * - TON comment: text that fits one cell, at most 123 bytes of UTF-8.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { MemoFormat } from './types.js';

export type MemoCheck =
  | { readonly ok: true; readonly normalized: string; readonly kind: string }
  | { readonly ok: false; readonly key: string; readonly params?: Readonly<Record<string, string | number>> };

const UINT32_MAX = 4294967295n;
const UINT64_MAX = 18446744073709551615n;
const DIGITS_RE = /^\d+$/;

const INVALID_KEYS: Readonly<Record<MemoFormat, string>> = {
  'xrp-destination-tag': 'invalid_memo.xrp',
  'stellar-memo': 'invalid_memo.stellar',
  'cosmos-memo': 'invalid_memo.cosmos',
  'ton-comment': 'invalid_memo.ton',
};

/** No memo syntax allows more than this; longer input is rejected before parsing. */
const MAX_MEMO_CHARS = 512;

export function checkMemo(format: MemoFormat, memo: string): MemoCheck {
  if (memo.length > MAX_MEMO_CHARS) {
    return { ok: false, key: INVALID_KEYS[format], params: { actual: utf8ToBytes(memo).length } };
  }
  switch (format) {
    case 'xrp-destination-tag': {
      if (!DIGITS_RE.test(memo) || BigInt(memo) > UINT32_MAX) return { ok: false, key: INVALID_KEYS[format] };
      return { ok: true, normalized: BigInt(memo).toString(), kind: 'destination-tag' };
    }
    case 'stellar-memo': {
      if (DIGITS_RE.test(memo) && BigInt(memo) <= UINT64_MAX) {
        return { ok: true, normalized: BigInt(memo).toString(), kind: 'id' };
      }
      if (/^[0-9a-fA-F]{64}$/.test(memo)) return { ok: true, normalized: memo.toLowerCase(), kind: 'hash' };
      if (utf8ToBytes(memo).length <= 28) return { ok: true, normalized: memo, kind: 'text' };
      return { ok: false, key: INVALID_KEYS[format] };
    }
    case 'cosmos-memo': {
      const size = utf8ToBytes(memo).length;
      if (size > 256) return { ok: false, key: INVALID_KEYS[format], params: { actual: size } };
      return { ok: true, normalized: memo, kind: 'text' };
    }
    case 'ton-comment': {
      const size = utf8ToBytes(memo).length;
      if (size > 123) return { ok: false, key: INVALID_KEYS[format], params: { actual: size } };
      return { ok: true, normalized: memo, kind: 'text' };
    }
  }
}

/** Is this memo syntax numeric-only (so look-alike digits are errors, not warnings)? */
export function isNumericMemo(format: MemoFormat): boolean {
  return format === 'xrp-destination-tag';
}
