/**
 * Server-rendered troubleshooter pages. Every step is a GET form that carries the answers so far
 * in hidden inputs, so the pages work without JavaScript; back, change and restart are links.
 */
import type { Locale } from '../../../shared/locales.js';
import { t } from '../../i18n.js';
import type { NetworkSummary } from '../chain-validation/index.js';
import { otherLocale } from '../helpcenter/helpcenter.service.js';
import { hcPath, layout, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { html, safeHref, trusted, type HtmlValue, type SafeHtml } from '../helpcenter/html.js';
import type { CheckRecord, CurrentInput, PrefilledRequest, WalkResult } from './engine.js';
import { filled, labelSeparator } from './engine.js';
import { maxLengthOf } from './inputs.js';
import type { InputNode, QuestionNode, Troubleshooter } from './model.js';
import { TROUBLESHOOTER_CSS_PATH } from './troubleshooters.css.js';
import './troubleshooters.messages.js';

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `troubleshooters.${key}`, params);

export const listPath = (locale: Locale) => hcPath(locale, 'troubleshooters');
export const treePath = (locale: Locale, key: string) => hcPath(locale, 'troubleshooters', key);

const stylesheet = html`<link rel="stylesheet" href="${TROUBLESHOOTER_CSS_PATH}">`;

/** Plain text with blank lines as paragraph breaks. */
const paragraphs = (text: string, className?: string) => text.split(/\n{2,}/).map((p) => (className ? html`<p class="${className}">${p}</p>` : html`<p>${p}</p>`));

export function listPage(site: SiteContext, locale: Locale, trees: readonly Troubleshooter[]): string {
  const alt = otherLocale(locale);
  const ctx = { locale, brand: site.brand };
  const main = html`${stylesheet}<div class="ts">
<h1 id="page-title">${m(locale, 'list.title')}</h1>
<p>${m(locale, 'list.intro')}</p>
${
  trees.length
    ? html`<ul class="ts-list">${trees.map((tree) => {
        const title = filled(tree.title, ctx);
        return html`<li><a href="${treePath(locale, tree.key)}" data-troubleshooter="${tree.key}" aria-label="${m(locale, 'list.start', { title })}"><strong>${title}</strong><span>${filled(tree.description, ctx)}</span><span class="steps">${m(locale, 'list.steps', { count: tree.depth.get(tree.start) ?? 1 })}</span></a></li>`;
      })}</ul>`
    : html`<p>${m(locale, 'list.empty')}</p>`
}
<p class="ts-note">${m(locale, 'walk.never')}</p>
</div>`;
  return layout(
    site,
    {
      locale,
      title: m(locale, 'list.title'),
      description: m(locale, 'list.intro'),
      alternates: { [locale]: listPath(locale), [alt]: listPath(alt) },
      switchHref: listPath(alt),
      breadcrumbs: [{ label: m(locale, 'list.title') }],
    },
    main,
  );
}

export interface WalkView {
  locale: Locale;
  brand: SiteContext['brand'];
  result: WalkResult;
  /** Hidden inputs carrying the answers so far. */
  answers: Array<[string, string]>;
  backHref: string | null;
  restartHref: string;
  /** "Change" link for each answered step. */
  changeHrefs: string[];
  switchHref: string;
  /** Values to pre-fill the current form with (already through the shield). */
  defaults: Record<string, string>;
  defaultChoice: string | null;
  networks: NetworkSummary[];
  assets: string[];
  articleTitle: string | null;
  /** The request of the end, narrowed to the live request type. */
  request: PrefilledRequest | null;
  /** Field labels and displayed values of the pre-filled request. */
  preview: Array<{ label: string; value: string }>;
}

function checkBlock(locale: Locale, check: CheckRecord): SafeHtml {
  const status = check.status === 'pass' ? m(locale, 'walk.statusPass') : check.status === 'fail' ? m(locale, 'walk.statusFail') : m(locale, 'walk.statusInfo');
  return html`<div class="ts-check ${check.status}" data-check="${check.id}" data-outcome="${check.outcome}">
<p><span class="status">${status}</span> · ${check.title}</p>
${check.messages.map((message) => html`<p>${message}</p>`)}
${
  check.links.length
    ? html`<ul>${check.links.map((link) =>
        link.external
          ? html`<li><a href="${safeHref(link.href)}" rel="noopener noreferrer nofollow" target="_blank" data-link="external">${link.label}<span class="vh"> ${m(locale, 'walk.externalLink')}</span></a></li>`
          : html`<li><a href="${safeHref(link.href)}">${link.label}</a></li>`,
      )}</ul>`
    : ''
}
</div>`;
}

