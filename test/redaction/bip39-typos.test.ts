import { entropyToMnemonic, validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplified } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as traditional } from '@scure/bip39/wordlists/traditional-chinese.js';
import { describe, expect, it } from 'vitest';
import { checksumValid } from '../../src/server/modules/redaction/bip39.js';
import { scanText } from '../../src/server/modules/redaction/index.js';
import { covered, describeFindings, testBytes } from './helpers.js';

function phrase(list: readonly string[], seed: string, bytes = 16): string[] {
  return entropyToMnemonic(testBytes(seed, bytes), [...list]).split(' ');
}

function expectPhrase(text: string, start: number, end: number): void {
  const result = scanText(text);
  expect(covered(result, start, end, 'recovery_phrase'), `${text} => ${describeFindings(text, result)}`).toBe(true);
}

function expectClean(text: string): void {
  const result = scanText(text);
  expect(result.findings, `${text} => ${describeFindings(text, result)}`).toEqual([]);
}

describe('checksum', () => {
  it('agrees with @scure/bip39 on random phrases of every length', () => {
    for (let k = 0; k < 200; k++) {
      const bytes = 16 + 4 * (k % 5);
      const words = phrase(english, `checksum-${k}`, bytes);
      const indices = words.map((w) => english.indexOf(w));
      expect(checksumValid(indices)).toBe(true);
      // change the last word: the checksum breaks unless the new index keeps the same checksum bits
      const broken = [...indices.slice(0, -1), ((indices[indices.length - 1] ?? 0) + 1) % 2048];
      const brokenWords = broken.map((i) => english[i] ?? '');
      expect(checksumValid(broken)).toBe(validateMnemonic(brokenWords.join(' '), english));
    }
  });
});

describe('typo-tolerant phrase detection', () => {
  it('redacts a phrase with one word misspelled (letter dropped)', () => {
    for (let k = 0; k < 40; k++) {
      const words = phrase(english, `typo-drop-${k}`, k % 2 === 0 ? 16 : 32);
      const at = k % words.length;
      const w = words[at] ?? '';
      words[at] = w.slice(0, -1) + (w.length > 3 ? '' : 'x');
      const text = words.join(' ');
      expectPhrase(text, 0, text.length);
    }
  });

  it('redacts a phrase with one word replaced by a letter swap or substitution', () => {
    const words = phrase(english, 'typo-swap');
    const w = words[4] ?? '';
    words[4] = w.charAt(1) + w.charAt(0) + w.slice(2);
    const w2 = words[9] ?? '';
    words[9] = `${w2.slice(0, -1)}q`;
    const text = `Can you check this: ${words.join(' ')}`;
    expectPhrase(text, text.indexOf(words[0] ?? ''), text.length);
  });

  it('redacts a phrase with a non-word when a seed context is present', () => {
    const words = phrase(english, 'typo-context');
    words[6] = 'xqzvt';
    const body = words.join(' ');
    const text = `my seed phrase is ${body} but the wallet says invalid`;
    expectPhrase(text, text.indexOf(body), text.indexOf(body) + body.length);
  });

  it('redacts a checksum-broken phrase as likely', () => {
    const words = phrase(english, 'broken-checksum');
    const swapped = [...words];
    swapped[0] = words[1] ?? '';
    swapped[1] = words[0] ?? '';
    if (validateMnemonic(swapped.join(' '), english)) swapped[11] = swapped[11] === 'zoo' ? 'abandon' : 'zoo';
    const text = swapped.join(' ');
    expect(validateMnemonic(text, english)).toBe(false);
    const result = scanText(text);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.kind).toBe('recovery_phrase');
    expect(result.findings[0]?.certainty).toBe('likely');
    expect(result.redacted).toBe('[redacted: recovery phrase]');
  });

  it('redacts a phrase with a word missing when a seed context is present', () => {
    const words = phrase(english, 'missing-word').slice(0, 11);
    const body = words.join(' ');
    const text = `my recovery phrase: ${body}`;
    expectPhrase(text, text.indexOf(body), text.length);
    expect(scanText(body).findings).toEqual([]);
  });

  it('redacts phrases separated by dashes, slashes or bullets', () => {
    const words = phrase(english, 'dashes');
    for (const sep of [' - ', ' / ', ' • ', ' – ', '\n- ']) {
      const text = words.join(sep);
      expectPhrase(text, 0, text.length);
    }
  });

  it('redacts capitalised and upper-case phrases', () => {
    const words = phrase(english, 'upper');
    const title = words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
    expectPhrase(title, 0, title.length);
    const upper = words.join(' ').toUpperCase();
    expectPhrase(upper, 0, upper.length);
  });

  it('accepts Spanish words typed without accents', () => {
    const words = phrase(spanish, 'spanish-accents').map((w) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    const text = words.join(' ');
    const result = scanText(text);
    expect(result.findings[0]?.certainty).toBe('certain');
  });

  it('redacts spaced Chinese phrases with a typo next to a context word', () => {
    const words = phrase(simplified, 'zh-typo');
    words[3] = '龘';
    const body = words.join(' ');
    const text = `我的助记词是 ${body} 帮我看看`;
    expectPhrase(text, text.indexOf(body), text.indexOf(body) + body.length);
  });

  it('finds 24-word Chinese phrases written contiguously inside a sentence with context', () => {
    for (let k = 0; k < 30; k++) {
      const list = k % 2 === 0 ? simplified : traditional;
      const body = phrase(list, `zh-24-${k}`, 32).join('');
      const text = `您好，我的助记词是${body}，请问还能恢复吗？`;
      expectPhrase(text, text.indexOf(body), text.indexOf(body) + body.length);
    }
  });

  it('finds contiguous Chinese phrases alone on a line', () => {
    for (let k = 0; k < 30; k++) {
      const body = phrase(simplified, `zh-line-${k}`, 16 + 4 * (k % 5)).join('');
      const text = `钱包导入失败\n${body}\n怎么办`;
      expectPhrase(text, text.indexOf(body), text.indexOf(body) + body.length);
    }
  });
});

