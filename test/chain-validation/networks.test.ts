import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NETWORKS,
  NETWORK_IDS,
  createChainToolkit,
  explorerAddressUrl,
  getNetwork,
  listNetworks,
  resolveNetworkId,
  validateAddress,
} from '../../src/server/modules/chain-validation/index.js';
import { encodeCashAddr } from '../../src/server/modules/chain-validation/cashaddr.js';
import { missingMessageKeys, renderMessage } from '../../src/server/modules/chain-validation/messages.js';
import { legacy } from './fixtures.js';

describe('network registry', () => {
  it('has the 17 networks in a stable order', () => {
    expect(NETWORK_IDS).toEqual([
      'bitcoin',
      'ethereum',
      'bsc',
      'polygon',
      'arbitrum',
      'optimism',
      'base',
      'tron',
      'solana',
      'xrp',
      'stellar',
      'litecoin',
      'dogecoin',
      'bitcoin-cash',
      'cardano',
      'cosmos',
      'ton',
    ]);
    expect(Object.keys(DEFAULT_NETWORKS).sort()).toEqual([...NETWORK_IDS].sort());
  });

  it.each(NETWORK_IDS)('%s has complete, consistent data', (id) => {
    const def = DEFAULT_NETWORKS[id];
    expect(def.id).toBe(id);
    expect(def.names['en-us'].length).toBeGreaterThan(0);
    expect(def.names['zh-cn'].length).toBeGreaterThan(0);
    expect(def.explorer.tx).toMatch(/^https:\/\/[^{]+\{hash\}/);
    expect(def.explorer.address).toMatch(/^https:\/\/[^{]+\{address\}/);
    expect(def.memo === 'none').toBe(def.memoFormat === null);
    expect(def.memoLabel === null).toBe(def.memoFormat === null);
  });

  it('requires memos on XRP, Stellar, Cosmos and TON only', () => {
    const required = NETWORK_IDS.filter((id) => DEFAULT_NETWORKS[id].memo === 'required');
    expect(required).toEqual(['xrp', 'stellar', 'cosmos', 'ton']);
  });

  it('labels token standards', () => {
    expect(DEFAULT_NETWORKS.ethereum.tokenStandard).toBe('ERC-20');
    expect(DEFAULT_NETWORKS.bsc.tokenStandard).toBe('BEP-20');
    expect(DEFAULT_NETWORKS.tron.tokenStandard).toBe('TRC-20');
    expect(DEFAULT_NETWORKS.solana.tokenStandard).toBe('SPL');
  });
});

describe('listNetworks', () => {
  it('returns localised labels for forms', () => {
    const en = listNetworks('en-us');
    const zh = listNetworks('zh-cn');
    expect(en).toHaveLength(17);
    expect(en.find((n) => n.id === 'ethereum')?.label).toBe('Ethereum (ERC-20)');
    expect(zh.find((n) => n.id === 'ethereum')?.label).toBe('以太坊（ERC-20）');
    expect(zh.find((n) => n.id === 'tron')?.label).toBe('波场（TRC-20）');
    expect(en.find((n) => n.id === 'bsc')?.label).toBe('BNB Smart Chain (BEP-20)');
    expect(en.find((n) => n.id === 'arbitrum')?.label).toBe('Arbitrum One');
    expect(en.find((n) => n.id === 'xrp')?.memoLabel).toBe('Destination Tag');
    expect(zh.find((n) => n.id === 'xrp')?.memoLabel).toBe('标签（Destination Tag）');
    expect(en.find((n) => n.id === 'bitcoin')?.memoLabel).toBeNull();
  });

  it('defaults to en-us and maps any Chinese locale to zh-cn', () => {
    expect(listNetworks()[0]?.name).toBe('Bitcoin');
    expect(listNetworks('zh-CN')[0]?.name).toBe('比特币');
    expect(listNetworks('zh-TW')[0]?.name).toBe('比特币');
    expect(listNetworks('fr-fr')[0]?.name).toBe('Bitcoin');
  });
});

describe('aliases and lookups', () => {
  it.each([
    ['ERC20', 'ethereum'],
    ['erc-20', 'ethereum'],
    ['TRC20', 'tron'],
    ['BEP-20', 'bsc'],
    ['BNB Smart Chain', 'bsc'],
    ['btc', 'bitcoin'],
    ['BCH', 'bitcoin-cash'],
    ['Bitcoin Cash', 'bitcoin-cash'],
    ['bitcoin-cash', 'bitcoin-cash'],
    ['Arbitrum One', 'arbitrum'],
    ['ripple', 'xrp'],
    ['xlm', 'stellar'],
  ])('%s resolves to %s', (alias, id) => {
    expect(resolveNetworkId(alias)).toBe(id);
  });

  it('unknown names resolve to nothing', () => {
    expect(resolveNetworkId('avalanche')).toBeUndefined();
    expect(getNetwork('avalanche')).toBeUndefined();
    expect(getNetwork('trc20')?.id).toBe('tron');
  });

  it('an unknown network is an error but the address is still analysed', () => {
    const r = validateAddress({ address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', network: 'avalanche' });
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toEqual(['unknown_network']);
    expect(r.errors[0]?.field).toBe('network');
    expect(r.errors[0]?.message).toBe('“avalanche” is not a supported network.');
    expect(r.networks).toEqual(['tron']);
  });
});

describe('enabled subset', () => {
  const kit = createChainToolkit({ networks: ['ethereum', 'bitcoin', 'tron'] });

  it('keeps registry order and lists only enabled networks', () => {
    expect(kit.networkIds).toEqual(['bitcoin', 'ethereum', 'tron']);
    expect(kit.listNetworks().map((n) => n.id)).toEqual(['bitcoin', 'ethereum', 'tron']);
  });

  it('only detects enabled networks', () => {
    const r = kit.validateAddress({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' });
    expect(r.networks).toEqual(['ethereum']);
    // A single EVM network: nothing to confuse it with.
    expect(r.warnings).toEqual([]);
    expect(kit.validateAddress({ address: 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh' }).errors.map((e) => e.code)).toEqual([
      'unknown_format',
    ]);
  });

  it('treats a disabled network as unknown', () => {
    const r = kit.validateAddress({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'bsc' });
    expect(r.errors.map((e) => e.code)).toEqual(['unknown_network']);
    expect(kit.getNetwork('bsc')).toBeUndefined();
    expect(kit.explorerTxUrl('bsc', `0x${'a'.repeat(64)}`)).toBeUndefined();
  });

  it('rejects bad configuration', () => {
    expect(() => createChainToolkit({ networks: [] })).toThrow(/At least one/);
    expect(() => createChainToolkit({ networks: ['bitcoin', 'avalanche' as never] })).toThrow(/avalanche/);
  });
});

describe('address explorer URLs', () => {
  it('links the normalised address', () => {
    expect(explorerAddressUrl('ethereum', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe(
      'https://etherscan.io/address/0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    );
    expect(explorerAddressUrl('tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t')).toBe(
      'https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    );
    expect(explorerAddressUrl('bitcoin-cash', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a')).toBe(
      'https://blockchair.com/bitcoin-cash/address/qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a',
    );
    expect(explorerAddressUrl('ethereum', 'not an address')).toBeUndefined();
  });

  it('are part of validateAddress results', () => {
    const r = validateAddress({ address: 'addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8' });
    expect(r.explorerUrls).toEqual([
      {
        network: 'cardano',
        url: 'https://cardanoscan.io/address/addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8',
      },
    ]);
  });
});

describe('CashAddr codec', () => {
  const hash = Uint8Array.from(Buffer.from('76a04053bda0a88bda5177b86a15c3b29f559873', 'hex'));
  it('matches the specification example', () => {
    expect(encodeCashAddr('bitcoincash', 0, hash)).toBe('bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a');
    expect(encodeCashAddr('bitcoincash', 1, hash)).toBe('bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq');
    expect(legacy(0x00, hash)).toBe('1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu');
  });
});

describe('messages', () => {
  it('exist in both locales for every key', () => {
    expect(missingMessageKeys()).toEqual([]);
  });

  it('fall back from a detail key to its code', () => {
    expect(renderMessage('bad_checksum.nonexistent', 'en-us', { network: 'X' })).toContain('checksum');
  });
});
