import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { LOCALES, type Locale } from '../../../shared/locales.js';
import { contentHash, saveTranslation, upsertArticle, upsertCategory, upsertSection } from './kb.service.js';

const localized = z.object({ 'en-us': z.string().min(1), 'zh-cn': z.string().min(1) }).partial().refine((v) => Object.keys(v).length > 0, 'needs at least one locale');

const descriptions = z.object({ 'en-us': z.string(), 'zh-cn': z.string() }).partial();

const structureSchema = z.object({
  categories: z.array(
    z.object({
      key: z.string().regex(/^[a-z0-9-]+$/),
      position: z.number().int(),
      title: localized,
      description: descriptions.optional(),
      sections: z.array(
        z.object({
          key: z.string().regex(/^[a-z0-9-]+$/),
          position: z.number().int(),
          title: localized,
          description: descriptions.optional(),
        }),
      ),
    }),
  ),
});

const frontMatterSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'slug must be lowercase-kebab'),
  title: z.string().min(1).max(200),
  section: z.string().min(1),
  labels: z.array(z.union([z.string(), z.number()]).transform(String)).max(20).default([]),
  position: z.number().int().default(0),
  promoted: z.boolean().default(false),
  draft: z.boolean().default(false),
});

export type ImportProgress = (event: { phase: 'structure' | 'articles'; done: number; total: number; file?: string }) => void;

export interface ImportSummary {
  categories: number;
  sections: number;
  articles: { created: number; updated: number; unchanged: number };
  files: number;
}

function invalid(file: string, detail: string): AppError {
  return new AppError('content_invalid', { file, detail });
}

interface ParsedArticle {
  file: string;
  locale: Locale;
  front: z.infer<typeof frontMatterSchema>;
  body: string;
  hash: string;
}

