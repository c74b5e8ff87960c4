import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { html, safeHref, type HtmlValue, type SafeHtml } from '../helpcenter/html.js';
import { articlePath, hcPath, layout, withQuery, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { CHANNELS_CSS_PATH } from './channels.css.js';
import { presentChannel, staffNeverWarnings, type PublicChannel, type PublicVerdict } from './channels.presenter.js';
import { MAX_INPUT_LENGTH, type OfficialChannel } from './verify.js';

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `channels.${key}`, params);
const otherLocale = (locale: Locale): Locale => (locale === 'zh-cn' ? 'en-us' : 'zh-cn');

export const channelsPath = (locale: Locale) => hcPath(locale, 'official-channels');

const ICONS: Record<PublicVerdict['verdict'], string> = { official: '✓', lookalike: '✕', not_official: '!', invalid: '?' };

function verdictPanel(locale: Locale, verdict: PublicVerdict): SafeHtml {
  const showNormalized = verdict.normalized && verdict.normalized !== verdict.input;
  const channel = verdict.channel;
  return html`<div class="verdict verdict-${verdict.verdict}" id="verdict" role="status" tabindex="-1" data-verdict="${verdict.verdict}">
<p class="verdict-title"><span class="verdict-icon" aria-hidden="true">${ICONS[verdict.verdict]}</span><span>${verdict.title}</span></p>
${verdict.input ? html`<p>${m(locale, 'page.youChecked')} <code>${verdict.input}</code></p>` : ''}
${showNormalized ? html`<p>${m(locale, 'page.readsAs')} <code>${verdict.normalized}</code></p>` : ''}
<p>${verdict.advice}</p>
${channel ? html`<p>${m(locale, verdict.verdict === 'official' ? 'page.matched' : 'page.imitates')} ${channelLink(channel)}</p>` : ''}
${verdict.reasons.length
    ? html`<h3>${m(locale, 'page.whyHeading')}</h3><ul class="reasons">${verdict.reasons.map((r) => html`<li class="level-${r.level}">${r.message}</li>`)}</ul>`
    : ''}
</div>`;
}

/** An official channel as a link (never the checked input: that may be hostile). */
function channelLink(channel: PublicChannel): SafeHtml {
  const text = channel.label ? `${channel.label}: ${channel.value}` : channel.value;
  return channel.url ? html`<a href="${safeHref(channel.url)}" rel="noopener noreferrer">${text}</a>` : html`<span class="value">${text}</span>`;
}

function officialList(site: SiteContext, locale: Locale, channels: OfficialChannel[]): SafeHtml {
  const of = (kind: OfficialChannel['kind']) => channels.filter((c) => c.kind === kind).map((c) => presentChannel(c, locale));
  const items = (list: PublicChannel[]): HtmlValue => html`<ul>${list.map((c) => html`<li>${channelLink(c)}</li>`)}</ul>`;
  const website = of('website');
  const social = [...of('x'), ...of('reddit'), ...of('telegram')];
  const apps = of('app');
  const websiteHost = website[0]?.value ?? site.brand.website;
  return html`<ul class="official-list">
<li><h3>${m(locale, 'page.website')}</h3>${items(website)}<p>${m(locale, 'page.websiteNote')}</p></li>
<li><h3>${m(locale, 'page.domains')}</h3>${items(of('domain'))}<p>${m(locale, 'page.domainsNote')}</p></li>
<li><h3>${m(locale, 'page.email')}</h3>${items(of('email'))}
<h3>${m(locale, 'page.senders')}</h3><ul>${[...of('email'), ...of('sender')].map((c) => html`<li><span class="value">${c.value}</span></li>`)}</ul><p>${m(locale, 'page.sendersNote')}</p></li>
<li><h3>${m(locale, 'page.social')}</h3><ul>${social.map((c) => html`<li>${c.name}: ${channelLink(c)}</li>`)}</ul>
${of('telegram').length ? '' : html`<p>${m(locale, 'page.noTelegram', { brand: site.brand.name })}</p>`}</li>
<li><h3>${m(locale, 'page.apps')}</h3>${apps.length ? html`${items(apps)}<p>${m(locale, 'page.appsNote')}</p>` : html`<p>${m(locale, 'page.appsNone', { website: websiteHost })}</p>`}</li>
</ul>`;
}

export interface ChannelsPageData {
  channels: OfficialChannel[];
  /** The raw `q` value (shown again in the box), when the form was submitted. */
  query: string | null;
  verdict: PublicVerdict | null;
}

export function officialChannelsPage(site: SiteContext, locale: Locale, data: ChannelsPageData): string {
  const alt = otherLocale(locale);
  const here = channelsPath(locale);
  const query = data.query ?? '';
  const main = html`<link rel="stylesheet" href="${CHANNELS_CSS_PATH}">
<div class="channels-page">
<h1 id="page-title">${m(locale, 'page.title')}</h1>
<p class="lead">${m(locale, 'page.intro', { brand: site.brand.name })}</p>
<section class="checker" aria-labelledby="check-title">
<h2 id="check-title">${m(locale, 'page.checkHeading')}</h2>
<form method="get" action="${here}#verdict">
<div class="field">
<label for="channel-q">${m(locale, 'page.checkLabel')}</label>
<p class="hint" id="channel-q-hint">${m(locale, 'page.checkHint')}</p>
<input id="channel-q" name="q" type="text" value="${query.slice(0, MAX_INPUT_LENGTH + 100)}" maxlength="${MAX_INPUT_LENGTH}" autocomplete="off" autocapitalize="none" spellcheck="false" aria-describedby="channel-q-hint">
</div>
<button type="submit">${m(locale, 'page.checkButton')}</button>
</form>
${data.verdict ? verdictPanel(locale, data.verdict) : ''}
</section>
<section aria-labelledby="list-title">
<h2 id="list-title">${m(locale, 'page.listHeading')}</h2>
${officialList(site, locale, data.channels)}
</section>
<section class="never" aria-labelledby="never-title">
<h2 id="never-title">${m(locale, 'page.warningsHeading')}</h2>
<ul>${staffNeverWarnings(locale).map((w) => html`<li>${w}</li>`)}</ul>
</section>
<section aria-labelledby="phrase-title">
<h2 id="phrase-title">${m(locale, 'page.phraseHeading')}</h2>
<p>${m(locale, 'page.phraseText')}</p>
<ul>
<li><a href="${hcPath(locale, 'account')}#anti-phishing-title">${m(locale, 'page.phraseAccount')}</a></li>
<li><a href="${articlePath(locale, 'anti-phishing-phrase')}">${m(locale, 'page.phraseArticle')}</a></li>
</ul>
</section>
<section aria-labelledby="report-title">
<h2 id="report-title">${m(locale, 'page.reportHeading')}</h2>
<p>${m(locale, 'page.reportText')}</p>
<p><a class="button" href="${safeHref(site.brand.requestUrl)}">${m(locale, 'page.reportButton')}</a></p>
</section>
</div>`;
  const params = data.query !== null ? { q: data.query.slice(0, MAX_INPUT_LENGTH) } : {};
  return layout(
    site,
    {
      locale,
      title: m(locale, 'page.title'),
      description: m(locale, 'page.description', { brand: site.brand.name }),
      alternates: data.query !== null ? {} : { [locale]: here, [alt]: channelsPath(alt) },
      switchHref: withQuery(channelsPath(alt), params),
      breadcrumbs: [{ label: m(locale, 'page.title') }],
      noindex: data.query !== null,
    },
    main,
  );
}
