/**
 * The network registry: plain data describing each supported network.
 * `createChainToolkit` copies it and applies overrides (explorers, memo
 * policies, enabled subset), so nothing here is mutated at run time.
 */
import { normalizeLocale } from '../../../shared/locales.js';
import { NETWORK_IDS } from './types.js';
import type { Locale, LocalizedText, NetworkDefinition, NetworkId, TxHashSpec } from './types.js';

const HEX_LOWER: TxHashSpec = { format: 'hex64', prefix: '', case: 'lower' };
const HEX_UPPER: TxHashSpec = { format: 'hex64', prefix: '', case: 'upper' };
const HEX_0X: TxHashSpec = { format: 'hex64', prefix: '0x', case: 'lower' };

const EVM_PREFIXES = ['0x'] as const;

function evm(
  id: NetworkId,
  names: LocalizedText,
  nativeAsset: string,
  labelSuffix: string | null,
  host: string,
): NetworkDefinition {
  return {
    id,
    family: 'evm',
    names,
    nativeAsset,
    tokenStandard: 'ERC-20',
    labelSuffix,
    memo: 'none',
    memoFormat: null,
    memoLabel: null,
    txHash: HEX_0X,
    addressPrefixes: EVM_PREFIXES,
    explorer: { tx: `https://${host}/tx/{hash}`, address: `https://${host}/address/{address}` },
  };
}

