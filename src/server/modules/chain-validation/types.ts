/**
 * Public types of the chain toolkit. Everything here is plain data so results
 * can be serialised straight into API responses.
 */
import type { Locale } from '../../../shared/locales.js';

/** Every network the toolkit knows, in display order. */
export const NETWORK_IDS = [
  'bitcoin',
  'ethereum',
  'bsc',
  'polygon',
  'arbitrum',
  'optimism',
  'base',
  'tron',
  'solana',
  'xrp',
  'stellar',
  'litecoin',
  'dogecoin',
  'bitcoin-cash',
  'cardano',
  'cosmos',
  'ton',
] as const;

export type NetworkId = (typeof NETWORK_IDS)[number];

/** The UI locales (shared with the rest of Pharos). */
export type { Locale };

export type LocalizedText = Readonly<Record<Locale, string>>;

export type NetworkFamily =
  | 'bitcoin'
  | 'evm'
  | 'tron'
  | 'solana'
  | 'xrpl'
  | 'stellar'
  | 'cardano'
  | 'cosmos'
  | 'ton';

/**
 * Whether a deposit on this network needs a memo / destination tag.
 * - `none`: the network has no memo concept for deposits; a memo is ignored.
 * - `optional`: a memo is validated when given, never demanded.
 * - `required`: deposits must carry one (shared exchange deposit addresses).
 */
export type MemoPolicy = 'none' | 'optional' | 'required';

/** The syntax a memo must follow on a memo-capable network. */
export type MemoFormat = 'xrp-destination-tag' | 'stellar-memo' | 'cosmos-memo' | 'ton-comment';

/**
 * How transaction hashes look on a network.
 * - `hex64`: 64 hex characters; `prefix` tells whether `0x` is part of it and
 *   `case` how the normalised form is written.
 * - `base58-signature`: a base58 transaction signature of 64 bytes (Solana).
 * - `ton-hash`: 64 hex characters, or 32 bytes in base64/base64url (TON).
 */
export type TxHashSpec =
  | { readonly format: 'hex64'; readonly prefix: '' | '0x'; readonly case: 'lower' | 'upper' }
  | { readonly format: 'base58-signature' }
  | { readonly format: 'ton-hash' };

export interface ExplorerTemplates {
  /** URL template with a `{hash}` placeholder. */
  readonly tx: string;
  /** URL template with an `{address}` placeholder. */
  readonly address: string;
}

/** One entry of the network registry (plain, serialisable data). */
export interface NetworkDefinition {
  readonly id: NetworkId;
  readonly family: NetworkFamily;
  readonly names: LocalizedText;
  /** Ticker of the native coin, e.g. `ETH`. */
  readonly nativeAsset: string;
  /** Token standard of the network's fungible tokens, e.g. `ERC-20`, `BEP-20`, `TRC-20`, `SPL`; null when none is commonly named. */
  readonly tokenStandard: string | null;
  /** What follows the name in labels: `Ethereum (ERC-20)`, `Bitcoin (BTC)`; null shows the bare name (`Arbitrum One`). */
  readonly labelSuffix: string | null;
  readonly memo: MemoPolicy;
  /** Syntax of the memo, for networks that have one. */
  readonly memoFormat: MemoFormat | null;
  /** What the memo is called on this network (null when it has none). */
  readonly memoLabel: LocalizedText | null;
  readonly txHash: TxHashSpec;
  /** How addresses start, for hints in messages ("should start with 1, 3 or bc1"). */
  readonly addressPrefixes: readonly string[];
  readonly explorer: ExplorerTemplates;
}

/** Machine-readable problem codes. */
export type ErrorCode =
  | 'empty'
  | 'invisible_characters'
  | 'lookalike_characters'
  | 'invalid_characters'
  | 'wrong_length'
  | 'wrong_prefix'
  | 'bad_checksum'
  | 'testnet_address'
  | 'unsupported_address_type'
  | 'address_on_other_network'
  | 'hash_on_other_network'
  | 'looks_like_tx_hash'
  | 'looks_like_address'
  | 'secret_key'
  | 'memo_required'
  | 'invalid_memo'
  | 'unknown_network'
  | 'unknown_format';

