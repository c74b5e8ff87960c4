import { entropyToMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { base64 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FINGERPRINT_SALT,
  placeholder,
  scanText,
  userWarning,
  type SecretFinding,
  type SecretKind,
} from '../../src/server/modules/redaction/index.js';
import { testBytes, wif } from './helpers.js';

const PHRASE = entropyToMnemonic(testBytes('api-phrase', 16), english);
const KRAKEN = base64.encode(testBytes('api-kraken', 64));
const WIF = wif(testBytes('api-wif', 32));

const MIXED = `Hi, seed: ${PHRASE}. Also my password is Tr0ub4dor&3 and 2FA code 112233. API secret ${KRAKEN}, key ${WIF}. 卡号 4111 1111 1111 1111。`;

describe('scanText', () => {
  it('returns sorted, non-overlapping findings with offsets into the original text', () => {
    const { findings } = scanText(MIXED);
    expect(findings.map((f) => f.kind)).toEqual([
      'recovery_phrase',
      'password',
      'otp_code',
      'api_secret',
      'wif_private_key',
      'card_number',
    ]);
    for (let k = 1; k < findings.length; k++) expect(findings[k]!.start).toBeGreaterThanOrEqual(findings[k - 1]!.end);
    expect(MIXED.slice(findings[0]!.start, findings[0]!.end)).toBe(PHRASE);
    expect(MIXED.slice(findings[1]!.start, findings[1]!.end)).toBe('Tr0ub4dor&3');
    expect(MIXED.slice(findings[2]!.start, findings[2]!.end)).toBe('112233');
    expect(MIXED.slice(findings[3]!.start, findings[3]!.end)).toBe(KRAKEN);
    expect(MIXED.slice(findings[4]!.start, findings[4]!.end)).toBe(WIF);
  });

  it('rebuilds the redacted text from the findings', () => {
    const { redacted, findings } = scanText(MIXED);
    let rebuilt = '';
    let cursor = 0;
    for (const f of findings) {
      rebuilt += MIXED.slice(cursor, f.start) + placeholder(f.kind, 'en-us');
      cursor = f.end;
    }
    rebuilt += MIXED.slice(cursor);
    expect(redacted).toBe(rebuilt);
    expect(redacted).toBe(
      'Hi, seed: [redacted: recovery phrase]. Also my password is [redacted: password] and 2FA code [redacted: 2FA code]. API secret [redacted: API secret], key [redacted: private key]. 卡号 [redacted: card number]。',
    );
  });

  it('uses Chinese placeholders for zh-cn', () => {
    expect(scanText(MIXED, { locale: 'zh-cn' }).redacted).toBe(
      'Hi, seed: [已隐藏：助记词]. Also my password is [已隐藏：密码] and 2FA code [已隐藏：验证码]. API secret [已隐藏：API 密钥], key [已隐藏：私钥]. 卡号 [已隐藏：银行卡号]。',
    );
  });

  it('keeps no secret material in findings', () => {
    const { findings } = scanText(MIXED);
    const serialized = JSON.stringify(findings);
    for (const secret of [PHRASE, 'Tr0ub4dor&3', '112233', KRAKEN, WIF, '4111']) expect(serialized).not.toContain(secret);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(['certainty', 'end', 'fingerprint', 'kind', 'start']);
  });

  it('merges overlapping detections into one finding', () => {
    const text = `私钥: ${WIF}`;
    const { findings } = scanText(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.kind).toBe('wif_private_key');
  });

  it('returns the text unchanged when nothing is found', () => {
    const text = 'Deposit pending for 3 hours, please check.';
    expect(scanText(text)).toEqual({ redacted: text, findings: [] });
    expect(scanText('')).toEqual({ redacted: '', findings: [] });
  });

  it('survives pathological inputs quickly', () => {
    const inputs = [
      'a'.repeat(200_000),
      '1'.repeat(200_000),
      `${'abandon '.repeat(30_000)}`,
      '的'.repeat(100_000),
      '的 '.repeat(50_000),
      'password: '.repeat(20_000),
      '2FA code '.repeat(20_000),
      '{"crypto": {'.repeat(10_000),
      'f'.repeat(64).concat(' ').repeat(3_000),
      `${'4111 '.repeat(40_000)}`,
      'A1b2C3d4+/'.repeat(20_000),
    ];
    const started = performance.now();
    for (const input of inputs) scanText(input);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('fingerprints', () => {
  it('are 16 hex characters, stable for the same salt and different across salts', () => {
    const a = scanText(MIXED, { salt: 'deployment-a' }).findings;
    const a2 = scanText(MIXED, { salt: 'deployment-a' }).findings;
    const b = scanText(MIXED, { salt: 'deployment-b' }).findings;
    expect(a.map((f) => f.fingerprint)).toEqual(a2.map((f) => f.fingerprint));
    for (const [k, f] of a.entries()) {
      expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(f.fingerprint).not.toBe(b[k]?.fingerprint);
    }
  });

  it('identify the same secret regardless of formatting', () => {
    const spaced = scanText(`seed: ${PHRASE}`).findings[0]?.fingerprint;
    const numbered = scanText(PHRASE.split(' ').map((w, i) => `${i + 1}. ${w}`).join('\n')).findings[0]?.fingerprint;
    const upper = scanText(PHRASE.toUpperCase()).findings[0]?.fingerprint;
    expect(numbered).toBe(spaced);
    expect(upper).toBe(spaced);
    expect(scanText('card 4111 1111 1111 1111').findings[0]?.fingerprint).toBe(
      scanText('card 4111-1111-1111-1111').findings[0]?.fingerprint,
    );
  });

  it('use the module default salt when none is given', () => {
    expect(DEFAULT_FINGERPRINT_SALT.length).toBeGreaterThan(0);
    expect(scanText(MIXED).findings[0]?.fingerprint).toBe(
      scanText(MIXED, { salt: DEFAULT_FINGERPRINT_SALT }).findings[0]?.fingerprint,
    );
  });

  it('never contain the secret', () => {
    const otp = scanText('OTP: 123456').findings[0]!;
    expect(otp.fingerprint).not.toContain('123456');
  });
});

describe('placeholders and user warnings', () => {
  const kinds: SecretKind[] = [
    'recovery_phrase',
    'extended_private_key',
    'wif_private_key',
    'raw_private_key',
    'keystore_json',
    'api_secret',
    'api_key',
    'password',
    'otp_code',
    'card_number',
  ];

  it('has a typed placeholder for every kind in both locales', () => {
    for (const kind of kinds) {
      expect(placeholder(kind, 'en-us')).toMatch(/^\[redacted: [^\]]+\]$/);
      expect(placeholder(kind, 'zh-cn')).toMatch(/^\[已隐藏：[^\]]+\]$/);
    }
    expect(placeholder('recovery_phrase', 'zh-cn')).toBe('[已隐藏：助记词]');
    expect(placeholder('raw_private_key', 'zh-cn')).toBe('[已隐藏：私钥]');
    expect(placeholder('api_secret', 'zh-cn')).toBe('[已隐藏：API 密钥]');
    expect(placeholder('password', 'zh-cn')).toBe('[已隐藏：密码]');
    expect(placeholder('otp_code', 'zh-cn')).toBe('[已隐藏：验证码]');
    expect(placeholder('card_number', 'zh-cn')).toBe('[已隐藏：银行卡号]');
    expect(placeholder('api_key', 'en-us')).toBe('[redacted: API key]');
    expect(placeholder('otp_code', 'en-us')).toBe('[redacted: 2FA code]');
  });

  it('returns null without findings', () => {
    expect(userWarning([], 'en-us')).toBeNull();
    expect(userWarning([], 'zh-cn')).toBeNull();
  });

  it('explains what was hidden and that support never asks for secrets (en)', () => {
    const findings: SecretFinding[] = scanText(MIXED).findings;
    const message = userWarning(findings, 'en-us');
    expect(message).toContain('recovery phrase');
    expect(message).toContain('password');
    expect(message).toMatch(/never ask/);
    expect(message).not.toContain('Tr0ub4dor');
  });

  it('explains what was hidden and that support never asks for secrets (zh)', () => {
    const message = userWarning([{ kind: 'recovery_phrase' }, { kind: 'otp_code' }], 'zh-cn');
    expect(message).toContain('助记词');
    expect(message).toContain('验证码');
    expect(message).toContain('绝不会索要');
  });

  it('defaults to English', () => {
    expect(userWarning([{ kind: 'password' }])).toMatch(/^For your safety/);
  });
});
