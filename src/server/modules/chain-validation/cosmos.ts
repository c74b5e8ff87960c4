/**
 * Cosmos Hub account addresses: bech32 with prefix `cosmos`, 20-byte
 * (secp256k1 accounts) or 32-byte (module / interchain accounts) payloads.
 */
import { badChars, fail, pass } from './check.js';
import type { AddressCheck } from './check.js';
import { parseBech32, wordsToBytes } from './encoding.js';

const OPERATOR_PREFIXES = ['cosmosvaloper', 'cosmosvalcons', 'cosmospub', 'cosmosvaloperpub', 'cosmosvalconspub'];

export function checkCosmosAddress(address: string): AddressCheck {
  const parsed = parseBech32(address, 90);
  const prefix = parsed.prefix ?? '';
  const candidate = prefix === 'cosmos' || OPERATOR_PREFIXES.includes(prefix) ? 'strong' : 'none';
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
  if (OPERATOR_PREFIXES.includes(prefix)) {
    return fail('unsupported_address_type', 'strong', 'unsupported_address_type.cosmos_operator');
  }
  if (prefix !== 'cosmos') return fail('wrong_prefix', 'none');
  if (parsed.variant !== 'bech32') return fail('bad_checksum', 'strong');
  const bytes = wordsToBytes(parsed.words);
  if (!bytes) return fail('wrong_length', 'strong', 'wrong_length.padding');
  if (bytes.length !== 20 && bytes.length !== 32) {
    return fail('wrong_length', 'strong', undefined, { actual: address.length });
  }
  return pass(parsed.lower, bytes.length === 20 ? 'account' : 'module-account');
}