function answersSummary(view: WalkView): HtmlValue {
  const { locale, result } = view;
  if (!result.path.length) return '';
  return html`<section class="ts-answers" aria-labelledby="ts-answers-title">
<h2 id="ts-answers-title">${m(locale, 'walk.answers')}</h2>
<ol>${result.path.map((step, i) => {
    const question = filled(step.node.title, { locale, brand: view.brand });
    const answer = step.choice ? step.choice.label : (step.values ?? []).map((v) => `${v.label}${labelSeparator(v.label, locale)}${v.display}`).join(' · ');
    return html`<li data-step="${step.node.id}"><span class="q">${question}</span> <span class="a">${answer || '—'}</span><a class="change" href="${view.changeHrefs[i] ?? view.restartHref}">${m(locale, 'walk.change')}<span class="vh">: ${question}</span></a>
${step.check && i < result.path.length - 1 ? checkBlock(locale, step.check) : ''}</li>`;
  })}</ol>
</section>`;
}

function hiddenAnswers(answers: Array<[string, string]>, stepId: string): SafeHtml {
  return html`${answers.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">\n`)}<input type="hidden" name="step" value="${stepId}">`;
}

function issuesAlert(view: WalkView, formLevel: string[]): HtmlValue {
  if (!formLevel.length) return '';
  return html`<div class="ts-alert" role="alert" id="ts-errors"><p><strong>${m(view.locale, 'walk.errorsTitle')}</strong></p>${formLevel.map((message) => html`<p>${message}</p>`)}</div>`;
}

function questionForm(view: WalkView, node: QuestionNode, base: string): SafeHtml {
  const { locale } = view;
  const { brand } = view;
  const formLevel = view.result.issues.map((i) => i.message);
  return html`<form class="ts-step" method="get" action="${base}" id="ts-form" data-node="${node.id}">
${hiddenAnswers(view.answers, node.id)}
<fieldset${formLevel.length ? html` aria-describedby="ts-errors"` : ''}>
<legend id="step-title">${filled(node.title, { locale, brand })}</legend>
${node.text ? paragraphs(filled(node.text, { locale, brand }), 'ts-text') : ''}
${issuesAlert(view, formLevel)}
<ul class="ts-choices">${node.choices.map((choice, i) => {
    const id = `ts-choice-${choice.value}`;
    const checked = view.defaultChoice === choice.value ? trusted(' checked') : '';
    return html`<li><label for="${id}"><input type="radio" id="${id}" name="a.${node.id}" value="${choice.value}"${checked}${i === 0 ? trusted(' required') : ''}><span>${filled(choice.label, { locale, brand })}${
      choice.help ? html`<span class="help">${filled(choice.help, { locale, brand })}</span>` : ''
    }</span></label></li>`;
  })}</ul>
