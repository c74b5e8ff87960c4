import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { ApiErrorDecoder, loadCatalogue, MAX_ITEMS, parseCatalogue, similarity, type DecodedItem } from '../../src/server/modules/api-tools/api-errors.js';
import type { Locale } from '../../src/shared/locales.js';

const ROOT = resolve(import.meta.dirname, '../..');
const VECTORS = JSON.parse(readFileSync('/work/shared/vectors/kraken_errors.extracted.json', 'utf8')) as { errors: Array<{ error: string; description: string }> };
const RAW = JSON.parse(readFileSync(resolve(ROOT, 'content/api-errors.json'), 'utf8'));
const brand = loadConfig({ BRAND_NAME: 'Lanternfish Exchange' }).brand;
const { catalogue, file } = loadCatalogue(resolve(ROOT, 'content'));
const decoder = new ApiErrorDecoder(catalogue);
const decode = (input: string, locale: Locale = 'en-us') => decoder.decode(input, locale, brand);
const one = (input: string, locale: Locale = 'en-us'): DecodedItem => {
  const { items } = decode(input, locale);
  expect(items, input).toHaveLength(1);
  return items[0]!;
};
const CJK = /[\u4e00-\u9fff]/;

describe('API error catalogue (content/api-errors.json)', () => {
  it('is the repository file and passes validation', () => {
    expect(file).toBe(resolve(ROOT, 'content/api-errors.json'));
    expect(catalogue.errors.length).toBeGreaterThanOrEqual(VECTORS.errors.length);
  });

  it('covers every error string of the shared vectors with an exact entry', () => {
    expect(VECTORS.errors.length).toBeGreaterThan(50);
    for (const vector of VECTORS.errors) {
      for (const locale of ['en-us', 'zh-cn'] as const) {
        const item = one(vector.error, locale);
        expect(item.code, vector.error).toBe(vector.error);
        expect(item.match, vector.error).toBe('exact');
        expect(item.fallback).toBe(false);
        expect(item.meaning.length).toBeGreaterThan(locale === 'zh-cn' ? 5 : 15);
        expect(item.causes.length).toBeGreaterThan(0);
        expect(item.steps.length).toBeGreaterThan(0);
        if (locale === 'zh-cn') expect(item.meaning, vector.error).toMatch(CJK);
        else expect(item.meaning, vector.error).not.toMatch(CJK);
      }
    }
  });

  it('also decodes each vector inside a JSON response and in lower case', () => {
    for (const vector of VECTORS.errors) {
      const json = decode(JSON.stringify({ error: [vector.error], result: {} })).items;
      expect(json.map((i) => i.code), vector.error).toEqual([vector.error]);
      const lower = decode(vector.error.toLowerCase()).items;
      expect(lower[0]?.code, vector.error.toLowerCase()).toBe(vector.error);
    }
  });

  it('is bilingual everywhere and every placeholder is filled from the brand', () => {
    const custom = loadConfig({ PUBLIC_URL: 'https://help.example.org', BRAND_NAME: 'Otter Markets', BRAND_OFFICIAL_DOMAINS: 'otter.example' }).brand;
    for (const locale of ['en-us', 'zh-cn'] as const) {
      const listing = decoder.list(locale, custom);
      const all = [...listing.categories, ...listing.errors, ...listing.http];
      for (const entry of all) {
        const text = [entry.title, entry.meaning, ...entry.causes, ...entry.steps].join('\n');
        expect(text).not.toMatch(/\{\{|\}\}/);
        if (locale === 'zh-cn') expect(`${entry.meaning}${entry.steps.join('')}`).toMatch(CJK);
        else expect(text).not.toMatch(CJK);
      }
      const service = listing.errors.find((e) => e.code === 'EService:Unavailable')!;
      expect(service.steps.join(' ')).toContain('https://help.example.org/hc/status');
      const redirect = listing.http.find((h) => h.class === '3xx')!;
      expect(redirect.steps.join(' ')).toContain('otter.example');
      expect(decoder.decode('nothing we know', locale, custom).items[0]!.steps.join(' ')).toContain('Otter Markets');
    }
  });

  it('links only Help Center articles that exist in content/, in both languages', () => {
    const slugs = new Set<string>();
    for (const group of [catalogue.errors, catalogue.categories, catalogue.http, [catalogue.unknown]]) for (const entry of group) for (const s of entry.articles) slugs.add(s);
    expect(slugs.size).toBeGreaterThan(8);
    for (const slug of slugs) {
      for (const locale of ['en-us', 'zh-cn']) expect(existsSync(resolve(ROOT, `content/articles/${slug}.${locale}.md`)), `${slug}.${locale}`).toBe(true);
    }
    // The API articles are linked from the errors they explain.
    expect(one('EAPI:Invalid nonce').articles).toContain('api-invalid-nonce');
    expect(one('EGeneral:Permission denied').articles).toEqual(expect.arrayContaining(['api-permission-denied', 'api-key-permissions']));
    expect(one('EAPI:Invalid signature').tools).toContain('api-signature');
    expect(one('EAPI:Rate limit exceeded').tools).toContain('rate-limit');
  });

  it('rejects catalogues with broken references', () => {
    const copy = () => JSON.parse(JSON.stringify(RAW));
    const wrongPrefix = copy();
    wrongPrefix.errors[0].category = 'EAPI';
    expect(() => parseCatalogue(wrongPrefix)).toThrow(/category must be EGeneral/);
    const duplicate = copy();
    duplicate.errors.push({ ...duplicate.errors[0], code: duplicate.errors[0].code.toLowerCase() });
    expect(() => parseCatalogue(duplicate)).toThrow(/duplicate code/);
    const related = copy();
    related.http[0].related = ['EAPI:Does not exist'];
    expect(() => parseCatalogue(related)).toThrow(/not in the catalogue/);
    const missingZh = copy();
    delete missingZh.errors[3].steps['zh-cn'];
    expect(() => parseCatalogue(missingZh)).toThrow(/steps/);
  });
});