export type WarningCode =
  | 'evm_choose_same_network'
  | 'multiple_networks'
  | 'no_checksum'
  | 'unchecksummed_address'
  | 'burn_address'
  | 'x_address_converted'
  | 'stellar_muxed_address'
  | 'legacy_address_format'
  | 'unusual_witness_version'
  | 'memo_not_supported'
  | 'memo_lookalike_characters'
  | 'tron_hex_format'
  | 'hash_prefix_adjusted';

export type IssueField = 'address' | 'memo' | 'network' | 'hash';

export interface Issue<C extends string = string> {
  readonly code: C;
  /** Localised, user-facing text (plain text: escape it before putting it in HTML). */
  readonly message: string;
  /** Which input the issue is about. */
  readonly field?: IssueField;
  /** Networks the issue refers to (e.g. where the address IS valid). */
  readonly networks?: readonly NetworkId[];
}

export interface AddressInput {
  readonly address: string;
  /** Network id (or a common alias such as `ERC20`, `TRC20`, `BEP20`). */
  readonly network?: NetworkId | (string & {});
  readonly memo?: string | number;
}

export interface AddressMatch {
  readonly network: NetworkId;
  readonly normalized: string;
  /** e.g. `p2pkh`, `p2wpkh`, `p2tr`, `eoa`, `classic`, `x-address`, `muxed`, `byron`, `raw`. */
  readonly addressType: string;
  /** Memo carried inside the address itself (X-address tag, muxed id). */
  readonly memo?: string;
}

export interface AddressValidationResult {
  /** True when the address is valid on the chosen network (or on at least one network when none was chosen) and the memo rules are met. */
  readonly valid: boolean;
  /** The resolved network that was asked about, if any. */
  readonly network?: NetworkId;
  /** Networks on which the address itself is well-formed (memo rules do not affect this list). */
  readonly networks: NetworkId[];
  /** Canonical form: EIP-55 checksum, lowercase bech32, classic XRP address for an X-address, prefixed CashAddr... */
  readonly normalized?: string;
  readonly addressType?: string;
  /** True when a deposit to this address must carry a memo / tag. */
  readonly memoRequired: boolean;
  /** The memo to use: the normalised memo given, or the one embedded in the address. */
  readonly memo?: string;
  /** Per-network details for every network in `networks`. */
  readonly matches: AddressMatch[];
  readonly explorerUrls: Array<{ network: NetworkId; url: string }>;
  readonly warnings: Array<Issue<WarningCode>>;
  readonly errors: Array<Issue<ErrorCode>>;
}

export interface TxHashInput {
  readonly hash: string;
  readonly network?: NetworkId | (string & {});
}

export interface TxHashValidationResult {
  readonly valid: boolean;
  readonly network?: NetworkId;
  /** Networks whose transaction hash format this value matches. */
  readonly networks: NetworkId[];
  /** Canonical form, when all matching networks agree on one. */
  readonly normalized?: string;
  readonly explorerUrls: Array<{ network: NetworkId; url: string }>;
  readonly warnings: Array<Issue<WarningCode>>;
  readonly errors: Array<Issue<ErrorCode>>;
}

/** A network as shown in forms (`listNetworks`). */
export interface NetworkSummary {
  readonly id: NetworkId;
  /** Name in the requested locale, e.g. `以太坊`. */
  readonly name: string;
  /** Name plus token standard, e.g. `Ethereum (ERC-20)` / `以太坊（ERC-20）`. */
  readonly label: string;
  readonly family: NetworkFamily;
  readonly nativeAsset: string;
  readonly tokenStandard: string | null;
  readonly memo: MemoPolicy;
  readonly memoLabel: string | null;
  readonly txHash: TxHashSpec;
  readonly addressPrefixes: readonly string[];
  readonly explorer: ExplorerTemplates;
}
