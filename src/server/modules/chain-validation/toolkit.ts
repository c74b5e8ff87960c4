/**
 * The chain toolkit: address, memo and transaction-hash validation across
 * the networks of the registry, with localised messages and explorer links.
 */
import { BITCOIN_LIKE_PARAMS, checkBitcoinLikeAddress } from './bitcoin.js';
import { checkCardanoAddress } from './cardano.js';
import type { AddressCheck, AddressChecker, AddressFail, AddressOk, IssueSpec } from './check.js';
import { checkCosmosAddress } from './cosmos.js';
import { checkEvmAddress } from './evm.js';
import { checkMemo, isNumericMemo } from './memo.js';
import { fieldName, formatList, renderMessage } from './messages.js';
import type { MessageParams } from './messages.js';
import { DEFAULT_NETWORKS, networkLabel, resolveLocale, resolveNetworkId } from './networks.js';
import { looksLikeSecret } from './secrets.js';
import { checkSolanaAddress } from './solana.js';
import { checkStellarAddress } from './stellar.js';
import { checkTronAddress } from './tron.js';
import { checkTonAddress } from './ton.js';
import { checkTxHash, looksLikeTxHash } from './txhash.js';
import type { TxHashCheck } from './txhash.js';
import { NETWORK_IDS } from './types.js';
import type {
  AddressInput,
  AddressMatch,
  AddressValidationResult,
  ErrorCode,
  Issue,
  IssueField,
  Locale,
  MemoPolicy,
  NetworkDefinition,
  NetworkId,
  NetworkSummary,
  TxHashInput,
  TxHashValidationResult,
  WarningCode,
} from './types.js';
import { describeInvisible, describeLookalikes, describeOther, scanCharacters, trimInput } from './unicode.js';
import type { CharFinding } from './unicode.js';
import { checkXrpAddress } from './xrp.js';

const ADDRESS_CHECKERS: Readonly<Record<NetworkId, AddressChecker>> = {
  bitcoin: (a) => checkBitcoinLikeAddress(a, BITCOIN_LIKE_PARAMS.bitcoin),
  ethereum: checkEvmAddress,
  bsc: checkEvmAddress,
  polygon: checkEvmAddress,
  arbitrum: checkEvmAddress,
  optimism: checkEvmAddress,
  base: checkEvmAddress,
  tron: checkTronAddress,
  solana: checkSolanaAddress,
  xrp: checkXrpAddress,
  stellar: checkStellarAddress,
  litecoin: (a) => checkBitcoinLikeAddress(a, BITCOIN_LIKE_PARAMS.litecoin),
  dogecoin: (a) => checkBitcoinLikeAddress(a, BITCOIN_LIKE_PARAMS.dogecoin),
  'bitcoin-cash': (a) => checkBitcoinLikeAddress(a, BITCOIN_LIKE_PARAMS['bitcoin-cash']),
  cardano: checkCardanoAddress,
  cosmos: checkCosmosAddress,
  ton: checkTonAddress,
};

export interface ExplorerOverride {
  /** URL template containing `{hash}`. */
  readonly tx?: string;
  /** URL template containing `{address}`. */
  readonly address?: string;
}

export interface ChainToolkitOptions {
  /** Replace explorer URL templates per network (http/https only). */
  readonly explorers?: Partial<Record<NetworkId, ExplorerOverride>>;
  /** Enabled subset of networks (registry order is kept). Defaults to all. */
  readonly networks?: readonly NetworkId[];
  /**
   * Memo policy per network, e.g. `{ xrp: 'optional' }` for an exchange that
   * gives every user a dedicated XRP address. Only networks with a memo
   * syntax (xrp, stellar, cosmos, ton) accept `optional` / `required`.
   */
  readonly memo?: Partial<Record<NetworkId, MemoPolicy>>;
}

