import { existsSync, readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { createBase58check } from '@scure/base';
import type { ScanResult, SecretKind } from '../../src/server/modules/redaction/index.js';

/** shared/ sits beside the repository checkout (locally and in CI). */
const SHARED_CANDIDATES = [new URL('../../../shared/vectors/', import.meta.url), new URL('file:///work/shared/vectors/')];

export function sharedVector(name: string): URL {
  for (const dir of SHARED_CANDIDATES) {
    const url = new URL(name, dir);
    if (existsSync(url)) return url;
  }
  throw new Error(`shared vector ${name} not found`);
}

/** [entropy hex, mnemonic, seed hex, xprv] per language key. */
export type TrezorVectors = Record<string, [string, string, string, string][]>;

export function loadVectors(): TrezorVectors {
  return JSON.parse(readFileSync(sharedVector('bip39_trezor_vectors.json'), 'utf8')) as TrezorVectors;
}

/** Deterministic pseudo-random bytes for test fixtures. */
export function testBytes(seed: string, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let block = sha256(utf8ToBytes(seed));
  for (let k = 0; k < n; k++) {
    if (k > 0 && k % 32 === 0) block = sha256(block);
    out[k] = block[k % 32] ?? 0;
  }
  return out;
}

const b58check = createBase58check(sha256);

export function wif(key: Uint8Array, { compressed = true, testnet = false } = {}): string {
  const body = compressed ? [...key, 0x01] : [...key];
  return b58check.encode(Uint8Array.from([testnet ? 0xef : 0x80, ...body]));
}

export function base58Address(seed: string, version: number): string {
  return b58check.encode(Uint8Array.from([version, ...testBytes(seed, 20)]));
}

/** True when one finding of `kind` covers [start, end) completely. */
export function covered(result: ScanResult, start: number, end: number, kind: SecretKind): boolean {
  return result.findings.some((f) => f.kind === kind && f.start <= start && f.end >= end);
}

export function describeFindings(text: string, result: ScanResult): string {
  return result.findings.map((f) => `${f.kind}/${f.certainty}[${JSON.stringify(text.slice(f.start, f.end))}]`).join(', ');
}
