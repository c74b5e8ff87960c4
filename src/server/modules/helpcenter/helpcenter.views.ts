import sanitizeHtml from 'sanitize-html';
import type { BrandConfig } from '../../config.js';
import { t } from '../../i18n.js';
import { LOCALES, type Locale } from '../../../shared/locales.js';
import { fillBrand, renderArticleHtml } from '../kb/kb.render.js';
import { HELP_CENTER_CSS_PATH } from './helpcenter.css.js';
import './helpcenter.messages.js';
import {
  otherLocale,
  type ArticleData,
  type ArticleRow,
  type CategoryData,
  type HomeData,
  type SearchData,
  type SectionData,
} from './helpcenter.service.js';
import { escapeHtml, html, safeHref, trusted, type HtmlValue, type SafeHtml } from './html.js';
import { statusBanner, stylesheetLink as statusStylesheet } from '../status/status.banner.js';
import type { BoardNotice } from '../status/status.board.js';

// ---------------------------------------------------------------------------------------------
// Shared pieces

export interface SiteContext {
  brand: BrandConfig;
  /** Absolute base URL, for canonical and hreflang links only (navigation stays relative). */
  publicUrl: string;
  /** Scheduled and active status notices for the banner, read from an in-memory cache at render time. */
  statusNotices?: () => readonly BoardNotice[];
}

interface Crumb {
  label: string;
  href?: string;
}

interface Chrome {
  locale: Locale;
  /** Page title without the site name; omitted on the home page. */
  title?: string;
  description?: string;
  /** Path of this page in each locale where it exists (canonical + hreflang). */
  alternates: Partial<Record<Locale, string>>;
  /** Where the language switch leads (same page in the other locale, or its home). */
  switchHref: string;
  breadcrumbs?: Crumb[];
  /** The search bar under the header; pages with their own search form turn it off. */
  headerSearch?: boolean;
  /** Home page hero: heading + large search box. */
  hero?: boolean;
  noindex?: boolean;
}

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `hc.${key}`, params);

const htmlLang = (locale: Locale) => (locale === 'zh-cn' ? 'zh-CN' : 'en');
const hreflang = (locale: Locale) => (locale === 'zh-cn' ? 'zh-CN' : 'en-US');

/** Builds a help-center path; every dynamic segment is URL-encoded. */
export function hcPath(locale: Locale, ...segments: string[]): string {
  return ['/hc', locale, ...segments.map((s) => encodeURIComponent(s))].join('/');
}

export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export const articlePath = (locale: Locale, slug: string) => hcPath(locale, 'articles', slug);
export const categoryPath = (locale: Locale, key: string) => hcPath(locale, 'categories', key);
export const sectionPath = (locale: Locale, key: string) => hcPath(locale, 'sections', key);
export const searchPath = (locale: Locale) => hcPath(locale, 'search');

const xUrl = (handle: string) => `https://x.com/${encodeURIComponent(handle.replace(/^@/, ''))}`;
const redditUrl = (community: string) => `https://www.reddit.com/r/${encodeURIComponent(community.replace(/^\/?r\//, ''))}`;

/** Brand fields HTML-escaped, for filling placeholders inside markup that is already HTML. */
function escapedBrand(brand: BrandConfig): BrandConfig {
  return {
    ...brand,
    name: escapeHtml(brand.name),
    website: escapeHtml(brand.website),
    helpCenterUrl: escapeHtml(brand.helpCenterUrl),
    requestUrl: escapeHtml(brand.requestUrl),
    statusUrl: escapeHtml(brand.statusUrl),
    supportEmail: escapeHtml(brand.supportEmail),
    officialDomains: brand.officialDomains.map(escapeHtml),
    social: { x: escapeHtml(brand.social.x), reddit: escapeHtml(brand.social.reddit) },
  };
}

