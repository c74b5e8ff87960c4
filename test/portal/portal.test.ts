import { Script } from 'node:vm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/server/modules/helpcenter/html.js';
import { verifyRecord } from '../../src/server/modules/records/record-chain.js';
import { parseRecordFile } from '../../src/server/modules/records/record.render.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { Browser, csrfOf, formAction, hrefs, inputValue, postForm, postMultipart, recentLocalDateTime } from './helpers.js';

const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const ETH_TX = `0x${'ab'.repeat(32)}`;
const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const PASSWORD = 'lighthouse keeper 42';
/** Enabled networks as configured (any order) and as offered: the registry's order. */
const NETWORKS = ['xrp', 'bitcoin', 'tron', 'ethereum', 'solana'];
const NETWORKS_SHOWN = ['bitcoin', 'ethereum', 'tron', 'solana', 'xrp'];
const ASSETS = ['BTC', 'ETH', 'USDT', 'XRP', 'TRX'];
const MAX_PAGE_BYTES = 100 * 1024;

type Locale = 'en-us' | 'zh-cn';
interface ApiField {
  key: string;
  type: string;
  label: string;
  required: boolean | unknown[];
  visible_when: Array<{ field: string; equals?: string[]; filled?: boolean }> | null;
  options: Array<{ value: string; label: string }> | null;
}
interface ApiType {
  key: string;
  name: string;
  description: string;
  fields: ApiField[];
}

let counter = 0;

