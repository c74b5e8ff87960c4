import { describe, expect, it } from 'vitest';
import { base58, base64url } from '@scure/base';
import {
  createChainToolkit,
  explorerTxUrl,
  validateTxHash,
} from '../../src/server/modules/chain-validation/index.js';
import type { NetworkId } from '../../src/server/modules/chain-validation/index.js';
import { bytesFrom } from './fixtures.js';

const HEX = Buffer.from(bytesFrom('tx', 32)).toString('hex'); // 64 lower-case hex digits
const SOL_SIG = base58.encode(bytesFrom('sol-sig', 64));
const EVM: NetworkId[] = ['ethereum', 'bsc', 'polygon', 'arbitrum', 'optimism', 'base'];
const HEX_NETWORKS: NetworkId[] = [
  'bitcoin',
  'tron',
  'xrp',
  'stellar',
  'litecoin',
  'dogecoin',
  'bitcoin-cash',
  'cardano',
  'cosmos',
  'ton',
];

const codes = (r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code);

const EXPECTED_URLS: Record<NetworkId, (h: string) => string> = {
  bitcoin: (h) => `https://mempool.space/tx/${h}`,
  ethereum: (h) => `https://etherscan.io/tx/${h}`,
  bsc: (h) => `https://bscscan.com/tx/${h}`,
  polygon: (h) => `https://polygonscan.com/tx/${h}`,
  arbitrum: (h) => `https://arbiscan.io/tx/${h}`,
  optimism: (h) => `https://optimistic.etherscan.io/tx/${h}`,
  base: (h) => `https://basescan.org/tx/${h}`,
  tron: (h) => `https://tronscan.org/#/transaction/${h}`,
  solana: (h) => `https://solscan.io/tx/${h}`,
  xrp: (h) => `https://xrpscan.com/tx/${h}`,
  stellar: (h) => `https://stellar.expert/explorer/public/tx/${h}`,
  litecoin: (h) => `https://litecoinspace.org/tx/${h}`,
  dogecoin: (h) => `https://blockchair.com/dogecoin/transaction/${h}`,
  'bitcoin-cash': (h) => `https://blockchair.com/bitcoin-cash/transaction/${h}`,
  cardano: (h) => `https://cardanoscan.io/transaction/${h}`,
  cosmos: (h) => `https://www.mintscan.io/cosmos/tx/${h}`,
  ton: (h) => `https://tonviewer.com/transaction/${h}`,
};

/** A valid hash per network, and its normalised form. */
const VALID: Record<NetworkId, Array<[string, string]>> = {
  bitcoin: [
    [HEX, HEX],
    [HEX.toUpperCase(), HEX],
    // Bitcoin genesis coinbase transaction
    [
      '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b',
      '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b',
    ],
  ],
  ethereum: [
    [`0x${HEX}`, `0x${HEX}`],
    [`0x${HEX.toUpperCase()}`, `0x${HEX}`],
    [`0X${HEX}`, `0x${HEX}`],
  ],
  bsc: [],
  polygon: [],
  arbitrum: [],
  optimism: [],
  base: [],
  tron: [
    [HEX, HEX],
    [HEX.toUpperCase(), HEX],
  ],
  solana: [[SOL_SIG, SOL_SIG]],
  xrp: [
    [HEX, HEX.toUpperCase()],
    [HEX.toUpperCase(), HEX.toUpperCase()],
  ],
  stellar: [[HEX.toUpperCase(), HEX]],
  litecoin: [[HEX, HEX]],
  dogecoin: [[HEX, HEX]],
  'bitcoin-cash': [[HEX, HEX]],
  cardano: [[HEX, HEX]],
  cosmos: [[HEX, HEX.toUpperCase()]],
  ton: [
    [HEX, HEX],
    [base64url.encode(bytesFrom('tx', 32)), HEX],
    [base64url.encode(bytesFrom('tx', 32)).replace(/=$/, ''), HEX],
    [Buffer.from(bytesFrom('tx', 32)).toString('base64'), HEX],
  ],
};
for (const id of EVM.slice(1)) VALID[id] = VALID.ethereum;

