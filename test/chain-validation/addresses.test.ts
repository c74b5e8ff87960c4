/**
 * Per-network address vectors. Valid addresses are either derived from raw
 * bytes in the test (see fixtures.ts) or published ones whose source is
 * noted; invalid ones assert the exact error code.
 */
import { describe, expect, it } from 'vitest';
import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { encodeCashAddr } from '../../src/server/modules/chain-validation/cashaddr.js';
import { crc16Xmodem } from '../../src/server/modules/chain-validation/crc16.js';
import { validateAddress } from '../../src/server/modules/chain-validation/index.js';
import type { NetworkId } from '../../src/server/modules/chain-validation/index.js';
import {
  BASE58_ALPHABET,
  BECH32_ALPHABET,
  bech32Bytes,
  bytesFrom,
  concat,
  legacy,
  mutate,
  segwit,
  solana,
  strkey,
  tonFriendly,
  xrpClassic,
} from './fixtures.js';

const EVM_NETWORKS: NetworkId[] = ['ethereum', 'bsc', 'polygon', 'arbitrum', 'optimism', 'base'];

interface ValidCase {
  readonly address: string;
  readonly normalized?: string;
  readonly type?: string;
  readonly memo?: string;
  /** Expected embedded memo (X-address tag, muxed id). */
  readonly embeddedMemo?: string;
  readonly note?: string;
}

interface InvalidCase {
  readonly address: string;
  readonly code: string;
  readonly note?: string;
}

const h20 = (label: string) => bytesFrom(label, 20);
const h32 = (label: string) => bytesFrom(label, 32);

// Published vectors -----------------------------------------------------------
const GENESIS_BTC = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'; // Bitcoin genesis block coinbase address
const XRP_GENESIS = 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh'; // XRPL genesis account
const TRON_USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'; // USDT TRC-20 contract
const SOL_SYSTEM_PROGRAM = '11111111111111111111111111111111';
const SOL_TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
// SEP-23 test cases (stellar-protocol ecosystem/sep-0023.md)
const SEP23_G = 'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ';
const SEP23_M0 = 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ';
const SEP23_M_BIG = 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLK';
// CashAddr specification examples (same hash160 as legacy 1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu)
const BCH_P2PKH = 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a';
const BCH_P2PKH_LEGACY = '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu';
const BCH_P2SH = 'bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq';
const BCH_P2SH_LEGACY = '3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC';
const BCH_P2SH_2 = 'bitcoincash:pqq3728yw0y47sqn6l2na30mcw6zm78dzq5ucqzc37'; // legacy 31nwvkZwyPdgzjBJZXfDmSWsC4ZLKpYyUw
const BCH_P2PKH_2 = 'bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy'; // legacy 1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR
// CIP-19 test vectors (cardano-foundation/CIPs CIP-0019)
const CIP19_MAINNET: Record<string, string> = {
  base: 'addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x',
  'base-script': 'addr1z8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gten0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgs9yc0hh',
  'base-key-script': 'addr1yx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerkr0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shs2z78ve',
  'base-script-script': 'addr1x8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gt7r0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shskhj42g',
  pointer: 'addr1gx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer5pnz75xxcrzqf96k',
  'pointer-script': 'addr128phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtupnz75xxcrtw79hu',
  enterprise: 'addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8',
  'enterprise-script': 'addr1w8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcyjy7wx',
};
const CIP19_TESTNET = [
  'addr_test1qz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgs68faae',
  'addr_test1zrphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gten0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgsxj90mg',
  'addr_test1yz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerkr0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shsf5r8qx',
  'addr_test1xrphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gt7r0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shs4p04xh',
  'addr_test1gz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer5pnz75xxcrdw5vky',
  'addr_test12rphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtupnz75xxcryqrvmw',
  'addr_test1vz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerspjrlsz',
  'addr_test1wrphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcl6szpr',
];
const CIP19_STAKE = [
  'stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw',
  'stake178phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcccycj5',
];
// Byron addresses (Icarus and Daedalus styles, mainnet) and the CIP-19 Byron example (legacy testnet tag).
const BYRON_ICARUS = 'Ae2tdPwUPEZLs4HtbuNey7tK4hTKrwNwYtGqp7bDfCy2WdR3P6735W5Yfpe';
const BYRON_DAEDALUS =
  'DdzFFzCqrht7PQiAhzrn6rNNoADJieTWBt8KeK9BZdUsGyX9ooYD9NpMCTGjQoUKcHN47g8JMXhvKogsGpQHtiQ65fZwiypjrC6d3a4Q';
