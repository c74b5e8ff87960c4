/**
 * Official test vectors shared in /work/shared/vectors:
 * - BIP-173 / BIP-350 (bech32, bech32m, SegWit addresses)
 * - EIP-55 (mixed-case checksum addresses)
 *
 * Semantics asserted for SegWit vectors on the `bitcoin` (mainnet) network:
 * - valid `bc1…` addresses: valid, normalised to lower case;
 * - valid `tb1…` (testnet) addresses: not valid, with the single error
 *   `testnet_address` (the encoding itself is correct);
 * - BIP-173 addresses with witness version >= 1 are encoded in bech32, which
 *   BIP-350 made invalid: they must be rejected (`bad_checksum`);
 * - every listed invalid address: not valid, never `testnet_address`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBech32 } from '../../src/server/modules/chain-validation/encoding.js';
import { toChecksumAddress, validateAddress } from '../../src/server/modules/chain-validation/index.js';

interface VectorItem {
  string: string;
  reason?: string;
  scriptPubKey_hex?: string;
}
interface VectorSection {
  heading: string;
  items: VectorItem[];
}
interface BipVectors {
  'bip-0173': VectorSection[];
  'bip-0350': VectorSection[];
}
interface Eip55Vectors {
  vectors: Array<{ address: string; group: string; valid_checksum: boolean }>;
}

const VECTOR_DIR = '/work/shared/vectors';
const bip = JSON.parse(readFileSync(`${VECTOR_DIR}/bip173_bip350_vectors.extracted.json`, 'utf8')) as BipVectors;
const eip55 = JSON.parse(readFileSync(`${VECTOR_DIR}/eip55_vectors.extracted.json`, 'utf8')) as Eip55Vectors;

function section(doc: 'bip-0173' | 'bip-0350', match: RegExp): VectorItem[] {
  const found = bip[doc].find((s) => match.test(s.heading));
  if (!found) throw new Error(`no section ${String(match)} in ${doc}`);
  return found.items;
}

const validStrings = (doc: 'bip-0173' | 'bip-0350') => section(doc, /^The following strings are valid/);
const invalidStrings = (doc: 'bip-0173' | 'bip-0350') => section(doc, /^The following string are not valid/);
const validAddresses = (doc: 'bip-0173' | 'bip-0350') => section(doc, /gives valid segwit addresses/);
const invalidAddresses = (doc: 'bip-0173' | 'bip-0350') => section(doc, /gives invalid segwit addresses/);

/** Witness version of a scriptPubKey: OP_0 = 0x00, OP_1..OP_16 = 0x51..0x60. */
function witnessVersion(scriptPubKeyHex: string): number {
  const op = Number.parseInt(scriptPubKeyHex.slice(0, 2), 16);
  return op === 0 ? 0 : op - 0x50;
}

describe('BIP-173 / BIP-350 bech32 strings (parser)', () => {
  it('has the expected vector sections', () => {
    expect(validStrings('bip-0173').length).toBeGreaterThan(5);
    expect(validAddresses('bip-0350').length).toBeGreaterThan(5);
  });

  it.each(validStrings('bip-0173').map((v) => v.string))('bech32 string %s parses as bech32', (value) => {
    const parsed = parseBech32(value);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.variant).toBe('bech32');
  });

  it.each(validStrings('bip-0350').map((v) => v.string))('bech32m string %s parses as bech32m', (value) => {
    const parsed = parseBech32(value);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.variant).toBe('bech32m');
  });

  it.each([...invalidStrings('bip-0173'), ...invalidStrings('bip-0350')].map((v) => [v.string, v.reason]))(
    'invalid string %j is rejected (%s)',
    (value) => {
      expect(parseBech32(value).ok).toBe(false);
    },
  );

  it.each(validStrings('bip-0173').map((v) => v.string))('bech32 string %s is not an address anywhere', (value) => {
    const r = validateAddress({ address: value });
    expect(r.valid).toBe(false);
    expect(r.networks).toEqual([]);
  });
});

