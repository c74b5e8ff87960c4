import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR } from '../helpers/db.js';

describe.each(DIALECTS)('request-schema errors in the caller’s language (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR }, { mailWorker: false, backgroundJobs: false });
  });
  afterAll(async () => t?.close());

  const verify = (text: unknown, language: string) =>
    t.app.inject({ method: 'POST', url: '/api/v2/shield/scan', headers: { 'accept-language': language }, payload: { text } });

  it('explains a wrong type, an empty value and an unknown field in Chinese and English, per field', async () => {
    const zh = await verify(42, 'zh-CN');
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({ error: 'validation_failed', details: [{ path: 'body.text', message: 'text 必须是文本。' }] });
    const en = await verify(42, 'en-US');
    expect(en.json().details).toEqual([{ path: 'body.text', message: 'text must be text.' }]);
    expect(en.json().message).toContain('text must be text.');

    const many = await t.app.inject({ method: 'POST', url: '/api/v2/chain/validate', headers: { 'accept-language': 'zh-CN' }, payload: { address: 7, network: ['x'] } });
    expect(many.statusCode).toBe(400);
    expect(many.json().details.map((d: { message: string }) => d.message)).toEqual(expect.arrayContaining(['address 必须是文本。']));
    for (const detail of many.json().details as Array<{ message: string }>) expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
