import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/server/modules/redaction/index.js';
import { describeFindings } from './helpers.js';

function redact(text: string, locale: 'en-us' | 'zh-cn' = 'en-us'): string {
  return scanText(text, { locale }).redacted;
}

function expectClean(text: string): void {
  const result = scanText(text);
  expect(result.findings, `${text} => ${describeFindings(text, result)}`).toEqual([]);
}

describe('passwords in context', () => {
  it('redacts only the value (en)', () => {
    expect(redact('my password is Hunter2!')).toBe('my password is [redacted: password]');
    expect(redact('Password: s3cr3t-Pass')).toBe('Password: [redacted: password]');
    expect(redact('login with pwd=qwerty123 please')).toBe('login with pwd=[redacted: password] please');
    expect(redact('The password was "correct horse" and then "Tr0ub4dor"')).toContain('[redacted: password]');
    expect(redact('my password is sunshine')).toBe('my password is [redacted: password]');
    expect(redact('passcode: 887766')).toBe('passcode: [redacted: password]');
    expect(redact('my PIN is 4821')).toBe('my PIN is [redacted: password]');
  });

  it('redacts only the value (zh)', () => {
    expect(redact('我的密码是abc12345', 'zh-cn')).toBe('我的密码是[已隐藏：密码]');
    expect(redact('密码：Qq123456!，麻烦帮我登录看看', 'zh-cn')).toBe('密码：[已隐藏：密码]，麻烦帮我登录看看');
    expect(redact('资金密码为 778899', 'zh-cn')).toBe('资金密码为 [已隐藏：密码]');
  });

  it('leaves password complaints alone', () => {
    for (const text of [
      'I forgot my password',
      'my password is not working',
      'The password is incorrect, I tried three times',
      'my password was changed without my consent',
      'Password: reset link expired',
      'password is expired',
      'Password: ********',
      '我忘记密码了',
      '密码是对的，但是登录不上',
      '密码错误次数太多被锁定了',
      '密码：请联系客服重置',
      'the password reset email never arrives',
    ]) {
      expectClean(text);
    }
  });
});

describe('one-time codes', () => {
  it('redacts codes given with a label (en)', () => {
    expect(redact('2FA code 123456')).toBe('2FA code [redacted: 2FA code]');
    expect(redact('OTP: 654321')).toBe('OTP: [redacted: 2FA code]');
    expect(redact('the authenticator code is 482 193')).toBe('the authenticator code is [redacted: 2FA code]');
    expect(redact('Google Authenticator code: 908172, please hurry')).toBe(
      'Google Authenticator code: [redacted: 2FA code], please hurry',
    );
    expect(redact('verification code 5521')).toBe('verification code [redacted: 2FA code]');
  });

  it('redacts codes given with a label (zh)', () => {
    expect(redact('验证码 123456', 'zh-cn')).toBe('验证码 [已隐藏：验证码]');
    expect(redact('谷歌验证码是123456', 'zh-cn')).toBe('谷歌验证码是[已隐藏：验证码]');
    expect(redact('动态码：665544，快点处理', 'zh-cn')).toBe('动态码：[已隐藏：验证码]，快点处理');
    expect(redact('短信验证码为 246810。', 'zh-cn')).toBe('短信验证码为 [已隐藏：验证码]。');
  });

  it('leaves codes that are not given alone', () => {
    for (const text of [
      'I lost my 2FA device',
      'the 2FA code expired before I could use it',
      'OTP: 6 digits, right?',
      'verification code sent at 12:30 never arrived',
      'my 2FA code 2024 problem',
      '验证码收不到',
      '验证码60秒后才能重发',
      '验证码发了3次都没收到',
      '短信验证码 2024年5月1日 之后就收不到了',
      'security code on the back of the card',
      'commit 2fa8170e51 fixed it',
    ]) {
      expectClean(text);
    }
  });
});

describe('API keys with a label', () => {
  it('redacts the token after the label', () => {
    expect(redact('API Key: 8f3kJd92Lm0PqRsTuVwXyZ12abCDefGH')).toBe('API Key: [redacted: API key]');
    expect(redact('apikey=HJkd82jdLQp09sdkfj2LKJ3lk4j5')).toBe('apikey=[redacted: API key]');
    expect(redact('my api-key is Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe')).toBe('my api-key is [redacted: API key]');
    expect(redact('API 密钥：vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A', 'zh-cn')).toBe(
      'API 密钥：[已隐藏：API 密钥]',
    );
    expect(redact('API Secret: NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j')).toBe(
      'API Secret: [redacted: API secret]',
    );
  });

  it('leaves questions about API keys alone', () => {
    for (const text of [
      'is it safe to share my API key permissions?',
      'How do I create an API key with withdrawal disabled?',
      'API key permissions: query funds, query open orders',
      'API 密钥的权限怎么设置成只读？',
      'my API key for 0x52908400098527886E0F7030069857D2E4169EE7 stopped working',
    ]) {
      expectClean(text);
    }
  });
});
