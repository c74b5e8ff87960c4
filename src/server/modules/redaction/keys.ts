import { sha256 } from '@noble/hashes/sha2.js';
import { base64, createBase58check } from '@scure/base';
import type { RawFinding } from './types.js';

const b58check = createBase58check(sha256);

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

const BASE58_CHARS = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

// Character table for the token scanner: 1 = [0-9A-Za-z], 2 = '+' '/' '='.
const TOKEN_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) TOKEN_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) TOKEN_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) TOKEN_CLASS[c] = 1;
TOKEN_CLASS[43] = 2;
TOKEN_CLASS[47] = 2;
TOKEN_CLASS[61] = 2;

const IS_BASE58 = new Uint8Array(128);
for (let k = 0; k < BASE58_CHARS.length; k++) IS_BASE58[BASE58_CHARS.charCodeAt(k)] = 1;

function isBase58(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!IS_BASE58[text.charCodeAt(k)]) return false;
  return true;
}

function isHex(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * One pass over the text for long machine tokens: runs of [0-9A-Za-z+/=] of 50+ characters are
 * checked as base64 API secrets, and their alphanumeric parts as extended keys, WIF keys and hex
 * private keys.
 */
export function detectTokenSecrets(text: string, out: RawFinding[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 || TOKEN_CLASS[c] === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d >= 128 || TOKEN_CLASS[d] === 0) break;
      j++;
    }
    if (j - i >= 50) tokenRun(text, i, j, out);
    i = j;
  }
}

function tokenRun(text: string, start: number, end: number, out: RawFinding[]): void {
  if (end - start >= 88) base64Secrets(text, start, end, out);
  let partStart = start;
  for (let k = start; k <= end; k++) {
    if (k < end && TOKEN_CLASS[text.charCodeAt(k)] === 1) continue;
    const len = k - partStart;
    if (len === 64 || (len === 66 && text.charCodeAt(partStart) === 48 && (text.charCodeAt(partStart + 1) | 32) === 120)) {
      const hexStart = len === 66 ? partStart + 2 : partStart;
      if (isHex(text, hexStart, k)) rawHexKey(text, partStart, k, out);
    }
    if (len >= 50 && len <= 120 && isBase58(text, partStart, k)) base58Key(text, partStart, k, out);
    partStart = k + 1;
  }
}

/** xprv-family keys (certain when base58check-valid) and WIF private keys. */
function base58Key(text: string, start: number, end: number, out: RawFinding[]): void {
  const token = text.slice(start, end);
  const prefix = token.slice(0, 4);
  if (XPRV_PREFIXES.includes(prefix)) {
    const payload = token.length >= 100 && token.length <= 115 ? tryDecode(token) : undefined;
    if (payload && payload.length === 78) {
      out.push({ kind: 'extended_private_key', start, end, certainty: 'certain', norm: token });
    } else if (token.length >= 107 && token.length <= 113) {
      // A mistyped extended private key is still a key.
      out.push({ kind: 'extended_private_key', start, end, certainty: 'likely', norm: token });
    }
    return;
  }
  if (token.length === 51 || token.length === 52) {
    const payload = tryDecode(token);
    if (!payload) return;
    const version = payload[0];
    if (version !== 0x80 && version !== 0xef) return;
    const body = payload.length - 1;
    if (body === 32 || (body === 33 && payload[33] === 0x01)) {
      out.push({ kind: 'wif_private_key', start, end, certainty: 'certain', norm: token });
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
function rawHexKey(text: string, start: number, end: number, out: RawFinding[]): void {
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
  if (!isKey) return;
  const hex = text.slice(start, end).replace(/^0[xX]/, '').toLowerCase();
  out.push({ kind: 'raw_private_key', start, end, certainty: 'likely', norm: hex });
}

/**
 * Base64 strings that decode to exactly 64 bytes (88 characters ending in "=="): exchange API
 * private keys, Kraken style. They may sit after "secret=" inside a longer token run.
 */
function base64Secrets(text: string, start: number, end: number, out: RawFinding[]): void {
  for (let q = text.indexOf('==', start); q >= 0 && q + 2 <= end; q = text.indexOf('==', q + 2)) {
    const s = q + 2 - 88;
    if (s < start) continue;
    if (q + 2 < end && text.charCodeAt(q + 2) === 61) continue;
    if (s > start && TOKEN_CLASS[text.charCodeAt(s - 1)] === 1) continue;
    if (s > start && (text.charCodeAt(s - 1) === 43 || text.charCodeAt(s - 1) === 47)) continue;
    const token = text.slice(s, q + 2);
    if (token.indexOf('=') !== 86) continue;
    let bytes: Uint8Array | undefined;
    try {
      bytes = base64.decode(token);
    } catch {
      bytes = undefined;
    }
    if (!bytes || bytes.length !== 64) continue;
    out.push({ kind: 'api_secret', start: s, end: q + 2, certainty: 'certain', norm: token });
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
  if (!/ciphertext/i.test(text)) return;
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