describe('ordinary prose is left alone', () => {
  const english = [
    'I am able to log in but I cannot access my account balance, it shows zero since about noon.',
    'Please check my account again, the withdrawal is still pending after three hours and I need the money today.',
    'You want another file where the text is placed, then move around and add it to the end of the list.',
    'That you have to wait for the review is fine, but you must make sure that they answer this week.',
    'Can you also tell me which network fee applies when I send it to my own wallet on another exchange?',
    'I lost my 2FA device and my phone number changed, so I have no way to receive the code anymore.',
    'My seed phrase is safe and I never shared it, yet the balance on my hardware wallet dropped to zero.',
    'The recovery phrase you gave me at setup does not work in the new app version, it says invalid words.',
    'abandon all hope of a quick answer, support has been silent for a week about my frozen account',
    'urgent help account locked cannot withdraw bitcoin since monday morning please fix asap thanks',
    'deposit pending again same problem last week money gone where is my money answer now',
    'trade history missing order cancel button broken mobile app crash android phone update',
    'verify identity document upload fail camera black screen retry many times nothing happen',
    'buy sell swap convert stake earn lend borrow margin future option copy trade bot',
    'bitcoin ethereum solana cardano polkadot avalanche chainlink uniswap litecoin stellar monero tezos',
  ];
  const chinese = [
    '我的钱提不出来已经三天了，充值也没到账，实名认证一直审核中，请尽快帮我处理一下谢谢',
    '我的助记词丢了怎么办现在钱包打不开了是不是资产就没有了',
    '助记词要怎么备份才安全我用的是自己的硬件钱包',
    '客服你好我想问一下为什么我的提现一直显示审核中而且没有任何通知',
    '请问恢复短语和私钥有什么区别我应该保存哪个比较好',
    '我在手机上抄写了助记词但是不知道顺序对不对能帮我看一下吗',
    '账户被冻结以后资金一直无法转出希望平台尽快给个说法',
    '谷歌验证器换手机以后没有迁移过来现在登录不上去了',
    '昨天晚上充值的比特币到现在还没有到账交易已经有六个确认了',
    '你们的客服电话一直打不通邮件也不回复我真的很着急',
    '种子短语是不是就是助记词我看不同的钱包叫法不一样',
    '为了安全起见我把助记词写在纸上放在保险柜里了这样可以吗',
  ];
  const otherLanguages = [
    'Здравствуйте, я не могу вывести средства с моего аккаунта уже третий день подряд, поддержка молчит.',
    'вывод средств завис третий день подряд поддержка молчит деньги пропали помогите разобраться срочно пожалуйста',
    'Merhaba, hesabımdan para çekemiyorum, üç gündür bekliyorum ve destek ekibi cevap vermiyor.',
    'para çekme işlemi üç gündür bekliyor destek ekibi cevap vermiyor lütfen yardımcı olun acil durum',
    'Hola, no puedo retirar mis fondos desde hace tres días y nadie responde a mis mensajes.',
    'Bonjour, je ne peux pas retirer mes fonds depuis trois jours, le support ne répond pas.',
    'deposit withdrawal account verification pending review documents uploaded passport selfie address proof bank statement',
  ];
  for (const text of english) it(`en: ${text.slice(0, 40)}…`, () => expectClean(text));
  for (const text of otherLanguages) it(`other: ${text.slice(0, 40)}…`, () => expectClean(text));
  for (const text of chinese) it(`zh: ${text.slice(0, 16)}…`, () => expectClean(text));
});
