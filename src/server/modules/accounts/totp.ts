import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 TOTP as every authenticator app expects it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const DIGITS = 6;
/** Codes one step before or after the current one are accepted (clock drift). */
const WINDOW = 1;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secret: string, issuer: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer, label, issuerInLabel: true, secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD });
}

/** The `otpauth://` URI an authenticator app imports (also what the QR code encodes). */
export function totpUri(secret: string, issuer: string, accountLabel: string): string {
  return totpFor(secret, issuer, accountLabel).toString();
}

/** The QR code of `uri` as an SVG `data:` URL, usable in an <img> under a strict CSP. */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Codes as people type them: spaces and dashes removed. */
export const normalizeTotpCode = (code: string) => code.replace(/[\s-]/g, '');

/**
 * The time step a valid code belongs to, or null. The caller must still refuse a step that is not
 * newer than the last one accepted for the user (a replayed code).
 */
export function totpStep(secret: string, code: string, now: number = Date.now()): number | null {
  const token = normalizeTotpCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  const delta = OTPAuth.TOTP.validate({ token, secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  return OTPAuth.TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/** Formats a base32 secret in groups of four for manual entry. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();
