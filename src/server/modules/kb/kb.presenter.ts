import type { BrandConfig } from '../../config.js';
import type { Locale } from '../../../shared/locales.js';
import type { ArticleRow } from './kb.queries.js';
import type { StructureCategory, StructureSection } from './kb.service.js';
import { fillBrand, renderArticleHtml } from './kb.render.js';

/** Presenters produce Zendesk Help Center JSON shapes (ids are Pharos text ids). */
export interface PresentContext {
  publicUrl: string;
  brand: BrandConfig;
}

export function presentCategory(ctx: PresentContext, row: { id: string; key: string; position: number; created_at: string; updated_at: string; title: string; description: string; locale: string }) {
  return {
    id: row.id,
    key: row.key,
    url: `${ctx.publicUrl}/api/v2/help_center/${row.locale}/categories/${row.id}`,
    html_url: `${ctx.publicUrl}/hc/${row.locale}/categories/${row.key}`,
    position: row.position,
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: fillBrand(row.title, ctx.brand),
    description: fillBrand(row.description, ctx.brand),
    locale: row.locale,
    source_locale: 'en-us',
    outdated: false,
  };
}

export function presentSection(ctx: PresentContext, row: { id: string; key: string; category_id: string; position: number; created_at: string; updated_at: string; title: string; description: string; locale: string }) {
  return {
    id: row.id,
    key: row.key,
    url: `${ctx.publicUrl}/api/v2/help_center/${row.locale}/sections/${row.id}`,
    html_url: `${ctx.publicUrl}/hc/${row.locale}/sections/${row.key}`,
    category_id: row.category_id,
    position: row.position,
    sorting: 'manual',
    created_at: row.created_at,
    updated_at: row.updated_at,
    name: fillBrand(row.title, ctx.brand),
    description: fillBrand(row.description, ctx.brand),
    locale: row.locale,
    source_locale: 'en-us',
    outdated: false,
    parent_section_id: null,
  };
}

export function articleHtmlUrl(ctx: PresentContext, locale: string, slug: string) {
  return `${ctx.publicUrl}/hc/${locale}/articles/${slug}`;
}

export function presentArticle(ctx: PresentContext, row: ArticleRow, options: { includeMarkdown?: boolean } = {}) {
  const title = fillBrand(row.title, ctx.brand);
  return {
    id: row.id,
    slug: row.slug,
    url: `${ctx.publicUrl}/api/v2/help_center/${row.locale}/articles/${row.id}`,
    html_url: articleHtmlUrl(ctx, row.locale, row.slug),
    author_id: null,
    comments_disabled: true,
    draft: row.status === 'draft',
    promoted: row.promoted === 1,
    position: row.position,
    vote_sum: Number(row.vote_sum),
    vote_count: Number(row.vote_count),
    section_id: row.section_id,
    category_id: row.category_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    edited_at: row.edited_at,
    name: title,
    title,
    source_locale: 'en-us',
    locale: row.locale,
    outdated: false,
    outdated_locales: [] as string[],
    label_names: JSON.parse(row.labels) as string[],
    revision: row.revision,
    body: renderArticleHtml(row.body_md, ctx.brand, row.locale as Locale),
    ...(options.includeMarkdown ? { body_markdown: row.body_md } : {}),
  };
}

export function paginationMeta(baseUrl: string, page: number, perPage: number, count: number, extra: Record<string, string> = {}) {
  const pageCount = Math.max(1, Math.ceil(count / perPage));
  const link = (p: number) => {
    const params = new URLSearchParams({ ...extra, page: String(p), per_page: String(perPage) });
    return `${baseUrl}?${params.toString()}`;
  };
  return {
    page,
    per_page: perPage,
    page_count: pageCount,
    count,
    next_page: page < pageCount ? link(page + 1) : null,
    previous_page: page > 1 ? link(page - 1) : null,
  };
}

/** Names by language as Zendesk translations (`title`, `body` = description) with the help-center link. */
function presentNames(ctx: PresentContext, kind: 'categories' | 'sections', key: string, names: StructureSection['translations']) {
  return names.map((n) => ({ locale: n.locale, title: n.title, body: n.description, html_url: `${ctx.publicUrl}/hc/${n.locale}/${kind}/${key}` }));
}

export function presentStructureSection(ctx: PresentContext, row: StructureSection) {
  return {
    id: row.id,
    key: row.key,
    category_id: row.category_id,
    position: row.position,
    article_count: row.article_count,
    translations: presentNames(ctx, 'sections', row.key, row.translations),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function presentStructureCategory(ctx: PresentContext, row: StructureCategory) {
  return {
    id: row.id,
    key: row.key,
    position: row.position,
    article_count: row.article_count,
    translations: presentNames(ctx, 'categories', row.key, row.translations),
    sections: row.sections.map((s) => presentStructureSection(ctx, s)),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
