import type { RedactionLocale, SecretFinding, SecretKind } from './types.js';

const KIND_LABELS: Record<RedactionLocale, Record<SecretKind, string>> = {
  'en-us': {
    recovery_phrase: 'recovery phrase',
    extended_private_key: 'private key',
    wif_private_key: 'private key',
    raw_private_key: 'private key',
    keystore_json: 'private key',
    api_secret: 'API secret',
    api_key: 'API key',
    password: 'password',
    otp_code: '2FA code',
    card_number: 'card number',
  },
  'zh-cn': {
    recovery_phrase: '助记词',
    extended_private_key: '私钥',
    wif_private_key: '私钥',
    raw_private_key: '私钥',
    keystore_json: '私钥',
    api_secret: 'API 密钥',
    api_key: 'API 密钥',
    password: '密码',
    otp_code: '验证码',
    card_number: '银行卡号',
  },
};

export function resolveLocale(locale: string | undefined): RedactionLocale {
  return locale?.toLowerCase() === 'zh-cn' ? 'zh-cn' : 'en-us';
}

export function kindLabel(kind: SecretKind, locale: RedactionLocale): string {
  return KIND_LABELS[locale][kind];
}

/** A kind name from the shield (or anything else, which reads as "private key or recovery phrase"). */
export function secretLabel(kind: string, locale: RedactionLocale): string {
  const labels: Record<string, string> = KIND_LABELS[locale];
  return Object.hasOwn(labels, kind) ? labels[kind]! : locale === 'zh-cn' ? '私钥或助记词' : 'private key or recovery phrase';
}

/** The typed marker that replaces a secret: "[redacted: password]" / "[已隐藏：密码]". */
export function placeholder(kind: SecretKind, locale: RedactionLocale): string {
  const label = kindLabel(kind, locale);
  return locale === 'zh-cn' ? `[已隐藏：${label}]` : `[redacted: ${label}]`;
}

function joinList(items: string[], locale: RedactionLocale): string {
  if (locale === 'zh-cn') return items.join('、');
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A short notice for the person whose message was redacted, or null when nothing was hidden.
 */
export function userWarning(findings: readonly Pick<SecretFinding, 'kind'>[], locale?: RedactionLocale | string): string | null {
  if (findings.length === 0) return null;
  const loc = resolveLocale(locale);
  const labels: string[] = [];
  for (const f of findings) {
    const label = kindLabel(f.kind, loc);
    if (!labels.includes(label)) labels.push(label);
  }
  const what = joinList(labels, loc);
  if (loc === 'zh-cn') {
    return (
      `为保护您的资产安全，我们已从消息中隐藏了您的${what}，它不会被保存或转发。` +
      '客服绝不会索要您的助记词、私钥、API 密钥、密码或验证码。' +
      '如果您曾在其他地方发送过这些信息，请立即将资产转移到新钱包并更换相关凭证。'
    );
  }
  return (
    `For your safety we hid the ${what} in your message; it was not stored or shared. ` +
    'Our support team will never ask for your recovery phrase, private keys, API secrets, passwords or 2FA codes. ' +
    'If you have sent any of these elsewhere, move your funds to a new wallet and change those credentials right away.'
  );
}