describe('decoding error strings', () => {
  it('tolerates spacing, stray quotes, brackets and letter case', () => {
    for (const input of ['EAPI:Invalid nonce', '  eapi : invalid   NONCE ', '"EAPI:Invalid nonce"', "['EAPI:Invalid nonce']", '“EAPI:Invalid nonce”.', 'EAPI：Invalid nonce']) {
      const item = one(input);
      expect(item.code, input).toBe('EAPI:Invalid nonce');
      expect(item.fallback).toBe(false);
    }
  });

  it('finds several errors in one paste, in order, without duplicates', () => {
    const text = 'first EGeneral:Permission denied, then EAPI:Invalid nonce\nand again EGeneral:Permission denied';
    expect(decode(text).items.map((i) => i.code)).toEqual(['EGeneral:Permission denied', 'EAPI:Invalid nonce']);
    const prose = decode('Got EAPI:Invalid nonce and then EOrder:Insufficient funds when trading').items;
    expect(prose.map((i) => [i.code, i.match])).toEqual([
      ['EAPI:Invalid nonce', 'exact'],
      ['EOrder:Insufficient funds', 'exact'],
    ]);
  });

  it('completes cut-off codes and keeps server detail', () => {
    const cut = one('EAPI:Invalid sig');
    expect([cut.code, cut.match, cut.fallback]).toEqual(['EAPI:Invalid signature', 'partial', false]);
    expect(cut.note).toContain('EAPI:Invalid signature');
    const detail = one('EGeneral:Invalid arguments:volume minimum not met');
    expect([detail.code, detail.match, detail.detail]).toEqual(['EGeneral:Invalid arguments', 'detail', 'volume minimum not met']);
    const paren = one('EOrder:Insufficient funds (need 12.5 USD)');
    expect([paren.code, paren.detail]).toEqual(['EOrder:Insufficient funds', 'need 12.5 USD']);
    // The longest code wins over a shorter one it starts with.
    expect(one('EGeneral:Invalid arguments:Index unavailable').code).toBe('EGeneral:Invalid arguments:Index unavailable');
  });

  it('matches messages without a prefix and near-miss spellings', () => {
    const message = one('Permission denied');
    expect([message.code, message.match, message.fallback]).toEqual(['EGeneral:Permission denied', 'message', false]);
    const ambiguous = one('Rate limit exceeded');
    expect(ambiguous.code).toBe('EAPI:Rate limit exceeded');
    expect(ambiguous.alternatives).toContain('EOrder:Rate limit exceeded');
    const typo = one('EAPI:Invalid nonse');
    expect([typo.code, typo.match]).toEqual(['EAPI:Invalid nonce', 'fuzzy']);
    expect(one('余额不足', 'zh-cn').code).toBe('EOrder:Insufficient funds');
    expect(one('insufficientAvailableFunds').code).toBe('insufficientAvailableFunds');
  });

  it('falls back to the category, then the closest category, then general steps, and says so', () => {
    const category = one('EAPI:Quantum flux detected');
    expect([category.code, category.category, category.match, category.fallback]).toEqual([null, 'EAPI', 'category', true]);
    expect(category.note).toMatch(/^Fallback:/);
    expect(category.steps).toEqual(catalogue.categories.find((c) => c.id === 'EAPI')!.steps['en-us']);

    const closest = one('EWidget:Permission denied');
    expect([closest.category, closest.match, closest.fallback, closest.closest]).toEqual(['EGeneral', 'closest-category', true, 'EGeneral:Permission denied']);
    expect(closest.note).toContain('EGeneral:Permission denied');

    const unknown = one('the printer is on fire', 'zh-cn');
    expect([unknown.type, unknown.category, unknown.fallback]).toEqual(['unknown', 'unknown', true]);
    expect(unknown.note).toMatch(/^兜底说明/);
    expect(unknown.articles).toContain('how-to-submit-a-request');
  });
});

