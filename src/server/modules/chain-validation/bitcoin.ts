/**
 * Bitcoin-family addresses: base58check legacy (P2PKH / P2SH) and SegWit
 * bech32 (v0, BIP-173) / bech32m (v1+, BIP-350) for Bitcoin, Litecoin,
 * Dogecoin and Bitcoin Cash (which adds CashAddr).
 */
import { CASHADDR_TYPES, decodeCashAddr, encodeCashAddr } from './cashaddr.js';
import { badChars, fail, pass } from './check.js';
import type { AddressCheck, Candidate } from './check.js';
import { BASE58_RE, checkBase58Bytes, decodeBase58, parseBech32, wordsToBytes } from './encoding.js';

export interface BitcoinLikeParams {
  /** Mainnet version bytes of pay-to-pubkey-hash addresses. */
  readonly p2pkh: readonly number[];
  /** Mainnet version bytes of pay-to-script-hash addresses. */
  readonly p2sh: readonly number[];
  /** Version bytes of testnet / regtest addresses (reported as `testnet_address`). */
  readonly testnet: readonly number[];
  /** First characters of legacy addresses (mainnet and testnet), to recognise near-misses. */
  readonly legacyFirstChars: string;
  /** Human-readable part of mainnet SegWit addresses. */
  readonly hrp?: string;
  readonly testnetHrps?: readonly string[];
  /** Prefixes of known address kinds that are not supported, mapped to a message key. */
  readonly unsupportedHrps?: Readonly<Record<string, string>>;
  /** CashAddr prefixes (Bitcoin Cash). */
  readonly cashaddr?: { readonly prefix: string; readonly testnetPrefixes: readonly string[] };
}

export type BitcoinLikeNetwork = 'bitcoin' | 'litecoin' | 'dogecoin' | 'bitcoin-cash';

export const BITCOIN_LIKE_PARAMS: Readonly<Record<BitcoinLikeNetwork, BitcoinLikeParams>> = {
  bitcoin: {
    p2pkh: [0x00],
    p2sh: [0x05],
    testnet: [0x6f, 0xc4],
    legacyFirstChars: '13mn2',
    hrp: 'bc',
    testnetHrps: ['tb', 'bcrt'],
  },
  litecoin: {
    p2pkh: [0x30],
    // 0x05 ("3…") is the legacy P2SH version shared with Bitcoin.
    p2sh: [0x32, 0x05],
    testnet: [0x6f, 0xc4, 0x3a],
    legacyFirstChars: 'LM3mn2Q',
    hrp: 'ltc',
    testnetHrps: ['tltc', 'rltc'],
    unsupportedHrps: { ltcmweb: 'ltc_mweb', tmweb: 'ltc_mweb' },
  },
  dogecoin: {
    p2pkh: [0x1e],
    p2sh: [0x16],
    testnet: [0x71, 0xc4],
    legacyFirstChars: 'DA9n2',
  },
  'bitcoin-cash': {
    p2pkh: [0x00],
    p2sh: [0x05],
    testnet: [0x6f, 0xc4],
    legacyFirstChars: '13mn2',
    cashaddr: { prefix: 'bitcoincash', testnetPrefixes: ['bchtest', 'bchreg'] },
  },
};

function checkLegacy(address: string, params: BitcoinLikeParams): AddressCheck {
  const looksLegacy =
    params.legacyFirstChars.includes(address[0] ?? '') && address.length >= 25 && address.length <= 36;
  const candidate: Candidate = looksLegacy ? 'strong' : 'none';
  if (!BASE58_RE.test(address)) {
    return fail('invalid_characters', candidate, undefined, { chars: badChars(address, /[1-9A-HJ-NP-Za-km-z]/) });
  }
  const raw = decodeBase58(address);
  if (!raw || raw.length !== 25) return fail('wrong_length', candidate, undefined, { actual: address.length });
  const checked = checkBase58Bytes(raw);
  if (!checked.ok) return fail(checked.reason, candidate);
  const version = checked.payload[0] ?? -1;
  if (params.p2pkh.includes(version)) return pass(address, 'p2pkh');
  if (params.p2sh.includes(version)) return pass(address, 'p2sh');
  if (params.testnet.includes(version)) return fail('testnet_address', looksLegacy ? 'strong' : 'none');
  return fail('wrong_prefix', 'none');
}