/** Reads and validates every file first, so a bad file stops the import before anything is written. */
async function readContent(dir: string) {
  const structurePath = join(dir, 'structure.json');
  let structureRaw: unknown;
  try {
    structureRaw = JSON.parse(await readFile(structurePath, 'utf8'));
  } catch (error) {
    throw invalid(structurePath, error instanceof Error ? error.message : String(error));
  }
  const structure = structureSchema.safeParse(structureRaw);
  if (!structure.success) throw invalid(structurePath, structure.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const sectionKeys = new Set(structure.data.categories.flatMap((c) => c.sections.map((s) => s.key)));

  const articlesDir = join(dir, 'articles');
  const files = (await readdir(articlesDir).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).sort();
  const articles: ParsedArticle[] = [];
  for (const name of files) {
    const file = join(articlesDir, name);
    const m = /^([a-z0-9-]+)\.(zh-cn|en-us)\.md$/.exec(name);
    if (!m) throw invalid(file, 'file name must be <slug>.<zh-cn|en-us>.md');
    const raw = await readFile(file, 'utf8');
    let parsed: matter.GrayMatterFile<string>;
    try {
      parsed = matter(raw);
    } catch (error) {
      throw invalid(file, `front matter: ${error instanceof Error ? error.message : String(error)}`);
    }
    const front = frontMatterSchema.safeParse(parsed.data);
    if (!front.success) throw invalid(file, front.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (front.data.slug !== m[1]) throw invalid(file, `slug "${front.data.slug}" does not match the file name`);
    if (!sectionKeys.has(front.data.section)) throw invalid(file, `unknown section "${front.data.section}"`);
    const body = parsed.content.trim();
    if (!body) throw invalid(file, 'the article body is empty');
    articles.push({ file, locale: m[2] as Locale, front: front.data, body, hash: contentHash([front.data, body]) });
  }
  return { structure: structure.data, articles };
}

/**
 * Imports a content folder (structure.json + articles/<slug>.<locale>.md). Idempotent: keys
 * and slugs identify rows, unchanged files are skipped, changed ones become new revisions.
 * Runs in one transaction: either the whole folder lands or nothing does.
 */
export async function importContent(db: Kysely<Database>, dir: string, onProgress?: ImportProgress): Promise<ImportSummary> {
  const { structure, articles } = await readContent(dir);
  const summary: ImportSummary = { categories: 0, sections: 0, articles: { created: 0, updated: 0, unchanged: 0 }, files: articles.length };
  await db.transaction().execute(async (trx) => {
    const sectionIds = new Map<string, string>();
    let done = 0;
    const totalStructure = structure.categories.length;
    for (const category of structure.categories) {
      const translations = Object.fromEntries(
        LOCALES.filter((l) => category.title[l]).map((l) => [l, { title: category.title[l]!, description: category.description?.[l] ?? '' }]),
      );
      const { id } = await upsertCategory(trx, category.key, category.position, translations);
      summary.categories++;
      for (const section of category.sections) {
        const sectionTranslations = Object.fromEntries(
          LOCALES.filter((l) => section.title[l]).map((l) => [l, { title: section.title[l]!, description: section.description?.[l] ?? '' }]),
        );
        const s = await upsertSection(trx, section.key, id, section.position, sectionTranslations);
        sectionIds.set(section.key, s.id);
        summary.sections++;
      }
      onProgress?.({ phase: 'structure', done: ++done, total: totalStructure });
    }
    done = 0;
    for (const article of articles) {
      const sectionId = sectionIds.get(article.front.section)!;
      const { id } = await upsertArticle(trx, article.front.slug, sectionId, article.front.position, article.front.promoted);
      const outcome = await saveTranslation(
        trx,
        id,
        article.locale,
        { title: article.front.title, bodyMarkdown: article.body, labels: article.front.labels, status: article.front.draft ? 'draft' : 'published' },
        'import',
        article.hash,
      );
      summary.articles[outcome]++;
      onProgress?.({ phase: 'articles', done: ++done, total: articles.length, file: article.file });
    }
  });
  return summary;
}

/** Writes the knowledge base out in the same format `importContent` reads. */
export async function exportContent(db: Kysely<Database>, dir: string, onProgress?: ImportProgress): Promise<{ files: number }> {
  const categories = await db.selectFrom('categories').selectAll().orderBy('position').orderBy('id').execute();
  const categoryTr = await db.selectFrom('category_translations').selectAll().execute();
  const sections = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
  const sectionTr = await db.selectFrom('section_translations').selectAll().execute();
  const byLocale = <T extends { locale: string }>(rows: T[], pick: (r: T) => string) =>
    Object.fromEntries(rows.map((r) => [r.locale, pick(r)]));
  const structure = {
    categories: categories.map((c) => {
      const tr = categoryTr.filter((t) => t.category_id === c.id);
      return {
        key: c.key,
        position: c.position,
        title: byLocale(tr, (t) => t.title),
        description: byLocale(tr, (t) => t.description),
        sections: sections
          .filter((s) => s.category_id === c.id)
          .map((s) => {
            const str = sectionTr.filter((t) => t.section_id === s.id);
            return { key: s.key, position: s.position, title: byLocale(str, (t) => t.title), description: byLocale(str, (t) => t.description) };
          }),
      };
    }),
  };
  await mkdir(join(dir, 'articles'), { recursive: true });
  await writeFile(join(dir, 'structure.json'), `${JSON.stringify(structure, null, 2)}\n`);
  const rows = await db
    .selectFrom('article_translations as t')
    .innerJoin('articles as a', 'a.id', 't.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug', 'a.position', 'a.promoted', 's.key as section', 't.locale', 't.title', 't.labels', 't.status', 't.body_md'])
    .orderBy('a.slug')
    .orderBy('t.locale')
    .execute();
  let done = 0;
  for (const row of rows) {
    const front = {
      slug: row.slug,
      title: row.title,
      section: row.section,
      labels: JSON.parse(row.labels) as string[],
      position: row.position,
      promoted: row.promoted === 1,
      ...(row.status === 'draft' ? { draft: true } : {}),
    };
    await writeFile(join(dir, 'articles', `${row.slug}.${row.locale}.md`), matter.stringify(`${row.body_md}\n`, front));
    onProgress?.({ phase: 'articles', done: ++done, total: rows.length });
  }
  return { files: rows.length };
}
