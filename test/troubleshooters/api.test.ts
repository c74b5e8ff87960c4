import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, REPO_CONTENT_DIR, TEST_ADMIN_TOKEN } from '../helpers/db.js';

const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const HEX = '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b';
const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const treeJson = (key: string) => JSON.parse(readFileSync(join(REPO_CONTENT_DIR, 'troubleshooters', `${key}.json`), 'utf8')) as {
  title: Record<string, string>;
  nodes: Array<{ id: string; title: Record<string, string> }>;
};
const KEYS = ['account-verification', 'trading', 'api', 'security', 'deposits-withdrawals'];

type Json = Record<string, any>;

const DEPOSIT_TO_REQUEST = [
  { node: 'direction', choice: 'deposit' },
  { node: 'deposit_kind', choice: 'crypto' },
  { node: 'deposit_asset', values: { asset: 'usdt', network: 'TRC20' } },
  { node: 'deposit_address', values: { address: TRON } },
  { node: 'deposit_txid', values: { tx_hash: HEX } },
  { node: 'deposit_chain_status', choice: 'confirmed' },
  { node: 'deposit_details', values: { amount: '1,250.50', account_id: 'aa12 n84g 3kf9' } },
];

describe.each(DIALECTS)('troubleshooter API (%s)', (dialect) => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp(dialect, {}, { mailWorker: false, backgroundJobs: false });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const steps = (key: string, body: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url: `/api/v2/troubleshooters/${key}/steps`, payload: body as Json, headers });

  it('lists the five troubleshooters, localized', async () => {
    const en = await ctx.app.inject({ url: '/api/v2/troubleshooters' });
    expect(en.statusCode).toBe(200);
    expect(en.json().troubleshooters.map((t: Json) => t.key)).toEqual(KEYS);
    expect(en.json().count).toBe(5);
    for (const t of en.json().troubleshooters) {
      expect(t.title).toBe(treeJson(t.key).title['en-us']);
      expect(t.html_url).toBe(`http://pharos.test/hc/en-us/troubleshooters/${t.key}`);
      expect(t.max_steps).toBeGreaterThan(1);
    }
    const zh = await ctx.app.inject({ url: '/api/v2/troubleshooters', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(zh.json().troubleshooters.map((t: Json) => t.title)).toEqual(KEYS.map((k) => treeJson(k).title['zh-cn']));
    const query = await ctx.app.inject({ url: '/api/v2/troubleshooters?locale=zh', headers: { 'accept-language': 'en' } });
    expect(query.json().locale).toBe('zh-cn');
  });

  it('returns one tree with its steps, brand filled in and options resolved', async () => {
    const res = await ctx.app.inject({ url: '/api/v2/troubleshooters/deposits-withdrawals?locale=zh-cn' });
    expect(res.statusCode).toBe(200);
    const tree = res.json().troubleshooter;
    expect(tree.start).toBe('direction');
    expect(tree.nodes.map((n: Json) => n.id)).toEqual(treeJson('deposits-withdrawals').nodes.map((n) => n.id));
    const address = tree.nodes.find((n: Json) => n.id === 'deposit_address');
    expect(address.title).toBe('您转入的是哪个 Lanternfish Exchange 充值地址？');
    expect(address.check).toEqual({ id: 'address', title: '地址及备注/标签在所选网络上有效', retry_on: ['invalid', 'invalid_memo'] });
    expect(address.next).toEqual({ valid: 'deposit_txid', wrong_network: 'end_deposit_wrong_network', memo_missing: 'end_deposit_missing_memo' });
    const networks = tree.nodes.find((n: Json) => n.id === 'deposit_asset').inputs.find((i: Json) => i.name === 'network');
    expect(networks.options.find((o: Json) => o.value === 'tron').label).toBe('波场（TRC-20）');
    expect(tree.nodes.find((n: Json) => n.id === 'end_deposit_request')).toMatchObject({ type: 'end', end: 'request', request_type: 'deposit_withdrawal', article: 'deposit-not-credited' });
  });

  it('answers 404 in the caller’s language for an unknown troubleshooter', async () => {
    const res = await ctx.app.inject({ url: '/api/v2/troubleshooters/horoscope', headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
    expect(res.json().message).toContain('故障排查向导');
    const post = await steps('horoscope', { answers: [] });
    expect(post.statusCode).toBe(404);
    expect(post.json().message).toContain('troubleshooter');
  });

  it('starts at the first question', async () => {
    const res = await steps('trading', { answers: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'question', node: { id: 'problem', type: 'question' }, answered: 0, errors: [], end: null, progress: { step: 1 } });
    expect(res.json().node.choices.map((c: Json) => c.value)).toEqual(['not_filled', 'price', 'cancelled', 'funds', 'fees']);
  });

  it('walks to a pre-filled request whose link opens the form with the collected values', async () => {
    const res = await steps('deposits-withdrawals', { answers: DEPOSIT_TO_REQUEST });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('end');
    expect(body.answered).toBe(7);
    expect(body.path.find((p: Json) => p.node === 'deposit_txid').check).toMatchObject({ id: 'tx_hash', outcome: 'valid', status: 'pass' });
    expect(body.end.kind).toBe('request');
    expect(body.end.article).toEqual({ slug: 'deposit-not-credited', title: 'My crypto deposit hasn\'t arrived', html_url: 'http://pharos.test/hc/en-us/articles/deposit-not-credited' });
    const request = body.end.request;
    expect(request.subject).toBe('Confirmed USDT deposit not credited');
    expect(request.fields).toEqual({ direction: 'deposit', asset: 'USDT', network: 'tron', address: TRON, tx_hash: HEX, amount: '1250.5', account_id: 'AA12 N84G 3KF9' });
    expect(request.url).toBe(`http://pharos.test${request.href}`);
    expect(request.description).toContain('- Network: Tron (TRC-20)');

    // The portal pre-fills the form from that link.
    const form = await ctx.app.inject({ url: request.href });
    expect(form.statusCode).toBe(200);
    const valueOf = (id: string) => new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(form.body)?.[1];
    expect(valueOf('fx-address')).toBe(TRON);
    expect(valueOf('fx-tx_hash')).toBe(HEX);
    expect(valueOf('fx-amount')).toBe('1250.5');
    expect(valueOf('fx-account_id')).toBe('AA12 N84G 3KF9');
    expect(valueOf('f-subject')).toBe('Confirmed USDT deposit not credited');
    expect(form.body).toMatch(/<option value="tron"[^>]*selected/);
    expect(form.body).toMatch(/<option value="deposit" selected/);
    expect(form.body).toContain('Answers from the troubleshooter “Deposits &amp; withdrawals”');
  });

  it('localizes the whole walk, request description included', async () => {
    const res = await steps('deposits-withdrawals', { answers: DEPOSIT_TO_REQUEST, locale: 'zh-cn' });
    const request = res.json().end.request;
    expect(request.subject).toBe('已确认的 USDT 充值未入账');
    expect(request.href.startsWith('/hc/zh-cn/requests/new?')).toBe(true);
    expect(request.description).toContain('来自故障排查向导“充值与提现”的回答：');
    expect(request.description).toContain('- 网络：波场（TRC-20）');
  });

  it('asks again when a check rejects a value, with the toolkit’s message', async () => {
    const res = await steps('deposits-withdrawals', {
      answers: [...DEPOSIT_TO_REQUEST.slice(0, 3), { node: 'deposit_address', values: { address: `${TRON.slice(0, -1)}u` } }, DEPOSIT_TO_REQUEST[4]],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'input', node: { id: 'deposit_address' }, answered: 3 });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].code).toBe('check');
    expect(body.errors[0].message).toMatch(/checksum/i);
    // The memo is hidden: Tron has none.
    expect(body.node.inputs.find((i: Json) => i.name === 'memo')).toMatchObject({ hidden: true });
  });

  it('refuses a secret and never echoes it', async () => {
    const res = await steps('deposits-withdrawals', { answers: [...DEPOSIT_TO_REQUEST.slice(0, 3), { node: 'deposit_address', values: { address: PHRASE } }], locale: 'zh-cn' });
    expect(res.statusCode).toBe(200);
    expect(res.json().errors).toEqual([{ input: 'address', code: 'secret', message: expect.stringContaining('助记词') }]);
    expect(res.body).not.toContain('abandon');
  });

  it('ends in an article with the API error decoder linked', async () => {
    const res = await steps('api', { answers: [{ node: 'problem', choice: 'error' }, { node: 'error_input', values: { api_error: 'EAPI:Invalid nonce' } }] });
    const body = res.json();
    expect(body.end).toMatchObject({ kind: 'article', article: { slug: 'api-invalid-nonce', html_url: 'http://pharos.test/hc/en-us/articles/api-invalid-nonce' } });
    expect(body.end.article.title).toContain('EAPI:Invalid nonce');
    expect(body.path[1].check.links).toEqual([{ label: 'Look the error up in the API error decoder', href: '/hc/en-us/tools/api-errors?q=EAPI%3AInvalid%20nonce', external: false }]);
    // "Still need help?" opens the API request with the error filled in.
    expect(new URL(body.end.request.url).searchParams.get('field_api_error')).toBe('EAPI:Invalid nonce');
  });

  it('rejects answers that do not follow the tree, in the caller’s language', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ answers: [{ node: 'nope', choice: 'x' }] }, /没有步骤“nope”/],
      [{ answers: [{ node: 'problem', choice: 'haircut' }] }, /“haircut”不是步骤“problem”的选项/],
      [{ answers: [{ node: 'problem', values: { a: 'b' } }] }, /是选择题/],
      [{ answers: [{ node: 'problem', choice: 'not_filled' }, { node: 'order_check', choice: 'limit' }] }, /需要填写内容/],
      [{ answers: [{ node: 'problem', choice: 'not_filled' }, { node: 'order_check', values: { colour: 'red' } }] }, /没有输入项“colour”/],
      [{ answers: [{ node: 'problem', choice: 'fees' }, { node: 'problem', choice: 'fees' }] }, /被回答了两次/],
      [{ answers: [{ node: 'price_type', choice: 'market' }] }, /不是路径上的下一步；当前位于步骤“problem”/],
      [{ answers: [{ node: 'problem', choice: 'fees' }, { node: 'price_type', choice: 'market' }] }, /流程已在“end_fees”结束/],
      [{ answers: [{ node: 'end_fees', choice: 'x' }] }, /流程已在“end_fees”结束/],
    ];
    for (const [body, message] of cases) {
      const res = await steps('trading', body, { 'accept-language': 'zh-CN' });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toBe('validation_failed');
      expect(res.json().message).toMatch(message);
    }
    const en = await steps('trading', { answers: [{ node: 'price_type', choice: 'market' }] });
    expect(en.json().message).toContain('step "price_type" is not next on the path; the walk is at step "problem"');
    const shape = await steps('trading', { answers: [{ node: 'problem', choice: 'fees', extra: 1 }] });
    expect(shape.statusCode).toBe(400);
  });

  it('does not look at answers after a rejected one', async () => {
    const res = await steps('trading', {
      answers: [
        { node: 'problem', choice: 'not_filled' },
        { node: 'order_check', values: { order_type: 'limit', side: 'buy', price: '', market_price: '120' } },
        { node: 'order_details', values: { order_id: 'ORD-1234' } },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ answered: 1, status: 'input', node: { id: 'order_check' } });
    expect(res.json().errors).toEqual([{ input: 'price', code: 'invalid', message: 'Enter the limit or stop price of your order.' }]);
  });

  it('is described in the OpenAPI document', async () => {
    const openapi = (await ctx.app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v2/troubleshooters', '/api/v2/troubleshooters/{key}', '/api/v2/troubleshooters/{key}/steps', '/api/v2/troubleshooters/validate']),
    );
    expect(openapi.paths['/api/v2/troubleshooters/{key}/steps'].post.requestBody.content['application/json'].schema.properties.answers.type).toBe('array');
  });

  it('lets admins validate a tree before publishing it', async () => {
    const body = (file: string) => ({ troubleshooter: JSON.parse(readFileSync(file, 'utf8')) });
    const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/v2/troubleshooters/validate', payload: body(join(REPO_CONTENT_DIR, 'troubleshooters', 'api.json')) });
    expect(anonymous.statusCode).toBe(401);
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const good = await ctx.app.inject({ method: 'POST', url: '/api/v2/troubleshooters/validate', headers: admin, payload: body(join(REPO_CONTENT_DIR, 'troubleshooters', 'api.json')) });
    expect(good.json()).toEqual({ valid: true, errors: [] });
    const broken = await ctx.app.inject({ method: 'POST', url: '/api/v2/troubleshooters/validate', headers: admin, payload: body(join(FIXTURES, 'broken-tree.json')) });
    expect(broken.json().valid).toBe(false);
    expect(broken.json().errors).toContainEqual({ kind: 'structure', message: 'duplicate node id "amount_step"' });
    const refs = await ctx.app.inject({ method: 'POST', url: '/api/v2/troubleshooters/validate', headers: admin, payload: body(join(FIXTURES, 'bad-references-tree.json')) });
    expect(refs.json().errors).toContainEqual({ kind: 'reference', message: 'node "finish": article "no-such-article" does not exist in both locales' });
  });
});