function checkSegwit(address: string, testnet: boolean): AddressCheck {
  const parsed = parseBech32(address, 90);
  if (!parsed.ok) {
    switch (parsed.reason) {
      case 'mixed_case':
        return fail('invalid_characters', 'strong', 'invalid_characters.mixed_case');
      case 'invalid_characters':
        return fail('invalid_characters', 'strong', undefined, {
          chars: badChars(address.slice(address.lastIndexOf('1') + 1).toLowerCase(), /[qpzry9x8gf2tvdw0s3jn54khce6mua7l]/),
        });
      case 'bad_checksum':
        return fail('bad_checksum', 'strong');
      default:
        return fail('wrong_length', 'strong', undefined, { actual: address.length });
    }
  }
  const [version, ...programWords] = parsed.words;
  if (version === undefined) return fail('wrong_length', 'strong', undefined, { actual: address.length });
  if (version > 16) return fail('unsupported_address_type', 'strong', 'unsupported_address_type.witness_version');
  const program = wordsToBytes(programWords);
  if (!program) return fail('wrong_length', 'strong', 'wrong_length.padding');
  if (version === 0 ? program.length !== 20 && program.length !== 32 : program.length < 2 || program.length > 40) {
    return fail('wrong_length', 'strong', undefined, { actual: address.length });
  }
  // BIP-350: version 0 must use bech32, versions 1-16 bech32m.
  if ((version === 0) !== (parsed.variant === 'bech32')) return fail('bad_checksum', 'strong');
  if (testnet) return fail('testnet_address', 'strong');
  if (version === 0) return pass(parsed.lower, program.length === 20 ? 'p2wpkh' : 'p2wsh');
  if (version === 1 && program.length === 32) return pass(parsed.lower, 'p2tr');
  return pass(parsed.lower, `witness_v${version}`, {
    warnings: [{ code: 'unusual_witness_version', params: { version } }],
  });
}

function checkCashAddr(address: string, params: NonNullable<BitcoinLikeParams['cashaddr']>): AddressCheck {
  const colon = address.indexOf(':');
  const givenPrefix = colon >= 0 ? address.slice(0, colon).toLowerCase() : params.prefix;
  const known = givenPrefix === params.prefix || params.testnetPrefixes.includes(givenPrefix);
  const candidate: Candidate = known ? 'strong' : 'none';
  const decoded = decodeCashAddr(address, params.prefix);
  if (!decoded.ok) {
    switch (decoded.reason) {
      case 'mixed_case':
        return fail('invalid_characters', candidate, 'invalid_characters.mixed_case');
      case 'invalid_characters':
        return fail('invalid_characters', candidate, undefined, {
          chars: badChars(address.slice(colon + 1).toLowerCase(), /[qpzry9x8gf2tvdw0s3jn54khce6mua7l]/),
        });
      case 'unsupported_type':
        return fail('unsupported_address_type', candidate, 'unsupported_address_type.cashaddr');
      default:
        return fail(decoded.reason, candidate, undefined, { actual: address.length });
    }
  }
  if (params.testnetPrefixes.includes(decoded.prefix)) return fail('testnet_address', 'strong');
  if (decoded.prefix !== params.prefix) return fail('wrong_prefix', 'none');
  return pass(decoded.normalized, CASHADDR_TYPES[decoded.type] ?? 'cashaddr', {
    explorerValue: decoded.normalized.slice(decoded.prefix.length + 1),
  });
}

/** Does the string start with `hrp1` (case-insensitively)? */
function hasHrp(lower: string, hrps: readonly string[]): string | undefined {
  return hrps.find((hrp) => lower.startsWith(`${hrp}1`));
}

const BARE_CASHADDR_RE = /^[qpzr][qpzry9x8gf2tvdw0s3jn54khce6mua7l]{40,}$/;

export function checkBitcoinLikeAddress(address: string, params: BitcoinLikeParams): AddressCheck {
  const lower = address.toLowerCase();

  if (params.cashaddr) {
    // Any `prefix:` form goes to CashAddr, so `ecash:…` or `bchtest:…` get a precise verdict.
    if (/^[a-z]+:/.test(lower) || BARE_CASHADDR_RE.test(lower)) {
      return checkCashAddr(address, params.cashaddr);
    }
  }

  if (params.unsupportedHrps) {
    const hrp = hasHrp(lower, Object.keys(params.unsupportedHrps));
    if (hrp) return fail('unsupported_address_type', 'strong', `unsupported_address_type.${params.unsupportedHrps[hrp]}`);
  }
  if (params.hrp) {
    if (hasHrp(lower, [params.hrp])) return checkSegwit(address, false);
    if (params.testnetHrps && hasHrp(lower, params.testnetHrps)) return checkSegwit(address, true);
    // Well-formed bech32 with another prefix (tc1…, ltc1… on Bitcoin): the prefix is what is wrong.
    if (parseBech32(address).ok) return fail('wrong_prefix', 'none');
  }

  const legacy = checkLegacy(address, params);
  if (legacy.ok && params.cashaddr) {
    const hash = decodeBase58(address)?.slice(1, 21);
    if (hash) {
      const cashaddr = encodeCashAddr(params.cashaddr.prefix, legacy.addressType === 'p2pkh' ? 0 : 1, hash);
      return pass(legacy.normalized, legacy.addressType, {
        warnings: [{ code: 'legacy_address_format', params: { cashaddr } }],
      });
    }
  }
  return legacy;
}