describe('decoding HTTP statuses and responses', () => {
  it('explains the common statuses, each as an exact entry', () => {
    for (const status of [200, 400, 401, 403, 404, 405, 408, 409, 413, 414, 415, 422, 429, 500, 501, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 530]) {
      const item = one(String(status));
      expect([item.type, item.status, item.code, item.match, item.fallback], String(status)).toEqual(['http', status, `HTTP ${status}`, 'status', false]);
    }
    expect(one('429').related).toEqual(expect.arrayContaining(['EAPI:Rate limit exceeded', 'EOrder:Rate limit exceeded']));
    expect(one('403').articles).toContain('api-permission-denied');
  });

  it('reads statuses written in the usual ways', () => {
    for (const input of ['HTTP 429', 'HTTP/1.1 429 Too Many Requests', 'status: 429', '"statusCode":429', '429 Too Many Requests', 'Too Many Requests', '状态码 429', '错误 429']) {
      expect(one(input, 'zh-cn').status, input).toBe(429);
    }
    // Long numbers (nonces, amounts) are not statuses.
    expect(decode('nonce 1616492376594 price 37500').items.every((i) => i.type !== 'http')).toBe(true);
  });

  it('falls back to the status class for uncatalogued statuses', () => {
    const teapot = one('HTTP 418');
    expect([teapot.match, teapot.fallback, teapot.status]).toEqual(['status-class', true, 418]);
    expect(teapot.note).toContain('4xx');
    expect(one('HTTP 507').title).toBe(catalogue.http.find((h) => h.class === '5xx')!.title['en-us']);
    expect(one('HTTP 302').match).toBe('status-class');
  });

  it('decodes whole JSON responses, including several errors, futures codes and statuses', () => {
    expect(decode('{"error":["EAPI:Invalid key"],"result":{}}').items.map((i) => i.code)).toEqual(['EAPI:Invalid key']);
    const many = decode(`{
      "error": [ "EGeneral:Permission denied" , "EOrder:Insufficient funds", "EGeneral:Permission denied" ]
    }`).items;
    expect(many.map((i) => i.code)).toEqual(['EGeneral:Permission denied', 'EOrder:Insufficient funds']);
    const futures = decode('{"result":"error","serverTime":"2024-01-01T00:00:00.000Z","error":"apiLimitExceeded"}').items;
    expect(futures.map((i) => [i.code, i.category])).toEqual([['apiLimitExceeded', 'Futures']]);
    const withStatus = decode('{"status": 503, "error": ["EService:Unavailable"]}').items;
    expect(withStatus.map((i) => i.code)).toEqual(['HTTP 503', 'EService:Unavailable']);
    // JSON escapes are undone before matching.
    expect(one('{"error":["EEarnings:Permission denied:The user\\u0027s tier is not high enough"]}').code).toBe("EEarnings:Permission denied:The user's tier is not high enough");
    // Truncated JSON is still scanned as text.
    expect(one('{"error":["EAPI:Invalid ke').code).toBe('EAPI:Invalid key');
  });

  it('says when a response has an empty error list', () => {
    const ok = decode('{"error":[],"result":{"unixtime":1616492376}}', 'zh-cn');
    expect(ok.items).toEqual([]);
    expect(ok.note).toMatch(/错误列表为空/);
    expect(decode('').items).toEqual([]);
  });

  it('returns at most MAX_ITEMS items and flags the rest', () => {
    const statuses = catalogue.http.filter((h) => h.status !== undefined).map((h) => `HTTP ${h.status}`);
    expect(statuses.length).toBeGreaterThan(MAX_ITEMS);
    const result = decode(statuses.join('\n'));
    expect(result.items).toHaveLength(MAX_ITEMS);
    expect(result.truncated).toBe(true);
  });

  it('keeps the first MAX_ITEMS prefixed codes in input order, however many follow', () => {
    const codes = catalogue.errors.map((e) => e.code).filter((c) => /^E[A-Za-z]+:/.test(c));
    expect(codes.length).toBeGreaterThan(MAX_ITEMS + 1);
    const result = decode([...codes, 'EOrder:Something brand new', 'EQuux:never seen'].join('\n'));
    expect(result.items.map((i) => i.code)).toEqual(codes.slice(0, MAX_ITEMS));
    expect(result.truncated).toBe(true);
    const exactlyEnough = decode(codes.slice(0, MAX_ITEMS).join('\n'));
    expect(exactlyEnough.items.map((i) => i.code)).toEqual(codes.slice(0, MAX_ITEMS));
    expect(exactlyEnough.truncated).toBe(false);
  });
});

