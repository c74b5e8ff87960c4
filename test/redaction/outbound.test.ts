import { base64 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { checkOutbound } from '../../src/server/modules/redaction/index.js';
import { testBytes } from './helpers.js';

const ASKING: [string, string][] = [
  ['please send your seed phrase so we can verify the wallet', 'asks_recovery_phrase'],
  ['Can you share your recovery phrase with me?', 'asks_recovery_phrase'],
  ['To unlock the account, reply with your 12 words.', 'asks_recovery_phrase'],
  ['We need your mnemonic to restore access.', 'asks_recovery_phrase'],
  ['What is your 2FA code?', 'asks_otp'],
  ['Tell me the code from Google Authenticator.', 'asks_otp'],
  ['Please provide the 6-digit code you just received by SMS.', 'asks_otp'],
  ["What's the verification code on your phone?", 'asks_otp'],
  ['Share your API secret so I can check the signature.', 'asks_api_secret'],
  ['Please send me the secret key of your API.', 'asks_api_secret'],
  ['Send me your private key and I will move the funds.', 'asks_private_key'],
  ['Kindly upload your keystore file here.', 'asks_private_key'],
  ['Please confirm your password.', 'asks_password'],
  ['Give me your login password and I will fix it for you.', 'asks_password'],
  ['Install AnyDesk so I can help you.', 'asks_remote_access'],
  ['Please download TeamViewer and give me the ID.', 'asks_remote_access'],
  ['Set up remote access so I can help with the withdrawal.', 'asks_remote_access'],
  ['Don’t worry, just send us your seed phrase and we will sort it out.', 'asks_recovery_phrase'],
  ['请提供您的助记词，以便我们核实钱包。', 'asks_recovery_phrase'],
  ['请把私钥发给我，我帮您转出资产。', 'asks_private_key'],
  ['告诉我你的谷歌验证码。', 'asks_otp'],
  ['您的谷歌验证码是多少？', 'asks_otp'],
  ['请提供API密钥的私钥/Secret。', 'asks_api_secret'],
  ['请下载AnyDesk远程协助。', 'asks_remote_access'],
  ['麻烦把登录密码告诉我一下。', 'asks_password'],
  ['请回复短信验证码，我们马上处理。', 'asks_otp'],
  ['请安装向日葵，我远程帮您操作。', 'asks_remote_access'],
];

const SAFE: string[] = [
  'We will never ask for your recovery phrase.',
  'Never share your 2FA code with anyone, including us.',
  'Do not send your private key to anyone.',
  "Pharos staff will never ask you for your password or API secret.",
  'If anyone asks for your seed phrase, it is a scam. Please report it.',
  'Please reset your password from the login page.',
  'We have sent a verification code to your email address.',
  "We'll send a 6-digit code to your phone when you withdraw.",
  'Please enter the 2FA code from your authenticator on the withdrawal page.',
  'You can create a new API key with read-only permissions in Settings.',
  'Your recovery phrase is the only way to restore a self-custody wallet, so keep it offline.',
  'Please confirm your email address so we can continue.',
  'Could you share a screenshot of the error message?',
  'Please send us the transaction hash and the deposit address.',
  'Please provide your UID and the order ID.',
  '请勿向任何人透露您的助记词。',
  '客服绝不会索要您的密码。',
  '切勿将私钥告诉他人，包括自称客服的人员。',
  '千万不要把谷歌验证码发给任何人。',
  '请提供您的 UID 和交易哈希，我们会尽快核查。',
  '我们已向您的手机发送验证码，请在提现页面输入。',
  '如果有人要求您下载 AnyDesk 或 TeamViewer，请立即停止，这是诈骗。',
  '请在设置页面重置您的登录密码。',
  '请提供 API 密钥的权限截图。',
  'Never install AnyDesk or TeamViewer at the request of someone claiming to be support.',
];

describe('outbound guard', () => {
  it('has enough cases', () => {
    expect(ASKING.length).toBeGreaterThanOrEqual(20);
    expect(SAFE.length).toBeGreaterThanOrEqual(20);
  });

  for (const [text, code] of ASKING) {
    it(`refuses: ${text}`, () => {
      const check = checkOutbound(text);
      expect(check.allowed).toBe(false);
      expect(check.reasons.map((r) => r.code)).toContain(code);
    });
  }

  for (const text of SAFE) {
    it(`allows: ${text}`, () => {
      const check = checkOutbound(text);
      expect(check.reasons).toEqual([]);
      expect(check.allowed).toBe(true);
    });
  }

  it('refuses replies that contain a secret', () => {
    const secret = base64.encode(testBytes('outbound-secret', 64));
    const check = checkOutbound(`Your new key secret is ${secret}`);
    expect(check.allowed).toBe(false);
    expect(check.reasons.map((r) => r.code)).toContain('contains_secret');
    expect(check.reasons.find((r) => r.code === 'contains_secret')?.message).toContain('API secret');
    expect(check.reasons.some((r) => r.message.includes(secret))).toBe(false);
  });

  it('localizes reasons', () => {
    const en = checkOutbound('Please send me your seed phrase', { locale: 'en-us' });
    const zh = checkOutbound('Please send me your seed phrase', { locale: 'zh-cn' });
    expect(en.reasons[0]?.message).toMatch(/recovery phrase/);
    expect(zh.reasons[0]?.message).toMatch(/助记词/);
    const zhSecret = checkOutbound('卡号 4111 1111 1111 1111', { locale: 'zh-cn' });
    expect(zhSecret.reasons[0]?.message).toContain('银行卡号');
  });

  it('reports every distinct request once', () => {
    const check = checkOutbound('Please send me your seed phrase, your password and your 2FA code.');
    expect(check.reasons.map((r) => r.code).sort()).toEqual(['asks_otp', 'asks_password', 'asks_recovery_phrase']);
  });
});