</fieldset>
<button type="submit">${m(locale, 'walk.continue')}</button>
</form>`;
}

const TECHNICAL = trusted(' autocomplete="off" autocapitalize="off" spellcheck="false"');

function inputControl(view: WalkView, node: InputNode, current: CurrentInput, id: string, value: string, aria: SafeHtml): SafeHtml {
  const { locale } = view;
  const { spec } = current;
  const name = `a.${node.id}.${spec.name}`;
  const max = maxLengthOf(spec);
  const required = spec.optional ? '' : trusted(' required');
  const choose = html`<option value="">${m(locale, 'walk.choose')}</option>`;
  const selected = (v: string) => (v === value ? trusted(' selected') : '');
  switch (spec.kind) {
    case 'select':
      return html`<select id="${id}" name="${name}"${required}${aria}>${choose}${(spec.options ?? []).map((o) => html`<option value="${o.value}"${selected(o.value)}>${o.label[locale]}</option>`)}</select>`;
    case 'network':
      return html`<select id="${id}" name="${name}"${required}${aria}>${choose}${view.networks.map((n) => html`<option value="${n.id}"${selected(n.id)}>${n.label}</option>`)}</select>`;
    case 'asset':
      if (view.assets.length) {
        return html`<select id="${id}" name="${name}"${required}${aria}>${choose}${view.assets.map((a) => html`<option value="${a}"${selected(a)}>${a}</option>`)}</select>`;
      }
      return html`<input id="${id}" name="${name}" type="text" value="${value}" maxlength="${max}"${TECHNICAL}${required}${aria}>`;
    case 'date':
      return html`<input id="${id}" name="${name}" type="date" value="${value}"${required}${aria}>`;
    case 'datetime':
      return html`<input id="${id}" name="${name}" type="datetime-local" value="${value}"${required}${aria}>`;
    case 'amount':
    case 'price':
      return html`<input id="${id}" name="${name}" type="text" inputmode="decimal" value="${value}" maxlength="${max}"${TECHNICAL}${required}${aria}>`;
    case 'http_status':
      return html`<input id="${id}" name="${name}" type="text" inputmode="numeric" value="${value}" maxlength="3"${TECHNICAL}${required}${aria}>`;
    case 'api_error':
      return html`<textarea id="${id}" name="${name}" rows="3" maxlength="${max}" class="mono"${TECHNICAL}${required}${aria}>${value}</textarea>`;
    case 'url':
      return html`<input id="${id}" name="${name}" type="text" inputmode="url" value="${value}" maxlength="${max}"${TECHNICAL}${required}${aria}>`;
    case 'address':
    case 'memo':
    case 'tx_hash':
    case 'account_id':
    case 'order_id':
      return html`<input id="${id}" name="${name}" type="text" value="${value}" maxlength="${max}" class="mono"${TECHNICAL}${required}${aria}>`;
    default:
      return html`<input id="${id}" name="${name}" type="text" value="${value}" maxlength="${max}" autocomplete="off"${required}${aria}>`;
  }
}

function inputForm(view: WalkView, node: InputNode, base: string): SafeHtml {
  const { locale } = view;
  const { brand } = view;
  const formLevel = view.result.issues.filter((i) => !i.input).map((i) => i.message);
  const visible = view.result.inputs.filter((i) => !i.hidden);
  return html`<form class="ts-step" method="get" action="${base}" id="ts-form" data-node="${node.id}" novalidate>
