import { detectPhrases } from './bip39.js';
import { detectCards } from './cards.js';
import { PhraseContext } from './context.js';
import { detectApiKeys, detectOtpCodes, detectPasswords } from './contextual.js';
import { fingerprint } from './fingerprint.js';
import { detectKeystores, detectTokenSecrets } from './keys.js';
import { placeholder, resolveLocale } from './placeholders.js';
import type { RawFinding, ScanOptions, ScanResult, SecretFinding, SecretKind } from './types.js';

/** When two detections overlap, the merged finding takes the kind ranked highest here. */
const PRIORITY: Record<SecretKind, number> = {
  recovery_phrase: 10,
  extended_private_key: 9,
  keystore_json: 8,
  wif_private_key: 7,
  raw_private_key: 6,
  api_secret: 5,
  api_key: 4,
  password: 3,
  otp_code: 2,
  card_number: 1,
};

/** Runs every detector; findings may overlap and are unsorted. */
export function detectAll(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  if (text.length === 0) return out;
  detectPhrases(text, new PhraseContext(text), out);
  detectTokenSecrets(text, out);
  detectKeystores(text, out);
  detectApiKeys(text, out);
  detectPasswords(text, out);
  detectOtpCodes(text, out);
  detectCards(text, out);
  return out;
}

/** Sorts by start and merges overlapping detections into one finding each. */
export function mergeFindings(raw: RawFinding[]): RawFinding[] {
  const sorted = raw.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: RawFinding[] = [];
  for (const f of sorted) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      if (f.end > last.end) {
        last.end = f.end;
        last.norm = `${last.norm}\u0000${f.norm}`;
      }
      if (PRIORITY[f.kind] > PRIORITY[last.kind]) last.kind = f.kind;
      if (f.certainty === 'certain') last.certainty = 'certain';
      continue;
    }
    merged.push({ ...f });
  }
  return merged;
}

/**
 * Finds secrets in `text` and returns the text with each one replaced by a typed placeholder,
 * plus the findings (UTF-16 offsets into the original text, sorted, non-overlapping).
 */
export function scanText(text: string, options: ScanOptions = {}): ScanResult {
  const locale = resolveLocale(options.locale);
  const merged = mergeFindings(detectAll(text));
  const findings: SecretFinding[] = [];
  const parts: string[] = [];
  let cursor = 0;
  for (const f of merged) {
    parts.push(text.slice(cursor, f.start), placeholder(f.kind, locale));
    cursor = f.end;
    findings.push({
      kind: f.kind,
      start: f.start,
      end: f.end,
      fingerprint: fingerprint(f.norm, options.salt),
      certainty: f.certainty,
    });
  }
  if (findings.length === 0) return { redacted: text, findings };
  parts.push(text.slice(cursor));
  return { redacted: parts.join(''), findings };
}
