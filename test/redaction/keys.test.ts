import { readFileSync } from 'node:fs';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base64, bech32, bech32m } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/server/modules/redaction/index.js';
import { base58Address, covered, describeFindings, sharedVector, testBytes, wif } from './helpers.js';

function expectKind(text: string, secret: string, kind: Parameters<typeof covered>[3]): void {
  const start = text.indexOf(secret);
  const result = scanText(text);
  expect(covered(result, start, start + secret.length, kind), `${text} => ${describeFindings(text, result)}`).toBe(true);
}

function expectClean(text: string): void {
  const result = scanText(text);
  expect(result.findings, `${text} => ${describeFindings(text, result)}`).toEqual([]);
}

describe('WIF private keys', () => {
  it('detects compressed and uncompressed, mainnet and testnet WIF keys from random keys', () => {
    for (let k = 0; k < 40; k++) {
      const key = testBytes(`wif-${k}`, 32);
      const encoded = wif(key, { compressed: k % 2 === 0, testnet: k % 4 >= 2 });
      expect(encoded.length === 51 || encoded.length === 52).toBe(true);
      const text = `I exported this from my wallet: ${encoded} is that my key?`;
      expectKind(text, encoded, 'wif_private_key');
      expect(scanText(text).findings[0]?.certainty).toBe('certain');
    }
  });

  it('ignores a WIF-shaped string whose checksum fails', () => {
    const encoded = wif(testBytes('wif-bad', 32));
    const last = encoded.charAt(encoded.length - 1) === 'a' ? 'b' : 'a';
    expectClean(`reference ${encoded.slice(0, -1)}${last} from the export`);
  });
});

describe('extended keys', () => {
  it('does not redact extended public keys', () => {
    expectClean(
      'watch-only xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj',
    );
  });

  it('still redacts a mistyped xprv as likely', () => {
    const xprv =
      'xprv9s21ZrQH143K3h3fDYiay8mocZ3afhfULfb5GX8kCBdno77K4HiA15Tg23wpbeF1pLfs1c5SPmYHrEpTuuRhxMwvKDwqdKiGJS9XFKzUsAG';
    const result = scanText(xprv);
    expect(result.findings[0]?.kind).toBe('extended_private_key');
    expect(result.findings[0]?.certainty).toBe('likely');
  });
});

describe('raw hex private keys', () => {
  const key = bytesToHex(testBytes('raw-key', 32));
  it('redacts 64-hex values labelled as private keys', () => {
    for (const text of [
      `private key: ${key}`,
      `my priv key is 0x${key}`,
      `Private Key = ${key.toUpperCase()}`,
      `私钥：${key}`,
      `这是我的私钥 0x${key} 请帮我导入`,
      `secret key ${key}`,
      `${key} <- this is the private key of my MetaMask account`,
    ]) {
      const secret = text.includes(`0x${key}`) ? `0x${key}` : text.includes(key) ? key : key.toUpperCase();
      expectKind(text, secret, 'raw_private_key');
    }
  });

  it('keeps transaction hashes, even near the word key', () => {
    for (const text of [
      `txid: ${key}`,
      `TXID ${key}`,
      `tx hash ${key}`,
      `交易哈希：${key}`,
      `交易ID ${key}`,
      `Please check transaction 0x${key} on Etherscan`,
      `https://etherscan.io/tx/0x${key}`,
      `my private key was never shared, but tx ${key} drained my wallet`,
      `hash: 0x${key}`,
      key,
      `0x${key}`,
    ]) {
      expectClean(text);
    }
  });
});

describe('addresses are never redacted', () => {
  it('keeps EIP-55 vectors, bech32/bech32m vectors and base58 addresses', () => {
    const eip55 = JSON.parse(readFileSync(sharedVector('eip55_vectors.extracted.json'), 'utf8')) as { vectors: { address: string }[] };
    for (const { address } of eip55.vectors) expectClean(`withdraw to ${address} please, private key holder is me`);
    const segwit = JSON.parse(readFileSync(sharedVector('bip173_bip350_vectors.extracted.json'), 'utf8')) as Record<
      string,
      { heading: string; items: { string: string }[] }[]
    >;
    const valid = (segwit['bip-0350'] ?? []).filter((s) => /valid segwit addresses/.test(s.heading) && !/invalid/.test(s.heading));
    const addresses = valid.flatMap((s) => s.items.map((i) => i.string));
    expect(addresses.length).toBeGreaterThan(3);
    for (const address of addresses) expectClean(`my deposit address is ${address}`);
    for (let k = 0; k < 20; k++) {
      expectClean(`send to ${bech32.encode('bc', [0, ...bech32.toWords(testBytes(`p2wpkh-${k}`, 20))])}`);
      expectClean(`taproot ${bech32m.encode('bc', [1, ...bech32m.toWords(testBytes(`p2tr-${k}`, 32))])}`);
      expectClean(`legacy ${base58Address(`p2pkh-${k}`, 0x00)} and p2sh ${base58Address(`p2sh-${k}`, 0x05)}`);
      expectClean(`TRON ${base58Address(`tron-${k}`, 0x41)}`);
    }
  });
});

describe('Ethereum keystore JSON', () => {
  const keystore = JSON.stringify(
    {
      address: '008aeeda4d805471df9b2a5b0f38a0c3bcba786b',
      crypto: {
        cipher: 'aes-128-ctr',
        cipherparams: { iv: bytesToHex(testBytes('iv', 16)) },
        ciphertext: bytesToHex(testBytes('ct', 32)),
        kdf: 'scrypt',
        kdfparams: { dklen: 32, n: 262144, p: 8, r: 1, salt: bytesToHex(testBytes('salt', 32)) },
        mac: bytesToHex(testBytes('mac', 32)),
      },
      id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
      version: 3,
    },
    null,
    2,
  );

  it('redacts the whole keystore object', () => {
    const text = `Here is my wallet file:\n${keystore}\nCan you decrypt it?`;
    const result = scanText(text);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.kind).toBe('keystore_json');
    expect(result.redacted).toBe('Here is my wallet file:\n[redacted: private key]\nCan you decrypt it?');
  });

  it('handles the capitalised "Crypto" member of older files', () => {
    const text = keystore.replace('"crypto"', '"Crypto"');
    expect(scanText(text).findings[0]?.kind).toBe('keystore_json');
  });

  it('ignores JSON that merely has a crypto field', () => {
    expectClean('{"crypto": {"symbol": "BTC", "network": "bitcoin"}, "amount": "0.5"}');
  });
});

describe('API secrets', () => {
  it('redacts a 64-byte base64 secret without a label (Kraken style)', () => {
    for (let k = 0; k < 20; k++) {
      const secret = base64.encode(testBytes(`kraken-${k}`, 64));
      expect(secret).toHaveLength(88);
      const text = `my bot config has ${secret} as the secret`;
      expectKind(text, secret, 'api_secret');
      expectKind(`secret=${secret}&nonce=1`, secret, 'api_secret');
      expect(scanText(text).findings[0]?.certainty).toBe('certain');
    }
  });

  it('does not redact a 32-byte base64 value', () => {
    expectClean(`signature ${base64.encode(testBytes('sig', 32))}`);
  });
});