const BYRON_TESTNET =
  '37btjrVyb4KDXBNC4haBVPCrro8AQPHwvCMp3RFhhSVWwfFmZ6wwzSK6JK1hY6wHNmtrpTf1kdbva8TCneM2YsiXT7mrzT21EacHnPpz5YyUdj64na';
// TON: a well-known wallet in user-friendly and raw form.
const TON_FRIENDLY = 'EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N';
const TON_RAW = '0:83dfd552e63729b472fcbcc8c45ebcc6691702558b68ec7527e1ba403a0f31a8';

const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

const VALID: Record<NetworkId, ValidCase[]> = {
  bitcoin: [
    { address: GENESIS_BTC, type: 'p2pkh', note: 'genesis' },
    { address: legacy(0x00, h20('btc-p2pkh')), type: 'p2pkh' },
    { address: legacy(0x05, h20('btc-p2sh')), type: 'p2sh' },
    { address: segwit('bc', 0, h20('btc-wpkh')), type: 'p2wpkh' },
    { address: segwit('bc', 0, h32('btc-wsh')), type: 'p2wsh' },
    { address: segwit('bc', 1, h32('btc-tr')), type: 'p2tr' },
    { address: segwit('bc', 0, h20('btc-upper')).toUpperCase(), normalized: segwit('bc', 0, h20('btc-upper')) },
  ],
  ethereum: [
    { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
    { address: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359' },
    { address: '0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb', normalized: '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB' },
  ],
  bsc: [],
  polygon: [],
  arbitrum: [],
  optimism: [],
  base: [],
  tron: [
    { address: TRON_USDT },
    { address: legacy(0x41, h20('tron-1')) },
    { address: legacy(0x41, h20('tron-2')) },
    {
      address: `41${Buffer.from(h20('tron-hex')).toString('hex')}`,
      normalized: legacy(0x41, h20('tron-hex')),
      note: 'hex form',
    },
  ],
  solana: [
    { address: SOL_SYSTEM_PROGRAM },
    { address: SOL_TOKEN_PROGRAM },
    { address: solana(h32('sol-1')) },
    { address: solana(h32('sol-2')) },
  ],
  xrp: [
    { address: XRP_GENESIS, memo: '1', type: 'classic' },
    { address: 'r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59', memo: '0', type: 'classic' },
    { address: xrpClassic(h20('xrp-1')), memo: '42', type: 'classic' },
    // xrpl.js ripple-address-codec X-address vectors
    {
      address: 'X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu',
      normalized: 'r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59',
      type: 'x-address',
      embeddedMemo: '1',
    },
    {
      address: 'XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi',
      normalized: 'rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf',
      type: 'x-address',
      embeddedMemo: '4294967295',
    },
  ],
  stellar: [
    { address: SEP23_G, memo: '1', type: 'account' },
    { address: strkey(6 << 3, h32('xlm-1')), memo: 'hello', type: 'account' },
    { address: SEP23_M0, type: 'muxed', embeddedMemo: '0' },
    { address: SEP23_M_BIG, type: 'muxed', embeddedMemo: '9223372036854775808' },
  ],
  litecoin: [
    { address: legacy(0x30, h20('ltc-1')), type: 'p2pkh' },
    { address: legacy(0x32, h20('ltc-2')), type: 'p2sh' },
    { address: segwit('ltc', 0, h20('ltc-3')), type: 'p2wpkh' },
    { address: segwit('ltc', 1, h32('ltc-4')), type: 'p2tr' },
  ],
  dogecoin: [
    { address: legacy(0x1e, h20('doge-1')), type: 'p2pkh' },
    { address: legacy(0x1e, h20('doge-2')), type: 'p2pkh' },
    { address: legacy(0x16, h20('doge-3')), type: 'p2sh' },
  ],
  'bitcoin-cash': [
    { address: BCH_P2PKH, type: 'p2pkh' },
    { address: BCH_P2SH, type: 'p2sh' },
    { address: BCH_P2SH_2, type: 'p2sh' },
    { address: BCH_P2PKH_2.slice('bitcoincash:'.length), normalized: BCH_P2PKH_2, note: 'no prefix' },
    { address: BCH_P2PKH.toUpperCase(), normalized: BCH_P2PKH, note: 'upper case' },
    { address: BCH_P2PKH_LEGACY, type: 'p2pkh', note: 'legacy' },
    { address: encodeCashAddr('bitcoincash', 1, h32('p2sh32')), type: 'p2sh', note: 'P2SH32' },
  ],
  cardano: [
    ...Object.entries(CIP19_MAINNET).map(([type, address]) => ({
      address,
      type: type.split('-')[0] ?? type,
    })),
    { address: bech32Bytes('addr', concat([0x61], bytesFrom('ada-1', 28)), false), type: 'enterprise' },
    { address: BYRON_ICARUS, type: 'byron' },
    { address: BYRON_DAEDALUS, type: 'byron' },
  ],
  cosmos: [
    { address: bech32Bytes('cosmos', h20('atom-1')), memo: '123456', type: 'account' },
    { address: bech32Bytes('cosmos', h20('atom-2')), memo: 'user 42', type: 'account' },
    { address: bech32Bytes('cosmos', h32('atom-3')), memo: '1', type: 'module-account' },
  ],
  ton: [
    { address: TON_FRIENDLY, memo: '1', type: 'bounceable' },
    { address: TON_RAW, memo: '1', type: 'raw' },
    { address: tonFriendly(0x51, 0, hexToBytes(TON_RAW.slice(2))), memo: 'comment', type: 'non-bounceable' },
    { address: tonFriendly(0x11, -1, h32('ton-master')), memo: '7', type: 'bounceable' },
  ],
};

for (const id of EVM_NETWORKS.slice(1)) VALID[id] = VALID.ethereum;

const INVALID: Record<NetworkId, InvalidCase[]> = {
  bitcoin: [
    { address: mutate(GENESIS_BTC, -1, BASE58_ALPHABET), code: 'bad_checksum' },
    { address: `${GENESIS_BTC.slice(0, 20)}0${GENESIS_BTC.slice(21)}`, code: 'invalid_characters' },
    { address: legacy(0x00, bytesFrom('short', 19)), code: 'wrong_length' },
    { address: legacy(0x6f, h20('btc-test')), code: 'testnet_address', note: 'm/n testnet' },
    { address: legacy(0xc4, h20('btc-test-sh')), code: 'testnet_address', note: '2… testnet' },
    { address: segwit('bcrt', 0, h20('regtest')), code: 'testnet_address', note: 'regtest' },
    { address: legacy(0x1e, h20('doge-on-btc')), code: 'address_on_other_network' },
    { address: mutate(segwit('bc', 0, h20('btc-bad')), -3, BECH32_ALPHABET), code: 'bad_checksum' },
  ],
  ethereum: [
    { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', code: 'bad_checksum' },
    { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', code: 'wrong_length' },
    { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg', code: 'invalid_characters' },
    { address: '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', code: 'wrong_prefix' },
    { address: TRON_USDT, code: 'address_on_other_network' },
    { address: `0x${'ab'.repeat(32)}`, code: 'looks_like_tx_hash' },
  ],
  bsc: [],
  polygon: [],
  arbitrum: [],
  optimism: [],
  base: [],
  tron: [
    { address: mutate(TRON_USDT, -1, BASE58_ALPHABET), code: 'bad_checksum' },
    { address: TRON_USDT.slice(0, -2), code: 'wrong_length' },
    { address: `${TRON_USDT.slice(0, 10)}O${TRON_USDT.slice(11)}`, code: 'invalid_characters' },
    { address: legacy(0x42, h20('tron-bad-version')), code: 'wrong_prefix' },
    { address: GENESIS_BTC, code: 'address_on_other_network' },
  ],
  solana: [
    { address: solana(bytesFrom('sol-31', 31)), code: 'wrong_length' },
    { address: solana(bytesFrom('sol-33', 33)), code: 'wrong_length' },
    { address: `${SOL_TOKEN_PROGRAM.slice(0, 10)}0${SOL_TOKEN_PROGRAM.slice(11)}`, code: 'invalid_characters' },
    { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', code: 'address_on_other_network' },
  ],
  xrp: [
    { address: mutate(XRP_GENESIS, -1, BASE58_ALPHABET), code: 'bad_checksum' },
    { address: XRP_GENESIS.slice(0, -2), code: 'wrong_length' },
    { address: `${XRP_GENESIS.slice(0, 5)}0${XRP_GENESIS.slice(6)}`, code: 'invalid_characters' },
    // xrpl.js: bad checksum, 64-bit tag, and a testnet X-address.
    { address: 'XVLhHMPHU98es4dbozjVtdWzVrDjtV5fdx1mHp98tDMoQXa', code: 'bad_checksum' },
    { address: 'XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8zeUygYrCgrPh', code: 'unsupported_address_type' },
    { address: 'T719a5UwUCnEs54UsxG9CJYYDhwmFCqkr7wxCcNcfZ6p5GZ', code: 'testnet_address' },
  ],
  stellar: [
    // SEP-23 invalid test cases
    { address: 'GAAAAAAAACGC6', code: 'wrong_length' },
    { address: 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUR', code: 'bad_checksum' },
    { address: 'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZA', code: 'wrong_length' },
    { address: 'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUACUSI', code: 'wrong_length' },
    { address: 'G47QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVP2I', code: 'wrong_prefix' },
    { address: 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLKA', code: 'wrong_length' },
    { address: 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAAV75I', code: 'wrong_length' },
    // Only the version byte differs from a valid key, so its CRC no longer matches.
    { address: 'M47QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ', code: 'bad_checksum' },
    { address: 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUK===', code: 'invalid_characters' },
    { address: 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUO', code: 'bad_checksum' },
    { address: 'BAAD6DBUX6J22DMZOHIEZTEQ64CVCHEDRKWZONFEUL5Q26QD7R76RGR4TV', code: 'wrong_length' },
    // Other key types and case.
    { address: 'CA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUWDA', code: 'unsupported_address_type' },
    { address: SEP23_G.toLowerCase(), code: 'invalid_characters' },
    { address: mutate(SEP23_G, 10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), code: 'bad_checksum' },
  ],
  litecoin: [
    { address: mutate(legacy(0x30, h20('ltc-bad')), -1, BASE58_ALPHABET), code: 'bad_checksum' },
    { address: segwit('tltc', 0, h20('ltc-test')), code: 'testnet_address' },
    { address: legacy(0x3a, h20('ltc-test-q')), code: 'testnet_address' },
    { address: mutate(segwit('ltc', 0, h20('ltc-bad-2')), -1, BECH32_ALPHABET), code: 'bad_checksum' },
    { address: 'ltcmweb1qqt9rwznnxzkghv4s5wgtwxs0m0ry6n3atp95f47slppapxljde3xyqmdlnrc8ag7y7u', code: 'unsupported_address_type' },
    { address: legacy(0x1e, h20('doge-on-ltc')), code: 'address_on_other_network' },
  ],
  dogecoin: [
    { address: mutate(legacy(0x1e, h20('doge-bad')), -1, BASE58_ALPHABET), code: 'bad_checksum' },
    { address: legacy(0x71, h20('doge-test')), code: 'testnet_address' },
    { address: legacy(0x1e, bytesFrom('doge-short', 21)), code: 'wrong_length' },
    { address: `D${'0'.repeat(33)}`, code: 'invalid_characters' },
    { address: GENESIS_BTC, code: 'address_on_other_network' },
  ],
  'bitcoin-cash': [
    { address: mutate(BCH_P2PKH, -1, BECH32_ALPHABET), code: 'bad_checksum' },
    { address: BCH_P2PKH.slice(0, -1), code: 'bad_checksum' },
    { address: `bitcoincash:${BCH_P2PKH.slice(12, 20).toUpperCase()}${BCH_P2PKH.slice(20)}`, code: 'invalid_characters' },
    { address: encodeCashAddr('bchtest', 0, bytesFrom('bch-test', 20)), code: 'testnet_address' },
    { address: encodeCashAddr('ecash', 0, bytesFrom('xec', 20)), code: 'wrong_prefix' },
    { address: encodeCashAddr('bitcoincash', 0, bytesFrom('bch-24', 24)), code: 'wrong_length' },
    { address: 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdxba', code: 'invalid_characters' },
  ],
  cardano: [
    ...CIP19_TESTNET.map((address) => ({ address, code: 'testnet_address' })),
    ...CIP19_STAKE.map((address) => ({ address, code: 'unsupported_address_type' })),
    { address: BYRON_TESTNET, code: 'testnet_address' },
    { address: mutate(CIP19_MAINNET.enterprise ?? '', -1, BECH32_ALPHABET), code: 'bad_checksum' },
    { address: mutate(BYRON_ICARUS, -1, BASE58_ALPHABET), code: 'bad_checksum' },
    { address: mutate(BYRON_DAEDALUS, -1, BASE58_ALPHABET), code: 'bad_checksum' },
    { address: bech32Bytes('addr', concat([0x61], bytesFrom('ada-short', 27)), false), code: 'wrong_length' },
    { address: (CIP19_MAINNET.enterprise ?? '').replace('addr1v', 'addr1V'), code: 'invalid_characters' },
  ],
  cosmos: [
    { address: mutate(bech32Bytes('cosmos', h20('atom-bad')), -1, BECH32_ALPHABET), code: 'bad_checksum' },
    { address: bech32Bytes('cosmosvaloper', h20('validator')), code: 'unsupported_address_type' },
    { address: bech32Bytes('osmo', h20('osmosis')), code: 'wrong_prefix' },
    { address: bech32Bytes('cosmos', bytesFrom('atom-21', 21)), code: 'wrong_length' },
    { address: bech32Bytes('cosmos', h20('atom-case')).replace('cosmos1', 'COSMOS1'), code: 'invalid_characters' },
  ],
  ton: [
    { address: mutate(TON_FRIENDLY, -1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), code: 'bad_checksum' },
    { address: TON_FRIENDLY.slice(0, -1), code: 'wrong_length' },
    { address: tonFriendly(0x91, 0, h32('ton-testnet')), code: 'testnet_address' },
    { address: tonFriendly(0x11, 5, h32('ton-wc5')), code: 'unsupported_address_type' },
    { address: TON_RAW.slice(0, -1), code: 'wrong_length' },
    { address: `${TON_FRIENDLY.slice(0, 10)}!${TON_FRIENDLY.slice(11)}`, code: 'invalid_characters' },
    { address: tonFriendly(0x22, 0, h32('ton-flags')), code: 'wrong_prefix' },
  ],
};

for (const id of EVM_NETWORKS.slice(1)) INVALID[id] = INVALID.ethereum;

describe('CRC16-XModem', () => {
  it('matches the catalogue check value', () => {
    expect(crc16Xmodem(utf8ToBytes('123456789'))).toBe(0x31c3);
  });
  it('reproduces the checksum of the SEP-23 account vector', () => {
    expect(strkey(6 << 3, hexToBytes('3f0c34bf93ad0d9971d04ccc90f705511c838aad9734a4a2fb0d7a03fc7fe89a'))).toBe(SEP23_G);
  });
  it('reproduces the TON user-friendly vector from its raw form', () => {
    expect(tonFriendly(0x11, 0, hexToBytes(TON_RAW.slice(2)))).toBe(TON_FRIENDLY);
  });
});

describe.each(Object.keys(VALID) as NetworkId[])('%s addresses', (network) => {
  const valid = VALID[network];
  const invalid = INVALID[network];

  it('has at least 3 valid and 3 invalid vectors', () => {
    expect(valid.length).toBeGreaterThanOrEqual(3);
    expect(invalid.length).toBeGreaterThanOrEqual(3);
  });

  it.each(valid.map((c) => [c.address, c] as const))('accepts %s', (_address, c) => {
    const r = validateAddress({ address: `  ${c.address}\n`, network, ...(c.memo !== undefined ? { memo: c.memo } : {}) });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.network).toBe(network);
    expect(r.networks).toContain(network);
    expect(r.normalized).toBe(c.normalized ?? c.address);
    if (c.type) expect(r.addressType).toBe(c.type);
    if (c.embeddedMemo !== undefined) expect(r.memo).toBe(c.embeddedMemo);
    expect(r.explorerUrls.map((u) => u.network)).toContain(network);
  });

  it.each(invalid.map((c) => [c.address, c.code] as const))('rejects %s with %s', (address, code) => {
    const r = validateAddress({ address, network, memo: '1' });
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toEqual([code]);
    expect(r.errors[0]?.message.length).toBeGreaterThan(10);
    if (code !== 'address_on_other_network') expect(r.networks).not.toContain(network);
  });
});

describe('cross-network detection without a chosen network', () => {
  it('lists every EVM network for a 0x address and warns to use the same network', () => {
    const r = validateAddress({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' });
    expect(r.valid).toBe(true);
    expect(r.networks).toEqual(EVM_NETWORKS);
    expect(r.warnings.map((w) => w.code)).toEqual(['evm_choose_same_network']);
    expect(r.warnings[0]?.message).toContain('BEP-20');
    expect(r.warnings[0]?.message).toContain('ERC-20');
  });

  it('warns with the chosen network when one is given', () => {
    const r = validateAddress({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'bsc' }, 'zh-cn');
    expect(r.warnings.map((w) => w.code)).toEqual(['evm_choose_same_network']);
    expect(r.warnings[0]?.message).toContain('币安智能链（BEP-20）');
  });

  it('finds legacy P2PKH on Bitcoin and Bitcoin Cash and gives the CashAddr form', () => {
    const r = validateAddress({ address: BCH_P2PKH_LEGACY });
    expect(r.networks).toEqual(['bitcoin', 'bitcoin-cash']);
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['legacy_address_format', 'multiple_networks']);
    expect(r.warnings.find((w) => w.code === 'legacy_address_format')?.message).toContain(BCH_P2PKH);
  });

  it('maps the CashAddr P2SH example to its legacy twin', () => {
    const r = validateAddress({ address: BCH_P2SH_LEGACY, network: 'bitcoin-cash' });
    expect(r.valid).toBe(true);
    expect(r.warnings[0]?.message).toContain(BCH_P2SH);
  });

  it('finds a legacy 3… address on Bitcoin, Litecoin and Bitcoin Cash', () => {
    expect(validateAddress({ address: BCH_P2SH_LEGACY }).networks).toEqual(['bitcoin', 'litecoin', 'bitcoin-cash']);
  });

  it.each([
    [TRON_USDT, ['tron']],
    [XRP_GENESIS, ['xrp']],
    [SEP23_G, ['stellar']],
    [SOL_TOKEN_PROGRAM, ['solana']],
    [CIP19_MAINNET.base ?? '', ['cardano']],
    [TON_FRIENDLY, ['ton']],
    [segwit('bc', 1, h32('x')), ['bitcoin']],
    [segwit('ltc', 0, h20('x')), ['litecoin']],
    [legacy(0x1e, h20('x')), ['dogecoin']],
    [BCH_P2PKH, ['bitcoin-cash']],
    [bech32Bytes('cosmos', h20('x')), ['cosmos']],
  ])('%s is only valid on %j', (address, networks) => {
    expect(validateAddress({ address, memo: '1' }).networks).toEqual(networks);
  });

  it('reports the most specific error of the network the string resembles', () => {
    const r = validateAddress({ address: mutate(TRON_USDT, -1, BASE58_ALPHABET) });
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toEqual(['bad_checksum']);
    expect(r.errors[0]?.networks).toEqual(['tron']);
  });

  it('reports unknown_format for text that resembles nothing', () => {
    expect(validateAddress({ address: 'hello world!' }).errors.map((e) => e.code)).toEqual(['invalid_characters']);
    expect(validateAddress({ address: 'helloworld' }).errors.map((e) => e.code)).toEqual(['unknown_format']);
  });

  it('reports empty input', () => {
    expect(validateAddress({ address: '   ' }).errors.map((e) => e.code)).toEqual(['empty']);
    expect(validateAddress({ address: '' }, 'zh-cn').errors[0]?.message).toBe('请输入地址。');
  });

  it('warns about burn addresses', () => {
    expect(validateAddress({ address: `0x${'0'.repeat(40)}`, network: 'ethereum' }).warnings.map((w) => w.code)).toContain(
      'burn_address',
    );
    expect(
      validateAddress({ address: 'rrrrrrrrrrrrrrrrrrrrrhoLvTp', network: 'xrp', memo: '1' }).warnings.map((w) => w.code),
    ).toContain('burn_address');
  });
});

describe('address on another network: messages', () => {
  it('names the network the address belongs to (en-us)', () => {
    const r = validateAddress({ address: TRON_USDT, network: 'ethereum' });
    expect(r.valid).toBe(false);
    expect(r.network).toBe('ethereum');
    expect(r.networks).toEqual(['tron']);
    expect(r.errors[0]?.code).toBe('address_on_other_network');
    expect(r.errors[0]?.networks).toEqual(['tron']);
    expect(r.errors[0]?.message).toMatch(
      /^This looks like a Tron \(TRC-20\) address, but you chose Ethereum \(ERC-20\)\./,
    );
  });

  it('names the network the address belongs to (zh-cn)', () => {
    const r = validateAddress({ address: TRON_USDT, network: 'ethereum' }, 'zh-cn');
    expect(r.errors[0]?.message).toMatch(/^这是波场（TRC-20）地址，但您选择的是以太坊（ERC-20）网络。/);
  });

  it('describes an EVM address given for Tron', () => {
    const en = validateAddress({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'tron' });
    expect(en.errors[0]?.message).toContain('EVM address');
    expect(en.errors[0]?.message).toContain('Ethereum (ERC-20)');
    expect(en.errors[0]?.message).toContain('you chose Tron (TRC-20)');
    const zh = validateAddress({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'tron' }, 'zh-cn');
    expect(zh.errors[0]?.message).toContain('这是 EVM 地址');
    expect(zh.errors[0]?.message).toContain('您选择的是波场（TRC-20）网络');
  });

  it('uses "an" where English needs it', () => {
    const r = validateAddress({ address: XRP_GENESIS, network: 'bitcoin' });
    expect(r.errors[0]?.message).toMatch(/^This looks like an XRP Ledger address, but you chose Bitcoin \(BTC\)\./);
  });

  it('localises precise errors', () => {
    const zh = validateAddress({ address: mutate(GENESIS_BTC, -1, BASE58_ALPHABET), network: 'bitcoin' }, 'zh-cn');
    expect(zh.errors[0]?.message).toContain('比特币（BTC）地址校验失败');
    const testnet = validateAddress({ address: legacy(0x6f, h20('t')), network: 'bitcoin' }, 'zh-cn');
    expect(testnet.errors[0]?.message).toContain('测试网地址');
    const prefix = validateAddress({ address: '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'ethereum' });
    expect(prefix.errors[0]?.message).toContain('should start with “0x”');
  });
});

describe('secrets pasted as addresses', () => {
  const wif = createBase58check(sha256).encode(concat([0x80], h32('wif'), [0x01]));
  const seed = strkey(18 << 3, h32('stellar-seed'));
  const xprv = createBase58check(sha256).encode(concat([0x04, 0x88, 0xad, 0xe4], bytesFrom('xprv', 74)));
  it.each([
    ['english mnemonic', 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'],
    ['chinese mnemonic', '的 一 是 在 不 了 有 和 人 这 中 大'],
    ['chinese mnemonic without spaces', '的一是在不了有和人这中大'],
    ['WIF private key', wif],
    ['Stellar secret seed', seed],
    ['extended private key', xprv],
  ])('flags a %s and does not echo it', (_kind, secret) => {
    const r = validateAddress({ address: secret, network: 'bitcoin' });
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toEqual(['secret_key']);
    expect(r.normalized).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain(secret.slice(5, 25));
  });
});
