/** Kinds of secrets the shield knows how to find. */
export type SecretKind =
  | 'recovery_phrase'
  | 'extended_private_key'
  | 'wif_private_key'
  | 'raw_private_key'
  | 'keystore_json'
  | 'api_secret'
  | 'api_key'
  | 'password'
  | 'otp_code'
  | 'card_number';

/** `certain` = structurally proven (checksum, base58check, exact decoding); `likely` = heuristic or context based. */
export type Certainty = 'certain' | 'likely';

/** Locales the placeholders, warnings and outbound reasons are written in. */
export type RedactionLocale = 'zh-cn' | 'en-us';

export interface SecretFinding {
  kind: SecretKind;
  /** UTF-16 offset (inclusive) into the original text. */
  start: number;
  /** UTF-16 offset (exclusive) into the original text. */
  end: number;
  /** First 16 hex chars of HMAC-SHA256(salt, normalized secret). */
  fingerprint: string;
  certainty: Certainty;
}

export interface ScanOptions {
  locale?: RedactionLocale;
  /** Deployment-specific salt for fingerprints. Falls back to a fixed module constant. */
  salt?: string;
}

export interface ScanResult {
  redacted: string;
  findings: SecretFinding[];
}

export interface OutboundOptions {
  locale?: RedactionLocale;
}

export type OutboundReasonCode =
  | 'asks_recovery_phrase'
  | 'asks_private_key'
  | 'asks_api_secret'
  | 'asks_password'
  | 'asks_otp'
  | 'asks_remote_access'
  | 'contains_secret';

export interface OutboundReason {
  code: OutboundReasonCode;
  message: string;
}

export interface OutboundCheck {
  allowed: boolean;
  reasons: OutboundReason[];
}

/**
 * Internal detector output. `norm` is the normalized secret used only to compute the fingerprint;
 * it never leaves the scan call.
 */
export interface RawFinding {
  kind: SecretKind;
  start: number;
  end: number;
  certainty: Certainty;
  norm: string;
}
