import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { otherLocale } from '../helpcenter/helpcenter.service.js';
import { articlePath, hcPath, layout, withQuery, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { html, trusted, type HtmlValue, type SafeHtml } from '../helpcenter/html.js';
import type { ApiErrorDecoder, DecodeResult, DecodedItem, ToolId } from './api-errors.js';
import { API_SIGN_JS_PATH } from './api-sign.script.js';
import { API_TOOLS_CSS_PATH } from './api-tools.css.js';
import './api-tools.messages.js';
import { METHOD_GROUPS, TIER_IDS, TIERS, type ScriptIssue, type Simulation, type TierId } from './rate-limit.js';

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `apiTools.${key}`, params);
/** "Label: " with the locale's colon. */
const label = (locale: Locale, key: string) => m(locale, 'common.labelled', { label: m(locale, key) });

type Chrome = Parameters<typeof layout>[1];

/** Longest `?q=` the decoder page accepts (URLs must stay well under common header limits). */
export const MAX_PAGE_QUERY = 4000;

/** The three tools and their paths. */
const TOOL_SEGMENTS: Record<ToolId, string> = { 'api-errors': 'api-errors', 'rate-limit': 'rate-limit', 'api-signature': 'api-signature' };
const TOOL_LABELS: Record<ToolId, string> = { 'api-errors': 'nav.decoder', 'rate-limit': 'nav.rateLimit', 'api-signature': 'nav.signature' };
export const toolPath = (locale: Locale, tool: ToolId) => hcPath(locale, 'tools', TOOL_SEGMENTS[tool]);
export const decoderQueryPath = (locale: Locale, q: string) => withQuery(toolPath(locale, 'api-errors'), { q });

/** Help Center article titles by slug, for the locale being rendered (missing slugs aren't linked). */
export type ArticleTitles = ReadonlyMap<string, string>;

function toolsNav(locale: Locale, active: ToolId): SafeHtml {
  return html`<nav class="tools-nav" aria-label="${m(locale, 'nav.label')}"><ul>${(Object.keys(TOOL_SEGMENTS) as ToolId[]).map(
    (tool) => html`<li><a href="${toolPath(locale, tool)}"${tool === active ? html` aria-current="page"` : ''}>${m(locale, TOOL_LABELS[tool])}</a></li>`,
  )}</ul></nav>`;
}

function page(site: SiteContext, locale: Locale, tool: ToolId, title: string, description: string, main: SafeHtml, options: { query?: Record<string, string>; noindex?: boolean } = {}): string {
  const alt = otherLocale(locale);
  const here = toolPath(locale, tool);
  const there = toolPath(alt, tool);
  const chrome: Chrome = {
    locale,
    title,
    description,
    alternates: { [locale]: here, [alt]: there },
    switchHref: options.query ? withQuery(there, options.query) : there,
    breadcrumbs: [{ label: title }],
    ...(tool === 'api-signature' ? { headerSearch: false } : {}),
    ...(options.noindex ? { noindex: true } : {}),
  };
  const body = html`<link rel="stylesheet" href="${API_TOOLS_CSS_PATH}">
<h1 id="page-title">${title}</h1>
${toolsNav(locale, tool)}
${main}`;
  return layout(site, chrome, body);
}

function articleList(locale: Locale, slugs: readonly string[], titles: ArticleTitles): HtmlValue {
  const known = slugs.filter((s) => titles.has(s));
  if (!known.length) return '';
  return html`<h4>${m(locale, 'common.articles')}</h4><ul>${known.map((slug) => html`<li><a href="${articlePath(locale, slug)}">${titles.get(slug)!}</a></li>`)}</ul>`;
}

function toolList(locale: Locale, tools: readonly ToolId[], current: ToolId): HtmlValue {
  const others = tools.filter((tool) => tool !== current);
  if (!others.length) return '';
  return html`<h4>${m(locale, 'common.tools')}</h4><ul>${others.map((tool) => html`<li><a href="${toolPath(locale, tool)}">${m(locale, TOOL_LABELS[tool])}</a></li>`)}</ul>`;
}

const codeLinks = (locale: Locale, codes: readonly string[]) =>
  codes.map((code, i) => html`${i ? ', ' : ''}<a href="${decoderQueryPath(locale, code)}"><code>${code}</code></a>`);

// ---------------------------------------------------------------------------------------------
// Decoder