export interface ChainToolkit {
  /** Enabled network ids, in registry order. */
  readonly networkIds: readonly NetworkId[];
  validateAddress(input: AddressInput, locale?: Locale | (string & {})): AddressValidationResult;
  validateTxHash(input: TxHashInput, locale?: Locale | (string & {})): TxHashValidationResult;
  listNetworks(locale?: Locale | (string & {})): NetworkSummary[];
  /** Definition of an enabled network (id or alias), with overrides applied. */
  getNetwork(idOrAlias: string): NetworkDefinition | undefined;
  /** Resolves an id or alias (`ERC20`, `trc-20`, `btc`) to an enabled network id. */
  resolveNetwork(idOrAlias: string): NetworkId | undefined;
  explorerTxUrl(network: NetworkId, hash: string): string | undefined;
  explorerAddressUrl(network: NetworkId, address: string): string | undefined;
}

const MEMO_POLICIES: readonly MemoPolicy[] = ['none', 'optional', 'required'];

/**
 * Inputs longer than this are rejected before any decoding (base58 decoding
 * is quadratic). The longest supported forms are Byron addresses (~130
 * characters) and 24-word recovery phrases (~220), which we still recognise.
 */
const MAX_ADDRESS_LENGTH = 300;
const MAX_HASH_LENGTH = 200;

function assertTemplate(network: string, kind: 'tx' | 'address', template: unknown): string {
  const placeholder = kind === 'tx' ? '{hash}' : '{address}';
  if (typeof template !== 'string' || !/^https?:\/\/[^\s]+$/i.test(template) || !template.includes(placeholder)) {
    throw new TypeError(
      `Explorer ${kind} template for "${network}" must be an http(s) URL containing ${placeholder}`,
    );
  }
  return template;
}

function buildDefinitions(options: ChainToolkitOptions): Record<NetworkId, NetworkDefinition> {
  const defs = { ...DEFAULT_NETWORKS } as Record<NetworkId, NetworkDefinition>;
  for (const [id, override] of Object.entries(options.explorers ?? {})) {
    const resolved = NETWORK_IDS.find((n) => n === id);
    if (!resolved) throw new TypeError(`Unknown network id in explorers override: "${id}"`);
    if (!override) continue;
    const def = defs[resolved];
    defs[resolved] = {
      ...def,
      explorer: {
        tx: override.tx === undefined ? def.explorer.tx : assertTemplate(id, 'tx', override.tx),
        address: override.address === undefined ? def.explorer.address : assertTemplate(id, 'address', override.address),
      },
    };
  }
  for (const [id, policy] of Object.entries(options.memo ?? {})) {
    const resolved = NETWORK_IDS.find((n) => n === id);
    if (!resolved) throw new TypeError(`Unknown network id in memo override: "${id}"`);
    if (policy === undefined) continue;
    if (!MEMO_POLICIES.includes(policy)) throw new TypeError(`Invalid memo policy for "${id}": ${String(policy)}`);
    const def = defs[resolved];
    if (policy !== 'none' && def.memoFormat === null) {
      throw new TypeError(`Network "${id}" has no memo syntax; its memo policy can only be "none"`);
    }
    defs[resolved] = { ...def, memo: policy };
  }
  return defs;
}

function enabledIds(options: ChainToolkitOptions): NetworkId[] {
  if (options.networks === undefined) return [...NETWORK_IDS];
  const wanted = new Set<string>(options.networks);
  for (const id of wanted) {
    if (!NETWORK_IDS.some((n) => n === id)) throw new TypeError(`Unknown network id: "${id}"`);
  }
  if (wanted.size === 0) throw new TypeError('At least one network must be enabled');
  return NETWORK_IDS.filter((id) => wanted.has(id));
}

function fillTemplate(template: string, placeholder: '{hash}' | '{address}', value: string): string {
  return template.split(placeholder).join(encodeURIComponent(value));
}

function truncate(value: string, max = 40): string {
  const chars = [...value];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : value;
}

