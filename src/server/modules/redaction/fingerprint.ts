import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Used when the caller gives no salt. Deployments pass their own salt. */
export const DEFAULT_FINGERPRINT_SALT = 'pharos-redaction-v1';

/** First 16 hex chars of HMAC-SHA256(salt, normalized secret). */
export function fingerprint(normalized: string, salt: string = DEFAULT_FINGERPRINT_SALT): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(salt), utf8ToBytes(normalized))).slice(0, 16);
}