describe.each(DIALECTS)('request portal on %s', (dialect) => {
  let t: TestApp;
  /** Every HTML page the tests fetched: each must stay under 100 KB. */
  const pages: Array<{ url: string; bytes: number }> = [];

  beforeAll(async () => {
    t = await createTestApp(dialect, { BRAND_NETWORKS: NETWORKS.join(','), BRAND_ASSETS: ASSETS.join(',') });
  });
  afterAll(async () => t?.close());

  const db = () => t.app.services.database.db;
  const count = async (table: 'tickets' | 'deflections' | 'ticket_comments') => (await db().selectFrom(table).select('id').execute()).length;
  const newBrowser = (locale: 'en-US' | 'zh-CN' = 'en-US') => {
    counter += 1;
    return new Browser(t.app, { 'x-forwarded-for': `10.77.${Math.floor(counter / 250)}.${counter % 250}`, 'accept-language': locale });
  };
  const typesIn = async (locale: Locale): Promise<ApiType[]> => (await t.app.inject({ url: `/api/v2/request_types?locale=${locale}` })).json().request_types;

  /** An HTML page of the portal: status, headers every page must carry, size. */
  function expectPage(res: LightMyRequestResponse, status = 200): string {
    expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    pages.push({ url: res.raw.req.url ?? '', bytes: Buffer.byteLength(res.body) });
    return res.body;
  }

  async function openForm(browser: Browser, locale: Locale, type: string) {
    const { res } = await browser.get(`/hc/${locale}/requests/new?type=${type}`);
    const html = expectPage(res);
    return { html, action: formAction(html, 'request-form'), csrf: csrfOf(html), formToken: inputValue(html, 'form_token') };
  }

  function depositFields(overrides: Record<string, string> = {}): Record<string, string> {
    const values: Record<string, string> = {
      account_id: 'AA12 N84G 3KF9',
      direction: 'deposit',
      asset: 'USDT',
      network: 'ethereum',
      address: ETH,
      memo: '',
      tx_hash: ETH_TX,
      amount: '250.5',
      problem_time: recentLocalDateTime(2),
      steps_tried: '',
      ...overrides,
    };
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [`field_${k}`, v]));
  }

  async function signUp(locale: Locale = 'en-us') {
    const browser = newBrowser(locale === 'zh-cn' ? 'zh-CN' : 'en-US');
    const email = `portal.${dialect}.${Date.now().toString(36)}.${++counter}@example.com`;
    const page = await browser.get(`/hc/${locale}/signup`);
    const done = await browser.submit(`/hc/${locale}/signup`, { name: 'Portal User', email, password: PASSWORD, _csrf: csrfOf(page.res.body) });
    expect(done.res.statusCode).toBe(200);
    const user = await db().selectFrom('users').select(['id']).where('email', '=', email).executeTakeFirstOrThrow();
    return { browser, email, userId: user.id };
  }

  /** Submits the deposit form as a guest without JavaScript; returns the ticket page URL (with token). */
  async function guestSubmit(browser: Browser, overrides: Record<string, string> = {}, files: Parameters<typeof postMultipart>[3] = []) {
    const form = await openForm(browser, 'en-us', 'deposit_withdrawal');
    const res = await postMultipart(
      browser,
      form.action,
      {
        _csrf: form.csrf,
        request_type: 'deposit_withdrawal',
        form_token: form.formToken,
        email: `guest.${dialect}.${++counter}@example.org`,
        name: 'Guest Person',
        subject: 'USDT deposit not credited',
        description: 'I sent 250.5 USDT two hours ago and it still does not show in my balance.',
        ...depositFields(),
        uploads: '',
        intent: 'submit',
        ...overrides,
      },
      files,
    );
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    return String(res.headers.location);
  }

  it('redirects the brand request URL by language and offers the request types', async () => {
    const zh = await t.app.inject({ url: '/hc/requests/new', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    expect(zh.statusCode).toBe(302);
    expect(zh.headers.location).toBe('/hc/zh-cn/requests/new');
    const en = await t.app.inject({ url: '/hc/requests/new?type=api', headers: { 'accept-language': 'en-GB' } });
    expect(en.headers.location).toBe('/hc/en-us/requests/new?type=api');
    expect((await t.app.inject({ url: '/hc/zh-CN/requests/new' })).headers.location).toBe('/hc/zh-cn/requests/new');
    expect((await t.app.inject({ url: '/hc/xx-yy/requests/new' })).statusCode).toBe(404);

    for (const locale of ['en-us', 'zh-cn'] as const) {
      const types = await typesIn(locale);
      expect(types).toHaveLength(6);
      const html = expectPage(await t.app.inject({ url: `/hc/${locale}/requests/new` }));
      expect(html).toContain(`<html lang="${locale === 'zh-cn' ? 'zh-CN' : 'en'}">`);
      for (const type of types) {
        expect(html).toContain(`href="/hc/${locale}/requests/new?type=${type.key}"`);
        expect(html).toContain(escapeHtml(type.name));
        expect(html).toContain(escapeHtml(type.description));
      }
      // Exactly the six types, in catalogue order.
      expect([...html.matchAll(/data-type="([a-z_]+)"/g)].map((m) => m[1])).toEqual(types.map((ty) => ty.key));
    }
    const unknown = await t.app.inject({ url: '/hc/en-us/requests/new?type=no_such_type' });
    expect(expectPage(unknown, 404)).toContain('This topic does not exist');
  });

  it('renders every field of every type in both languages, by field type', async () => {
    for (const locale of ['en-us', 'zh-cn'] as const) {
      for (const type of await typesIn(locale)) {
        const html = expectPage(await t.app.inject({ url: `/hc/${locale}/requests/new?type=${type.key}` }));
        expect(html).toContain(escapeHtml(type.name));
        // Guests give an email address; the form posts multipart to itself with a CSRF token and a form token.
        expect(html).toMatch(/<input id="f-email" name="email" type="email"/);
        expect(html).toContain('enctype="multipart/form-data"');
        expect(html).toMatch(/name="form_token" value="[A-Za-z0-9_-]{22,}"/);
        expect(html).toMatch(/<input id="f-attachments" name="file" type="file" multiple/);
        for (const field of type.fields) {
          const id = `fx-${field.key}`;
          expect(html, `${type.key}.${field.key}`).toContain(`<label for="${id}">${escapeHtml(field.label)}`);
          const control = new RegExp(`<(input|select|textarea) id="${id}" name="field_${field.key}"[^>]*>`).exec(html);
          expect(control, `${type.key}.${field.key}`).not.toBeNull();
          const [tag, element] = [control![0], control![1]];
          if (['select', 'network', 'asset'].includes(field.type)) expect(element).toBe('select');
          else if (field.type === 'textarea' || field.type === 'api_error') expect(element).toBe('textarea');
          else expect(element).toBe('input');
          if (field.type === 'datetime') expect(tag).toContain('type="datetime-local"');
          if (field.required === true) expect(tag).toContain(' required');
          if (field.required === false) expect(tag).not.toContain(' required');
          if (field.type === 'select') {
            for (const option of field.options ?? []) expect(html).toContain(`<option value="${option.value}">${escapeHtml(option.label)}</option>`);
          }
          if (field.type === 'network') {
            const options = [...html.slice(html.indexOf(tag)).split('</select>')[0]!.matchAll(/<option value="([^"]+)" data-memo="(none|optional|required)"/g)].map((m) => m[1]);
            expect(options).toEqual(NETWORKS_SHOWN); // only the brand's enabled networks, in registry order
          }
          if (field.type === 'asset') {
            const options = [...html.slice(html.indexOf(tag)).split('</select>')[0]!.matchAll(/<option value="([A-Z]+)"/g)].map((m) => m[1]);
            expect(options).toEqual(ASSETS);
          }
          // Conditional fields say when they apply (the script hides them instead).
          if (field.visible_when) {
            const cond = new RegExp(`<p class="cond" id="${id}-cond">([^<]*)</p>`).exec(html)?.[1] ?? '';
            const ref = type.fields.find((f) => f.key === field.visible_when![0]!.field)!;
            expect(cond).toContain(escapeHtml(ref.label));
            for (const v of field.visible_when[0]!.equals ?? []) expect(cond).toContain(escapeHtml(ref.options!.find((o) => o.value === v)!.label));
          }
        }
      }
    }
    const zh = expectPage(await t.app.inject({ url: '/hc/zh-cn/requests/new?type=deposit_withdrawal' }));
    expect(zh).toContain('仅适用于需要备注或标签的网络');
    expect(zh).toContain('先查找答案');
    expect(zh).toContain('波场（TRC-20）');
    // The page script is ours, served with a long cache and valid JavaScript.
    const src = /<script src="(\/hc\/assets\/request-form\.js\?v=[0-9a-f]{16})" defer><\/script>/.exec(zh)?.[1];
    expect(src).toBeTruthy();
    const js = await t.app.inject({ url: src! });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(() => new Script(js.body)).not.toThrow();
    expect(js.body).not.toContain('innerHTML');
    expect((await t.app.inject({ url: src!, headers: { 'if-none-match': String(js.headers.etag) } })).statusCode).toBe(304);
    const data = JSON.parse(/<script type="application\/json" id="portal-data">([\s\S]*?)<\/script>/.exec(zh)![1]!);
    expect(data.type).toBe('deposit_withdrawal');
    expect(data.fields.find((f: { key: string }) => f.key === 'tx_hash').required).toEqual([{ field: 'direction', equals: ['deposit'] }]);
  });

  it('pre-fills a new request form from a link, only with fields the type has, escaped', async () => {
    const query = new URLSearchParams({
      type: 'deposit_withdrawal',
      subject: 'Deposit <b>missing</b>',
      description: 'Collected by a troubleshooter',
      field_network: 'ethereum',
      field_tx_hash: ETH_TX,
      field_asset: 'USDT',
      field_not_a_field: 'ignored-value-xyz',
    });
    const html = expectPage(await t.app.inject({ url: `/hc/en-us/requests/new?${query}` }));
    expect(inputValue(html, 'subject')).toBe('Deposit <b>missing</b>');
    expect(html).not.toContain('<b>missing</b>');
    expect(html).toMatch(/<textarea id="f-description" name="description"[^>]*>Collected by a troubleshooter<\/textarea>/);
    expect(inputValue(html, 'field_tx_hash')).toBe(ETH_TX);
    expect(html).toMatch(/<option value="ethereum"[^>]* selected/);
    expect(html).toMatch(/<option value="USDT"[^>]* selected/);
    expect(html).not.toContain('ignored-value-xyz');
    // Nothing is stored by opening a pre-filled form.
    const tickets = await db().selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const again = expectPage(await t.app.inject({ url: `/hc/en-us/requests/new?${query}` }));
    expect(again).toContain(ETH_TX);
    const after = await db().selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(tickets.n));
  });

  it('re-renders a failed no-JS submit with the values, localized errors next to the fields and a summary', async () => {
    const browser = newBrowser('zh-CN');
    const form = await openForm(browser, 'zh-cn', 'deposit_withdrawal');
    const before = await count('tickets');
    const posted = {
      _csrf: form.csrf,
      request_type: 'deposit_withdrawal',
      form_token: form.formToken,
      email: 'not-an-email',
      name: '访客',
      subject: '充值',
      description: `充值没有到账，我的助记词是 ${PHRASE}，请帮我查一下。`,
      ...depositFields({ network: 'ethereum', address: TRON, amount: '' }),
      uploads: '',
      intent: 'submit',
    };
    const res = await postMultipart(browser, form.action, posted);
    const html = expectPage(res, 400);
    expect(await count('tickets')).toBe(before);

    // The same checks the validation API makes, in Chinese, each next to its field and in the summary.
    const api = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v2/requests/validate',
        payload: { request_type: 'deposit_withdrawal', subject: posted.subject, description: posted.description, fields: Object.fromEntries(Object.entries(posted).filter(([k]) => k.startsWith('field_')).map(([k, v]) => [k.slice(6), v])), locale: 'zh-cn', partial: false },
      })
    ).json();
    const byField = new Map<string, string>();
    for (const e of api.errors as Array<{ field: string; message: string }>) if (!byField.has(e.field)) byField.set(e.field, e.message);
    expect([...byField.keys()]).toEqual(expect.arrayContaining(['subject', 'address', 'amount']));
    expect(byField.get('address')).toMatch(/波场|TRC-20/);
    const summary = /<div class="alert" role="alert" tabindex="-1" id="error-summary">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(summary).toContain('请更正以下问题');
    for (const [field, message] of byField) {
      const id = ['subject', 'description'].includes(field) ? `f-${field}` : `fx-${field}`;
      expect(summary).toContain(`<a href="#${id}">${escapeHtml(message)}</a>`);
      expect(html).toContain(`<p class="field-error" id="${id}-error">${escapeHtml(message)}</p>`);
      expect(new RegExp(`id="${id}" name="[^"]+"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${id}-error`).test(html)).toBe(true);
    }
    expect(summary).toContain('请输入有效的邮箱地址');
    expect(summary).toContain('<a href="#f-email">');

    // Values are kept: selects stay selected, text stays typed, the form token is the same.
    expect(html).toContain(`value="${TRON}"`);
    expect(html).toContain('<option value="ethereum" data-memo="none" selected>');
    expect(html).toContain('<option value="USDT" selected>USDT</option>');
    expect(html).toContain('value="充值"');
    expect(html).toContain('value="not-an-email"');
    expect(inputValue(html, 'form_token')).toBe(form.formToken);
    // A secret typed into the form is never sent back: the shielded text is, with a warning by the field.
    expect(html).not.toContain('abandon abandon');
    expect(html).toContain('[已隐藏：助记词]');
    expect(html).toMatch(/<div class="field-warn" id="f-description-warn"><p>[^<]*助记词/);
  });

  it('keeps files of a no-JS post across a failed submit and attaches them on the corrected one', async () => {
    const browser = newBrowser();
    const form = await openForm(browser, 'en-us', 'deposit_withdrawal');
    const fields = {
      _csrf: form.csrf,
      request_type: 'deposit_withdrawal',
      form_token: form.formToken,
      email: `files.${dialect}@example.org`,
      subject: 'Deposit missing with screenshot',
      description: 'The deposit is missing; the attached file shows the transfer.',
      ...depositFields({ amount: 'lots' }),
      uploads: '',
      intent: 'submit',
    };
    const failed = expectPage(await postMultipart(browser, form.action, fields, [{ filename: 'transfer.txt', content: 'Transfer of 250.5 USDT, block 19000000.' }]), 400);
    expect(failed).toContain('<a href="#fx-amount">');
    expect(failed).toMatch(/<ul class="uploaded" id="f-attachments-list"[^>]*><li>transfer\.txt<\/li><\/ul>/);
    const token = inputValue(failed, 'uploads');
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    // A file that is not an allowed type is refused next to the field, and the form is kept.
    const refused = expectPage(await postMultipart(browser, form.action, { ...fields, uploads: token }, [{ filename: 'tool.exe', content: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), type: 'application/octet-stream' }]), 400);
    expect(refused).toMatch(/<p class="field-error" id="f-attachments-error">[^<]*tool\.exe/);
    expect(refused).toContain('value="Deposit missing with screenshot"');

    const ok = await postMultipart(browser, form.action, { ...fields, ...depositFields(), uploads: token });
    expect(ok.statusCode, ok.body.slice(0, 1500)).toBe(303);
    const page = expectPage((await browser.get(String(ok.headers.location))).res);
    expect(page).toContain('>transfer.txt</a>');
    const number = Number(new URL(String(ok.headers.location), 'http://x').pathname.split('/').pop());
    const ticket = await db().selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow();
    const files = await db().selectFrom('attachments').select(['filename', 'upload_token']).where('ticket_id', '=', ticket.id).execute();
    expect(files).toEqual([{ filename: 'transfer.txt', upload_token: null }]);
  });

  it('takes a guest submit with the double-submit cookie, redirects to the ticket, which opens only with the token', async () => {
    const browser = newBrowser();
    const before = await count('tickets');
    const location = await guestSubmit(browser, { description: `I sent 250.5 USDT two hours ago. My recovery phrase is ${PHRASE} if you need it.` }, [
      { filename: 'notes.txt', content: 'Deposit of 250.5 USDT is missing.\n充值尚未到账。' },
    ]);
    expect(await count('tickets')).toBe(before + 1);
    const url = new URL(location, 'http://pharos.test');
    expect(url.pathname).toMatch(/^\/hc\/en-us\/requests\/\d+$/);
    const token = url.searchParams.get('token')!;
    expect(token).toBeTruthy();
    expect(url.searchParams.get('notice')).toBe('created');
    const number = Number(url.pathname.split('/').pop());
    const ticket = await db().selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    expect(ticket.channel).toBe('web');

    const html = expectPage((await browser.get(location)).res);
    expect(html).toContain('USDT deposit not credited');
    expect(html).toContain(`Request #${number} received`);
    expect(html).toContain('We have emailed you a link to this page');
    expect(html).toContain(escapeHtml(`http://pharos.test/hc/en-us/requests/${number}?token=${encodeURIComponent(token)}`));
    expect(html).toContain('data-status="new"');
    expect(html).toContain('Deposit &amp; withdrawal');
    // Structured fields with explorer links from the facts stored at submission.
    expect(html).toContain('Ethereum (ERC-20)');
    expect(html).toContain(`href="https://etherscan.io/address/${ETH}"`);
    expect(html).toContain(`href="https://etherscan.io/tx/${ETH_TX}"`);
    // What the shield hid, and why.
    expect(html).not.toContain('abandon abandon');
    expect(html).toContain('[redacted: recovery phrase]');
    expect(html).toMatch(/<div class="warning" role="note" aria-labelledby="shield-title" id="shield">[\s\S]*Description: we hid the recovery phrase/);
    expect(html).toContain('never ask for your recovery phrase');
    // The attachment of the no-JS post, downloadable with the token.
    const [download] = hrefs(html, /^\/api\/v2\/attachments\/att_/);
    expect(download).toMatch(new RegExp(`\\?token=${encodeURIComponent(token)}$`));
    const file = await t.app.inject({ url: download! });
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('充值尚未到账');
    expect((await t.app.inject({ url: download!.split('?')[0]! })).statusCode).toBe(404);

    // Without the token, with a wrong one, or as another signed-in customer: the same 404 page.
    const anonymous = expectPage(await t.app.inject({ url: `/hc/en-us/requests/${number}` }), 404);
    expect(anonymous).not.toContain('USDT deposit not credited');
    const wrong = expectPage(await t.app.inject({ url: `/hc/en-us/requests/${number}?token=${encodeURIComponent(`${token.split('.')[0]}.AAAA`)}` }), 404);
    const missing = expectPage(await t.app.inject({ url: '/hc/en-us/requests/99999999' }), 404);
    const strip = (s: string) => s.replace(/\/hc\/[^"]*/g, '');
    expect(strip(wrong)).toBe(strip(anonymous));
    expect(strip(missing)).toBe(strip(anonymous));
    const other = await signUp();
    const asOther = await other.browser.request({ method: 'GET', url: `/hc/en-us/requests/${number}` });
    expect(expectPage(asOther, 404)).not.toContain('USDT deposit not credited');
    // Writes by someone else are refused the same way and change nothing.
    const otherPage = expectPage((await other.browser.get('/hc/en-us/requests/new?type=other')).res);
    const solve = await postForm(other.browser, `/hc/en-us/requests/${number}/solve`, { _csrf: csrfOf(otherPage) });
    expect(solve.statusCode).toBe(404);
    expect((await db().selectFrom('tickets').select('status').where('number', '=', number).executeTakeFirstOrThrow()).status).toBe('new');
  });

  it('refuses form posts without the CSRF token or cookie', async () => {
    const browser = newBrowser();
    const form = await openForm(browser, 'en-us', 'other');
    const fields = { request_type: 'other', form_token: form.formToken, email: 'csrf@example.org', subject: 'Forged request', description: 'This request should never be created by a forged post.', intent: 'submit' };
    const before = await count('tickets');
    // No token at all, and a token that is not the cookie's.
    const none = await postMultipart(browser, '/hc/en-us/requests/new', fields);
    expect(expectPage(none, 403)).toContain('This form has expired');
    const forged = await postMultipart(browser, `/hc/en-us/requests/new?_csrf=${'x'.repeat(43)}`, { ...fields, _csrf: 'x'.repeat(43) });
    expect(forged.statusCode).toBe(403);
    // The right token but no cookie (another site cannot read or set it).
    const fresh = newBrowser();
    expect((await postMultipart(fresh, form.action, { ...fields, _csrf: form.csrf })).statusCode).toBe(403);
    expect(await count('tickets')).toBe(before);
  });

  it('creates one ticket for a double submit of the same form, for guests and signed-in users', async () => {
    const guest = newBrowser();
    const form = await openForm(guest, 'en-us', 'other');
    const fields = { _csrf: form.csrf, request_type: 'other', form_token: form.formToken, email: `double.${dialect}@example.org`, subject: 'Clicked twice', description: 'I double-clicked the submit button by accident.', field_problem_time: '', intent: 'submit' };
    const before = await count('tickets');
    const first = await postMultipart(guest, form.action, fields);
    const second = await postMultipart(guest, form.action, fields);
    expect(first.statusCode).toBe(303);
    const number = Number(new URL(String(first.headers.location), 'http://x').pathname.split('/').pop());
    // The guest's second answer cannot carry the link token again: it says the request exists and where the link went.
    const again = expectPage(second, 200);
    expect(again).toContain(`as request #${number}`);
    expect(again).toContain('emailed to you');
    expect(await count('tickets')).toBe(before + 1);

    const { browser } = await signUp();
    const mine = await openForm(browser, 'en-us', 'other');
    expect(mine.html).not.toContain('id="f-email"');
    expect(mine.html).toContain('Signed in as');
    const mineFields = { _csrf: mine.csrf, request_type: 'other', form_token: mine.formToken, subject: 'Signed-in double', description: 'Submitting this twice must still give one ticket.', intent: 'submit' };
    const results = await Promise.all([postMultipart(browser, mine.action, mineFields), postMultipart(browser, mine.action, mineFields)]);
    expect(results.map((r) => r.statusCode)).toEqual([303, 303]);
    expect(new Set(results.map((r) => new URL(String(r.headers.location), 'http://x').pathname)).size).toBe(1);
    expect(await count('tickets')).toBe(before + 2);
    // A new render of the form is a new form: a new token, a new ticket.
    const next = await openForm(browser, 'en-us', 'other');
    expect(next.formToken).not.toBe(mine.formToken);
  });

  it('lets a signed-in customer submit, list, reply, solve, rate and download the verified record', async () => {
    const { browser, userId } = await signUp();
    const form = await openForm(browser, 'en-us', 'deposit_withdrawal');
    const res = await postMultipart(browser, form.action, {
      _csrf: form.csrf,
      request_type: 'deposit_withdrawal',
      form_token: form.formToken,
      subject: 'Withdrawal to Tron address pending',
      description: 'My USDT withdrawal to my Tron wallet has been pending for six hours.',
      ...depositFields({ direction: 'withdrawal', network: 'tron', address: TRON, tx_hash: '' }),
      uploads: '',
      intent: 'submit',
    });
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    const location = String(res.headers.location);
    expect(location).not.toContain('token=');
    const number = Number(new URL(location, 'http://x').pathname.split('/').pop());
    let html = expectPage((await browser.get(location)).res);
    expect(html).toContain('Tron (TRC-20)');
    expect(html).toContain(`href="https://tronscan.org/#/address/${TRON}"`);
    expect(html).not.toContain('We have emailed you a link');

    // My requests: more than one page, with filters.
    for (let i = 0; i < 21; i++) {
      await t.app.services.requests.submit({ requestType: 'other', subject: `Older question ${i}`, description: 'An older question that fills the list of requests.', fields: {}, locale: 'en-us', channel: 'web', requester: { kind: 'user', userId } });
    }
    const list = expectPage((await browser.get('/hc/en-us/requests')).res);
    expect(list).toContain('22 requests');
    expect(list).toMatch(/<a rel="next" href="\/hc\/en-us\/requests\?page=2">/);
    expect((list.match(/<tr data-number=/g) ?? []).length).toBe(20);
    const page2 = expectPage((await browser.get('/hc/en-us/requests?page=2')).res);
    expect((page2.match(/<tr data-number=/g) ?? []).length).toBe(2);
    expect(page2).toContain(`data-number="${number}"`); // the oldest is last
    expect(page2).toContain('Withdrawal to Tron address pending');
    expect(page2).toContain('<span class="badge s-new" data-status="new">New</span>');
    const zhList = expectPage((await browser.get('/hc/zh-cn/requests')).res);
    expect(zhList).toContain('我的请求');
    expect(zhList).toContain('>新建</span>');
    expect((await browser.request({ method: 'GET', url: '/hc/en-us/requests' })).statusCode).toBe(200);
    const anonymousList = await t.app.inject({ url: '/hc/en-us/requests?status=open' });
    expect(anonymousList.statusCode).toBe(303);
    expect(anonymousList.headers.location).toBe('/hc/en-us/signin?next=%2Fhc%2Fen-us%2Frequests%3Fstatus%3Dopen&notice=signin_required');

    // Reply with a file (no JavaScript: multipart to the page, CSRF token in the action).
    html = expectPage((await browser.get(`/hc/en-us/requests/${number}`)).res);
    const replyAction = formAction(html, /\/comments\?/);
    const empty = await postMultipart(browser, replyAction, { _csrf: csrfOf(html), body: '   ', uploads: '' });
    expect(expectPage(empty, 400)).toContain('id="reply-body-error"');
    const replied = await postMultipart(browser, replyAction, { _csrf: csrfOf(html), body: 'Here is the screenshot.\nSecond line <b>not bold</b>.', uploads: '' }, [{ filename: 'withdrawal.txt', content: 'Withdrawal id W-123 pending.' }]);
    expect(replied.statusCode).toBe(303);
    expect(String(replied.headers.location)).toContain('notice=replied');
    html = expectPage((await browser.get(String(replied.headers.location))).res);
    expect(html).toContain('Your reply was added.');
    expect(html).toContain('Here is the screenshot.\nSecond line &lt;b&gt;not bold&lt;/b&gt;.');
    expect(html).toContain('>withdrawal.txt</a>');
    const [download] = hrefs(html, /^\/api\/v2\/attachments\/att_/);
    expect((await browser.request({ method: 'GET', url: download! })).body).toBe('Withdrawal id W-123 pending.');

    // Mark as solved, then rate.
    const solved = await postForm(browser, formAction(html, /\/solve"/), { _csrf: csrfOf(html) });
    expect(solved.statusCode).toBe(303);
    html = expectPage((await browser.get(String(solved.headers.location))).res);
    expect(html).toContain('data-status="solved"');
    expect(html).not.toContain('/solve"');
    const rateAction = formAction(html, /\/rate"/);
    expect(expectPage(await postForm(browser, rateAction, { _csrf: csrfOf(html), rating: '' }), 400)).toContain('Choose “good” or “bad”.');
    const rated = await postForm(browser, rateAction, { _csrf: csrfOf(html), rating: 'good', comment: 'Quick and clear, thank you!' });
    expect(rated.statusCode).toBe(303);
    html = expectPage((await browser.get(String(rated.headers.location))).res);
    expect(html).toContain('Your rating: Good, I am satisfied');
    const row = await db().selectFrom('tickets').select(['status', 'satisfaction_rating', 'satisfaction_comment', 'last_hash']).where('number', '=', number).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'solved', satisfaction_rating: 'good', satisfaction_comment: 'Quick and clear, thank you!' });

    // The record: both downloads verify, and the page shows their final hash.
    const shown = /<code class="hash" id="final-hash">([0-9a-f]{64})<\/code>/.exec(html)?.[1];
    expect(shown).toBe(row.last_hash);
    const [htmlRecord, jsonRecord] = [hrefs(html, /record\.html/)[0]!, hrefs(html, /record\.json/)[0]!];
    const json = await browser.request({ method: 'GET', url: jsonRecord });
    expect(json.statusCode).toBe(200);
    const verified = verifyRecord(json.json());
    expect(verified).toMatchObject({ valid: true, messages: 2, finalHash: shown });
    const htmlFile = await browser.request({ method: 'GET', url: htmlRecord });
    expect(verifyRecord(parseRecordFile(htmlFile.body))).toMatchObject({ valid: true, finalHash: shown });
    // Filters: the solved request moved from "open" to "solved".
    expect(expectPage((await browser.get('/hc/en-us/requests?status=solved')).res)).toContain(`data-number="${number}"`);
    expect(expectPage((await browser.get('/hc/en-us/requests?status=open')).res)).not.toContain(`data-number="${number}"`);
  });

  it('lets a guest reply, solve and download the record with the link token', async () => {
    const browser = newBrowser();
    const location = await guestSubmit(browser);
    const token = new URL(location, 'http://x').searchParams.get('token')!;
    let html = expectPage((await browser.get(location)).res);
    const replyAction = formAction(html, /\/comments\?/);
    expect(replyAction).toContain(`token=${encodeURIComponent(token)}`);
    const replied = await postMultipart(browser, replyAction, { _csrf: csrfOf(html), body: 'Any news on this deposit?', uploads: '' });
    expect(replied.statusCode).toBe(303);
    expect(String(replied.headers.location)).toContain(`token=${encodeURIComponent(token)}`);
    html = expectPage((await browser.get(String(replied.headers.location))).res);
    expect(html).toContain('Any news on this deposit?');
    const solved = await postForm(browser, formAction(html, /\/solve\?/), { _csrf: csrfOf(html) });
    html = expectPage((await browser.get(String(solved.headers.location))).res);
    expect(html).toContain('data-status="solved"');
    const links = hrefs(html, /\/api\/v2\/requests\/\d+\/record\.(json|html)/);
    expect(links).toHaveLength(2);
    for (const link of links) expect(link).toContain(`token=${encodeURIComponent(token)}`);
    const record = await t.app.inject({ url: links.find((l) => l.includes('.json'))! });
    expect(verifyRecord(record.json())).toMatchObject({ valid: true, messages: 2 });
    expect((await t.app.inject({ url: links[0]!.replace(/token=[^&]+/, 'token=nope') })).statusCode).toBe(404);
    // A reply posted without the link token (valid CSRF) is someone else's post: not found, nothing added.
    const comments = await count('ticket_comments');
    const forged = await postMultipart(browser, replyAction.replace(/token=[^&]+&?/, ''), { _csrf: csrfOf(html), body: 'forged' });
    expect(expectPage(forged, 404)).not.toContain('USDT deposit not credited');
    expect(await count('ticket_comments')).toBe(comments);
  });

  it('suggests articles without JavaScript and records a deflection instead of a ticket', async () => {
    const browser = newBrowser();
    const form = await openForm(browser, 'en-us', 'deposit_withdrawal');
    const tickets = await count('tickets');
    const deflections = await count('deflections');
    const posted = { _csrf: form.csrf, request_type: 'deposit_withdrawal', form_token: form.formToken, email: '', subject: 'Withdrawal pending', description: 'My withdrawal has been pending for hours', ...depositFields({ network: 'tron', address: TRON }), intent: 'suggest' };
    const html = expectPage(await postMultipart(browser, form.action, posted));
    expect(await count('tickets')).toBe(tickets);
    // Same suggestions as the API gives for this text and type.
    const api = (await t.app.inject({ url: `/api/v2/requests/suggestions?query=${encodeURIComponent(`${posted.subject} ${posted.description}`)}&request_type=deposit_withdrawal&locale=en-us` })).json();
    expect(api.results.length).toBeGreaterThan(0);
    for (const r of api.results as Array<{ id: string; slug: string }>) {
      expect(html).toContain(`<input type="hidden" name="article_id" value="${r.id}">`);
      expect(html).toContain(`href="/hc/en-us/articles/${r.slug}"`);
    }
    expect(html).toContain('These articles may answer your question');
    expect(html).toContain('value="Withdrawal pending"');
    expect(html).toContain(`value="${TRON}"`);
    expect(html).not.toContain('id="error-summary"');
    const deflect = formAction(html, /class="deflect"/);
    expect(deflect).toBe('/hc/en-us/requests/deflect');
    const first = api.results[0] as { id: string; slug: string; title: string };
    const done = await postForm(browser, deflect, { _csrf: csrfOf(html), article_id: first.id, article_slug: first.slug, query: `${posted.subject} ${posted.description}`, request_type: 'deposit_withdrawal' });
    expect(done.statusCode).toBe(303);
    const thanks = expectPage((await browser.get(String(done.headers.location))).res);
    expect(thanks).toContain('Glad we could help');
    expect(thanks).toContain(`href="/hc/en-us/articles/${first.slug}"`);
    expect(await count('deflections')).toBe(deflections + 1);
    expect(await count('tickets')).toBe(tickets);
    const row = await db().selectFrom('deflections').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ article_id: first.id, request_type_key: 'deposit_withdrawal', kind: 'article' });
    // Without a CSRF token the deflection form is refused too.
    expect((await postForm(newBrowser(), deflect, { article_id: first.id })).statusCode).toBe(403);
  });

  it('keeps markup typed into any field inert on every page', async () => {
    const script = '<script>alert(1)</script>';
    const img = '"><img src=x onerror=alert(2)>';
    const svg = "'><svg onload=alert(3)>";
    const { browser } = await signUp();
    const form = await openForm(browser, 'en-us', 'trading');
    const fields = {
      _csrf: form.csrf,
      request_type: 'trading',
      form_token: form.formToken,
      subject: `Order ${script}`,
      description: `Something odd ${img} happened ${svg} with my order.`,
      field_account_id: 'AA12 N84G 3KF9',
      field_issue: 'fees',
      field_order_id: 'OQCLML-BW3P3-BUCMWZ',
      field_pair: `BTC${svg}`.slice(0, 30),
      field_problem_time: recentLocalDateTime(3),
      field_steps_tried: `Tried ${script} and ${img}`,
      intent: 'submit',
    };
    const inert = (html: string) => {
      expect(html).not.toContain('<script>alert');
      expect(html).not.toMatch(/<img src=x/i);
      expect(html).not.toMatch(/<svg onload/i);
      expect(html.match(/<script\b/g)?.length ?? 0).toBeLessThanOrEqual(2); // our JSON data block and our script
    };
    // Failed submit first (re-rendered values), then the real one.
    const failed = await postMultipart(browser, form.action, { ...fields, field_order_id: 'x' });
    const failedHtml = expectPage(failed, 400);
    inert(failedHtml);
    expect(failedHtml).toContain(escapeHtml(`Order ${script}`));
    const suggested = expectPage(await postMultipart(browser, form.action, { ...fields, intent: 'suggest' }));
    inert(suggested);
    const ok = await postMultipart(browser, form.action, fields);
    expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(303);
    const page = expectPage((await browser.get(String(ok.headers.location))).res);
    inert(page);
    expect(page).toContain(escapeHtml(`Order ${script}`));
    expect(page).toContain(escapeHtml(`Tried ${script} and ${img}`));
    const replyAction = formAction(page, /\/comments\?/);
    const reply = await postMultipart(browser, replyAction, { _csrf: csrfOf(page), body: `Reply ${script}${img}` });
    const afterReply = expectPage((await browser.get(String(reply.headers.location))).res);
    inert(afterReply);
    expect(afterReply).toContain(escapeHtml(`Reply ${script}${img}`));
    inert(expectPage((await browser.get('/hc/en-us/requests')).res));
    const record = await browser.request({ method: 'GET', url: hrefs(afterReply, /record\.html/)[0]! });
    expect(record.body).not.toContain('<script>alert');
    expect(record.body).not.toMatch(/<img src=x/i);
  });

  it('kept every page under 100 KB', () => {
    expect(pages.length).toBeGreaterThan(30);
    const heavy = pages.filter((p) => p.bytes >= MAX_PAGE_BYTES);
    expect(heavy).toEqual([]);
  });
});
