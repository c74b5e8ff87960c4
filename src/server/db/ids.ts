import { randomBytes } from 'node:crypto';
import { base32crockford } from '@scure/base';

/**
 * Time-ordered text IDs: 10 chars of millisecond time + 16 chars of randomness
 * (ULID layout, Crockford base32, lowercase), optionally prefixed ("art_…").
 */
export function newId(prefix?: string): string {
  const time = Date.now().toString(32).padStart(10, '0');
  const random = base32crockford.encode(randomBytes(10)).slice(0, 16).toLowerCase();
  return prefix ? `${prefix}_${time}${random}` : `${time}${random}`;
}

export const nowIso = (): string => new Date().toISOString();