export interface DecoderView {
  query: string;
  result: DecodeResult | null;
  titles: ArticleTitles;
  error?: string;
}

function decodedCard(locale: Locale, item: DecodedItem, index: number, titles: ArticleTitles): SafeHtml {
  const id = `item-${index + 1}`;
  const heading = item.code ? html`<code>${item.code}</code> — ${item.title}` : html`<code>${item.source}</code> — ${item.title}`;
  return html`<article class="card decoded" aria-labelledby="${id}-title" data-code="${item.code ?? ''}" data-match="${item.match}">
<h3 id="${id}-title">${heading}</h3>
<ul class="badges">
<li class="badge">${label(locale, 'decoder.category')}${item.category === 'HTTP' || item.category === 'unknown' ? item.categoryTitle : `${item.category} · ${item.categoryTitle}`}</li>
<li class="badge">${m(locale, `decoder.match.${item.match}`)}</li>
${item.fallback ? html`<li class="badge fallback">${m(locale, 'common.fallback')}</li>` : ''}
</ul>
${item.note ? html`<p class="note">${item.note}</p>` : ''}
<h4>${m(locale, 'decoder.meaning')}</h4>
<p>${item.meaning}</p>
${item.detail ? html`<p><strong>${label(locale, 'decoder.detail')}</strong><code>${item.detail}</code></p>` : ''}
<h4>${m(locale, 'decoder.causes')}</h4>
<ul>${item.causes.map((c) => html`<li>${c}</li>`)}</ul>
<h4>${m(locale, 'decoder.steps')}</h4>
<ol>${item.steps.map((s) => html`<li>${s}</li>`)}</ol>
${item.closest ? html`<p><strong>${label(locale, 'decoder.closest')}</strong>${codeLinks(locale, [item.closest])}</p>` : ''}
${item.alternatives.length ? html`<p><strong>${label(locale, 'decoder.alternatives')}</strong>${codeLinks(locale, item.alternatives)}</p>` : ''}
${item.related.length ? html`<p><strong>${label(locale, 'common.related')}</strong>${codeLinks(locale, item.related)}</p>` : ''}
${articleList(locale, item.articles, titles)}
${toolList(locale, item.tools, 'api-errors')}
</article>`;
}

const EXAMPLES = ['EAPI:Invalid nonce', 'EGeneral:Permission denied', '429', '{"error":["EAPI:Invalid key"],"result":{}}', 'EOrder:Insufficient funds'];

function catalogueIndex(locale: Locale, decoder: ApiErrorDecoder, site: SiteContext): SafeHtml {
  const listing = decoder.list(locale, site.brand);
  return html`<section aria-labelledby="catalogue-title">
<h2 id="catalogue-title">${m(locale, 'decoder.catalogueTitle')}</h2>
<p>${m(locale, 'decoder.catalogueIntro')}</p>
${listing.categories.map((category) => {
    const entries = listing.errors.filter((e) => e.category === category.id);
    if (!entries.length) return '';
    return html`<section aria-labelledby="cat-${category.id}">
<h3 id="cat-${category.id}">${category.id} — ${category.title}</h3>
<ul class="codes">${entries.map((e) => html`<li><a href="${decoderQueryPath(locale, e.code)}"><code>${e.code}</code></a> · ${e.title}</li>`)}</ul>
</section>`;
  })}
<section aria-labelledby="cat-http">
<h3 id="cat-http">${m(locale, 'decoder.httpTitle')}</h3>
<ul class="codes">${listing.http
    .filter((h) => h.status !== null)
    .map((h) => html`<li><a href="${decoderQueryPath(locale, String(h.status))}"><code>HTTP ${h.status}</code></a> · ${h.title}</li>`)}</ul>
</section>
</section>`;
}