describe.each(Object.keys(VALID) as NetworkId[])('%s transaction hashes', (network) => {
  it.each(VALID[network])('accepts %s', (hash, normalized) => {
    const r = validateTxHash({ hash: ` ${hash} `, network });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.networks).toEqual([network]);
    expect(r.normalized).toBe(normalized);
    expect(r.explorerUrls).toEqual([{ network, url: EXPECTED_URLS[network](normalized) }]);
  });

  it('rejects a hash one character short and one with a bad character', () => {
    const [sample] = VALID[network][0] ?? [''];
    const short = validateTxHash({ hash: sample.slice(0, -2), network });
    expect(short.valid).toBe(false);
    expect(codes(short)).toEqual(['wrong_length']);
    const bad = validateTxHash({ hash: `${sample.slice(0, -1)}!`, network });
    expect(codes(bad)).toEqual(['invalid_characters']);
  });
});

describe('hash format detection without a network', () => {
  it('0x + 64 hex matches exactly the EVM networks', () => {
    const r = validateTxHash({ hash: `0x${HEX}` });
    expect(r.valid).toBe(true);
    expect(r.networks).toEqual(EVM);
    expect(r.normalized).toBe(`0x${HEX}`);
    expect(r.explorerUrls.map((u) => u.url)).toContain(`https://bscscan.com/tx/0x${HEX}`);
  });

  it('bare 64 hex matches every hex network except EVM', () => {
    const r = validateTxHash({ hash: HEX });
    expect(r.valid).toBe(true);
    expect(r.networks).toEqual(HEX_NETWORKS);
    // Case conventions differ (XRP and Cosmos use upper case), so there is no single form.
    expect(r.normalized).toBeUndefined();
    expect(r.explorerUrls.find((u) => u.network === 'xrp')?.url).toBe(EXPECTED_URLS.xrp(HEX.toUpperCase()));
  });

  it('a base58 64-byte signature matches Solana only', () => {
    const r = validateTxHash({ hash: SOL_SIG });
    expect(r.networks).toEqual(['solana']);
    expect(r.normalized).toBe(SOL_SIG);
  });

  it('a base64url hash matches TON only', () => {
    const r = validateTxHash({ hash: base64url.encode(bytesFrom('tx', 32)) });
    expect(r.networks).toEqual(['ton']);
    expect(r.normalized).toBe(HEX);
  });

  it('explains near misses', () => {
    expect(codes(validateTxHash({ hash: HEX.slice(0, 63) }))).toEqual(['wrong_length']);
    expect(validateTxHash({ hash: HEX.slice(0, 63) }).errors[0]?.message).toContain('63');
    expect(codes(validateTxHash({ hash: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' }))).toEqual(['looks_like_address']);
    expect(codes(validateTxHash({ hash: 'not a hash' }))).toEqual(['invalid_characters']);
    expect(codes(validateTxHash({ hash: 'nothash' }))).toEqual(['unknown_format']);
    expect(codes(validateTxHash({ hash: '' }))).toEqual(['empty']);
    expect(validateTxHash({ hash: '' }, 'zh-cn').errors[0]?.message).toBe('请输入交易哈希（TxID）。');
  });
});

describe('hash given for a chosen network', () => {
  it('adds a missing 0x for EVM networks (with a warning)', () => {
    const r = validateTxHash({ hash: HEX, network: 'ethereum' });
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe(`0x${HEX}`);
    expect(r.warnings.map((w) => w.code)).toEqual(['hash_prefix_adjusted']);
  });

  it('drops a 0x for Tron (with a warning)', () => {
    const r = validateTxHash({ hash: `0x${HEX}`, network: 'tron' });
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe(HEX);
    expect(r.explorerUrls[0]?.url).toBe(`https://tronscan.org/#/transaction/${HEX}`);
  });

  it('says which networks a hash belongs to', () => {
    const r = validateTxHash({ hash: SOL_SIG, network: 'tron' });
    expect(r.valid).toBe(false);
    expect(r.networks).toEqual(['solana']);
    expect(codes(r)).toEqual(['hash_on_other_network']);
    expect(r.errors[0]?.message).toBe(
      'This looks like a transaction hash from Solana (SOL), but you chose Tron (TRC-20).',
    );
    expect(validateTxHash({ hash: SOL_SIG, network: 'tron' }, 'zh-cn').errors[0]?.message).toBe(
      '这看起来是Solana（SOL）的交易哈希，但您选择的是波场（TRC-20）网络。',
    );
  });

  it('recognises an address pasted as a hash', () => {
    const r = validateTxHash({ hash: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', network: 'tron' });
    expect(codes(r)).toEqual(['looks_like_address']);
    expect(r.errors[0]?.message).toContain('Tron (TRC-20) address');
  });

  it('rejects an unknown network but still reports matches', () => {
    const r = validateTxHash({ hash: `0x${HEX}`, network: 'dogechain' });
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['unknown_network']);
    expect(r.networks).toEqual(EVM);
  });

  it('accepts aliases such as ERC20 and TRC-20', () => {
    expect(validateTxHash({ hash: `0x${HEX}`, network: 'ERC20' }).network).toBe('ethereum');
    expect(validateTxHash({ hash: HEX, network: 'trc-20' }).network).toBe('tron');
    expect(validateTxHash({ hash: `0x${HEX}`, network: 'BEP20' }).network).toBe('bsc');
  });
});

describe('explorer URLs and overrides', () => {
  it('builds tx URLs from the default templates', () => {
    expect(explorerTxUrl('bitcoin', HEX)).toBe(`https://mempool.space/tx/${HEX}`);
    expect(explorerTxUrl('xrp', HEX)).toBe(`https://xrpscan.com/tx/${HEX.toUpperCase()}`);
    expect(explorerTxUrl('ethereum', 'nope')).toBeUndefined();
  });

  it('uses overridden templates', () => {
    const kit = createChainToolkit({
      explorers: {
        bitcoin: { tx: 'https://blockstream.info/tx/{hash}' },
        ethereum: { tx: 'https://eth.example.org/transactions/{hash}?ref=support', address: 'https://eth.example.org/a/{address}' },
      },
    });
    expect(kit.validateTxHash({ hash: HEX, network: 'bitcoin' }).explorerUrls[0]?.url).toBe(
      `https://blockstream.info/tx/${HEX}`,
    );
    expect(kit.explorerTxUrl('ethereum', `0x${HEX}`)).toBe(`https://eth.example.org/transactions/0x${HEX}?ref=support`);
    expect(kit.explorerAddressUrl('ethereum', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe(
      'https://eth.example.org/a/0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    );
    // Untouched networks keep their defaults.
    expect(kit.explorerTxUrl('litecoin', HEX)).toBe(`https://litecoinspace.org/tx/${HEX}`);
    expect(kit.getNetwork('bitcoin')?.explorer.address).toBe('https://mempool.space/address/{address}');
  });

  it('rejects unsafe or incomplete templates', () => {
    expect(() => createChainToolkit({ explorers: { bitcoin: { tx: 'javascript:alert({hash})' } } })).toThrow(TypeError);
    expect(() => createChainToolkit({ explorers: { bitcoin: { tx: 'https://x.example/tx/' } } })).toThrow(/\{hash\}/);
    expect(() => createChainToolkit({ explorers: { bitcoin: { address: 'https://x.example/{hash}' } } })).toThrow(
      /\{address\}/,
    );
    expect(() => createChainToolkit({ explorers: { nope: { tx: 'https://x/{hash}' } } as never })).toThrow(/nope/);
  });
});
