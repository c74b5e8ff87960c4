import type { RawFinding, SecretKind } from './types.js';

// ---------------------------------------------------------------------------------------------
// API keys and secrets introduced by a label: "API Key: …", "apikey=…", "API 密钥：…", "Secret: …".

const API_LABEL =
  /\b(api[ _-]?key|apikey|access[ _-]?key(?:[ _-]?id)?|api[ _-]?secret|secret[ _-]?key|api[ _-]?private[ _-]?key|private[ _-]?key|client[ _-]?secret|secret)\b|(API\s*密钥|API\s*私钥|API\s*秘钥|密钥|私钥|秘钥|Secret\s*Key|Secret)/gi;
const API_SEPARATOR = /^(?:\s*\((?:public|private|secret|公钥|私钥)\))?\s*(?:[:：=]|\bis\b|\bwas\b|是|为|為)?\s*["'`“]?/i;
const API_VALUE = /^[A-Za-z0-9+/=_\-]{20,200}/;

function apiKindFor(label: string): SecretKind {
  const l = label.toLowerCase();
  if (/secret|private|私钥|秘钥/.test(l)) return 'api_secret';
  if (/密钥/.test(l) && !/api/.test(l)) return 'api_secret';
  return 'api_key';
}

/** Value looks generated (letters with digits, or long mixed case) and is not an address. */
function looksLikeCredential(value: string): boolean {
  if (!/[A-Za-z]/.test(value)) return false;
  if (!/[0-9]/.test(value) && !(value.length >= 24 && /[a-z]/.test(value) && /[A-Z]/.test(value))) return false;
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return false;
  if (/^(bc1|tb1|ltc1)[0-9a-z]{20,}$/i.test(value)) return false;
  return true;
}

const API_PREFILTER = /key|secret|密钥|私钥|秘钥/i;

export function detectApiKeys(text: string, out: RawFinding[]): void {
  if (!API_PREFILTER.test(text)) return;
  API_LABEL.lastIndex = 0;
  for (let m = API_LABEL.exec(text); m; m = API_LABEL.exec(text)) {
    const labelEnd = m.index + m[0].length;
    const rest = text.slice(labelEnd, labelEnd + 240);
    const sep = API_SEPARATOR.exec(rest);
    const offset = sep ? sep[0].length : 0;
    const value = API_VALUE.exec(rest.slice(offset));
    if (!value) continue;
    let token = value[0];
    // a trailing dash or underscore is punctuation; '=' padding belongs to the key
    token = token.replace(/[=\-_]+$/, (tail) => (tail.startsWith('=') ? tail : ''));
    if (token.length < 20 || !looksLikeCredential(token)) continue;
    const start = labelEnd + offset;
    out.push({ kind: apiKindFor(m[0]), start, end: start + token.length, certainty: 'likely', norm: token });
    API_LABEL.lastIndex = start + token.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Passwords given in context.

const PASSWORD_EN =
  /\b(?:password|passwd|passcode|pass ?word|pwd|pw|login pass|(pin)(?: code| number)?)\b([ \t]+(?:is|was|=)[ \t]*|[ \t]*[:：=][ \t]*|[ \t]+(?:is|was)[ \t]*[:：][ \t]*)/gi;
const PASSWORD_ZH = /(?:登录密码|资金密码|交易密码|支付密码|密码|密碼|口令|PIN码)[ \t]*(?:是|为|為|：|:|=)[ \t]*/g;

// Words that follow "password is" in complaints rather than in disclosures.
const NOT_A_PASSWORD = new Set(
  `not wrong incorrect correct invalid expired too the a an my your still being working reset changed required
  weak strong same different fine ok okay right long short case locked blocked stored saved lost forgotten forgot
  missing empty hidden visible secure safe unsafe compromised leaked stolen protected encrypted set updated also
  definitely very really just now gone new old no none null nothing unknown accepted rejected denied asked needed
  sent shown displayed long-enough special mandatory optional different-from case-sensitive for of on in at to
  and or but that this it which when if because there here please string number boolean null undefined true
  false any object str int text field input value type hash hashed bcrypt password passwd pass pwd unchanged`.split(/\s+/),
);

function trimValue(value: string): string {
  return value.replace(/[.,;:?)\]}"'”’。，；？]+$/, '');
}

function plausiblePassword(value: string, explicitSeparator: boolean): boolean {
  if (value.length < 4 || value.length > 128) return false;
  if (!/[A-Za-z0-9]/.test(value)) return false;
  const lower = value.toLowerCase();
  if (NOT_A_PASSWORD.has(lower)) return false;
  // placeholders and code, not credentials: <your-password>, ${PASS}, auth[1], z.string(), /path
  if (/^[<{[$/(]|\(|\[\d*\]|^process\.env|^your[-_ ]|^example|^x{3,}$|^\*{3,}/i.test(value)) return false;
  // option placeholders such as --password=PASS or PASSWORD
  if (/^[A-Z]+$/.test(value)) return false;
  const hasDigit = /[0-9]/.test(value);
  const hasSymbol = /[^A-Za-z0-9]/.test(value);
  const hasInnerUpper = /.[A-Z]/.test(value);
  if (hasDigit || hasSymbol || hasInnerUpper) return true;
  // a plain word: only after "password:" / "password =", or when long and not a verb/adjective form
  if (explicitSeparator) return true;
  return value.length >= 6 && !/(?:ed|en|ing|ly|ive|ous|ful|less|able|ible|ment|ness|tion)$/.test(lower);
}

const PASSWORD_PREFILTER = /pass|pwd|pw\b|pin\b|密码|密碼|口令/i;

export function detectPasswords(text: string, out: RawFinding[]): void {
  if (!PASSWORD_PREFILTER.test(text)) return;
  PASSWORD_EN.lastIndex = 0;
  for (let m = PASSWORD_EN.exec(text); m; m = PASSWORD_EN.exec(text)) {
    const valueStart = m.index + m[0].length;
    const line = /^[^\r\n]{1,130}/.exec(text.slice(valueStart, valueStart + 130))?.[0] ?? '';
    if (m[1]) {
      // PIN: digits only
      const pin = /^(\d{4,8})(?![\d\w])/.exec(line);
      if (pin?.[1]) out.push({ kind: 'password', start: valueStart, end: valueStart + pin[1].length, certainty: 'likely', norm: pin[1] });
      continue;
    }
    const explicit = /[:：=]/.test(m[2] ?? '');
    // quoted values: a passphrase with spaces only in prose ("the password was "…""), not in code
    const quoted = (explicit ? /^["'“‘`]([^\s"'“”‘’`]{1,128})["'”’`]/ : /^["'“‘`]([^"'“”‘’`]{1,128})["'”’`]/).exec(line);
    if (quoted?.[1]) {
      const value = quoted[1];
      if (plausiblePassword(value, true)) {
        out.push({ kind: 'password', start: valueStart + 1, end: valueStart + 1 + value.length, certainty: 'likely', norm: value });
      }
      continue;
    }
    if (/^["'“‘`]/.test(line)) continue;
    const raw = /^[^\s\x00-\x1f]{1,128}/.exec(line);
    if (!raw || /;$/.test(raw[0])) continue;
    const value = trimValue(raw[0]);
    if (!plausiblePassword(value, explicit)) continue;
    out.push({ kind: 'password', start: valueStart, end: valueStart + value.length, certainty: 'likely', norm: value });
  }
  PASSWORD_ZH.lastIndex = 0;
  for (let m = PASSWORD_ZH.exec(text); m; m = PASSWORD_ZH.exec(text)) {
    const valueStart = m.index + m[0].length;
    const raw = /^[\x21-\x7e]{4,128}/.exec(text.slice(valueStart, valueStart + 130));
    if (!raw) continue;
    const value = trimValue(raw[0]);
    if (value.length < 4 || /^[*•x]+$/i.test(value)) continue;
    out.push({ kind: 'password', start: valueStart, end: valueStart + value.length, certainty: 'likely', norm: value });
  }
}

// ---------------------------------------------------------------------------------------------
// One-time codes: "2FA code 123456", "OTP: 123 456", "authenticator code", 验证码 123456, 谷歌验证码是123456.

const OTP_EN =
  /\b(?:2fa|2-fa|two[- ]factor|mfa|otp|totp|one[- ]time|authenticator|google auth(?:enticator)?|ga|verification|verify|sms|security|auth|login|confirmation|email)(?:[ -](?:auth(?:entication)?|code|codes|pin|token|passcode|password|number|otp))*\b[ \t]*(?:is|was|[:：=#-])?[ \t]*/gi;
const OTP_LABEL_HAS_CODE = /2fa|2-fa|two[- ]factor|mfa|otp|totp|code|token|passcode|pin|one[- ]time/i;
const OTP_ZH = /(?:谷歌验证码|谷歌驗證碼|谷歌验证器|身份验证器|验证码|驗證碼|动态码|動態碼|动态口令|动态密码|二次验证码|安全码|校验码|2FA\s*码|GA\s*码|谷歌码|OTP)\s*(?:是|为|為|：|:|=)?\s*/gi;
const OTP_VALUE = /^(\d{3}[ -]?\d{3}|\d{4,8})(?![A-Za-z]|[\d.,:/-]?\d)(?!\s*(?:年|月|日|号|次|个|分钟|分|秒|小时|天|%|元|usdt|usd|btc|eth|min|minutes|seconds|secs|hours|days|times|attempts))/i;

function looksLikeYear(value: string): boolean {
  return /^(19|20)\d\d$/.test(value);
}

function pushOtp(text: string, valueStart: number, out: RawFinding[]): void {
  const v = OTP_VALUE.exec(text.slice(valueStart, valueStart + 40));
  if (!v?.[1] || looksLikeYear(v[1])) return;
  out.push({ kind: 'otp_code', start: valueStart, end: valueStart + v[1].length, certainty: 'likely', norm: v[1].replace(/\D/g, '') });
}

export function detectOtpCodes(text: string, out: RawFinding[]): void {
  // every code has at least four digits (or three, a separator and three)
  if (!/\d{3}/.test(text)) return;
  OTP_EN.lastIndex = 0;
  for (let m = OTP_EN.exec(text); m; m = OTP_EN.exec(text)) {
    if (!OTP_LABEL_HAS_CODE.test(m[0])) continue;
    pushOtp(text, m.index + m[0].length, out);
    if (m[0].length === 0) OTP_EN.lastIndex++;
  }
  OTP_ZH.lastIndex = 0;
  for (let m = OTP_ZH.exec(text); m; m = OTP_ZH.exec(text)) pushOtp(text, m.index + m[0].length, out);
}
