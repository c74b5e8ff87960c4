import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/server/modules/search/index.js';

const GRAM = (t: string[]): string[] => t;

describe('tokenize: Chinese', () => {
  it('keeps domain words that Intl.Segmenter splits', () => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const segment = (text: string): string[] => [...segmenter.segment(text)].map((s) => s.segment);
    for (const word of ['提币', '密钥', '以太坊']) {
      // The platform segmenter breaks these words apart…
      expect(segment(word)).not.toContain(word);
      // …our tokenizer keeps them as units.
      expect(tokenize(word, 'zh-cn')).toContain(word);
    }
    const tokens = tokenize('我的以太坊提币地址和API密钥', 'zh-cn');
    expect(tokens).toEqual(expect.arrayContaining(['以太坊', '提币', '密钥', '提币地址', 'api']));
  });

  it('loads the domain dictionary into jieba', () => {
    for (const word of ['充币', '助记词', '双重验证', '谷歌验证器', '实名认证', '限价单', '未成交', '到账', '白名单', '手续费']) {
      expect(tokenize(`关于${word}的问题`, 'zh-cn')).toContain(word);
    }
  });

  it('emits CJK character bigrams after the words', () => {
    const tokens = tokenize('助记词丢失', 'zh-cn');
    expect(tokens).toContain('助记词');
    expect(GRAM(tokens)).toEqual(expect.arrayContaining(['助记', '记词', '词丢', '丢失']));
    // words come first, bigrams last
    expect(tokens.indexOf('助记词')).toBeLessThan(tokens.lastIndexOf('词丢'));
  });

  it('accepts custom dictionary words', () => {
    expect(tokenize('灯笼鱼交易所', 'zh-cn', ['灯笼鱼交易所'])).toContain('灯笼鱼交易所');
  });

  it('does not break astral (surrogate pair) characters into bigrams', () => {
    const tokens = tokenize('𠀀𠀁', 'zh-cn');
    expect(tokens).toContain('𠀀𠀁');
    for (const t of tokens) expect(t).toBe(t.normalize()); // no lone surrogates
    expect(tokens.every((t) => !/[\ud800-\udbff](?![\udc00-\udfff])/.test(t))).toBe(true);
  });
});

describe('tokenize: English', () => {
  it('folds case and stems', () => {
    expect(tokenize('Withdrawals WITHDRAWING withdrawal')).toEqual(['withdraw', 'withdraw', 'withdraw']);
    expect(tokenize('Deposited deposits')).toEqual(['deposit', 'deposit']);
  });

  it('normalises full-width characters', () => {
    expect(tokenize('ＵＳＤＴ')).toEqual(['usdt']);
  });

  it('keeps in-word apostrophes inside the word', () => {
    expect(tokenize("hasn't")).toEqual(['hasnt']);
  });
});

describe('tokenize: codes', () => {
  it('indexes exchange error codes whole and by parts', () => {
    const tokens = tokenize('EAPI:Invalid key');
    expect(tokens).toEqual(expect.arrayContaining(['eapi:invalid key', 'eapi:invalid', 'eapi', 'invalid', 'kei']));
    expect(tokenize('EGeneral:Permission denied')).toEqual(
      expect.arrayContaining(['egeneral:permission denied', tokenize('EGeneral')[0], 'permiss', 'deni']),
    );
    expect(tokenize('EOrder:Insufficient funds')).toContain('eorder:insufficient funds');
  });

  it('maps ERC-20, ERC20 and erc 20 to the same token', () => {
    for (const form of ['ERC-20', 'ERC20', 'erc 20', 'erc_20', 'Erc-20']) expect(tokenize(form)).toContain('erc20');
    expect(tokenize('TRC-20')).toContain('trc20');
    expect(tokenize('BEP-20')).toContain('bep20');
    expect(tokenize('ERC20').filter((t) => t === 'erc20')).toHaveLength(1);
  });

  it('keeps HTTP status codes, 2FA and USDT as units', () => {
    expect(tokenize('HTTP 429')).toEqual(expect.arrayContaining(['http429', '429']));
    expect(tokenize('http-429')).toContain('http429');
    expect(tokenize('2FA')).toEqual(['2fa']);
    expect(tokenize('USDT')).toEqual(['usdt']);
  });

  it('handles mixed-script text', () => {
    const tokens = tokenize('USDT提币走TRC-20网络，报错EAPI:Invalid key', 'zh-cn');
    expect(tokens).toEqual(expect.arrayContaining(['usdt', '提币', 'trc20', '网络', 'eapi:invalid key']));
  });
});