/** Search snippets arrive escaped with <mark>; re-sanitize anyway so nothing else can slip through. */
function markOnly(markup: string, brand: BrandConfig): SafeHtml {
  const clean = sanitizeHtml(markup, { allowedTags: ['mark'], allowedAttributes: {} });
  return trusted(fillBrand(clean, escapedBrand(brand)));
}

/** Article body: already sanitized by renderArticleHtml; inline alignment styles become classes (CSP has no 'unsafe-inline'). */
function articleBody(row: ArticleRow, brand: BrandConfig): SafeHtml {
  const body = renderArticleHtml(row.body_md, brand, row.locale as Locale).replace(/ style="text-align:\s*(left|right|center);?"/g, ' class="ta-$1"');
  return trusted(body);
}

function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'zh-cn' ? 'zh-CN' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

const titleOf = (row: { title: string }, brand: BrandConfig) => fillBrand(row.title, brand);

function searchForm(locale: Locale, options: { id: string; query?: string; categories?: Array<{ key: string; title: string }>; selected?: string; brand: BrandConfig }): SafeHtml {
  const { id } = options;
  const categorySelect = options.categories?.length
    ? html`<label class="vh" for="${id}-category">${m(locale, 'search.category')}</label>
<select id="${id}-category" name="category"><option value="">${m(locale, 'search.allCategories')}</option>${options.categories.map(
        (c) => html`<option value="${c.key}"${c.key === options.selected ? trusted(' selected') : ''}>${fillBrand(c.title, options.brand)}</option>`,
      )}</select>`
    : '';
  return html`<form class="search" role="search" action="${searchPath(locale)}" method="get" aria-label="${m(locale, 'search.label')}">
<label class="vh" for="${id}">${m(locale, 'search.label')}</label>
<input id="${id}" type="search" name="query" value="${options.query ?? ''}" placeholder="${m(locale, 'search.placeholder')}" maxlength="200" autocomplete="off" enterkeyhint="search">
${categorySelect}<button type="submit">${m(locale, 'search.button')}</button>
</form>`;
}

function scamWarning(locale: Locale, brand: BrandConfig): SafeHtml {
  return html`<div class="warning" role="note" aria-labelledby="scam-warning-title">
<strong class="title" id="scam-warning-title">${m(locale, 'warning.title')}</strong>
<p>${m(locale, 'warning.text')}</p>
<p>${m(locale, 'warning.domains')} ${brand.officialDomains.map((d, i) => html`${i ? ', ' : ''}<strong>${d}</strong>`)}</p>
</div>`;
}

function breadcrumbs(locale: Locale, crumbs: Crumb[]): SafeHtml {
  const all: Crumb[] = [{ label: m(locale, 'nav.home'), href: hcPath(locale) }, ...crumbs];
  return html`<nav class="crumbs" aria-label="${m(locale, 'nav.breadcrumb')}"><ol>${all.map((c, i) =>
    i === all.length - 1 || !c.href ? html`<li><span aria-current="page">${c.label}</span></li>` : html`<li><a href="${c.href}">${c.label}</a></li>`,
  )}</ol></nav>`;
}

function articleLinks(rows: ArticleRow[], brand: BrandConfig, className = 'list plain'): SafeHtml {
  return html`<ul class="${className}">${rows.map((a) => html`<li><a href="${articlePath(a.locale as Locale, a.slug)}">${titleOf(a, brand)}</a></li>`)}</ul>`;
}

function pager(locale: Locale, path: string, params: Record<string, string | number | undefined>, page: number, pageCount: number): HtmlValue {
  if (pageCount <= 1) return '';
  const link = (p: number) => withQuery(path, { ...params, page: p === 1 ? undefined : p });
  return html`<nav class="pager" aria-label="${m(locale, 'pagination.label')}">
${page > 1 ? html`<a rel="prev" href="${link(page - 1)}">← ${m(locale, 'pagination.previous')}</a>` : ''}
<span aria-current="page">${m(locale, 'pagination.pageOf', { page, pages: pageCount })}</span>
${page < pageCount ? html`<a rel="next" href="${link(page + 1)}">${m(locale, 'pagination.next')} →</a>` : ''}
</nav>`;
}

