import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/index.js';
import { AppError } from '../../src/server/errors.js';
import { exportContent, importContent } from '../../src/server/modules/kb/kb.import.js';
import { buildApp } from '../../src/server/app.js';
import { DIALECTS, FIXTURE_CONTENT_DIR, REPO_CONTENT_DIR, createTestDatabase, openMigrated, type TestDatabase } from '../helpers/db.js';

const counts = async (h: DatabaseHandle) => ({
  categories: (await h.db.selectFrom('categories').select('id').execute()).length,
  sections: (await h.db.selectFrom('sections').select('id').execute()).length,
  articles: (await h.db.selectFrom('articles').select('id').execute()).length,
  translations: (await h.db.selectFrom('article_translations').select('id').execute()).length,
  revisions: (await h.db.selectFrom('article_revisions').select('id').execute()).length,
});

describe.each(DIALECTS)('content import/export on %s', (dialect) => {
  let test: TestDatabase;
  let handle: DatabaseHandle;
  const scratch = mkdtempSync(join(tmpdir(), 'pharos-content-'));

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    handle = await openMigrated(test);
  });
  afterAll(async () => {
    await handle?.close();
    await test?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports, then re-imports without duplicating anything', async () => {
    const first = await importContent(handle.db, FIXTURE_CONTENT_DIR);
    expect(first.articles).toEqual({ created: 6, updated: 0, unchanged: 0 });
    const before = await counts(handle);
    expect(before).toEqual({ categories: 2, sections: 3, articles: 3, translations: 6, revisions: 6 });
    const second = await importContent(handle.db, FIXTURE_CONTENT_DIR);
    expect(second.articles).toEqual({ created: 0, updated: 0, unchanged: 6 });
    expect(await counts(handle)).toEqual(before);
  });

  it('turns a changed file into a new revision', async () => {
    const dir = join(scratch, 'changed');
    cpSync(FIXTURE_CONTENT_DIR, dir, { recursive: true });
    const file = join(dir, 'articles', 'deposit-not-credited.en-us.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('required number', 'required number (see the network table)'));
    const result = await importContent(handle.db, dir);
    expect(result.articles).toEqual({ created: 0, updated: 1, unchanged: 5 });
    const row = await handle.db.selectFrom('article_translations').select(['revision', 'body_md']).where('locale', '=', 'en-us').where('title', '=', 'My deposit has not been credited').executeTakeFirstOrThrow();
    expect(row.revision).toBe(2);
    expect(row.body_md).toContain('network table');
  });

  it('refuses a folder with a bad file and writes nothing', async () => {
    const dir = join(scratch, 'bad');
    cpSync(FIXTURE_CONTENT_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'articles', 'new-one.en-us.md'), '---\nslug: new-one\ntitle: New\nsection: withdrawals\n---\nfine\n');
    writeFileSync(join(dir, 'articles', 'broken.en-us.md'), '---\nslug: broken\ntitle: Broken\nsection: no-such-section\n---\nbody\n');
    const before = await counts(handle);
    const error = await importContent(handle.db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('content_invalid');
    expect((error as AppError).localizedMessage('en-us')).toContain('unknown section "no-such-section"');
    expect((error as AppError).localizedMessage('zh-cn')).toContain('内容文件');
    expect(await counts(handle)).toEqual(before);
  });

  it('exports to a folder that imports back to the same knowledge base', async () => {
    const out = join(scratch, 'export');
    const { files } = await exportContent(handle.db, out);
    expect(files).toBe(6);
    expect(readdirSync(join(out, 'articles')).sort()).toEqual(readdirSync(join(FIXTURE_CONTENT_DIR, 'articles')).sort());
    const again = await importContent(handle.db, out);
    expect(again.articles.created).toBe(0);
    expect(again.articles.updated).toBe(0);
    const draft = readFileSync(join(out, 'articles', 'enable-2fa.zh-cn.md'), 'utf8');
    expect(draft).toContain('draft: true');
  });
});

describe('bundled content', () => {
  it('has at least 30 articles per language, each translated into both', async () => {
    const files = readdirSync(join(REPO_CONTENT_DIR, 'articles')).filter((f) => f.endsWith('.md'));
    const zh = files.filter((f) => f.endsWith('.zh-cn.md')).map((f) => f.replace('.zh-cn.md', ''));
    const en = files.filter((f) => f.endsWith('.en-us.md')).map((f) => f.replace('.en-us.md', ''));
    expect(zh.length).toBeGreaterThanOrEqual(30);
    expect(en.length).toBeGreaterThanOrEqual(30);
    expect(zh.sort()).toEqual(en.sort());
  });

  it('imports cleanly and covers every section', async () => {
    const test = await createTestDatabase('sqlite');
    const handle = await openMigrated(test);
    try {
      const summary = await importContent(handle.db, REPO_CONTENT_DIR);
      expect(summary.articles.created).toBe(summary.files);
      const empty = await handle.db
        .selectFrom('sections as s')
        .leftJoin('articles as a', 'a.section_id', 's.id')
        .select(['s.key'])
        .where('a.id', 'is', null)
        .execute();
      expect(empty).toEqual([]);
      const text = readdirSync(join(REPO_CONTENT_DIR, 'articles')).map((f) => readFileSync(join(REPO_CONTENT_DIR, 'articles', f), 'utf8')).join('\n');
      expect(text).not.toMatch(/kraken\.com|@krakenfx|r\/kraken\b/i);
    } finally {
      await handle.close();
      await test.cleanup();
    }
  });
});

describe.each(DIALECTS)('bundled content on start (%s)', (dialect) => {
  it('is imported on the first start only: a help center the admins emptied stays empty after a restart', async () => {
    const test = await createTestDatabase(dialect, { CONTENT_DIR: FIXTURE_CONTENT_DIR });
    try {
      const first = await buildApp(test.config);
      const db = first.services.database.db;
      expect((await db.selectFrom('categories').select('id').execute()).length).toBeGreaterThan(0);
      await db.deleteFrom('article_translations').execute();
      await db.deleteFrom('articles').execute();
      await db.deleteFrom('sections').execute();
      await db.deleteFrom('categories').execute();
      await first.close();
      const second = await buildApp(test.config);
      expect(await second.services.database.db.selectFrom('categories').select('id').execute()).toEqual([]);
      await second.close();
    } finally {
      await test.cleanup();
    }
  });
});