export const DEFAULT_NETWORKS: Readonly<Record<NetworkId, NetworkDefinition>> = {
  bitcoin: {
    id: 'bitcoin',
    family: 'bitcoin',
    names: { 'en-us': 'Bitcoin', 'zh-cn': '比特币' },
    nativeAsset: 'BTC',
    tokenStandard: null,
    labelSuffix: 'BTC',
    memo: 'none',
    memoFormat: null,
    memoLabel: null,
    txHash: HEX_LOWER,
    addressPrefixes: ['1', '3', 'bc1'],
    explorer: { tx: 'https://mempool.space/tx/{hash}', address: 'https://mempool.space/address/{address}' },
  },
  ethereum: evm('ethereum', { 'en-us': 'Ethereum', 'zh-cn': '以太坊' }, 'ETH', 'ERC-20', 'etherscan.io'),
  bsc: {
    ...evm('bsc', { 'en-us': 'BNB Smart Chain', 'zh-cn': '币安智能链' }, 'BNB', 'BEP-20', 'bscscan.com'),
    tokenStandard: 'BEP-20',
  },
  polygon: evm('polygon', { 'en-us': 'Polygon PoS', 'zh-cn': 'Polygon PoS' }, 'POL', null, 'polygonscan.com'),
  arbitrum: evm('arbitrum', { 'en-us': 'Arbitrum One', 'zh-cn': 'Arbitrum One' }, 'ETH', null, 'arbiscan.io'),
  optimism: evm(
    'optimism',
    { 'en-us': 'OP Mainnet', 'zh-cn': 'OP 主网' },
    'ETH',
    null,
    'optimistic.etherscan.io',
  ),
  base: evm('base', { 'en-us': 'Base', 'zh-cn': 'Base' }, 'ETH', null, 'basescan.org'),
  tron: {
    id: 'tron',
    family: 'tron',
    names: { 'en-us': 'Tron', 'zh-cn': '波场' },
    nativeAsset: 'TRX',
    tokenStandard: 'TRC-20',
    labelSuffix: 'TRC-20',
    memo: 'none',
    memoFormat: null,
    memoLabel: null,
    txHash: HEX_LOWER,
    addressPrefixes: ['T'],
    explorer: {
      tx: 'https://tronscan.org/#/transaction/{hash}',
      address: 'https://tronscan.org/#/address/{address}',
    },
  },
  solana: {
    id: 'solana',
    family: 'solana',
    names: { 'en-us': 'Solana', 'zh-cn': 'Solana' },
    nativeAsset: 'SOL',
    tokenStandard: 'SPL',
    labelSuffix: 'SOL',
    memo: 'none',
    memoFormat: null,
    memoLabel: null,
    txHash: { format: 'base58-signature' },
    addressPrefixes: [],
    explorer: { tx: 'https://solscan.io/tx/{hash}', address: 'https://solscan.io/account/{address}' },
  },
  xrp: {
    id: 'xrp',
    family: 'xrpl',
    names: { 'en-us': 'XRP Ledger', 'zh-cn': '瑞波' },
    nativeAsset: 'XRP',
    tokenStandard: null,
    labelSuffix: 'XRP',
    memo: 'required',
    memoFormat: 'xrp-destination-tag',
    memoLabel: { 'en-us': 'Destination Tag', 'zh-cn': '标签（Destination Tag）' },
    txHash: HEX_UPPER,
    addressPrefixes: ['r', 'X'],
    explorer: { tx: 'https://xrpscan.com/tx/{hash}', address: 'https://xrpscan.com/account/{address}' },
  },
  stellar: {
    id: 'stellar',
    family: 'stellar',
    names: { 'en-us': 'Stellar', 'zh-cn': '恒星' },
    nativeAsset: 'XLM',
    tokenStandard: null,
    labelSuffix: 'XLM',
    memo: 'required',
    memoFormat: 'stellar-memo',
    memoLabel: { 'en-us': 'Memo', 'zh-cn': '备注（Memo）' },
    txHash: HEX_LOWER,
    addressPrefixes: ['G', 'M'],
    explorer: {
      tx: 'https://stellar.expert/explorer/public/tx/{hash}',
      address: 'https://stellar.expert/explorer/public/account/{address}',
    },
  },
  litecoin: {
    id: 'litecoin',
    family: 'bitcoin',
    names: { 'en-us': 'Litecoin', 'zh-cn': '莱特币' },
    nativeAsset: 'LTC',
    tokenStandard: null,
    labelSuffix: 'LTC',
    memo: 'none',
    memoFormat: null,
    memoLabel: null,
    txHash: HEX_LOWER,
    addressPrefixes: ['L', 'M', '3', 'ltc1'],
    explorer: { tx: 'https://litecoinspace.org/tx/{hash}', address: 'https://litecoinspace.org/address/{address}' },
  },
  dogecoin: {
    id: 'dogecoin',
    family: 'bitcoin',
    names: { 'en-us': 'Dogecoin', 'zh-cn': '狗狗币' },
    nativeAsset: 'DOGE',
    tokenStandard: null,
    labelSuffix: 'DOGE',
    memo: 'none',
    memoFormat: null,
    memoLabel: null,
    txHash: HEX_LOWER,
    addressPrefixes: ['D', 'A', '9'],
    explorer: {
      tx: 'https://blockchair.com/dogecoin/transaction/{hash}',
      address: 'https://blockchair.com/dogecoin/address/{address}',
    },
  },
  'bitcoin-cash': {
    id: 'bitcoin-cash',
    family: 'bitcoin',
    names: { 'en-us': 'Bitcoin Cash', 'zh-cn': '比特币现金' },
    nativeAsset: 'BCH',
    tokenStandard: null,
    labelSuffix: 'BCH',
    memo: 'none',
    memoFormat: null,
    memoLabel: null,
    txHash: HEX_LOWER,
    addressPrefixes: ['bitcoincash:q', 'bitcoincash:p', 'q', 'p', '1', '3'],
    explorer: {
      tx: 'https://blockchair.com/bitcoin-cash/transaction/{hash}',
      address: 'https://blockchair.com/bitcoin-cash/address/{address}',
    },
  },
  cardano: {
    id: 'cardano',
    family: 'cardano',
    names: { 'en-us': 'Cardano', 'zh-cn': '卡尔达诺' },
    nativeAsset: 'ADA',
    tokenStandard: null,
    labelSuffix: 'ADA',
    memo: 'none',
    memoFormat: null,
    memoLabel: null,
    txHash: HEX_LOWER,
    addressPrefixes: ['addr1', 'Ae2', 'DdzFF'],
    explorer: {
      tx: 'https://cardanoscan.io/transaction/{hash}',
      address: 'https://cardanoscan.io/address/{address}',
    },
  },
  cosmos: {
    id: 'cosmos',
    family: 'cosmos',
    names: { 'en-us': 'Cosmos Hub', 'zh-cn': 'Cosmos Hub' },
    nativeAsset: 'ATOM',
    tokenStandard: null,
    labelSuffix: 'ATOM',
    memo: 'required',
    memoFormat: 'cosmos-memo',
    memoLabel: { 'en-us': 'Memo', 'zh-cn': '备注（Memo）' },
    txHash: HEX_UPPER,
    addressPrefixes: ['cosmos1'],
    explorer: {
      tx: 'https://www.mintscan.io/cosmos/tx/{hash}',
      address: 'https://www.mintscan.io/cosmos/address/{address}',
    },
  },
  ton: {
    id: 'ton',
    family: 'ton',
    names: { 'en-us': 'TON', 'zh-cn': 'TON' },
    nativeAsset: 'TON',
    tokenStandard: 'Jetton',
    labelSuffix: null,
    memo: 'required',
    memoFormat: 'ton-comment',
    memoLabel: { 'en-us': 'Memo (comment)', 'zh-cn': '备注（Memo/Comment）' },
    txHash: { format: 'ton-hash' },
    addressPrefixes: ['EQ', 'UQ', '0:'],
    explorer: { tx: 'https://tonviewer.com/transaction/{hash}', address: 'https://tonviewer.com/{address}' },
  },
};