function footer(locale: Locale, brand: BrandConfig): SafeHtml {
  return html`<footer class="foot"><div class="wrap">
<ul>
<li><a href="${hcPath(locale)}">${m(locale, 'nav.home')}</a></li>
<li><a href="${hcPath(locale)}/requests/new">${m(locale, 'nav.submitRequest')}</a></li>
<li><a href="${hcPath(locale)}/requests">${m(locale, 'nav.myRequests')}</a></li>
<li><a href="${hcPath(locale)}/signin">${m(locale, 'nav.signIn')}</a></li>
<li><a href="${hcPath(locale, 'troubleshooters')}">${m(locale, 'nav.troubleshooters')}</a></li>
<li><a href="${hcPath(locale, 'official-channels')}">${m(locale, 'nav.officialChannels')}</a></li>
<li><a href="${safeHref(brand.statusUrl)}">${m(locale, 'nav.status')}</a></li>
<li><a href="${safeHref(`mailto:${brand.supportEmail}`)}">${brand.supportEmail}</a></li>
<li><a href="${xUrl(brand.social.x)}" rel="noopener noreferrer">${m(locale, 'contact.x')} ${brand.social.x}</a></li>
<li><a href="${redditUrl(brand.social.reddit)}" rel="noopener noreferrer">${m(locale, 'contact.reddit')} ${brand.social.reddit}</a></li>
</ul>
<p>${m(locale, 'footer.copyright', { year: new Date().getUTCFullYear(), brand: brand.name })} · ${m(locale, 'footer.poweredBy')}</p>
</div></footer>`;
}

/** The whole document around a page's main content. */
export function layout(site: SiteContext, chrome: Chrome, main: SafeHtml): string {
  const { locale } = chrome;
  const { brand } = site;
  const alt = otherLocale(locale);
  const siteTitle = m(locale, 'meta.siteTitle', { brand: brand.name });
  const canonical = chrome.alternates[locale];
  const abs = (path: string) => `${site.publicUrl}${path}`;
  const showHeaderSearch = (chrome.headerSearch ?? true) && !chrome.hero;
  const banner = statusBanner(locale, site.statusNotices?.() ?? []);
  const headerSearch = showHeaderSearch ? html`<div class="hero slim"><div class="wrap">${searchForm(locale, { id: 'hc-search', brand })}</div></div>` : '';
  const hero = chrome.hero
    ? html`<div class="hero"><div class="wrap"><h1 id="page-title">${m(locale, 'home.heading')}</h1>${searchForm(locale, { id: 'hc-search', brand })}</div></div>`
    : '';
  const doc = html`<!doctype html>
<html lang="${htmlLang(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${chrome.title ? `${chrome.title} – ${siteTitle}` : siteTitle}</title>
<meta name="description" content="${chrome.description ?? m(locale, 'meta.description', { brand: brand.name })}">
${chrome.noindex ? html`<meta name="robots" content="noindex">\n` : ''}<link rel="icon" href="data:,">
<link rel="stylesheet" href="${HELP_CENTER_CSS_PATH}">
${banner ? html`${statusStylesheet()}\n` : ''}${canonical ? html`<link rel="canonical" href="${abs(canonical)}">\n` : ''}${LOCALES.map((l) => {
    const path = chrome.alternates[l];
    return path ? html`<link rel="alternate" hreflang="${hreflang(l)}" href="${abs(path)}">\n` : '';
  })}</head>
<body>
<a class="skip" href="#main">${m(locale, 'nav.skip')}</a>
<header class="top">
<div class="wrap bar">
<a class="brand" href="${hcPath(locale)}">${brand.name} · ${m(locale, 'nav.home')}</a>
<nav aria-label="${m(locale, 'nav.main')}"><ul>
<li><a href="${hcPath(locale)}/requests/new">${m(locale, 'nav.submitRequest')}</a></li>
<li><a href="${hcPath(locale)}/requests">${m(locale, 'nav.myRequests')}</a></li>
<li><a href="${hcPath(locale)}/signin">${m(locale, 'nav.signIn')}</a></li>
<li><a href="${chrome.switchHref}" hreflang="${hreflang(alt)}" lang="${htmlLang(alt)}" title="${m(alt, 'lang.switchLabel')}" data-lang-switch="${alt}"><span class="vh" lang="${htmlLang(locale)}">${m(locale, 'nav.language')}: </span>${m(alt, 'lang.self')}</a></li>
</ul></nav>
</div>
${headerSearch}</header>
${banner}
<main id="main" tabindex="-1">
${hero}<div class="wrap">
${chrome.breadcrumbs ? breadcrumbs(locale, chrome.breadcrumbs) : ''}
${scamWarning(locale, brand)}
${main}
</div>
</main>
${footer(locale, brand)}
</body>
</html>
`;
  return doc.value;
}

