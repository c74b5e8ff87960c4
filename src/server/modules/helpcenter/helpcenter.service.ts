import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Locale } from '../../../shared/locales.js';
import type { ArticleRow } from '../kb/kb.queries.js';
import type { KnowledgeBaseService } from '../kb/kb.service.js';

export type CategoryRow = Awaited<ReturnType<KnowledgeBaseService['category']>>;
export type SectionRow = Awaited<ReturnType<KnowledgeBaseService['section']>>;

export const SEARCH_PER_PAGE = 10;
export const SECTION_PER_PAGE = 20;
/** Articles listed under each section on a category page before "See all". */
export const CATEGORY_SECTION_PREVIEW = 6;
export const MAX_PAGE = 10_000;
export const MAX_QUERY_LENGTH = 200;
export const RELATED_COUNT = 5;

export const otherLocale = (locale: Locale): Locale => (locale === 'zh-cn' ? 'en-us' : 'zh-cn');

const orNull = <T>(promise: Promise<T>): Promise<T | null> =>
  promise.catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  });

const pageCountOf = (count: number, perPage: number) => Math.max(1, Math.ceil(count / perPage));

/** Anonymous voters are identified by a hash of address and user agent (same scheme as the API). */
export const voterKeyOf = (ip: string, userAgent: string | undefined) =>
  createHash('sha256').update(`${ip}|${userAgent ?? ''}`).digest('hex').slice(0, 40);

/**
 * Gathers what each help-center page shows. Reads go through KnowledgeBaseService only;
 * rendering lives in helpcenter.views.ts.
 */
export class HelpCenterPages {
  constructor(
    private readonly kb: KnowledgeBaseService,
    readonly config: Config,
  ) {}

  async home(locale: Locale) {
    const [categories, sections, popular] = await Promise.all([this.kb.categories(locale), this.kb.sections(locale), this.kb.popular(locale, 8)]);
    return {
      categories: categories.map((category) => ({ category, sections: sections.filter((s) => s.category_id === category.id) })),
      popular,
    };
  }

  async category(locale: Locale, key: string) {
    const category = await this.kb.category(locale, key);
    const [sections, articles, other] = await Promise.all([
      this.kb.sections(locale, category.id),
      this.kb.articles({ locale, categoryId: category.id }, { page: 1, perPage: 1000 }),
      orNull(this.kb.category(otherLocale(locale), category.id)),
    ]);
    return {
      category,
      sections: sections.map((section) => {
        const rows = articles.rows.filter((a) => a.section_id === section.id);
        return { section, articles: rows.slice(0, CATEGORY_SECTION_PREVIEW), count: rows.length };
      }),
      otherLocaleKey: other?.key ?? null,
    };
  }

  async section(locale: Locale, key: string, requestedPage: number, perPage: number) {
    const section = await this.kb.section(locale, key);
    const [category, other] = await Promise.all([orNull(this.kb.category(locale, section.category_id)), orNull(this.kb.section(otherLocale(locale), section.id))]);
    let page = requestedPage;
    let result = await this.kb.articles({ locale, sectionId: section.id }, { page, perPage });
    const pageCount = pageCountOf(result.count, perPage);
    if (page > pageCount) {
      page = pageCount;
      result = await this.kb.articles({ locale, sectionId: section.id }, { page, perPage });
    }
    return { section, category, articles: result.rows, count: result.count, page, pageCount, perPage, otherLocaleKey: other?.key ?? null };
  }

  async article(locale: Locale, slug: string, options: { recordView: boolean }) {
    const article = await this.kb.article(locale, slug);
    const [section, category, locales, related] = await Promise.all([
      orNull(this.kb.section(locale, article.section_id)),
      orNull(this.kb.category(locale, article.category_id)),
      this.kb.availableLocales(article.id),
      this.kb.related(article, RELATED_COUNT),
    ]);
    if (related.length < RELATED_COUNT) {
      // Top up with other articles of the same category so the block is rarely empty.
      const same = await this.kb.articles({ locale, categoryId: article.category_id }, { page: 1, perPage: RELATED_COUNT + related.length + 1 });
      for (const row of same.rows) {
        if (related.length >= RELATED_COUNT) break;
        if (row.id !== article.id && !related.some((r) => r.id === row.id)) related.push(row);
      }
    }
    if (options.recordView) await this.kb.recordView(article.id);
    return { article, section, category, locales, related };
  }

  async search(locale: Locale, rawQuery: string, requestedPage: number, perPage: number, categoryKey: string) {
    const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
    const [categories, sections] = await Promise.all([this.kb.categories(locale), this.kb.sections(locale)]);
    const selected = categoryKey ? (categories.find((c) => c.key === categoryKey || c.id === categoryKey) ?? null) : null;
    const empty = { query, categories, sections, selected, hits: [] as Awaited<ReturnType<KnowledgeBaseService['search']>>['hits'], count: 0, page: 1, pageCount: 1, perPage, facets: [] as Array<{ category: CategoryRow; count: number }>, total: 0 };
    if (!query) return empty;

    const run = (page: number) => this.kb.search(query, { locale, page, perPage, ...(selected ? { categoryId: selected.id } : {}) });
    let page = requestedPage;
    let result = await run(page);
    const pageCount = pageCountOf(result.count, perPage);
    if (page > pageCount) {
      page = pageCount;
      result = await run(page);
    }
    // Per-category counts for the filter links come straight from the in-memory index.
    const countIn = (categoryId?: string) =>
      this.kb.index.search(query, { locale, limit: 1, offset: 0, ...(categoryId ? { categoryId } : {}) }).total;
    const facets = categories.map((category) => ({ category, count: selected?.id === category.id ? result.count : countIn(category.id) })).filter((f) => f.count > 0);
    const total = selected ? countIn() : result.count;
    return { ...empty, hits: result.hits, count: result.count, page, pageCount, facets, total };
  }

  /** Records a vote on a published article in this locale; returns the canonical slug. */
  async vote(locale: Locale, slug: string, voterKey: string, value: 1 | -1) {
    const article = await this.kb.article(locale, slug);
    await this.kb.vote(article.id, locale, voterKey, value);
    return article.slug;
  }
}

export type HomeData = Awaited<ReturnType<HelpCenterPages['home']>>;
export type CategoryData = Awaited<ReturnType<HelpCenterPages['category']>>;
export type SectionData = Awaited<ReturnType<HelpCenterPages['section']>>;
export type ArticleData = Awaited<ReturnType<HelpCenterPages['article']>>;
export type SearchData = Awaited<ReturnType<HelpCenterPages['search']>>;
export type { ArticleRow };