export function decoderPage(site: SiteContext, locale: Locale, decoder: ApiErrorDecoder, view: DecoderView): string {
  const title = m(locale, 'decoder.title');
  const { result } = view;
  let results: HtmlValue = '';
  if (view.error) {
    results = html`<p class="problem" role="alert" id="q-error">${view.error}</p>`;
  } else if (result) {
    const shown = view.query.length > 80 ? `${view.query.slice(0, 80)}…` : view.query;
    results = html`<section aria-labelledby="results-title" class="results">
<h2 id="results-title">${m(locale, 'decoder.resultsFor', { input: shown })}</h2>
${result.items.length
    ? html`<p class="meta" role="status">${m(locale, 'decoder.found', { count: result.items.length })}${result.truncated ? html` ${m(locale, 'decoder.truncated', { count: result.items.length })}` : ''}</p>
${result.items.map((item, i) => decodedCard(locale, item, i, view.titles))}`
    : html`<p class="notice" role="status">${result.note ?? m(locale, 'decoder.nothing')}</p>`}
</section>`;
  }
  const main = html`<p>${m(locale, 'decoder.intro')}</p>
<form class="tool" method="get" action="${toolPath(locale, 'api-errors')}">
<label for="q">${m(locale, 'decoder.label')}</label>
<p class="hint" id="q-hint">${m(locale, 'decoder.hint')}</p>
<textarea id="q" name="q" rows="6" maxlength="${MAX_PAGE_QUERY}" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="q-hint${view.error ? ' q-error' : ''}"${view.error ? html` aria-invalid="true"` : ''}>${view.query}</textarea>
<div class="actions"><button type="submit">${m(locale, 'decoder.button')}</button></div>
</form>
<p class="meta">${m(locale, 'decoder.examples')} ${EXAMPLES.map((q, i) => html`${i ? ' · ' : ''}<a href="${decoderQueryPath(locale, q)}"><code>${q}</code></a>`)}</p>
${results}
${result || view.error ? '' : catalogueIndex(locale, decoder, site)}`;
  return page(site, locale, 'api-errors', title, m(locale, 'decoder.description'), main, {
    ...(view.query ? { query: { q: view.query }, noindex: true } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Rate-limit calculator

export interface RateLimitView {
  tier: TierId;
  start: string;
  calls: string;
  simulation: Simulation | null;
  issues: string[];
}

export const RATE_LIMIT_EXAMPLE = 'Balance x16\n3.1 Balance';

const num = (locale: Locale, value: number) => new Intl.NumberFormat(locale === 'zh-cn' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 }).format(value);
const waitText = (locale: Locale, seconds: number) => (seconds > 0 ? m(locale, 'rateLimit.inSeconds', { value: num(locale, seconds) }) : m(locale, 'rateLimit.immediately'));

function simulationResult(locale: Locale, sim: Simulation): SafeHtml {
  const total = sim.calls.length;
  return html`<section aria-labelledby="summary-title" class="results">
<h2 id="summary-title">${m(locale, 'rateLimit.summaryTitle')}</h2>
<p class="${sim.rejected ? 'problem' : 'notice'}" role="status" id="rate-summary">${sim.rejected ? m(locale, 'rateLimit.summary', { accepted: sim.accepted, rejected: sim.rejected, total }) : m(locale, 'rateLimit.summaryNone', { total })}</p>
<ul>
<li>${m(locale, 'rateLimit.final', { counter: num(locale, sim.finalCounter), max: sim.tier.max })}</li>
<li id="rate-next">${m(locale, 'rateLimit.nextCall', { cost1: waitText(locale, sim.nextCall.cost1), cost2: waitText(locale, sim.nextCall.cost2) })}</li>
<li>${m(locale, 'rateLimit.empty', { value: num(locale, sim.emptyAfterSeconds) })}</li>
</ul>
<div class="table-wrap"><table class="data" id="rate-table">
<caption>${m(locale, 'rateLimit.table.caption')}</caption>
<thead><tr>
<th scope="col">${m(locale, 'rateLimit.table.index')}</th><th scope="col">${m(locale, 'rateLimit.table.at')}</th><th scope="col">${m(locale, 'rateLimit.table.method')}</th>
<th scope="col">${m(locale, 'rateLimit.table.cost')}</th><th scope="col">${m(locale, 'rateLimit.table.before')}</th><th scope="col">${m(locale, 'rateLimit.table.result')}</th>
<th scope="col">${m(locale, 'rateLimit.table.after')}</th><th scope="col">${m(locale, 'rateLimit.table.wait')}</th>
</tr></thead>
<tbody>${sim.calls.map(
    (c) => html`<tr class="${c.accepted ? 'accepted' : 'rejected'}" data-accepted="${c.accepted ? '1' : '0'}">
<td class="num">${c.index}</td><td class="num">${num(locale, c.at)}</td>
<td><code>${c.method}</code>${c.known ? '' : html` <span class="meta">(${m(locale, 'rateLimit.unknownMethod')})</span>`}</td>
<td class="num">${c.counted ? c.cost : '–'}</td><td class="num">${num(locale, c.counterBefore)}</td>
<td>${c.counted ? (c.accepted ? html`<span class="ok">${m(locale, 'rateLimit.accepted')}</span>` : html`<span class="bad">${m(locale, 'rateLimit.rejected', { error: c.error })}</span>`) : m(locale, 'rateLimit.notCounted', { kind: m(locale, `rateLimit.kinds.${c.kind}`) })}</td>
<td class="num">${num(locale, c.counterAfter)}</td><td class="num">${c.counted ? waitText(locale, c.waitSeconds) : '–'}</td>
</tr>`,
  )}</tbody>
</table></div>
</section>`;
}

export function rateLimitPage(site: SiteContext, locale: Locale, view: RateLimitView): string {
  const title = m(locale, 'rateLimit.title');
  const example = withQuery(toolPath(locale, 'rate-limit'), { tier: 'starter', calls: RATE_LIMIT_EXAMPLE });
  const main = html`<p>${m(locale, 'rateLimit.intro')}</p>
<section aria-labelledby="model-title">
<h2 id="model-title">${m(locale, 'rateLimit.modelTitle')}</h2>
<ul>
<li>${m(locale, 'rateLimit.model.start')}</li>
<li>${m(locale, 'rateLimit.model.cost', { history: METHOD_GROUPS.history.join(', ') })}</li>
<li>${m(locale, 'rateLimit.model.notCounted', { trading: METHOD_GROUPS.trading.join(', ') })}</li>
<li>${m(locale, 'rateLimit.model.decay')}</li>
<li>${m(locale, 'rateLimit.model.reject')}</li>
<li>${m(locale, 'rateLimit.model.unknown')}</li>
</ul>
<div class="table-wrap"><table class="data">
<caption>${m(locale, 'rateLimit.tiersTitle')}</caption>
<thead><tr><th scope="col">${m(locale, 'rateLimit.tierColumn')}</th><th scope="col">${m(locale, 'rateLimit.maxColumn')}</th><th scope="col">${m(locale, 'rateLimit.decayColumn')}</th></tr></thead>
<tbody>${TIER_IDS.map((id) => html`<tr><th scope="row">${m(locale, `rateLimit.tiers.${id}`)}</th><td class="num">${TIERS[id].max}</td><td>${m(locale, 'rateLimit.decayValue', { value: num(locale, TIERS[id].decayPerSecond) })}</td></tr>`)}</tbody>
</table></div>
</section>
<section aria-labelledby="form-title">
<h2 id="form-title">${m(locale, 'rateLimit.formTitle')}</h2>
${view.issues.length
    ? html`<div class="errors" role="alert" id="rate-errors"><p><strong>${m(locale, 'errors.script.summary')}</strong></p><ul>${view.issues.map((i) => html`<li>${i}</li>`)}</ul></div>`
    : ''}
<form class="tool" method="get" action="${toolPath(locale, 'rate-limit')}">
<label for="rate-tier">${m(locale, 'rateLimit.tier')}</label>
<select id="rate-tier" name="tier">${TIER_IDS.map((id) => html`<option value="${id}"${id === view.tier ? html` selected` : ''}>${m(locale, `rateLimit.tiers.${id}`)} (${TIERS[id].max} / ${num(locale, TIERS[id].decayPerSecond)})</option>`)}</select>
<label for="rate-start">${m(locale, 'rateLimit.start')}</label>
<p class="hint" id="rate-start-hint">${m(locale, 'rateLimit.startHint')}</p>
<input id="rate-start" name="start" type="number" min="0" max="20" step="any" inputmode="decimal" value="${view.start}" aria-describedby="rate-start-hint">
<label for="rate-calls">${m(locale, 'rateLimit.calls')}</label>
<p class="hint" id="rate-calls-hint">${m(locale, 'rateLimit.callsHint')}</p>
<textarea id="rate-calls" name="calls" rows="8" maxlength="4000" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="rate-calls-hint${view.issues.length ? ' rate-errors' : ''}"${view.issues.length ? html` aria-invalid="true"` : ''}>${view.calls}</textarea>
<div class="actions"><button type="submit">${m(locale, 'rateLimit.button')}</button></div>
</form>
<p class="meta"><a href="${example}">${m(locale, 'rateLimit.example')}</a></p>
</section>
${view.simulation ? simulationResult(locale, view.simulation) : ''}`;
  const query = view.simulation || view.issues.length ? { tier: view.tier, start: view.start, calls: view.calls } : undefined;
  return page(site, locale, 'rate-limit', title, m(locale, 'rateLimit.description'), main, query ? { query, noindex: true } : {});
}

// ---------------------------------------------------------------------------------------------
// API-Sign self-check

/** The published example from the exchange's REST authentication guide (a demonstration key). */
export const SIGNATURE_EXAMPLE = {
  path: '/0/private/AddOrder',
  nonce: '1616492376594',
  body: 'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25',
  secret: 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==',
  signature: '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
};

/** JSON for a `<script type="application/json">` block: `<`, `>` and `&` are escaped so no tag can end it. */
function jsonBlock(value: unknown): SafeHtml {
  return trusted(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}

export function signaturePage(site: SiteContext, locale: Locale): string {
  const title = m(locale, 'signature.title');
  const s = (key: string) => m(locale, `signature.${key}`);
  const strings = {
    match: s('match'),
    mismatch: s('mismatch'),
    errors: Object.fromEntries(['noCrypto', 'secretMissing', 'secretInvalid', 'pathMissing', 'failed'].map((k) => [k, s(`errors.${k}`)])),
    warnings: Object.fromEntries(['pathSlash', 'pathHost', 'pathQuery', 'trimmed', 'bodySpace', 'nonceMismatch', 'nonceMissing', 'base64url'].map((k) => [k, s(`warnings.${k}`)])),
  };
  const field = (id: string, label: string, hint: string, control: SafeHtml) => html`<label for="${id}">${label}</label>
<p class="hint" id="${id}-hint">${hint}</p>
${control}`;
  const main = html`<p>${s('intro')}</p>
<div class="warning" role="note"><strong class="title">${s('privacyTitle')}</strong><p>${s('privacy')}</p></div>
<noscript><p class="problem">${s('noscript')}</p></noscript>
<form class="tool" id="api-sign-form" autocomplete="off" novalidate>
<fieldset disabled>
<legend class="vh">${title}</legend>
${field('sign-path', s('path'), s('pathHint'), html`<input id="sign-path" class="mono" type="text" spellcheck="false" autocapitalize="off" autocomplete="off" placeholder="/0/private/Balance" aria-describedby="sign-path-hint">`)}
${field('sign-nonce', s('nonce'), s('nonceHint'), html`<input id="sign-nonce" class="mono" type="text" inputmode="numeric" spellcheck="false" autocomplete="off" aria-describedby="sign-nonce-hint">`)}
${field('sign-body', s('body'), s('bodyHint'), html`<textarea id="sign-body" rows="4" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="sign-body-hint"></textarea>`)}
${field('sign-secret', s('secret'), s('secretHint'), html`<input id="sign-secret" class="mono" type="password" spellcheck="false" autocapitalize="off" autocomplete="off" data-lpignore="true" data-1p-ignore aria-describedby="sign-secret-hint">`)}
${field('sign-expected', s('expected'), s('expectedHint'), html`<input id="sign-expected" class="mono" type="text" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="sign-expected-hint">`)}
<div class="actions">
<button type="submit" id="sign-compute">${s('compute')}</button>
<button type="button" class="secondary" id="sign-example">${s('example')}</button>
<button type="button" class="secondary" id="sign-clear">${s('clear')}</button>
</div>
</fieldset>
</form>
<p class="problem" id="sign-error" role="alert" hidden></p>
<section id="sign-result" aria-labelledby="sign-result-title" hidden>
<h2 id="sign-result-title">${s('resultTitle')}</h2>
<h3>${s('signature')}</h3>
<output id="sign-value" class="signature" tabindex="-1" aria-live="polite"></output>
<p id="sign-compare" role="status"></p>
<div id="sign-hints" hidden><h3>${s('hints.title')}</h3><ul>
<li>${s('hints.path')}</li><li>${s('hints.body')}</li><li>${s('hints.nonce')}</li><li>${s('hints.secret')}</li>
</ul></div>
<ul id="sign-warnings" hidden></ul>
<h3>${s('digest')}</h3>
<output id="sign-digest" class="signature"></output>
</section>
<script type="application/json" id="api-sign-data">${jsonBlock({ strings, example: SIGNATURE_EXAMPLE })}</script>
<script type="module" src="${API_SIGN_JS_PATH}"></script>`;
  return page(site, locale, 'api-signature', title, s('description'), main);
}