// ---------------------------------------------------------------------------------------------
// Pages

export function homePage(site: SiteContext, locale: Locale, data: HomeData): string {
  const { brand } = site;
  const alt = otherLocale(locale);
  const main = html`<section aria-labelledby="categories-title">
<h2 id="categories-title">${m(locale, 'home.categories')}</h2>
<ul class="grid three">${data.categories.map(
    ({ category, sections }) => html`<li class="card">
<h3><a href="${categoryPath(locale, category.key)}">${fillBrand(category.title, brand)}</a></h3>
${category.description ? html`<p>${fillBrand(category.description, brand)}</p>` : ''}
${sections.length ? html`<ul>${sections.map((s) => html`<li><a href="${sectionPath(locale, s.key)}">${fillBrand(s.title, brand)}</a></li>`)}</ul>` : ''}
</li>`,
  )}</ul>
</section>
<section aria-labelledby="popular-title">
<h2 id="popular-title">${m(locale, 'home.popular')}</h2>
${data.popular.length ? articleLinks(data.popular, brand) : html`<p>${m(locale, 'home.noArticles')}</p>`}
</section>
${selfServiceTools(locale, brand)}
${contactChannels(locale, brand)}`;
  return layout(site, { locale, hero: true, alternates: { [locale]: hcPath(locale), [alt]: hcPath(alt) }, switchHref: hcPath(alt) }, main);
}

function selfServiceTools(locale: Locale, brand: BrandConfig): SafeHtml {
  const card = (href: string, title: string, text: string) => html`<li class="card"><h3><a href="${href}">${m(locale, title)}</a></h3><p>${m(locale, text, { brand: brand.name })}</p></li>`;
  return html`<section class="tools" aria-labelledby="tools-title">
<h2 id="tools-title">${m(locale, 'tools.heading')}</h2>
<ul class="grid three">
${card(hcPath(locale, 'troubleshooters'), 'tools.troubleshooters', 'tools.troubleshootersText')}
${card(hcPath(locale, 'tools', 'api-errors'), 'tools.apiErrors', 'tools.apiErrorsText')}
${card(hcPath(locale, 'official-channels'), 'tools.channels', 'tools.channelsText')}
${card(hcPath(locale, 'status'), 'tools.status', 'tools.statusText')}
</ul>
</section>`;
}

