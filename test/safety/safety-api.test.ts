import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/server/logger.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FIXTURE_CONTENT_DIR } from '../helpers/db.js';

const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const root = resolve(import.meta.dirname, '../..');

describe('safety tools API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { CONTENT_DIR: FIXTURE_CONTENT_DIR, SHIELD_SALT: 'salt-for-tests-0123456789' });
  });
  afterAll(async () => t?.close());

  it('scans text, redacts with typed placeholders and returns findings with fingerprints', async () => {
    const text = `hello, my recovery phrase is ${PHRASE}. Order OQCLML-BW3P3-BUCMWZ`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v2/shield/scan', payload: { text, locale: 'zh-cn' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.redacted).toContain('[已隐藏：助记词]');
    expect(body.redacted).toContain('OQCLML-BW3P3-BUCMWZ');
    expect(body.redacted).not.toContain('abandon');
    expect(body.findings).toHaveLength(1);
    const f = body.findings[0];
    expect(f.kind).toBe('recovery_phrase');
    expect(text.slice(f.start, f.end)).toBe(PHRASE);
    expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(body.warning).toMatch(/助记词/);
    const again = (await t.app.inject({ method: 'POST', url: '/api/v2/shield/scan', payload: { text } })).json();
    expect(again.findings[0].fingerprint).toBe(f.fingerprint);
    expect(again.redacted).toContain('[redacted: recovery phrase]');
  });

  it('refuses agent messages that ask for secrets, and allows warnings', async () => {
    const ask = (await t.app.inject({ method: 'POST', url: '/api/v2/shield/outbound', payload: { text: '请提供您的助记词以便我们核实账户', locale: 'zh-cn' } })).json();
    expect(ask.allowed).toBe(false);
    expect(ask.reasons[0].code).toBe('asks_recovery_phrase');
    const remote = (await t.app.inject({ method: 'POST', url: '/api/v2/shield/outbound', payload: { text: 'Please install AnyDesk so I can check your account' } })).json();
    expect(remote.allowed).toBe(false);
    const warning = (await t.app.inject({ method: 'POST', url: '/api/v2/shield/outbound', payload: { text: 'We will never ask for your recovery phrase or 2FA code.' } })).json();
    expect(warning).toEqual({ allowed: true, reasons: [] });
  });

  it('validates addresses with precise, localized reasons', async () => {
    const evm = (await t.app.inject({ method: 'POST', url: '/api/v2/chain/validate', payload: { address: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' } })).json();
    expect(evm.valid).toBe(true);
    expect(evm.networks).toEqual(expect.arrayContaining(['ethereum', 'bsc', 'polygon', 'arbitrum', 'optimism', 'base']));
    expect(evm.normalized).toBe('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
    expect(evm.warnings.map((w: { code: string }) => w.code)).toContain('evm_choose_same_network');
    const badChecksum = (await t.app.inject({ method: 'POST', url: '/api/v2/chain/validate', payload: { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', network: 'ethereum' } })).json();
    expect(badChecksum.valid).toBe(false);
    expect(badChecksum.errors[0].code).toBe('bad_checksum');
    const memo = (await t.app.inject({ method: 'POST', url: '/api/v2/chain/validate', headers: { 'accept-language': 'zh-CN' }, payload: { address: 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', network: 'xrp' } })).json();
    expect(memo).toMatchObject({ valid: false, memoRequired: true });
    expect(memo.errors[0].code).toBe('memo_required');
    expect(memo.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('checks transaction hashes and links explorers', async () => {
    const res = (await t.app.inject({ method: 'POST', url: '/api/v2/chain/tx', payload: { hash: `0x${'ab'.repeat(32)}`, network: 'ethereum' } })).json();
    expect(res.valid).toBe(true);
    expect(res.explorerUrls[0].url).toBe(`https://etherscan.io/tx/0x${'ab'.repeat(32)}`);
    const networks = (await t.app.inject({ url: '/api/v2/chain/networks?locale=zh-cn' })).json().networks;
    expect(networks.find((n: { id: string }) => n.id === 'ethereum').name).toBe('以太坊');
  });

  it('rejects malformed bodies with a localized 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v2/shield/scan', headers: { 'accept-language': 'zh-CN' }, payload: { text: 42 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^请求无效/);
  });

  it('keeps secrets and one-time tokens out of the logs', () => {
    const lines: string[] = [];
    const logger = pino(loggerOptions({ log: { level: 'info', pretty: false } }), { write: (s: string) => lines.push(s) });
    logger.info(`customer wrote: my seed is ${PHRASE}`);
    logger.info({ req: { method: 'GET', url: '/hc/en-us/password/reset?token=abcdef123456&x=1' } }, 'request');
    const out = lines.join('\n');
    expect(out).not.toContain('abandon abandon');
    expect(out).toContain('[redacted: recovery phrase]');
    expect(out).not.toContain('abcdef123456');
    expect(out).toContain('token=[redacted]&x=1');
  });
});

describe('safety CLI', () => {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const cli = join(root, 'src/server/cli.ts');
  it('pharos shield scan reads stdin and prints JSON (exit 3 when secrets were found)', () => {
    const found = spawnSync(tsx, [cli, 'shield', 'scan', '--locale', 'zh-cn'], { input: `助记词：${PHRASE}`, encoding: 'utf8' });
    expect(found.status).toBe(3);
    const out = JSON.parse(found.stdout);
    expect(out.findings[0].kind).toBe('recovery_phrase');
    expect(out.redacted).not.toContain('abandon');
    const clean = spawnSync(tsx, [cli, 'shield', 'scan'], { input: 'my withdrawal is pending since yesterday', encoding: 'utf8' });
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout).findings).toEqual([]);
  });

  it('pharos chain validate explains what is wrong (exit 2 when invalid)', () => {
    const ok = spawnSync(tsx, [cli, 'chain', 'validate', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).networks).toEqual(['tron']);
    const wrong = spawnSync(tsx, [cli, 'chain', 'validate', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', '--network', 'ethereum'], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(JSON.parse(wrong.stdout).errors[0].code).toBe('address_on_other_network');
    const memo = spawnSync(tsx, [cli, 'chain', 'validate', 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', '--network', 'xrp', '--memo', '12345'], { encoding: 'utf8' });
    expect(memo.status).toBe(0);
    const tx = spawnSync(tsx, [cli, 'chain', 'tx', 'nothex', '--network', 'bitcoin'], { encoding: 'utf8' });
    expect(tx.status).toBe(2);
  });
});