${hiddenAnswers(view.answers, node.id)}<input type="hidden" name="a.${node.id}" value="1">
<h2 id="step-title">${filled(node.title, { locale, brand })}</h2>
${node.text ? paragraphs(filled(node.text, { locale, brand }), 'ts-text') : ''}
${issuesAlert(view, formLevel)}
${visible.map((current) => {
    const { spec } = current;
    const id = `ts-${spec.name}`;
    const errors = view.result.issues.filter((i) => i.input === spec.name).map((i) => i.message);
    const hints: string[] = [];
    if (spec.help) hints.push(filled(spec.help, { locale, brand }));
    if (spec.kind === 'date') hints.push(m(locale, 'walk.dateHint'));
    if (spec.kind === 'datetime') hints.push(m(locale, 'walk.dateTimeHint'));
    if (spec.kind === 'memo') hints.push(current.memoLabel ? m(locale, 'walk.memoIs', { label: current.memoLabel }) : m(locale, 'walk.memoHint'));
    const describedBy = [hints.length ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
    const aria = html`${errors.length ? html` aria-invalid="true"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}`;
    return html`<div class="ts-field${errors.length ? ' invalid' : ''}" data-input="${spec.name}">
<label for="${id}">${filled(spec.label, { locale, brand })}${spec.optional ? html`<span class="opt">(${m(locale, 'walk.optional')})</span>` : ''}</label>
${hints.length ? html`<p class="hint" id="${id}-hint">${hints.join(' ')}</p>` : ''}${errors.length ? html`<p class="error" id="${id}-error">${errors.join(' ')}</p>` : ''}
${inputControl(view, node, current, id, view.defaults[spec.name] ?? '', aria)}
</div>`;
  })}
<button type="submit">${m(locale, 'walk.continue')}</button>
</form>`;
}

function endSection(view: WalkView): SafeHtml {
  const { locale } = view;
  const end = view.result.end!;
  const lastCheck = view.result.path[view.result.path.length - 1]?.check;
  const articleLink = end.article
    ? html`<a href="${end.article.href}" data-article="${end.article.slug}">${view.articleTitle ?? end.article.slug}</a>`
    : '';
  const preview = view.request
    ? html`<div class="ts-preview">
<p>${m(locale, 'walk.requestPreview')}</p>
<dl>
<dt>${m(locale, 'walk.subject')}</dt><dd data-preview="subject">${view.request.subject}</dd>
${view.preview.map((row) => html`<dt>${row.label}</dt><dd>${row.value}</dd>`)}
<dt>${m(locale, 'walk.description')}</dt><dd><pre data-preview="description">${view.request.description}</pre></dd>
</dl>
</div>`
    : '';
  if (end.kind === 'article') {
    return html`<section class="ts-step ts-end" aria-labelledby="step-title" data-end="article" data-node="${view.result.current.id}">
<h2 id="step-title">${end.title}</h2>
${paragraphs(end.text)}
${lastCheck ? checkBlock(locale, lastCheck) : ''}
${articleLink ? html`<p><strong>${m(locale, 'walk.readArticle')}</strong> ${articleLink}</p>` : ''}
${
  view.request
    ? html`<h3>${m(locale, 'walk.stillStuck')}</h3><p><a href="${view.request.href}" id="ts-request-link" data-request="${view.request.type}">${m(locale, 'walk.fallback')}</a></p>`
    : ''
}
</section>`;
  }
  return html`<section class="ts-step ts-end" aria-labelledby="step-title" data-end="request" data-node="${view.result.current.id}">
<h2 id="step-title">${end.title}</h2>
${paragraphs(end.text)}
${lastCheck ? checkBlock(locale, lastCheck) : ''}
${view.request ? html`<p><a class="button" href="${view.request.href}" id="ts-request-link" data-request="${view.request.type}">${m(locale, 'walk.openRequest')}</a></p>${preview}` : ''}
${articleLink ? html`<p>${m(locale, 'walk.alsoRead')} ${articleLink}</p>` : ''}
<p class="ts-note">${m(locale, 'walk.never')}</p>
</section>`;
}

export function walkPage(site: SiteContext, view: WalkView): string {
  const { locale, result } = view;
  const tree = result.tree;
  const alt = otherLocale(locale);
  const base = treePath(locale, tree.key);
  const title = filled(tree.title, { locale, brand: site.brand });
  const lastCheck = result.path[result.path.length - 1]?.check;
  const current = result.current;
  const step =
    current.type === 'question' ? questionForm(view, current, base) : current.type === 'input' ? inputForm(view, current, base) : endSection(view);
  const { progress } = result;
  const main = html`${stylesheet}<div class="ts" data-troubleshooter="${tree.key}">
<h1 id="page-title">${title}</h1>
<p class="ts-progress"><progress max="${progress.total}" value="${progress.step}" aria-hidden="true"></progress><span id="ts-progress">${
    result.end ? m(locale, 'walk.done', { step: progress.step }) : m(locale, 'walk.progress', progress)
  }</span></p>
${answersSummary(view)}
${lastCheck && current.type !== 'end' ? checkBlock(locale, lastCheck) : ''}
${step}
<nav class="ts-nav" aria-label="${title}">${view.backHref ? html`<a href="${view.backHref}" rel="prev" id="ts-back">← ${m(locale, 'walk.back')}</a>` : ''}<a href="${view.restartHref}" id="ts-restart">${m(locale, 'walk.restart')}</a><a href="${listPath(locale)}">${m(locale, 'list.title')}</a></nav>
</div>`;
  return layout(
    site,
    {
      locale,
      title,
      description: filled(tree.description, { locale, brand: site.brand }),
      alternates: result.path.length || result.issues.length ? {} : { [locale]: base, [alt]: treePath(alt, tree.key) },
      switchHref: view.switchHref,
      breadcrumbs: [{ label: m(locale, 'list.title'), href: listPath(locale) }, { label: title }],
      noindex: result.path.length > 0 || result.issues.length > 0,
    },
    main,
  );
}