function contactChannels(locale: Locale, brand: BrandConfig): SafeHtml {
  return html`<section class="contact" aria-labelledby="contact-title">
<h2 id="contact-title">${m(locale, 'contact.heading')}</h2>
<ul class="grid three">
<li class="card"><h3><a href="${hcPath(locale)}">${m(locale, 'contact.helpCenter')}</a></h3><p>${m(locale, 'contact.helpCenterText')}</p></li>
<li class="card"><h3><a href="${safeHref(brand.requestUrl)}">${m(locale, 'contact.request')}</a></h3><p>${m(locale, 'contact.requestText')}</p></li>
<li class="card"><h3>${m(locale, 'contact.email')}</h3><p><a href="${safeHref(`mailto:${brand.supportEmail}`)}">${brand.supportEmail}</a></p><p>${m(locale, 'contact.emailText')}</p></li>
<li class="card"><h3>${m(locale, 'contact.social')}</h3><ul>
<li><a href="${xUrl(brand.social.x)}" rel="noopener noreferrer">${m(locale, 'contact.x')}: ${brand.social.x}</a></li>
<li><a href="${redditUrl(brand.social.reddit)}" rel="noopener noreferrer">${m(locale, 'contact.reddit')}: ${brand.social.reddit}</a></li>
</ul><p>${m(locale, 'contact.socialText')}</p></li>
<li class="card"><h3><a href="${safeHref(brand.statusUrl)}">${m(locale, 'contact.status')}</a></h3><p>${m(locale, 'contact.statusText')}</p></li>
</ul>
</section>`;
}

export function categoryPage(site: SiteContext, locale: Locale, data: CategoryData): string {
  const { brand } = site;
  const alt = otherLocale(locale);
  const title = fillBrand(data.category.title, brand);
  const main = html`<h1 id="page-title">${title}</h1>
${data.category.description ? html`<p class="meta">${fillBrand(data.category.description, brand)}</p>` : ''}
${data.sections.length
    ? html`<div class="grid">${data.sections.map(
        ({ section, articles, count }) => html`<section class="card" aria-labelledby="section-${section.key}">
<h2 id="section-${section.key}"><a href="${sectionPath(locale, section.key)}">${fillBrand(section.title, brand)}</a></h2>
${articles.length ? articleLinks(articles, brand) : html`<p>${m(locale, 'category.sectionEmpty')}</p>`}
${count > articles.length ? html`<p><a href="${sectionPath(locale, section.key)}">${m(locale, 'category.seeAll', { count })}</a></p>` : ''}
</section>`,
      )}</div>`
    : html`<p>${m(locale, 'category.empty')}</p>`}`;
  const here = categoryPath(locale, data.category.key);
  const there = data.otherLocaleKey ? categoryPath(alt, data.otherLocaleKey) : null;
  return layout(
    site,
    {
      locale,
      title,
      ...(data.category.description ? { description: fillBrand(data.category.description, brand) } : {}),
      alternates: { [locale]: here, ...(there ? { [alt]: there } : {}) },
      switchHref: there ?? hcPath(alt),
      breadcrumbs: [{ label: title }],
    },
    main,
  );
}

export function sectionPage(site: SiteContext, locale: Locale, data: SectionData): string {
  const { brand } = site;
  const alt = otherLocale(locale);
  const title = fillBrand(data.section.title, brand);
  const here = sectionPath(locale, data.section.key);
  const there = data.otherLocaleKey ? sectionPath(alt, data.otherLocaleKey) : null;
  const perPage = data.perPage;
  const main = html`<h1 id="page-title">${title}</h1>
${data.section.description ? html`<p class="meta">${fillBrand(data.section.description, brand)}</p>` : ''}
${data.articles.length ? articleLinks(data.articles, brand) : html`<p>${m(locale, 'section.empty')}</p>`}
${pager(locale, here, { per_page: perPage === 20 ? undefined : perPage }, data.page, data.pageCount)}`;
  const crumbs: Crumb[] = [];
  if (data.category) crumbs.push({ label: fillBrand(data.category.title, brand), href: categoryPath(locale, data.category.key) });
  crumbs.push({ label: title });
  const pageSuffix = data.page > 1 ? `?page=${data.page}` : '';
  return layout(
    site,
    {
      locale,
      title: data.page > 1 ? `${title} (${m(locale, 'pagination.page', { page: data.page })})` : title,
      alternates: { [locale]: here + pageSuffix, ...(there ? { [alt]: there } : {}) },
      switchHref: there ?? hcPath(alt),
      breadcrumbs: crumbs,
    },
    main,
  );
}