describe.each(DIALECTS)('troubleshooters follow the brand configuration (%s)', (dialect) => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp(dialect, { BRAND_NAME: 'Harbor Exchange', BRAND_NETWORKS: 'tron,ethereum', BRAND_ASSETS: 'USDT,ETH' }, { mailWorker: false, backgroundJobs: false });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('fills the exchange name and offers only the enabled networks and assets', async () => {
    const tree = (await ctx.app.inject({ url: '/api/v2/troubleshooters/deposits-withdrawals' })).json().troubleshooter;
    expect(tree.nodes.find((n: Json) => n.id === 'deposit_address').title).toBe('Which Harbor Exchange deposit address did you send to?');
    const inputs = tree.nodes.find((n: Json) => n.id === 'deposit_asset').inputs;
    expect(inputs.find((i: Json) => i.name === 'network').options.map((o: Json) => o.value)).toEqual(['ethereum', 'tron']);
    expect(inputs.find((i: Json) => i.name === 'asset').options.map((o: Json) => o.value)).toEqual(['USDT', 'ETH']);

    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v2/troubleshooters/deposits-withdrawals/steps',
      payload: { answers: [{ node: 'direction', choice: 'deposit' }, { node: 'deposit_kind', choice: 'crypto' }, { node: 'deposit_asset', values: { asset: 'XRP', network: 'xrp' } }] },
    });
    expect(res.json().errors.map((e: Json) => e.input)).toEqual(['asset', 'network']);
    expect(res.json().errors[0].message).toContain('USDT, ETH');
  });
});
