import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';
import type { Locale, SearchDocument } from '../../src/server/modules/search/index.js';
import { ROOT } from './paths.js';

export const ARTICLES_DIR = join(ROOT, 'content', 'articles');
export const STRUCTURE_FILE = join(ROOT, 'content', 'structure.json');

/** Demo brand used to fill `{{brand.x}}` placeholders. */
export const DEMO_BRAND: Record<string, string> = {
  name: 'Lanternfish Exchange',
  website: 'https://lanternfish.example',
  helpCenterUrl: 'https://help.lanternfish.example',
  requestUrl: 'https://help.lanternfish.example/requests/new',
  statusUrl: 'https://status.lanternfish.example',
  supportEmail: 'support@lanternfish.example',
  officialDomains: 'lanternfish.example, help.lanternfish.example',
  'social.x': 'https://x.com/lanternfish',
  'social.reddit': 'https://reddit.com/r/lanternfish',
};

export interface Article {
  slug: string;
  locale: Locale;
  title: string;
  section: string;
  category: string;
  labels: string[];
  body: string;
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function fillBrand(text: string, brand: Record<string, string> = DEMO_BRAND): string {
  return text.replace(/\{\{\s*brand\.([a-zA-Z.]+)\s*\}\}/g, (whole, key: string) => brand[key] ?? whole);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Markdown → plain text (block breaks become newlines). */
export function markdownToPlainText(md: string): string {
  return markdown
    .render(md)
    .replace(/<\/(p|li|h\d|tr|pre|blockquote|td|th)>/g, '$&\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** section key → category key, from content/structure.json. */
export function loadSectionCategories(): Map<string, string> {
  const map = new Map<string, string>();
  if (!existsSync(STRUCTURE_FILE)) return map;
  const structure = JSON.parse(readFileSync(STRUCTURE_FILE, 'utf8')) as {
    categories: { key: string; sections: { key: string }[] }[];
  };
  for (const c of structure.categories) for (const s of c.sections) map.set(s.key, c.key);
  return map;
}

/** Parses `content/articles/<slug>.<locale>.md` files. */
export function loadArticles(dir = ARTICLES_DIR): Article[] {
  if (!existsSync(dir)) return [];
  const categories = loadSectionCategories();
  const out: Article[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^(.+)\.(zh-cn|en-us)\.md$/.exec(file);
    if (!m) continue;
    const parsed = matter(readFileSync(join(dir, file), 'utf8'));
    const data = parsed.data as { slug?: string; title?: string; section?: string; labels?: unknown };
    const slug = data.slug ?? m[1]!;
    const section = data.section ?? '';
    out.push({
      slug,
      locale: m[2] as Locale,
      title: fillBrand(String(data.title ?? slug)),
      section,
      category: categories.get(section) ?? '',
      labels: Array.isArray(data.labels) ? data.labels.map((l) => fillBrand(String(l))) : [],
      body: markdownToPlainText(fillBrand(parsed.content)),
    });
  }
  return out;
}

export function toSearchDocument(a: Article): SearchDocument {
  return {
    id: `${a.slug}:${a.locale}`,
    locale: a.locale,
    title: a.title,
    labels: a.labels,
    body: a.body,
    sectionId: a.section,
    categoryId: a.category,
  };
}
