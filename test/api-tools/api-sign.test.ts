import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SIGN_JS } from '../../src/server/modules/api-tools/api-sign.script.js';
import { SIGNATURE_EXAMPLE } from '../../src/server/modules/api-tools/api-tools.views.js';

/** The REST API-Sign recipe, implemented independently with node:crypto (test-only cross-check). */
function nodeApiSign(path: string, nonce: string, body: string, secret: string): string {
  const digest = createHash('sha256').update(nonce + body, 'utf8').digest();
  return createHmac('sha512', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(path, 'utf8'), digest]))
    .digest('base64');
}

/** The exchange's published example (REST authentication guide). */
const PUBLISHED = {
  secret: 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==',
  nonce: '1616492376594',
  path: '/0/private/AddOrder',
  body: 'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25',
  expected: '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
};

interface SignModule {
  apiSign(input: { path: string; nonce: string; body: string; secretBytes: Uint8Array }): Promise<{ signature: string; digestHex: string }>;
  decodeBase64(text: string): { bytes: Uint8Array; urlSafe: boolean } | null;
  bodyNonce(body: string): string | null;
  inputWarnings(raw: { path: string; nonce: string; body: string; secret: string }): Array<{ code: string; params?: Record<string, string> }>;
}

describe('API-Sign', () => {
  let dir = '';
  let browserModule: SignModule;

  beforeAll(async () => {
    // The very file the page loads, run here with Node's WebCrypto (globalThis.crypto.subtle).
    dir = mkdtempSync(join(tmpdir(), 'pharos-api-sign-'));
    const file = join(dir, 'api-sign.mjs');
    writeFileSync(file, API_SIGN_JS);
    browserModule = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as SignModule;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('node:crypto reproduces the published example', () => {
    expect(nodeApiSign(PUBLISHED.path, PUBLISHED.nonce, PUBLISHED.body, PUBLISHED.secret)).toBe(PUBLISHED.expected);
  });

  it('the page offers exactly the published example', () => {
    expect(SIGNATURE_EXAMPLE).toEqual({ path: PUBLISHED.path, nonce: PUBLISHED.nonce, body: PUBLISHED.body, secret: PUBLISHED.secret, signature: PUBLISHED.expected });
  });

  it('the browser module computes the published example with WebCrypto', async () => {
    const secret = browserModule.decodeBase64(PUBLISHED.secret)!;
    expect(secret.urlSafe).toBe(false);
    const result = await browserModule.apiSign({ path: PUBLISHED.path, nonce: PUBLISHED.nonce, body: PUBLISHED.body, secretBytes: secret.bytes });
    expect(result.signature).toBe(PUBLISHED.expected);
    expect(result.digestHex).toBe(createHash('sha256').update(PUBLISHED.nonce + PUBLISHED.body).digest('hex'));
  });

  it('agrees with node:crypto on random keys, JSON bodies and non-ASCII text', async () => {
    const bodies = [
      (n: string) => `nonce=${n}&asset=XBT`,
      (n: string) => JSON.stringify({ nonce: n, ordertype: 'limit', pair: 'XBTUSD', price: '37500', type: 'buy', volume: '1.25' }),
      (n: string) => `{ "nonce": ${n}, "note": "第一笔 – ünïcode" }\n`,
      () => '',
    ];
    for (let i = 0; i < 12; i++) {
      const secret = randomBytes(64).toString('base64');
      const nonce = String(1_700_000_000_000 + i);
      const body = bodies[i % bodies.length]!(nonce);
      const path = i % 2 ? '/0/private/Balance' : '/0/private/AddOrder';
      const mine = await browserModule.apiSign({ path, nonce, body, secretBytes: browserModule.decodeBase64(secret)!.bytes });
      expect(mine.signature, body).toBe(nodeApiSign(path, nonce, body, secret));
    }
  });

  it('decodes base64 strictly, tolerating whitespace and URL-safe characters', () => {
    expect(browserModule.decodeBase64('not base64!')).toBeNull();
    expect(browserModule.decodeBase64('')).toBeNull();
    expect(browserModule.decodeBase64('abcde')).toBeNull();
    const spaced = browserModule.decodeBase64(` ${PUBLISHED.secret.slice(0, 40)}\n${PUBLISHED.secret.slice(40)} `)!;
    expect(Buffer.from(spaced.bytes).toString('base64')).toBe(PUBLISHED.secret);
    const urlSafe = browserModule.decodeBase64(PUBLISHED.secret.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))!;
    expect(urlSafe.urlSafe).toBe(true);
    expect(Buffer.from(urlSafe.bytes).toString('base64')).toBe(PUBLISHED.secret);
  });

  it('finds the body nonce and warns about common mistakes', () => {
    expect(browserModule.bodyNonce(PUBLISHED.body)).toBe(PUBLISHED.nonce);
    expect(browserModule.bodyNonce('{"nonce": 42, "x": 1}')).toBe('42');
    expect(browserModule.bodyNonce('asset=XBT')).toBeNull();
    const codes = (raw: Partial<{ path: string; nonce: string; body: string; secret: string }>) =>
      browserModule.inputWarnings({ path: PUBLISHED.path, nonce: PUBLISHED.nonce, body: PUBLISHED.body, secret: PUBLISHED.secret, ...raw }).map((w) => w.code);
    expect(codes({})).toEqual([]);
    expect(codes({ path: 'https://api.example.com/0/private/AddOrder' })).toEqual(['pathHost']);
    expect(codes({ path: '0/private/AddOrder' })).toEqual(['pathSlash']);
    expect(codes({ path: '/0/private/AddOrder?pair=XBTUSD' })).toEqual(['pathQuery']);
    expect(codes({ secret: `${PUBLISHED.secret}\n` })).toEqual(['trimmed']);
    expect(codes({ body: `${PUBLISHED.body}\n` })).toEqual(['bodySpace']);
    expect(codes({ nonce: '1616492376595' })).toEqual(['nonceMismatch']);
    expect(codes({ body: 'ordertype=limit' })).toEqual(['nonceMissing']);
  });
});
