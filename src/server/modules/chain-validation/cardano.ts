/**
 * Cardano addresses (CIP-19).
 * - Shelley: bech32 (`addr1…`) with the 90-character limit lifted; the header
 *   byte gives the type (base, pointer, enterprise, reward) and network id.
 * - Byron: base58 of CBOR `[tag 24(bytes payload), crc32(payload)]` (`Ae2…`,
 *   `DdzFF…`). We decode the CBOR, verify the CRC-32 and the payload shape
 *   `[root(28 bytes), attributes, type]`; an attribute 2 (protocol magic)
 *   other than mainnet's marks a testnet address.
 */
import { crc32 } from 'node:zlib';
import { CborReader } from './cbor.js';
import { badChars, fail, pass } from './check.js';
import type { AddressCheck, Candidate } from './check.js';
import { BASE58_RE, decodeBase58, parseBech32, wordsToBytes } from './encoding.js';

const MAINNET_PROTOCOL_MAGIC = 764824073;
const BYRON_PREFIXES = ['Ae2', 'DdzFF', '37btjr', 'KjgoiX'];
const SHELLEY_TYPES: Readonly<Record<number, string>> = {
  0: 'base',
  1: 'base',
  2: 'base',
  3: 'base',
  4: 'pointer',
  5: 'pointer',
  6: 'enterprise',
  7: 'enterprise',
};

/** Reads one base-128 variable-length natural number; returns the next offset or -1. */
function skipVarUint(bytes: Uint8Array, offset: number): number {
  for (let i = offset; i < bytes.length && i < offset + 10; i++) {
    if (((bytes[i] ?? 0) & 0x80) === 0) return i + 1;
  }
  return -1;
}

function shelleyLengthOk(type: number, bytes: Uint8Array): boolean {
  if (type <= 3) return bytes.length === 57;
  if (type >= 6) return bytes.length === 29;
  // Pointer: header + 28-byte credential + three variable-length integers.
  let offset = 29;
  for (let i = 0; i < 3; i++) {
    offset = skipVarUint(bytes, offset);
    if (offset < 0) return false;
  }
  return offset === bytes.length;
}

function checkShelley(address: string): AddressCheck {
  const parsed = parseBech32(address, false);
  const knownPrefix = ['addr', 'addr_test', 'stake', 'stake_test'].includes(parsed.prefix ?? '');
  const candidate: Candidate = knownPrefix ? 'strong' : 'none';
  if (!parsed.ok) {
    switch (parsed.reason) {
      case 'mixed_case':
        return fail('invalid_characters', candidate, 'invalid_characters.mixed_case');
      case 'invalid_characters':
        return fail('invalid_characters', candidate, undefined, {
          chars: badChars(address.slice(address.lastIndexOf('1') + 1).toLowerCase(), /[qpzry9x8gf2tvdw0s3jn54khce6mua7l]/),
        });
      case 'bad_checksum':
        return fail('bad_checksum', candidate);
      case 'no_separator':
        return fail('wrong_prefix', 'none');
      default:
        return fail('wrong_length', candidate, undefined, { actual: address.length });
    }
  }
  if (!knownPrefix) return fail('wrong_prefix', 'none');
  if (parsed.variant !== 'bech32') return fail('bad_checksum', 'strong');
  const bytes = wordsToBytes(parsed.words);
  if (!bytes || bytes.length === 0) return fail('wrong_length', 'strong', 'wrong_length.padding');
  if (parsed.prefix.startsWith('stake')) {
    return fail('unsupported_address_type', 'strong', 'unsupported_address_type.cardano_stake');
  }
  const header = bytes[0] ?? 0;
  const type = header >> 4;
  const networkId = header & 0x0f;
  const kind = SHELLEY_TYPES[type];
  if (kind === undefined) return fail('unsupported_address_type', 'strong');
  if (!shelleyLengthOk(type, bytes)) return fail('wrong_length', 'strong', undefined, { actual: address.length });
  if (parsed.prefix === 'addr_test' || networkId !== 1) return fail('testnet_address', 'strong');
  return pass(parsed.lower, kind);
}

type ByronFailure = 'wrong_length' | 'bad_checksum' | 'unsupported_address_type' | 'testnet_address';

function inspectByron(raw: Uint8Array): ByronFailure | undefined {
  let payload: Uint8Array;
  let checksum: number;
  try {
    const outer = new CborReader(raw);
    if (outer.arrayHeader() !== 2 || outer.tag() !== 24) return 'bad_checksum';
    payload = outer.bytesItem();
    checksum = outer.uint();
    if (!outer.done) return 'bad_checksum';
  } catch (error) {
    return error instanceof RangeError ? 'wrong_length' : 'bad_checksum';
  }
  if (crc32(payload) !== checksum) return 'bad_checksum';
  try {
    const inner = new CborReader(payload);
    if (inner.arrayHeader() !== 3) return 'unsupported_address_type';
    if (inner.bytesItem().length !== 28) return 'unsupported_address_type';
    let magic: number | undefined;
    const attributes = inner.mapHeader();
    for (let i = 0; i < attributes; i++) {
      const key = inner.uint();
      if (key === 2) magic = new CborReader(inner.bytesItem()).uint();
      else inner.skip();
    }
    if (inner.uint() > 2 || !inner.done) return 'unsupported_address_type';
    if (magic !== undefined && magic !== MAINNET_PROTOCOL_MAGIC) return 'testnet_address';
  } catch {
    return 'unsupported_address_type';
  }
  return undefined;
}

function checkByron(address: string): AddressCheck {
  const candidate: Candidate = BYRON_PREFIXES.some((p) => address.startsWith(p)) ? 'strong' : 'none';
  if (!BASE58_RE.test(address)) {
    return fail('invalid_characters', candidate, undefined, { chars: badChars(address, /[1-9A-HJ-NP-Za-km-z]/) });
  }
  const raw = decodeBase58(address);
  if (!raw) return fail('invalid_characters', candidate);
  const problem = inspectByron(raw);
  if (problem === 'testnet_address') return fail('testnet_address', 'strong');
  if (problem) {
    // A base58 string that is not CBOR at all was never meant as a Byron address.
    const shaped = candidate === 'strong' || (raw[0] === 0x82 && raw[1] === 0xd8 && raw[2] === 0x18);
    return fail(problem, shaped ? 'strong' : 'none', undefined, { actual: address.length });
  }
  return pass(address, 'byron');
}

export function checkCardanoAddress(address: string): AddressCheck {
  if (/^(addr|stake)(_test)?1/i.test(address)) return checkShelley(address);
  if (BASE58_RE.test(address) && address.length >= 50) return checkByron(address);
  const byronLike = BYRON_PREFIXES.some((p) => address.startsWith(p));
  if (byronLike) return checkByron(address);
  return fail('wrong_prefix', 'none');
}
