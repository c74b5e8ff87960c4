import { sha256 } from '@noble/hashes/sha2.js';
import { base64, createBase58check } from '@scure/base';
import type { RawFinding } from './types.js';

const b58check = createBase58check(sha256);

/** Long base58 tokens: extended keys are 111 characters, WIF keys 51–52. */
const BASE58_TOKEN = /(?<![0-9A-Za-z])[1-9A-HJ-NP-Za-km-z]{50,120}(?![0-9A-Za-z])/g;

/** 64 hex characters, optionally 0x-prefixed, standing alone. */
const HEX64 = /(?<![0-9A-Za-z])(?:0[xX])?[0-9a-fA-F]{64}(?![0-9A-Za-z])/g;

/** Exactly 88 base64 characters ending in '==': 64 bytes, the shape of Kraken private keys. */
const BASE64_88 = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g;

/** Ethereum keystore (Web3 Secret Storage) objects. */
const KEYSTORE_CRYPTO = /"(?:crypto|Crypto)"\s*:\s*\{/g;

const XPRV_PREFIXES = ['xprv', 'yprv', 'zprv', 'tprv', 'uprv', 'vprv', 'Yprv', 'Zprv', 'Uprv', 'Vprv'];

function tryDecode(token: string): Uint8Array | undefined {
  try {
    return b58check.decode(token);
  } catch {
    return undefined;
  }
}

/** xprv-family keys (certain when base58check-valid) and WIF private keys. */
export function detectBase58Keys(text: string, out: RawFinding[]): void {
  BASE58_TOKEN.lastIndex = 0;
  for (let m = BASE58_TOKEN.exec(text); m; m = BASE58_TOKEN.exec(text)) {
    const token = m[0];
    const start = m.index;
    const end = start + token.length;
    const prefix = token.slice(0, 4);
    if (XPRV_PREFIXES.includes(prefix)) {
      const payload = token.length >= 100 && token.length <= 115 ? tryDecode(token) : undefined;
      if (payload && payload.length === 78) {
        out.push({ kind: 'extended_private_key', start, end, certainty: 'certain', norm: token });
      } else if (token.length >= 107 && token.length <= 113) {
        // A mistyped extended private key is still a key.
        out.push({ kind: 'extended_private_key', start, end, certainty: 'likely', norm: token });
      }
      continue;
    }
    if (token.length === 51 || token.length === 52) {
      const payload = tryDecode(token);
      if (!payload) continue;
      const version = payload[0];
      if (version !== 0x80 && version !== 0xef) continue;
      const body = payload.length - 1;
      if (body === 32 || (body === 33 && payload[33] === 0x01)) {
        out.push({ kind: 'wif_private_key', start, end, certainty: 'certain', norm: token });
      }
    }
  }
}

// Words that make a 64-hex value a private key, and words that make it a transaction id.
const KEY_WORDS = /private[\s_-]*key|priv[\s_-]*key|privkey|secret[\s_-]*key|signing key|raw key|私钥|私鑰|密钥|密鑰|秘钥/gi;
const TX_WORDS = /\btx(?:id|hash|n)?\b|transaction|\bhash\b|txhash|\bblock\b|explorer|etherscan|bscscan|tronscan|mempool|\/tx\/|交易哈希|交易ID|交易id|交易号|哈希|区块|交易|转账记录|链上/gi;

function lastMatchEnd(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) last = m.index + m[0].length;
  return last;
}

function firstMatchStart(re: RegExp, s: string): number {
  re.lastIndex = 0;
  const m = re.exec(s);
  return m ? m.index : -1;
}

/**
 * A 64-hex value is a private key only when the words around it say so and no transaction word
 * is closer; transaction hashes, block hashes and addresses are left alone.
 */
export function detectRawHexKeys(text: string, out: RawFinding[]): void {
  HEX64.lastIndex = 0;
  for (let m = HEX64.exec(text); m; m = HEX64.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 80), start);
    const keyBefore = lastMatchEnd(KEY_WORDS, before);
    const txBefore = lastMatchEnd(TX_WORDS, before);
    let isKey = keyBefore >= 0 && keyBefore > txBefore;
    if (!isKey && keyBefore < 0 && txBefore < 0) {
      const after = text.slice(end, Math.min(text.length, end + 40));
      const keyAfter = firstMatchStart(KEY_WORDS, after);
      const txAfter = firstMatchStart(TX_WORDS, after);
      isKey = keyAfter >= 0 && (txAfter < 0 || keyAfter < txAfter);
    }
    if (!isKey) continue;
    const hex = m[0].replace(/^0[xX]/, '').toLowerCase();
    out.push({ kind: 'raw_private_key', start, end, certainty: 'likely', norm: hex });
  }
}

/** Base64 strings that decode to exactly 64 bytes: exchange API private keys (Kraken style). */
export function detectBase64Secrets(text: string, out: RawFinding[]): void {
  BASE64_88.lastIndex = 0;
  for (let m = BASE64_88.exec(text); m; m = BASE64_88.exec(text)) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = base64.decode(m[0]);
    } catch {
      bytes = undefined;
    }
    if (!bytes || bytes.length !== 64) continue;
    out.push({ kind: 'api_secret', start: m.index, end: m.index + m[0].length, certainty: 'certain', norm: m[0] });
  }
}

/** Index of the '{' that opens the object containing `pos`, or -1. */
function enclosingBrace(text: string, pos: number, limit: number): number {
  let depth = 0;
  for (let k = pos - 1; k >= Math.max(0, pos - limit); k--) {
    const c = text.charCodeAt(k);
    if (c === 125) depth++;
    else if (c === 123) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/** Index just past the '}' matching the '{' at `open`, honouring JSON strings; -1 if unbalanced. */
function matchingBrace(text: string, open: number, limit: number): number {
  let depth = 0;
  let inString = false;
  const stop = Math.min(text.length, open + limit);
  for (let k = open; k < stop; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 92) k++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return k + 1;
  }
  return -1;
}

/** Ethereum keystore JSON: an object with a "crypto" member holding "ciphertext" and "kdf". */
export function detectKeystores(text: string, out: RawFinding[]): void {
  KEYSTORE_CRYPTO.lastIndex = 0;
  for (let m = KEYSTORE_CRYPTO.exec(text); m; m = KEYSTORE_CRYPTO.exec(text)) {
    const cryptoOpen = m.index + m[0].length - 1;
    const cryptoEnd = matchingBrace(text, cryptoOpen, 8000);
    const body = text.slice(cryptoOpen, cryptoEnd > 0 ? cryptoEnd : Math.min(text.length, cryptoOpen + 4000));
    if (!/"ciphertext"/i.test(body) || !/"kdf"/i.test(body)) continue;
    const outer = enclosingBrace(text, m.index, 4000);
    const start = outer >= 0 ? outer : m.index;
    let end = outer >= 0 ? matchingBrace(text, outer, 12000) : -1;
    if (end < 0) end = cryptoEnd > 0 ? cryptoEnd : cryptoOpen + body.length;
    const cipher = /"ciphertext"\s*:\s*"([^"]*)"/i.exec(body);
    out.push({ kind: 'keystore_json', start, end, certainty: 'certain', norm: cipher?.[1] ?? body.replace(/\s+/g, '') });
    KEYSTORE_CRYPTO.lastIndex = Math.max(KEYSTORE_CRYPTO.lastIndex, end);
  }
}
