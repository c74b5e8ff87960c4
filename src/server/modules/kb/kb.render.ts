import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { BrandConfig } from '../../config.js';
import type { Locale } from '../../../shared/locales.js';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const PLACEHOLDER = /\{\{\s*brand\.([a-zA-Z.]+)\s*\}\}/g;

/** Fills `{{brand.x}}` placeholders of bundled content from the deployment's brand config. */
export function fillBrand(text: string, brand: BrandConfig): string {
  return text.replace(PLACEHOLDER, (whole, path: string) => {
    switch (path) {
      case 'name': return brand.name;
      case 'website': return brand.website;
      case 'helpCenterUrl': return brand.helpCenterUrl;
      case 'requestUrl': return brand.requestUrl;
      case 'statusUrl': return brand.statusUrl;
      case 'supportEmail': return brand.supportEmail;
      case 'officialDomains': return brand.officialDomains.join(', ');
      case 'social.x': return brand.social.x;
      case 'social.reddit': return brand.social.reddit;
      default: return whole;
    }
  });
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 'img'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['style'], td: ['style'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  transformTags: {
    // h1 is the page title; demote content headings.
    h1: 'h2',
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer nofollow' } : attribs };
    },
  },
  allowedStyles: { '*': { 'text-align': [/^left$|^right$|^center$/] } },
};

/** Markdown → safe HTML. Relative `./slug` links become help-center article links in the same locale. */
export function renderArticleHtml(bodyMarkdown: string, brand: BrandConfig, locale: Locale, basePath = '/hc'): string {
  const filled = fillBrand(bodyMarkdown, brand);
  const html = markdown.render(filled).replace(/href="\.\/([a-z0-9-]+)"/g, (_m, slug: string) => `href="${basePath}/${locale}/articles/${slug}"`);
  return sanitizeHtml(html, sanitizeOptions);
}

/** Plain text of an article body for search indexing and snippets. */
export function markdownToText(bodyMarkdown: string, brand: BrandConfig): string {
  const html = markdown.render(fillBrand(bodyMarkdown, brand));
  return sanitizeHtml(html.replace(/<\/(p|li|h\d|tr|pre|blockquote)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