/**
 * Common names users and agents type for a network. Keys are compared after
 * lower-casing and removing spaces, dashes and underscores.
 */
const ALIASES: Readonly<Record<string, NetworkId>> = {
  btc: 'bitcoin',
  eth: 'ethereum',
  erc20: 'ethereum',
  bnb: 'bsc',
  bep20: 'bsc',
  bnbsmartchain: 'bsc',
  bnbchain: 'bsc',
  matic: 'polygon',
  pol: 'polygon',
  polygonpos: 'polygon',
  arb: 'arbitrum',
  arbitrumone: 'arbitrum',
  op: 'optimism',
  opmainnet: 'optimism',
  trx: 'tron',
  trc20: 'tron',
  sol: 'solana',
  spl: 'solana',
  ripple: 'xrp',
  xrpl: 'xrp',
  xrpledger: 'xrp',
  xlm: 'stellar',
  ltc: 'litecoin',
  doge: 'dogecoin',
  bch: 'bitcoin-cash',
  bitcoincash: 'bitcoin-cash',
  ada: 'cardano',
  atom: 'cosmos',
  cosmoshub: 'cosmos',
  toncoin: 'ton',
};

const IDS = new Set<string>(NETWORK_IDS);

export function isNetworkId(value: unknown): value is NetworkId {
  return typeof value === 'string' && IDS.has(value);
}

/** Resolves a network id or a common alias (`ERC20`, `TRC-20`, `BEP20`, `btc`...) to a network id. */
export function resolveNetworkId(value: unknown): NetworkId | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().toLowerCase();
  if (isNetworkId(trimmed)) return trimmed;
  const key = trimmed.replace(/[\s_-]+/g, '');
  if (isNetworkId(key)) return key;
  return ALIASES[key] ?? (key === 'bitcoincash' ? 'bitcoin-cash' : undefined);
}

/** Normalises a caller-provided locale (zh, zh-CN, en-GB…); unknown or missing means en-us. */
export function resolveLocale(value: unknown): Locale {
  return (typeof value === 'string' ? normalizeLocale(value) : null) ?? 'en-us';
}

/** `Ethereum (ERC-20)` / `以太坊（ERC-20）`. */
export function networkLabel(def: NetworkDefinition, locale: Locale): string {
  const suffix = def.labelSuffix;
  const name = def.names[locale];
  if (suffix === null || name.includes(suffix)) return name;
  return locale === 'zh-cn' ? `${name}（${suffix}）` : `${name} (${suffix})`;
}