/** Adds `issue` unless an identical code + message is already there. */
function pushUnique<C extends string>(list: Array<Issue<C>>, issue: Issue<C>): void {
  if (!list.some((i) => i.code === issue.code && i.message === issue.message)) list.push(issue);
}

export function createChainToolkit(options: ChainToolkitOptions = {}): ChainToolkit {
  const defs = buildDefinitions(options);
  const ids = enabledIds(options);
  const enabled = new Set<NetworkId>(ids);

  const label = (id: NetworkId, locale: Locale) => networkLabel(defs[id], locale);

  /** Label for a group of networks: "EVM" for several EVM networks, else "A / B". */
  const groupLabel = (networks: readonly NetworkId[], locale: Locale): string => {
    if (networks.length > 1 && networks.every((n) => defs[n].family === 'evm')) return 'EVM';
    return networks.map((n) => label(n, locale)).join(locale === 'zh-cn' ? '/' : ' / ');
  };

  const listLabels = (networks: readonly NetworkId[], locale: Locale) =>
    formatList(
      networks.map((n) => label(n, locale)),
      locale,
    );

  const prefixHint = (id: NetworkId, locale: Locale): string => {
    const prefixes = defs[id].addressPrefixes.map((p) => `“${p}”`);
    if (prefixes.length <= 1) return prefixes.join('');
    const or = locale === 'zh-cn' ? ' 或 ' : ' or ';
    const sep = locale === 'zh-cn' ? '、' : ', ';
    return `${prefixes.slice(0, -1).join(sep)}${or}${prefixes[prefixes.length - 1]}`;
  };

  function render<C extends ErrorCode | WarningCode>(
    spec: IssueSpec<C>,
    locale: Locale,
    context: {
      /** Networks named in the message (the first one also supplies prefixes and memo label). */
      networks?: readonly NetworkId[];
      field?: IssueField;
      params?: MessageParams;
      /** Networks to report in `Issue.networks`, when they differ from the ones named. */
      report?: readonly NetworkId[];
    } = {},
  ): Issue<C> {
    const networks = context.networks ?? [];
    const first = networks[0];
    let key = spec.key ?? spec.code;
    if (key === 'wrong_prefix' && first && defs[first].addressPrefixes.length === 0) key = 'wrong_prefix.generic';
    const params: MessageParams = {
      field: fieldName(context.field, locale),
      ...(first
        ? {
            network: groupLabel(networks, locale),
            expected: prefixHint(first, locale),
            memoLabel: defs[first].memoLabel?.[locale] ?? fieldName('memo', locale),
          }
        : {}),
      ...context.params,
      ...spec.params,
    };
    return {
      code: spec.code,
      message: renderMessage(key, locale, params),
      ...(context.field ? { field: context.field } : {}),
      ...((context.report ?? networks).length ? { networks: [...(context.report ?? networks)] } : {}),
    };
  }

  function resolveRequested(
    raw: unknown,
    locale: Locale,
    errors: Array<Issue<ErrorCode>>,
  ): NetworkId | undefined {
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
    const id = resolveNetworkId(raw);
    if (id && enabled.has(id)) return id;
    errors.push(
      render({ code: 'unknown_network', params: { value: truncate(String(raw).trim()) } }, locale, { field: 'network' }),
    );
    return undefined;
  }

  /** Errors for characters that cannot be in any address / hash; empty when the text is plain ASCII. */
  function characterErrors(findings: readonly CharFinding[], field: IssueField, locale: Locale): Array<Issue<ErrorCode>> {
    const errors: Array<Issue<ErrorCode>> = [];
    const of = (kind: CharFinding['kind']) => findings.filter((f) => f.kind === kind);
    const invisible = of('invisible');
    const lookalike = of('lookalike');
    const whitespace = of('whitespace');
    const other = of('non_ascii');
    if (invisible.length) {
      errors.push(
        render({ code: 'invisible_characters', params: { count: invisible.length, chars: describeInvisible(invisible, locale) } }, locale, { field }),
      );
    }
    if (lookalike.length) {
      errors.push(
        render({ code: 'lookalike_characters', params: { details: describeLookalikes(lookalike, locale) } }, locale, { field }),
      );
    }
    if (whitespace.length) {
      errors.push(render({ code: 'invalid_characters', key: 'invalid_characters.whitespace' }, locale, { field }));
    }
    if (other.length) {
      errors.push(
        render({ code: 'invalid_characters', key: 'invalid_characters.non_ascii', params: { chars: describeOther(other, locale) } }, locale, { field }),
      );
    }
    return errors;
  }

  interface MemoOutcome {
    memo?: string;
    errors: Array<Issue<ErrorCode>>;
    warnings: Array<Issue<WarningCode>>;
  }

  function evaluateMemo(id: NetworkId, check: AddressOk, memoInput: string | undefined, locale: Locale): MemoOutcome {
    const def = defs[id];
    const ctx = { networks: [id], field: 'memo' as const };
    const errors: Array<Issue<ErrorCode>> = [];
    const warnings: Array<Issue<WarningCode>> = [];
    const embedded = check.memo;
    let memo = embedded;
    if (memoInput !== undefined) {
      if (def.memoFormat === null || def.memo === 'none') {
        if (embedded === undefined) warnings.push(render({ code: 'memo_not_supported' }, locale, ctx));
      } else {
        const findings = scanCharacters(memoInput);
        const invisible = findings.filter((f) => f.kind === 'invisible');
        const lookalike = findings.filter((f) => f.kind === 'lookalike');
        if (invisible.length) {
          errors.push(
            render({ code: 'invisible_characters', params: { count: invisible.length, chars: describeInvisible(invisible, locale) } }, locale, ctx),
          );
        } else if (lookalike.length && isNumericMemo(def.memoFormat)) {
          errors.push(render({ code: 'lookalike_characters', params: { details: describeLookalikes(lookalike, locale) } }, locale, ctx));
        } else {
          if (lookalike.length) {
            warnings.push(
              render({ code: 'memo_lookalike_characters', params: { details: describeLookalikes(lookalike, locale) } }, locale, ctx),
            );
          }
          const checked = checkMemo(def.memoFormat, memoInput);
          if (!checked.ok) {
            errors.push(render({ code: 'invalid_memo', key: checked.key, ...(checked.params ? { params: checked.params } : {}) }, locale, ctx));
          } else if (embedded !== undefined && checked.normalized !== embedded) {
            errors.push(
              render({ code: 'invalid_memo', key: 'invalid_memo.conflict', params: { embedded, memo: truncate(checked.normalized) } }, locale, ctx),
            );
          } else {
            memo = checked.normalized;
          }
        }
      }
    }
    if (def.memo === 'required' && memo === undefined && errors.length === 0) {
      errors.push(render({ code: 'memo_required' }, locale, ctx));
    }
    return { ...(memo !== undefined ? { memo } : {}), errors, warnings };
  }

  function normalizeMemoInput(memo: unknown): string | undefined {
    if (typeof memo === 'number') return Number.isFinite(memo) ? String(memo) : undefined;
    if (typeof memo !== 'string') return undefined;
    const trimmed = trimInput(memo);
    return trimmed === '' ? undefined : trimmed;
  }

  function addressExplorerUrl(id: NetworkId, check: AddressOk): { network: NetworkId; url: string } {
    return { network: id, url: fillTemplate(defs[id].explorer.address, '{address}', check.explorerValue ?? check.normalized) };
  }

  function validateAddress(input: AddressInput, localeArg?: string): AddressValidationResult {
    const locale = resolveLocale(localeArg);
    const errors: Array<Issue<ErrorCode>> = [];
    const warnings: Array<Issue<WarningCode>> = [];
    const network = resolveRequested(input?.network, locale, errors);
    const memoInput = normalizeMemoInput(input?.memo);
    const address = typeof input?.address === 'string' ? trimInput(input.address) : '';
    const memoRequiredFor = (n: readonly NetworkId[]) => n.some((id) => defs[id].memo === 'required');
    const empty = (): AddressValidationResult => ({
      valid: false,
      ...(network ? { network } : {}),
      networks: [],
      memoRequired: network ? memoRequiredFor([network]) : false,
      matches: [],
      explorerUrls: [],
      warnings,
      errors,
    });

    if (address === '') {
      errors.push(render({ code: 'empty' }, locale, { field: 'address' }));
      return empty();
    }
    if (address.length > MAX_ADDRESS_LENGTH) {
      errors.push(
        render({ code: 'wrong_length', key: 'wrong_length.too_long', params: { actual: address.length } }, locale, {
          field: 'address',
        }),
      );
      return empty();
    }
    if (looksLikeSecret(address)) {
      errors.push(render({ code: 'secret_key' }, locale, { field: 'address' }));
      return empty();
    }
    const charErrors = characterErrors(scanCharacters(address), 'address', locale);
    if (charErrors.length) {
      errors.push(...charErrors);
      return empty();
    }

    const checks = new Map<NetworkId, AddressCheck>(ids.map((id) => [id, ADDRESS_CHECKERS[id](address)]));
    const okEntries = [...checks].filter((e): e is [NetworkId, AddressOk] => e[1].ok);
    const networks = okEntries.map(([id]) => id);
    const matches: AddressMatch[] = okEntries.map(([id, c]) => ({
      network: id,
      normalized: c.normalized,
      addressType: c.addressType,
      ...(c.memo !== undefined ? { memo: c.memo } : {}),
    }));
    const explorerUrls = okEntries.map(([id, c]) => addressExplorerUrl(id, c));
    const evmMatches = networks.filter((id) => defs[id].family === 'evm');

    if (network) {
      const own = checks.get(network) ?? ADDRESS_CHECKERS[network](address);
      if (!own.ok) {
        if (networks.length) {
          const key =
            networks.length === 1
              ? 'address_on_other_network'
              : evmMatches.length === networks.length
                ? 'address_on_other_network.evm'
                : 'address_on_other_network.many';
          errors.push(
            render({ code: 'address_on_other_network', key }, locale, {
              networks: [network],
              report: networks,
              field: 'address',
              params: { other: label(networks[0] ?? network, locale), others: listLabels(networks, locale) },
            }),
          );
          // `network` stays the chosen one; `networks` says where the address IS valid.
          return { ...empty(), networks, matches, explorerUrls };
        }
        if (looksLikeTxHash(address)) {
          errors.push(render({ code: 'looks_like_tx_hash' }, locale, { field: 'address' }));
        } else {
          errors.push(
            render(own.error, locale, { networks: [network], field: 'address', params: { actual: [...address].length } }),
          );
        }
        return empty();
      }
      for (const w of own.warnings) pushUnique(warnings, render(w, locale, { networks: [network], field: 'address' }));
      if (defs[network].family === 'evm') {
        pushUnique(
          warnings,
          render({ code: 'evm_choose_same_network', key: 'evm_choose_same_network.selected' }, locale, { networks: [network] }),
        );
      }
      const memo = evaluateMemo(network, own, memoInput, locale);
      errors.push(...memo.errors);
      for (const w of memo.warnings) pushUnique(warnings, w);
      return {
        valid: errors.length === 0,
        network,
        networks,
        normalized: own.normalized,
        addressType: own.addressType,
        memoRequired: defs[network].memo === 'required',
        ...(memo.memo !== undefined ? { memo: memo.memo } : {}),
        matches,
        explorerUrls,
        warnings,
        errors,
      };
    }

    if (okEntries.length === 0) {
      if (looksLikeTxHash(address)) {
        errors.push(render({ code: 'looks_like_tx_hash' }, locale, { field: 'address' }));
        return empty();
      }
      const failures = [...checks].filter((e): e is [NetworkId, AddressFail] => !e[1].ok);
      const strong = failures.filter(([, f]) => f.candidate === 'strong');
      const pool = strong.length ? strong : failures.filter(([, f]) => f.candidate === 'weak');
      if (pool.length === 0) {
        errors.push(render({ code: 'unknown_format' }, locale, { field: 'address' }));
        return empty();
      }
      // One issue per distinct message key, naming every network that reported it.
      const groups = new Map<string, { spec: IssueSpec<ErrorCode>; networks: NetworkId[] }>();
      for (const [id, f] of pool) {
        const key = f.error.key ?? f.error.code;
        const group = groups.get(key);
        if (group) group.networks.push(id);
        else groups.set(key, { spec: f.error, networks: [id] });
      }
      for (const { spec, networks: ns } of groups.values()) {
        errors.push(render(spec, locale, { networks: ns, field: 'address', params: { actual: [...address].length } }));
      }
      return empty();
    }

    // No network chosen, valid somewhere.
    for (const [id, c] of okEntries) for (const w of c.warnings) pushUnique(warnings, render(w, locale, { networks: [id], field: 'address' }));
    if (evmMatches.length > 1) {
      pushUnique(
        warnings,
        render({ code: 'evm_choose_same_network', params: { others: listLabels(evmMatches, locale) } }, locale, {
          networks: evmMatches,
        }),
      );
    }
    if (networks.length > 1 && evmMatches.length < networks.length) {
      pushUnique(
        warnings,
        render({ code: 'multiple_networks', params: { others: listLabels(networks, locale) } }, locale, { networks }),
      );
    }
    const outcomes = okEntries.map(([id, c]) => ({ id, outcome: evaluateMemo(id, c, memoInput, locale) }));
    const passing = outcomes.find((o) => o.outcome.errors.length === 0);
    const chosen = passing ?? outcomes[0];
    if (!passing && chosen) errors.push(...chosen.outcome.errors);
    if (chosen) for (const w of chosen.outcome.warnings) pushUnique(warnings, w);
    const normalizedForms = new Set(okEntries.map(([, c]) => c.normalized));
    const first = okEntries[0]?.[1];
    return {
      valid: errors.length === 0,
      networks,
      ...(normalizedForms.size === 1 && first ? { normalized: first.normalized, addressType: first.addressType } : {}),
      memoRequired: memoRequiredFor(networks),
      ...(chosen?.outcome.memo !== undefined ? { memo: chosen.outcome.memo } : {}),
      matches,
      explorerUrls,
      warnings,
      errors,
    };
  }

  function validateTxHash(input: TxHashInput, localeArg?: string): TxHashValidationResult {
    const locale = resolveLocale(localeArg);
    const errors: Array<Issue<ErrorCode>> = [];
    const warnings: Array<Issue<WarningCode>> = [];
    const network = resolveRequested(input?.network, locale, errors);
    const hash = typeof input?.hash === 'string' ? trimInput(input.hash) : '';
    const invalid = (networks: NetworkId[] = []): TxHashValidationResult => ({
      valid: false,
      ...(network ? { network } : {}),
      networks,
      explorerUrls: [],
      warnings,
      errors,
    });

    if (hash === '') {
      errors.push(render({ code: 'empty', key: 'empty.hash' }, locale, { field: 'hash' }));
      return invalid();
    }
    if (hash.length > MAX_HASH_LENGTH) {
      errors.push(
        render({ code: 'wrong_length', key: 'wrong_length.too_long', params: { actual: hash.length } }, locale, {
          field: 'hash',
        }),
      );
      return invalid();
    }
    const charErrors = characterErrors(scanCharacters(hash), 'hash', locale);
    if (charErrors.length) {
      errors.push(...charErrors);
      return invalid();
    }

    const implicit = new Map<NetworkId, TxHashCheck>(ids.map((id) => [id, checkTxHash(defs[id].txHash, hash, false)]));
    const matching = [...implicit].filter((e): e is [NetworkId, Extract<TxHashCheck, { ok: true }>] => e[1].ok);
    const txUrl = (id: NetworkId, normalized: string) => ({
      network: id,
      url: fillTemplate(defs[id].explorer.tx, '{hash}', normalized),
    });
    const addressNetworks = () => ids.filter((id) => ADDRESS_CHECKERS[id](hash).ok);

    if (network) {
      const own = checkTxHash(defs[network].txHash, hash, true);
      if (own.ok) {
        for (const w of own.warnings) pushUnique(warnings, render(w, locale, { networks: [network], field: 'hash' }));
        return {
          valid: true,
          network,
          networks: [network],
          normalized: own.normalized,
          explorerUrls: [txUrl(network, own.normalized)],
          warnings,
          errors,
        };
      }
      const others = matching.map(([id]) => id);
      if (others.length) {
        errors.push(
          render({ code: 'hash_on_other_network', params: { others: listLabels(others, locale) } }, locale, {
            networks: [network],
            report: others,
            field: 'hash',
          }),
        );
        return invalid(others);
      }
      const asAddress = addressNetworks();
      if (asAddress.length) {
        errors.push(render({ code: 'looks_like_address' }, locale, { networks: asAddress, field: 'hash' }));
        return invalid();
      }
      errors.push(render(own.error, locale, { networks: [network], field: 'hash' }));
      return invalid();
    }

    if (matching.length === 0) {
      const asAddress = addressNetworks();
      if (asAddress.length) {
        errors.push(render({ code: 'looks_like_address' }, locale, { networks: asAddress, field: 'hash' }));
      } else if (/^(0x)?[0-9a-fA-F]+$/.test(hash)) {
        errors.push(
          render({ code: 'wrong_length', key: 'wrong_length.hash_generic', params: { actual: hash.replace(/^0x/i, '').length } }, locale, {
            field: 'hash',
          }),
        );
      } else {
        errors.push(render({ code: 'unknown_format', key: 'unknown_format.hash' }, locale, { field: 'hash' }));
      }
      return invalid();
    }
    const forms = new Set(matching.map(([, c]) => c.normalized));
    return {
      valid: errors.length === 0,
      networks: matching.map(([id]) => id),
      ...(forms.size === 1 ? { normalized: [...forms][0] as string } : {}),
      explorerUrls: matching.map(([id, c]) => txUrl(id, c.normalized)),
      warnings,
      errors,
    };
  }

  function listNetworks(localeArg?: string): NetworkSummary[] {
    const locale = resolveLocale(localeArg);
    return ids.map((id) => {
      const def = defs[id];
      return {
        id,
        name: def.names[locale],
        label: label(id, locale),
        family: def.family,
        nativeAsset: def.nativeAsset,
        tokenStandard: def.tokenStandard,
        memo: def.memo,
        memoLabel: def.memo === 'none' ? null : (def.memoLabel?.[locale] ?? null),
        txHash: def.txHash,
        addressPrefixes: def.addressPrefixes,
        explorer: def.explorer,
      };
    });
  }

  function resolveNetwork(idOrAlias: string): NetworkId | undefined {
    const id = resolveNetworkId(idOrAlias);
    return id && enabled.has(id) ? id : undefined;
  }

  return {
    networkIds: ids,
    validateAddress,
    validateTxHash,
    listNetworks,
    getNetwork: (idOrAlias) => {
      const id = resolveNetwork(idOrAlias);
      return id ? defs[id] : undefined;
    },
    resolveNetwork,
    explorerTxUrl: (network, hash) => {
      if (!enabled.has(network)) return undefined;
      const checked = checkTxHash(defs[network].txHash, trimInput(hash), true);
      return checked.ok ? fillTemplate(defs[network].explorer.tx, '{hash}', checked.normalized) : undefined;
    },
    explorerAddressUrl: (network, address) => {
      if (!enabled.has(network)) return undefined;
      const checked = ADDRESS_CHECKERS[network](trimInput(address));
      return checked.ok ? addressExplorerUrl(network, checked).url : undefined;
    },
  };
}