describe('hostile input', () => {
  it('copes with long runs of spaces, quotes, brackets and colons (bounded work, sane answers)', () => {
    const inputs = ['x' + ' '.repeat(19_990) + 'y', "x" + "'".repeat(19_990) + 'y', '('.repeat(20_000), 'EAPI:' + ':'.repeat(19_990), ('EAPI' + ' '.repeat(100)).repeat(190), 'status' + ' '.repeat(19_990)];
    for (const input of inputs) {
      const result = decode(input);
      expect(result.items.length).toBeLessThanOrEqual(MAX_ITEMS);
      expect(result.items.every((i) => i.fallback || i.code !== null)).toBe(true);
    }
    // Input beyond the limit is cut, not rejected, by the library (the API refuses it first).
    expect(decode(`${'x'.repeat(30_000)} EAPI:Invalid nonce`).items.every((i) => i.code !== 'EAPI:Invalid nonce')).toBe(true);
  });
});

describe('similarity', () => {
  it('ranks close spellings and contained words high, unrelated text low', () => {
    expect(similarity('invalid nonse', 'invalid nonce')).toBeGreaterThan(0.7);
    expect(similarity('nonce', 'invalid nonce')).toBeGreaterThan(0.7);
    expect(similarity('the printer is on fire', 'invalid nonce')).toBeLessThan(0.45);
    expect(similarity('abc', 'abc')).toBe(1);
  });
});
