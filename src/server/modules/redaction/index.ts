/**
 * Secret shield: finds and redacts recovery phrases, private keys, API secrets, passwords, one-time
 * codes and card numbers before text is stored, logged, indexed, emailed or broadcast, and guards
 * agent replies that ask customers for any of them. Pure functions, no I/O.
 */
export { scanText } from './scan.js';
export { userWarning, placeholder, secretLabel } from './placeholders.js';
export { checkOutbound } from './outbound.js';
export { DEFAULT_FINGERPRINT_SALT } from './fingerprint.js';
export type {
  Certainty,
  OutboundCheck,
  OutboundOptions,
  OutboundReason,
  OutboundReasonCode,
  RedactionLocale,
  ScanOptions,
  ScanResult,
  SecretFinding,
  SecretKind,
} from './types.js';