export function articlePage(site: SiteContext, locale: Locale, data: ArticleData, options: { voted: boolean }): string {
  const { brand } = site;
  const alt = otherLocale(locale);
  const { article } = data;
  const title = titleOf(article, brand);
  const labels = JSON.parse(article.labels) as string[];
  const voteCount = Number(article.vote_count);
  const voteSum = Number(article.vote_sum);
  const up = Math.round((voteCount + voteSum) / 2);
  const here = articlePath(locale, article.slug);
  const there = data.locales.includes(alt) ? articlePath(alt, article.slug) : null;
  const updated = article.edited_at || article.updated_at;
  const main = html`<div class="layout">
<article aria-labelledby="page-title">
<h1 id="page-title">${title}</h1>
<p class="meta">${m(locale, 'article.updated')} <time datetime="${updated}">${formatDate(locale, updated)}</time></p>
<div class="body">
${articleBody(article, brand)}
</div>
${labels.length
    ? html`<h2 class="vh">${m(locale, 'article.labels')}</h2><ul class="labels" aria-label="${m(locale, 'article.labels')}">${labels.map(
        (label) => html`<li><a href="${withQuery(searchPath(locale), { query: label })}">${label}</a></li>`,
      )}</ul>`
    : ''}
<section class="feedback" id="feedback" aria-labelledby="feedback-title">
<h2 id="feedback-title">${m(locale, 'article.helpful')}</h2>
${options.voted
    ? html`<p class="notice" role="status">${m(locale, 'article.thanks')}</p>`
    : html`<form method="post" action="${here}/vote"><fieldset>
<legend class="vh">${m(locale, 'article.helpful')}</legend>
<button type="submit" name="vote" value="up">${m(locale, 'article.yes')}</button>
<button type="submit" class="secondary" name="vote" value="down">${m(locale, 'article.no')}</button>
</fieldset></form>`}
${voteCount > 0 ? html`<p class="meta" data-votes="${voteSum}/${voteCount}">${m(locale, 'article.votes', { up, count: voteCount })}</p>` : ''}
<p>${m(locale, 'article.moreHelp')} <a href="${safeHref(brand.requestUrl)}">${m(locale, 'nav.submitRequest')}</a></p>
</section>
</article>
${data.related.length
    ? html`<section class="related" aria-labelledby="related-title"><h2 id="related-title">${m(locale, 'article.related')}</h2>${articleLinks(data.related, brand)}</section>`
    : ''}
</div>`;
  const crumbs: Crumb[] = [];
  if (data.category) crumbs.push({ label: fillBrand(data.category.title, brand), href: categoryPath(locale, data.category.key) });
  if (data.section) crumbs.push({ label: fillBrand(data.section.title, brand), href: sectionPath(locale, data.section.key) });
  crumbs.push({ label: title });
  return layout(
    site,
    {
      locale,
      title,
      alternates: { [locale]: here, ...(there ? { [alt]: there } : {}) },
      switchHref: there ?? hcPath(alt),
      breadcrumbs: crumbs,
    },
    main,
  );
}

