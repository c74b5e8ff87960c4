import type { Locale } from '../../../shared/locales.js';
import { otherLocale } from '../helpcenter/helpcenter.service.js';
import { layout, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { html, safeHref, type SafeHtml } from '../helpcenter/html.js';
import { kindTag, noticeAnchor, noticeBodyHtml, phraseWithTime, severityClass, sm, statusFeedPath, statusPagePath, stylesheetLink, timeTag } from './status.banner.js';
import { noticeEndedAt, noticeState, type SystemStatus } from './status.policy.js';
import type { Notice } from './status.queries.js';

export interface StatusPageData {
  now: number;
  system: SystemStatus;
  active: readonly Notice[];
  upcoming: readonly Notice[];
  resolved: readonly Notice[];
  resolvedDays: number;
  typeName: (key: string) => string;
  networkName: (id: string) => string;
}

function affected(locale: Locale, n: Notice, data: StatusPageData): SafeHtml {
  const parts: Array<[string, string[]]> = [
    ['page.types', n.request_types.map(data.typeName)],
    ['page.assets', n.assets],
    ['page.networks', n.networks.map(data.networkName)],
  ];
  const given = parts.filter(([, values]) => values.length);
  const sep = locale === 'zh-cn' ? '、' : ', ';
  if (!given.length) return html`${sm(locale, 'page.allServices')}`;
  return html`${given.map(([key, values], i) => html`${i ? ' · ' : ''}${sm(locale, key)}: ${values.join(sep)}`)}`;
}

function noticeCard(locale: Locale, n: Notice, data: StatusPageData, brand: SiteContext['brand']): SafeHtml {
  const state = noticeState(n, data.now);
  const ended = state === 'resolved' ? noticeEndedAt(n) : null;
  const updates = [...n.updates].reverse();
  return html`<article class="notice-card st-${state} ${severityClass(n.impact)}" id="${noticeAnchor(n.id)}" aria-labelledby="${noticeAnchor(n.id)}-title" data-state="${state}">
<p>${kindTag(locale, n.kind)}<span class="tag st-${state}">${sm(locale, `state.${state}`)}</span></p>
<h3 id="${noticeAnchor(n.id)}-title">${n.title[locale]}</h3>
<dl>
<dt>${sm(locale, 'page.affects')}</dt><dd>${affected(locale, n, data)}</dd>
<dt>${sm(locale, state === 'scheduled' ? 'page.starts' : 'page.started')}</dt><dd>${timeTag(locale, n.starts_at)}</dd>
${ended ? html`<dt>${sm(locale, 'page.ended')}</dt><dd>${timeTag(locale, ended)}</dd>` : n.ends_at ? html`<dt>${sm(locale, 'page.ends')}</dt><dd>${timeTag(locale, n.ends_at)}</dd>` : ''}
</dl>
<p><strong>${sm(locale, `impact.${n.impact}`)}</strong></p>
<div class="body">${noticeBodyHtml(n.body[locale], brand, locale)}</div>
${updates.length
    ? html`<h4 class="vh">${sm(locale, 'page.updates')}</h4><ol class="timeline" aria-label="${sm(locale, 'page.updates')}">${updates.map(
        (u) => html`<li id="update-${u.id}" data-update-kind="${u.kind}"><span class="meta">${sm(locale, u.kind === 'resolved' ? 'page.resolvedUpdate' : 'page.update')} · ${timeTag(locale, u.created_at)}</span>${noticeBodyHtml(u.body[locale], brand, locale)}</li>`,
      )}</ol>`
    : ''}
</article>`;
}

/** `/hc/:locale/status`: overall status, notices happening now, scheduled maintenance and recently resolved, each with its timeline. */
export function statusPage(site: SiteContext, locale: Locale, data: StatusPageData): string {
  const alt = otherLocale(locale);
  const title = sm(locale, 'page.title');
  const section = (id: string, heading: string, notices: readonly Notice[], empty: string) => html`<section aria-labelledby="${id}">
<h2 id="${id}">${heading}</h2>
${notices.length ? notices.map((n) => noticeCard(locale, n, data, site.brand)) : html`<p>${empty}</p>`}
</section>`;
  const main = html`${stylesheetLink()}
<h1 id="page-title">${title}</h1>
<div class="system-status s-${data.system}" role="status" data-system-status="${data.system}">
<p>${sm(locale, `system.${data.system}`)}</p>
<p class="meta">${phraseWithTime(locale, 'page.asOf', new Date(data.now).toISOString())}</p>
</div>
${section('status-active', sm(locale, 'page.active'), data.active, sm(locale, 'page.noneActive'))}
${section('status-upcoming', sm(locale, 'page.upcoming'), data.upcoming, sm(locale, 'page.noneUpcoming'))}
${section('status-resolved', sm(locale, 'page.resolved'), data.resolved, sm(locale, 'page.noneResolved', { days: data.resolvedDays }))}
<p class="feed-link"><a href="${statusFeedPath(locale)}" type="application/atom+xml">${sm(locale, 'page.feed')}</a></p>
<p><a href="${safeHref(site.brand.requestUrl)}">${sm(locale, 'page.submitRequest')}</a></p>`;
  return layout(
    site,
    {
      locale,
      title,
      description: sm(locale, 'page.description', { brand: site.brand.name }),
      alternates: { [locale]: statusPagePath(locale), [alt]: statusPagePath(alt) },
      switchHref: statusPagePath(alt),
      breadcrumbs: [{ label: title }],
    },
    main,
  );
}
