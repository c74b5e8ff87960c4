/**
 * Internal result shapes shared by the per-family validators. Validators only
 * say *what* is wrong (code + message key + specifics); the toolkit adds the
 * localised network names and renders the messages.
 */
import type { MessageParams } from './messages.js';
import type { ErrorCode, WarningCode } from './types.js';

export interface IssueSpec<C extends string> {
  readonly code: C;
  /** Message key (`code` or `code.detail`); defaults to `code`. */
  readonly key?: string;
  readonly params?: MessageParams;
}

/**
 * How strongly a failed string still resembles this network's addresses:
 * `strong` when its prefix/shape is distinctive (0x…, bc1…, T… of length 34),
 * `weak` for shapeless formats (Solana base58), `none` when it is clearly not
 * meant for this network. Used to pick which errors to show when no network
 * was chosen.
 */
export type Candidate = 'strong' | 'weak' | 'none';

export interface AddressOk {
  readonly ok: true;
  readonly normalized: string;
  readonly addressType: string;
  /** Memo embedded in the address (X-address tag, muxed account id). */
  readonly memo?: string;
  readonly warnings: ReadonlyArray<IssueSpec<WarningCode>>;
  /** Form of the address to put into explorer URLs when it differs from `normalized`. */
  readonly explorerValue?: string;
}

export interface AddressFail {
  readonly ok: false;
  readonly error: IssueSpec<ErrorCode>;
  readonly candidate: Candidate;
}

export type AddressCheck = AddressOk | AddressFail;

export type AddressChecker = (address: string) => AddressCheck;

export function pass(
  normalized: string,
  addressType: string,
  extra: { memo?: string; warnings?: ReadonlyArray<IssueSpec<WarningCode>>; explorerValue?: string } = {},
): AddressOk {
  const result: AddressOk = { ok: true, normalized, addressType, warnings: extra.warnings ?? [] };
  return {
    ...result,
    ...(extra.memo !== undefined ? { memo: extra.memo } : {}),
    ...(extra.explorerValue !== undefined ? { explorerValue: extra.explorerValue } : {}),
  };
}

export function fail(
  code: ErrorCode,
  candidate: Candidate,
  key?: string,
  params?: MessageParams,
): AddressFail {
  const error: IssueSpec<ErrorCode> = { code, ...(key ? { key } : {}), ...(params ? { params } : {}) };
  return { ok: false, error, candidate };
}

/** Distinct characters of `value` that fail `allowed`, quoted for messages: `"0", "O"`. */
export function badChars(value: string, allowed: RegExp): string {
  const seen = new Set<string>();
  for (const ch of value) if (!allowed.test(ch)) seen.add(ch);
  return [...seen]
    .slice(0, 5)
    .map((c) => `“${c}”`)
    .join(', ');
}