describe('SegWit address vectors on Bitcoin mainnet', () => {
  // BIP-350 supersedes BIP-173 for witness versions >= 1.
  const bip350Valid = validAddresses('bip-0350');
  const bip173ValidV0 = validAddresses('bip-0173').filter((v) => witnessVersion(v.scriptPubKey_hex ?? '') === 0);
  const bip173ValidV1Plus = validAddresses('bip-0173').filter((v) => witnessVersion(v.scriptPubKey_hex ?? '') > 0);
  const valid = [...bip173ValidV0, ...bip350Valid];

  it('BIP-173 v1+ vectors exist and are the ones BIP-350 invalidates', () => {
    expect(bip173ValidV1Plus.map((v) => v.string)).toEqual([
      'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx',
      'BC1SW50QA3JX3S',
      'bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj',
    ]);
  });

  it.each(valid.filter((v) => /^bc1/i.test(v.string)).map((v) => v.string))('mainnet %s is valid', (address) => {
    const r = validateAddress({ address, network: 'bitcoin' });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.networks).toContain('bitcoin');
    expect(r.normalized).toBe(address.toLowerCase());
  });

  it.each(valid.filter((v) => /^tb1/i.test(v.string)).map((v) => v.string))(
    'testnet %s is reported as testnet_address',
    (address) => {
      const r = validateAddress({ address, network: 'bitcoin' });
      expect(r.valid).toBe(false);
      expect(r.networks).toEqual([]);
      expect(r.errors.map((e) => e.code)).toEqual(['testnet_address']);
      const unspecified = validateAddress({ address });
      expect(unspecified.valid).toBe(false);
      expect(unspecified.errors.map((e) => e.code)).toEqual(['testnet_address']);
    },
  );

  it.each(bip173ValidV1Plus.map((v) => v.string))('BIP-173 bech32 v1+ %s is rejected under BIP-350', (address) => {
    const r = validateAddress({ address, network: 'bitcoin' });
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toEqual(['bad_checksum']);
  });

  it('taproot and v0 addresses get their script type; future versions a warning', () => {
    expect(validateAddress({ address: 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', network: 'bitcoin' }).addressType).toBe(
      'p2wpkh',
    );
    const taproot = validateAddress({
      address: 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
      network: 'bitcoin',
    });
    expect(taproot.addressType).toBe('p2tr');
    expect(taproot.warnings).toEqual([]);
    const v16 = validateAddress({ address: 'BC1SW50QGDZ25J', network: 'bitcoin' });
    expect(v16.valid).toBe(true);
    expect(v16.warnings.map((w) => w.code)).toEqual(['unusual_witness_version']);
  });

  const invalid = [...invalidAddresses('bip-0173'), ...invalidAddresses('bip-0350')];
  it.each(invalid.map((v) => [v.string, v.reason]))('invalid %j is rejected (%s)', (address) => {
    const r = validateAddress({ address, network: 'bitcoin' });
    expect(r.valid).toBe(false);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.map((e) => e.code)).not.toContain('testnet_address');
  });

  it('maps invalid vectors to precise codes', () => {
    const code = (address: string) => validateAddress({ address, network: 'bitcoin' }).errors[0]?.code;
    expect(code('tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty')).toBe('wrong_prefix');
    expect(code('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toBe('bad_checksum');
    expect(code('BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2')).toBe('unsupported_address_type');
    expect(code('bc1rw5uspcuh')).toBe('wrong_length');
    expect(code('BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P')).toBe('wrong_length');
    expect(code('tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7')).toBe('invalid_characters');
    expect(code('bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du')).toBe('wrong_length');
    expect(code('bc1gmk9yu')).toBe('wrong_length');
    expect(code('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd')).toBe('bad_checksum');
    expect(code('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh')).toBe('bad_checksum');
    expect(code('bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4')).toBe('invalid_characters');
    expect(code('bc1pw5dgrnzv')).toBe('wrong_length');
  });
});

describe('EIP-55 vectors', () => {
  it('has vectors', () => {
    expect(eip55.vectors.length).toBeGreaterThanOrEqual(8);
  });

  it.each(eip55.vectors.map((v) => [v.address, v.group]))('%s (%s) is valid and normalises to itself', (address) => {
    const r = validateAddress({ address, network: 'ethereum' });
    expect(r.valid).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.normalized).toBe(address);
    expect(toChecksumAddress(address)).toBe(address);
    // Its checksum form is the address itself, so there is nothing to warn about.
    expect(r.warnings.map((w) => w.code)).toEqual(['evm_choose_same_network']);
    const unspecified = validateAddress({ address });
    expect(unspecified.valid).toBe(true);
    expect(unspecified.networks).toEqual(['ethereum', 'bsc', 'polygon', 'arbitrum', 'optimism', 'base']);
    expect(unspecified.warnings.map((w) => w.code)).toEqual(['evm_choose_same_network']);
  });

  const normal = eip55.vectors.filter((v) => v.group === 'Normal');
  it.each(normal.map((v) => v.address))('lower-case form of %s is accepted, warned and checksummed', (address) => {
    for (const variant of [address.toLowerCase(), `0x${address.slice(2).toUpperCase()}`]) {
      const r = validateAddress({ address: variant, network: 'ethereum' });
      expect(r.valid).toBe(true);
      expect(r.normalized).toBe(address);
      expect(r.warnings.map((w) => w.code)).toContain('unchecksummed_address');
    }
  });

  it.each(normal.map((v) => v.address))('flipping the case of one letter of %s gives bad_checksum', (address) => {
    for (let i = 2; i < address.length; i++) {
      const ch = address[i] ?? '';
      if (!/[a-fA-F]/.test(ch)) continue;
      const flipped = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
      const mutated = address.slice(0, i) + flipped + address.slice(i + 1);
      const r = validateAddress({ address: mutated, network: 'ethereum' });
      expect(r.valid, mutated).toBe(false);
      expect(r.errors.map((e) => e.code)).toEqual(['bad_checksum']);
    }
  });
});
