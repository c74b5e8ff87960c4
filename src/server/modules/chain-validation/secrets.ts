/**
 * Recognises secrets pasted where an address was expected, so the user can be
 * warned instead of having the secret echoed back: BIP-39 recovery phrases
 * (English and Chinese word lists), WIF private keys, extended private keys
 * and Stellar secret seeds. A 64-hex-digit private key cannot be told apart
 * from a transaction hash and is not flagged.
 */
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import { decodeBase58Check } from './encoding.js';
import { decodeStrKey, STRKEY_VERSION } from './stellar.js';

const MNEMONIC_LENGTHS = new Set([12, 15, 18, 21, 24]);
const WORDS = new Set<string>([...english, ...simplifiedChinese, ...traditionalChinese]);

/** WIF version bytes: Bitcoin / Bitcoin Cash mainnet, testnets, Litecoin, Dogecoin. */
const WIF_VERSIONS = new Set([0x80, 0xef, 0xb0, 0x9e, 0xf1]);

function looksLikeMnemonic(value: string): boolean {
  let words = value.toLowerCase().split(/[\s\u3000,，、]+/u).filter(Boolean);
  // Chinese phrases are often written without separators.
  if (words.length === 1 && /^\p{Script=Han}+$/u.test(words[0] ?? '')) words = [...(words[0] ?? '')];
  if (!MNEMONIC_LENGTHS.has(words.length)) return false;
  const known = words.filter((w) => WORDS.has(w)).length;
  return known >= words.length - 1;
}

function looksLikeWif(value: string): boolean {
  if (value.length < 50 || value.length > 53) return false;
  const decoded = decodeBase58Check(value);
  if (!decoded.ok) return false;
  const { payload } = decoded;
  const compressed = payload.length === 34 && payload[33] === 0x01;
  return WIF_VERSIONS.has(payload[0] ?? -1) && (payload.length === 33 || compressed);
}

function looksLikeExtendedPrivateKey(value: string): boolean {
  if (!/^[xtyzuvYZUV]prv/.test(value)) return false;
  const decoded = decodeBase58Check(value);
  return decoded.ok && decoded.payload.length === 78;
}

function looksLikeStellarSeed(value: string): boolean {
  if (!value.startsWith('S') || value.length !== 56) return false;
  const decoded = decodeStrKey(value);
  return decoded.ok && decoded.version === STRKEY_VERSION.seed;
}

/** True when `value` is (almost certainly) a private key or recovery phrase. */
export function looksLikeSecret(value: string): boolean {
  return (
    looksLikeMnemonic(value) || looksLikeWif(value) || looksLikeExtendedPrivateKey(value) || looksLikeStellarSeed(value)
  );
}
