/**
 * Chain toolkit: address / memo / transaction-hash validation and explorer
 * links for the networks Pharos supports. Pure functions, no I/O.
 *
 * Use the default-instance functions below, or `createChainToolkit(options)`
 * to change explorer URLs, memo policies or the enabled networks.
 */
import { createChainToolkit } from './toolkit.js';
import type { ChainToolkit } from './toolkit.js';

export { createChainToolkit } from './toolkit.js';
export type { ChainToolkit, ChainToolkitOptions, ExplorerOverride } from './toolkit.js';
export { DEFAULT_NETWORKS, isNetworkId, networkLabel, resolveLocale, resolveNetworkId } from './networks.js';
export { NETWORK_IDS } from './types.js';
export type {
  AddressInput,
  AddressMatch,
  AddressValidationResult,
  ErrorCode,
  ExplorerTemplates,
  Issue,
  IssueField,
  Locale,
  LocalizedText,
  MemoFormat,
  MemoPolicy,
  NetworkDefinition,
  NetworkFamily,
  NetworkId,
  NetworkSummary,
  TxHashInput,
  TxHashSpec,
  TxHashValidationResult,
  WarningCode,
} from './types.js';
export { toChecksumAddress } from './evm.js';

/** The toolkit with the default registry and every network enabled. */
export const defaultChainToolkit: ChainToolkit = createChainToolkit();

export const validateAddress: ChainToolkit['validateAddress'] = (input, locale) =>
  defaultChainToolkit.validateAddress(input, locale);

export const validateTxHash: ChainToolkit['validateTxHash'] = (input, locale) =>
  defaultChainToolkit.validateTxHash(input, locale);

export const listNetworks: ChainToolkit['listNetworks'] = (locale) => defaultChainToolkit.listNetworks(locale);

export const getNetwork: ChainToolkit['getNetwork'] = (idOrAlias) => defaultChainToolkit.getNetwork(idOrAlias);

export const explorerTxUrl: ChainToolkit['explorerTxUrl'] = (network, hash) =>
  defaultChainToolkit.explorerTxUrl(network, hash);

export const explorerAddressUrl: ChainToolkit['explorerAddressUrl'] = (network, address) =>
  defaultChainToolkit.explorerAddressUrl(network, address);
