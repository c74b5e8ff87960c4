import type { BrandConfig } from '../../config.js';
import type { Locale } from '../../../shared/locales.js';
import { html } from '../helpcenter/html.js';
import { noticeBodyHtml, noticeHref, sm, statusFeedPath, statusPagePath } from './status.banner.js';
import { noticeState } from './status.policy.js';
import type { Notice } from './status.queries.js';

/** Characters XML 1.0 does not allow at all (control characters other than tab and newlines, U+FFFE/U+FFFF, lone surrogates). */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for XML content or a double/single-quoted attribute. */
export function xmlEscape(value: string): string {
  return value.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

interface Entry {
  id: string;
  title: string;
  updated: string;
  published: string;
  link: string;
  category: string;
  html: string;
}

export interface FeedInput {
  locale: Locale;
  brand: BrandConfig;
  publicUrl: string;
  notices: readonly Notice[];
  now: number;
}

/**
 * Atom 1.0 feed of a locale's status page: one entry per notice (its body) and one per update,
 * newest first. Entry ids are the permanent URLs of the notice or update on the status page.
 */
export function atomFeed({ locale, brand, publicUrl, notices, now }: FeedInput): string {
  const page = `${publicUrl}${statusPagePath(locale)}`;
  const entries: Entry[] = [];
  for (const n of notices) {
    const kind = sm(locale, `kind.${n.kind}`);
    const state = noticeState(n, now);
    const link = `${publicUrl}${noticeHref(locale, n.id)}`;
    entries.push({
      id: link,
      title: `${kind}: ${n.title[locale]} (${sm(locale, `state.${state}`)})`,
      updated: n.updated_at,
      published: n.created_at,
      link,
      category: state,
      html: html`<p><strong>${sm(locale, `impact.${n.impact}`)}</strong></p>${noticeBodyHtml(n.body[locale], brand, locale)}`.value,
    });
    for (const u of n.updates) {
      const label = sm(locale, u.kind === 'resolved' ? 'page.resolvedUpdate' : 'page.update');
      entries.push({
        id: `${page}#update-${u.id}`,
        title: `${label}: ${n.title[locale]}`,
        updated: u.created_at,
        published: u.created_at,
        link,
        category: u.kind === 'resolved' ? 'resolved' : 'update',
        html: noticeBodyHtml(u.body[locale], brand, locale).value,
      });
    }
  }
  entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
  const updated = entries[0]?.updated ?? new Date(now).toISOString();
  const lang = locale === 'zh-cn' ? 'zh-CN' : 'en';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `<id>${xmlEscape(page)}</id>`,
    `<title>${xmlEscape(sm(locale, 'page.feedTitle', { brand: brand.name }))}</title>`,
    `<subtitle>${xmlEscape(sm(locale, 'page.description', { brand: brand.name }))}</subtitle>`,
    `<updated>${xmlEscape(updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(`${publicUrl}${statusFeedPath(locale)}`)}"/>`,
    `<link rel="alternate" type="text/html" hreflang="${lang}" href="${xmlEscape(page)}"/>`,
    `<author><name>${xmlEscape(brand.name)}</name><email>${xmlEscape(brand.supportEmail)}</email></author>`,
    '<generator>Pharos</generator>',
    ...entries.map((e) =>
      [
        '<entry>',
        `<id>${xmlEscape(e.id)}</id>`,
        `<title type="text">${xmlEscape(e.title)}</title>`,
        `<updated>${xmlEscape(e.updated)}</updated>`,
        `<published>${xmlEscape(e.published)}</published>`,
        `<link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>`,
        `<category term="${xmlEscape(e.category)}"/>`,
        `<content type="html">${xmlEscape(e.html)}</content>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}