export function searchPage(site: SiteContext, locale: Locale, data: SearchData): string {
  const { brand } = site;
  const alt = otherLocale(locale);
  const sectionsById = new Map(data.sections.map((s) => [s.id, s]));
  const categoriesById = new Map(data.categories.map((c) => [c.id, c]));
  const categoryKey = data.selected?.key;
  const heading = data.query ? m(locale, 'search.resultsFor', { query: data.query }) : m(locale, 'search.promptTitle');
  const form = searchForm(locale, {
    id: 'hc-search-page',
    query: data.query,
    categories: data.categories.map((c) => ({ key: c.key, title: c.title })),
    ...(categoryKey ? { selected: categoryKey } : {}),
    brand,
  });
  const path = searchPath(locale);
  const perPage = data.perPage === 10 ? undefined : data.perPage;
  const facets = data.facets.length
    ? html`<nav class="facets" aria-label="${m(locale, 'search.filterBy')}"><ul>
<li><a href="${withQuery(path, { query: data.query, per_page: perPage })}"${data.selected ? '' : trusted(' aria-current="true"')}>${m(locale, 'search.allCategories')} (${data.total})</a></li>
${data.facets.map(
        (f) => html`<li><a href="${withQuery(path, { query: data.query, category: f.category.key, per_page: perPage })}"${data.selected?.id === f.category.id ? trusted(' aria-current="true"') : ''}>${fillBrand(f.category.title, brand)} (${f.count})</a></li>`,
      )}
</ul></nav>`
    : '';
  let results: HtmlValue;
  if (!data.query) {
    results = html`<p>${m(locale, 'search.prompt', { example: m(locale, 'search.example') })}</p>`;
  } else if (data.count === 0) {
    results = html`<div class="empty" role="status">
<p><strong>${m(locale, 'search.emptyTitle', { query: data.query })}</strong></p>
<p>${m(locale, 'search.emptyHint')}</p>
<p>${m(locale, 'search.emptyAction')}</p>
<p><a class="button" href="${safeHref(brand.requestUrl)}">${m(locale, 'nav.submitRequest')}</a></p>
</div>
${data.selected && data.total > 0 ? facets : ''}`;
  } else {
    results = html`<p role="status" class="meta">${m(locale, 'search.count', { count: data.count })}</p>
${facets}
<ol class="plain" start="${(data.page - 1) * data.perPage + 1}">${data.hits.map((hit) => {
      const section = sectionsById.get(hit.article.section_id);
      const category = categoriesById.get(hit.article.category_id);
      return html`<li class="result">
<h2><a href="${articlePath(locale, hit.article.slug)}">${markOnly(hit.titleHtml, brand)}</a></h2>
<p>${markOnly(hit.snippet, brand)}</p>
${category || section ? html`<p class="meta">${[category ? fillBrand(category.title, brand) : null, section ? fillBrand(section.title, brand) : null].filter(Boolean).join(' › ')}</p>` : ''}
</li>`;
    })}</ol>
${pager(locale, path, { query: data.query, category: categoryKey, per_page: perPage }, data.page, data.pageCount)}`;
  }
  const main = html`<h1 id="page-title">${heading}</h1>
${form}
${results}`;
  const params = { query: data.query, category: categoryKey };
  return layout(
    site,
    {
      locale,
      title: data.query ? heading : m(locale, 'search.title'),
      alternates: { [locale]: withQuery(path, params), [alt]: withQuery(searchPath(alt), params) },
      switchHref: withQuery(searchPath(alt), params),
      breadcrumbs: [{ label: m(locale, 'search.title') }],
      headerSearch: false,
      noindex: true,
    },
    main,
  );
}

export type ErrorKind = 'not_found' | 'bad_request' | 'forbidden' | 'server';

export function errorPage(site: SiteContext, locale: Locale, kind: ErrorKind, detail: { text?: string; reference?: string } = {}): string {
  const alt = otherLocale(locale);
  const [title, text] =
    kind === 'not_found'
      ? [m(locale, 'error.notFoundTitle'), m(locale, 'error.notFoundText')]
      : kind === 'bad_request'
        ? [m(locale, 'error.badRequestTitle'), m(locale, 'error.badRequestText', { detail: detail.text ?? '' })]
        : kind === 'forbidden'
          ? [m(locale, 'error.forbiddenTitle'), m(locale, 'error.forbiddenText')]
          : [m(locale, 'error.serverTitle'), m(locale, 'error.serverText', { reference: detail.reference ?? '' })];
  const main = html`<h1 id="page-title">${title}</h1>
<p>${text}</p>
${searchForm(locale, { id: 'hc-search-error', brand: site.brand })}
<p><a href="${hcPath(locale)}">${m(locale, 'error.backHome')}</a></p>`;
  return layout(site, { locale, title, alternates: {}, switchHref: hcPath(alt), headerSearch: false, noindex: true }, main);
}
