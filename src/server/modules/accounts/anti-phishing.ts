import type { Locale } from '../../../shared/locales.js';
import { scanText } from '../redaction/index.js';
import { fieldMessage, invalidFields } from './accounts.validation.js';

export const PHRASE_MIN_LENGTH = 4;
export const PHRASE_MAX_LENGTH = 32;

const FIELD = 'phrase';
/** Control, format (zero-width, bidi overrides) and other invisible characters. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029\u2800\u3164\u115F\u1160]/u;
/** Anything a mail client could turn into a link: schemes, www., host names, email addresses. */
const LINK = /(?:[a-z][a-z0-9+.-]*:\/\/|\bwww\.|[\p{L}\p{N}-]+\.(?:[a-z]{2,63}|xn--[a-z0-9-]+)\b|@[\p{L}\p{N}-]+\.)/iu;

/**
 * Validates and normalizes an anti-phishing phrase: trimmed (inner runs of spaces collapsed),
 * NFC, 4–32 characters, no links, no control or invisible characters, and nothing the secret
 * shield recognizes (a phrase is shown in every email: it must never be a password, code or key).
 * Throws validation_failed with a localized message for the `phrase` field.
 */
export function normalizeAntiPhishingPhrase(input: unknown, locale: Locale): string {
  const fail = (key: string, params: Record<string, unknown> = {}) => invalidFields([{ path: FIELD, message: fieldMessage(locale, FIELD, key, params) }]);
  if (input === undefined || input === null) throw fail('required');
  if (typeof input !== 'string') throw fail('invalid');
  if (input.length > 1000) throw fail('too_long', { max: PHRASE_MAX_LENGTH });
  const trimmed = input.trim();
  if (HIDDEN.test(trimmed)) throw fail('phrase_control');
  const phrase = trimmed.replace(/\s+/g, ' ').normalize('NFC');
  const length = [...phrase].length;
  if (length === 0) throw fail('required');
  if (length < PHRASE_MIN_LENGTH) throw fail('too_short', { min: PHRASE_MIN_LENGTH });
  if (length > PHRASE_MAX_LENGTH) throw fail('too_long', { max: PHRASE_MAX_LENGTH });
  if (LINK.test(phrase)) throw fail('phrase_url');
  if (scanText(phrase, { locale }).findings.length) throw fail('phrase_secret');
  // What the shield needs context for: a bare PIN/2FA-style number, or one long random-looking token.
  if (/^[\d\s-]+$/.test(phrase) || (!/\s/.test(phrase) && length >= 12 && /\p{L}/u.test(phrase) && /\d/.test(phrase))) throw fail('phrase_secret');
  return phrase;
}
