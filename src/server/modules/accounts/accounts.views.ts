import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { html, type HtmlValue, type SafeHtml } from '../helpcenter/html.js';
import { hcPath, layout, withQuery, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { ACCOUNTS_CSS_PATH } from './accounts.css.js';
import './accounts.messages.js';
import type { PublicUser } from './accounts.presenter.js';
import type { TotpSetup } from './accounts.service.js';
import { fieldLabel, type FieldError, type FieldName } from './accounts.validation.js';
import { groupSecret } from './totp.js';

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `accounts.${key}`, params);
const otherLocale = (locale: Locale): Locale => (locale === 'zh-cn' ? 'en-us' : 'zh-cn');

/** Paths of the account pages (relative, locale first like every help-center page). */
export const accountPaths = {
  signin: (locale: Locale) => hcPath(locale, 'signin'),
  signinTotp: (locale: Locale) => `${hcPath(locale, 'signin')}/2fa`,
  signup: (locale: Locale) => hcPath(locale, 'signup'),
  signout: (locale: Locale) => hcPath(locale, 'signout'),
  forgot: (locale: Locale) => `${hcPath(locale, 'password')}/forgot`,
  reset: (locale: Locale) => `${hcPath(locale, 'password')}/reset`,
  verify: (locale: Locale) => hcPath(locale, 'verify-email'),
  account: (locale: Locale) => hcPath(locale, 'account'),
  accountPassword: (locale: Locale) => `${hcPath(locale, 'account')}/password`,
  accountResend: (locale: Locale) => `${hcPath(locale, 'account')}/verify-email`,
  accountTotp: (locale: Locale) => `${hcPath(locale, 'account')}/2fa`,
  accountTotpEnable: (locale: Locale) => `${hcPath(locale, 'account')}/2fa/enable`,
  accountTotpDisable: (locale: Locale) => `${hcPath(locale, 'account')}/2fa/disable`,
  accountPhrase: (locale: Locale) => `${hcPath(locale, 'account')}/anti-phishing`,
  accountPhraseRemove: (locale: Locale) => `${hcPath(locale, 'account')}/anti-phishing/remove`,
};

/** What a form shows again after a failed post: the values typed (never passwords) and the errors. */
export interface FormState {
  values?: Record<string, string>;
  errors?: FieldError[];
  /** A message about the whole form (wrong credentials, too many attempts…). */
  alert?: string;
}

export const NOTICES = {
  signed_out: 'signedOut',
  signed_up: 'signedUp',
  verified: 'verified',
  verification_sent: 'verificationSent',
  password_changed: 'passwordChanged',
  password_reset: 'passwordReset',
  totp_enabled: 'totpEnabled',
  totp_disabled: 'totpDisabled',
  signin_required: 'signinRequired',
  phrase_saved: 'phraseSaved',
  phrase_removed: 'phraseRemoved',
} as const;
export type NoticeKey = keyof typeof NOTICES;
export const isNotice = (value: string): value is NoticeKey => Object.hasOwn(NOTICES, value);

interface PageOptions {
  locale: Locale;
  title: string;
  /** This page's path in the other language (query included where it matters). */
  switchHref: string;
  wide?: boolean;
  notice?: NoticeKey | undefined;
}

function page(site: SiteContext, options: PageOptions, content: SafeHtml): string {
  const { locale } = options;
  // The layout has no slot for extra style sheets; a body <link rel="stylesheet"> is valid HTML.
  const main = html`<link rel="stylesheet" href="${ACCOUNTS_CSS_PATH}">
<div class="account-pages${options.wide ? ' wide' : ''}">
<h1 id="page-title">${options.title}</h1>
${options.notice ? html`<p class="notice" role="status">${m(locale, `notice.${NOTICES[options.notice]}`)}</p>` : ''}
${content}
</div>`;
  return layout(site, { locale, title: options.title, alternates: {}, switchHref: options.switchHref, breadcrumbs: [{ label: options.title }], headerSearch: false, noindex: true }, main);
}

const csrfInput = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

function errorSummary(locale: Locale, state: FormState, prefix: string): HtmlValue {
  const errors = state.errors ?? [];
  if (state.alert) return html`<div class="alert" role="alert"><p>${state.alert}</p></div>`;
  if (!errors.length) return '';
  return html`<div class="alert" role="alert"><p>${m(locale, 'form.errorSummary')}</p><ul>${errors.map(
    (e) => html`<li><a href="#${prefix}-${e.path}">${e.message}</a></li>`,
  )}</ul></div>`;
}

interface FieldOptions {
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  hint?: string;
  maxlength?: number;
  required?: boolean;
  numeric?: boolean;
}

function field(locale: Locale, prefix: string, name: FieldName, state: FormState, options: FieldOptions): SafeHtml {
  const id = `${prefix}-${name}`;
  const error = state.errors?.find((e) => e.path === name)?.message;
  const value = options.type === 'password' ? '' : (state.values?.[name] ?? '');
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' invalid' : ''}">
<label for="${id}">${fieldLabel(locale, name)}</label>
${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}
${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
<input id="${id}" name="${name}" type="${options.type}" value="${value}" autocomplete="${options.autocomplete}"${options.maxlength ? html` maxlength="${options.maxlength}"` : ''}${options.required === false ? '' : html` required`}${options.numeric ? html` inputmode="numeric" pattern="[0-9 ]*"` : ''}${error ? html` aria-invalid="true"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
</div>`;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

// ---------------------------------------------------------------------------------------------

export function signinPage(site: SiteContext, locale: Locale, data: { csrf: string; state: FormState; next?: string | undefined; notice?: NoticeKey | undefined }): string {
  const next = data.next ? { next: data.next } : {};
  const content = html`<p>${m(locale, 'signin.intro')}</p>
<p class="meta">${m(locale, 'signin.phishing', { domain: hostOf(site.publicUrl) })}</p>
${errorSummary(locale, data.state, 'signin')}
<form class="form" method="post" action="${withQuery(accountPaths.signin(locale), next)}" novalidate>
${csrfInput(data.csrf)}
${field(locale, 'signin', 'email', data.state, { type: 'email', autocomplete: 'username', maxlength: 254 })}
${field(locale, 'signin', 'password', data.state, { type: 'password', autocomplete: 'current-password', maxlength: 256 })}
<div class="actions"><button type="submit">${m(locale, 'signin.submit')}</button></div>
</form>
<ul class="links">
<li><a href="${accountPaths.forgot(locale)}">${m(locale, 'signin.forgot')}</a></li>
<li>${m(locale, 'signin.noAccount')} <a href="${withQuery(accountPaths.signup(locale), next)}">${m(locale, 'nav.signup')}</a></li>
</ul>`;
  return page(site, { locale, title: m(locale, 'signin.title'), switchHref: withQuery(accountPaths.signin(otherLocale(locale)), next), notice: data.notice }, content);
}

export function signinTotpPage(site: SiteContext, locale: Locale, data: { csrf: string; state: FormState; next?: string | undefined }): string {
  const next = data.next ? { next: data.next } : {};
  const content = html`<p>${m(locale, 'twofa.intro')}</p>
${errorSummary(locale, data.state, 'totp')}
<form class="form" method="post" action="${withQuery(accountPaths.signinTotp(locale), next)}" novalidate>
${csrfInput(data.csrf)}
${field(locale, 'totp', 'code', data.state, { type: 'text', autocomplete: 'one-time-code', maxlength: 12, numeric: true, hint: m(locale, 'form.codeHint', { brand: site.brand.name }) })}
<div class="actions"><button type="submit">${m(locale, 'twofa.submit')}</button></div>
</form>
<form class="form" method="post" action="${accountPaths.signout(locale)}">
${csrfInput(data.csrf)}<button type="submit" class="secondary">${m(locale, 'twofa.cancel')}</button>
</form>
<p class="meta">${m(locale, 'twofa.lost')}</p>`;
  return page(site, { locale, title: m(locale, 'twofa.title'), switchHref: withQuery(accountPaths.signinTotp(otherLocale(locale)), next) }, content);
}

export function signupPage(site: SiteContext, locale: Locale, data: { csrf: string; state: FormState; next?: string | undefined }): string {
  const next = data.next ? { next: data.next } : {};
  const content = html`<p>${m(locale, 'signup.intro')}</p>
<p class="meta">${m(locale, 'signup.separate')}</p>
${errorSummary(locale, data.state, 'signup')}
<form class="form" method="post" action="${withQuery(accountPaths.signup(locale), next)}" novalidate>
${csrfInput(data.csrf)}
${field(locale, 'signup', 'name', data.state, { type: 'text', autocomplete: 'name', maxlength: 120, required: false })}
${field(locale, 'signup', 'email', data.state, { type: 'email', autocomplete: 'email', maxlength: 254 })}
${field(locale, 'signup', 'password', data.state, { type: 'password', autocomplete: 'new-password', maxlength: 256, hint: m(locale, 'form.passwordHint') })}
<div class="actions"><button type="submit">${m(locale, 'signup.submit')}</button></div>
</form>
<p>${m(locale, 'signup.haveAccount')} <a href="${withQuery(accountPaths.signin(locale), next)}">${m(locale, 'nav.signin')}</a></p>`;
  return page(site, { locale, title: m(locale, 'signup.title'), switchHref: withQuery(accountPaths.signup(otherLocale(locale)), next) }, content);
}

export function forgotPage(site: SiteContext, locale: Locale, data: { csrf: string; state: FormState; sent: boolean }): string {
  const alt = otherLocale(locale);
  if (data.sent) {
    const content = html`<p role="status">${m(locale, 'forgot.sent')}</p>
<p><a href="${accountPaths.signin(locale)}">${m(locale, 'forgot.back')}</a></p>`;
    return page(site, { locale, title: m(locale, 'forgot.sentTitle'), switchHref: withQuery(accountPaths.forgot(alt), { sent: 1 }) }, content);
  }
  const content = html`<p>${m(locale, 'forgot.intro')}</p>
${errorSummary(locale, data.state, 'forgot')}
<form class="form" method="post" action="${accountPaths.forgot(locale)}" novalidate>
${csrfInput(data.csrf)}
${field(locale, 'forgot', 'email', data.state, { type: 'email', autocomplete: 'email', maxlength: 254 })}
<div class="actions"><button type="submit">${m(locale, 'forgot.submit')}</button></div>
</form>
<p><a href="${accountPaths.signin(locale)}">${m(locale, 'forgot.back')}</a></p>`;
  return page(site, { locale, title: m(locale, 'forgot.title'), switchHref: accountPaths.forgot(alt) }, content);
}

/** A reset or confirmation link that cannot be used (unknown, used or expired). */
export function invalidLinkPage(site: SiteContext, locale: Locale, kind: 'reset' | 'verify'): string {
  const alt = otherLocale(locale);
  const content = html`<div class="alert" role="alert"><p>${t(locale, 'errors.token_invalid')}</p></div>
<p>${kind === 'reset' ? html`<a href="${accountPaths.forgot(locale)}">${m(locale, 'reset.requestNew')}</a>` : html`<a href="${accountPaths.account(locale)}">${m(locale, 'account.title')}</a>`}</p>`;
  const path = kind === 'reset' ? accountPaths.reset : accountPaths.verify;
  return page(site, { locale, title: m(locale, kind === 'reset' ? 'reset.invalidTitle' : 'verify.invalidTitle'), switchHref: path(alt) }, content);
}

export function resetPage(site: SiteContext, locale: Locale, data: { csrf: string; token: string; state: FormState }): string {
  const content = html`<p>${m(locale, 'reset.intro')}</p>
${errorSummary(locale, data.state, 'reset')}
<form class="form" method="post" action="${accountPaths.reset(locale)}" novalidate>
${csrfInput(data.csrf)}<input type="hidden" name="token" value="${data.token}">
${field(locale, 'reset', 'password', data.state, { type: 'password', autocomplete: 'new-password', maxlength: 256, hint: m(locale, 'form.passwordHint') })}
<div class="actions"><button type="submit">${m(locale, 'reset.submit')}</button></div>
</form>`;
  return page(site, { locale, title: m(locale, 'reset.title'), switchHref: withQuery(accountPaths.reset(otherLocale(locale)), { token: data.token }) }, content);
}

export function verifyPage(site: SiteContext, locale: Locale, data: { csrf: string; token: string; state: FormState }): string {
  const content = html`<p>${m(locale, 'verify.intro')}</p>
${errorSummary(locale, data.state, 'verify')}
<form class="form" method="post" action="${accountPaths.verify(locale)}">
${csrfInput(data.csrf)}<input type="hidden" name="token" value="${data.token}">
<div class="actions"><button type="submit">${m(locale, 'verify.submit')}</button></div>
</form>`;
  return page(site, { locale, title: m(locale, 'verify.title'), switchHref: withQuery(accountPaths.verify(otherLocale(locale)), { token: data.token }) }, content);
}

export type AccountForm = 'password' | 'disable' | 'resend' | 'phrase';

function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'zh-cn' ? 'zh-CN' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function accountPage(
  site: SiteContext,
  locale: Locale,
  data: { csrf: string; user: PublicUser; phrase?: string | null; notice?: NoticeKey | undefined; form?: AccountForm; state?: FormState },
): string {
  const { user } = data;
  const stateFor = (form: AccountForm): FormState => (data.form === form && data.state ? data.state : {});
  const verified = user.email_verified
    ? html`<span class="badge ok">${m(locale, 'account.verified')}</span>`
    : html`<span class="badge warn">${m(locale, 'account.unverified')}</span>`;
  const resend = user.email_verified
    ? ''
    : html`<p>${m(locale, 'account.unverifiedText')}</p>
${errorSummary(locale, stateFor('resend'), 'resend')}
<form class="form" method="post" action="${accountPaths.accountResend(locale)}">${csrfInput(data.csrf)}<button type="submit" class="secondary">${m(locale, 'account.resend')}</button></form>`;
  const twofa = user.two_factor_enabled
    ? html`<p><span class="badge ok">${m(locale, 'account.twofaOn')}</span></p>
<h3>${m(locale, 'account.twofaDisable')}</h3>
<p>${m(locale, 'account.twofaDisableIntro')}</p>
${errorSummary(locale, stateFor('disable'), 'disable')}
<form class="form" method="post" action="${accountPaths.accountTotpDisable(locale)}" novalidate>
${csrfInput(data.csrf)}
${field(locale, 'disable', 'password', stateFor('disable'), { type: 'password', autocomplete: 'current-password', maxlength: 256 })}
${field(locale, 'disable', 'code', stateFor('disable'), { type: 'text', autocomplete: 'one-time-code', maxlength: 12, numeric: true })}
<div class="actions"><button type="submit" class="secondary">${m(locale, 'account.twofaDisable')}</button></div>
</form>`
    : html`<p>${m(locale, 'account.twofaOff')}</p>
<form class="form" method="post" action="${accountPaths.accountTotp(locale)}">${csrfInput(data.csrf)}<button type="submit">${m(locale, 'account.twofaSetup')}</button></form>`;
  const content = html`<section class="panel" aria-labelledby="profile-title">
<h2 id="profile-title">${m(locale, 'account.profile')}</h2>
<dl>
<dt>${m(locale, 'account.name')}</dt><dd>${user.name}</dd>
<dt>${m(locale, 'account.email')}</dt><dd>${user.email} ${verified}</dd>
<dt>${m(locale, 'account.memberSince')}</dt><dd><time datetime="${user.created_at}">${formatDate(locale, user.created_at)}</time></dd>
</dl>
${resend}
</section>
<section class="panel" aria-labelledby="password-title">
<h2 id="password-title">${m(locale, 'account.password')}</h2>
${errorSummary(locale, stateFor('password'), 'password')}
<form class="form" method="post" action="${accountPaths.accountPassword(locale)}" novalidate>
${csrfInput(data.csrf)}
<input type="hidden" name="username" value="${user.email}" autocomplete="username">
${field(locale, 'password', 'current_password', stateFor('password'), { type: 'password', autocomplete: 'current-password', maxlength: 256 })}
${field(locale, 'password', 'new_password', stateFor('password'), { type: 'password', autocomplete: 'new-password', maxlength: 256, hint: m(locale, 'form.passwordHint') })}
<div class="actions"><button type="submit">${m(locale, 'account.passwordSubmit')}</button></div>
</form>
</section>
<section class="panel" aria-labelledby="twofa-title">
<h2 id="twofa-title">${m(locale, 'account.twofa')}</h2>
${twofa}
</section>
${antiPhishingPanel(site, locale, data.csrf, data.phrase ?? null, stateFor('phrase'))}
<form class="form" method="post" action="${accountPaths.signout(locale)}">${csrfInput(data.csrf)}<button type="submit" class="secondary">${m(locale, 'account.signout')}</button></form>`;
  return page(site, { locale, title: m(locale, 'account.title'), switchHref: accountPaths.account(otherLocale(locale)), wide: true, notice: data.notice }, content);
}

/** Set, change or remove the phrase every email to this user shows (plain forms, no script). */
function antiPhishingPanel(site: SiteContext, locale: Locale, csrf: string, phrase: string | null, state: FormState): SafeHtml {
  const values = state.values ?? {};
  return html`<section class="panel" aria-labelledby="anti-phishing-title">
<h2 id="anti-phishing-title">${m(locale, 'account.antiPhishing')}</h2>
<p>${m(locale, 'account.antiPhishingIntro', { brand: site.brand.name })}</p>
${phrase
    ? html`<p>${m(locale, 'account.antiPhishingCurrent')} <strong class="secret" data-anti-phishing-phrase>${phrase}</strong></p>`
    : html`<p>${m(locale, 'account.antiPhishingNone')}</p>`}
${errorSummary(locale, state, 'phrase')}
<form class="form" method="post" action="${accountPaths.accountPhrase(locale)}" novalidate>
${csrfInput(csrf)}
${field(locale, 'phrase', 'phrase', { ...state, values: { phrase: values.phrase ?? phrase ?? '' } }, { type: 'text', autocomplete: 'off', maxlength: 64, hint: m(locale, 'account.antiPhishingHint') })}
<div class="actions"><button type="submit">${m(locale, 'account.antiPhishingSave')}</button></div>
</form>
${phrase ? html`<form class="form" method="post" action="${accountPaths.accountPhraseRemove(locale)}">${csrfInput(csrf)}<button type="submit" class="secondary">${m(locale, 'account.antiPhishingRemove')}</button></form>` : ''}
<p class="meta"><a href="${hcPath(locale, 'official-channels')}">${m(locale, 'account.antiPhishingCheck')}</a></p>
</section>`;
}

export function totpSetupPage(site: SiteContext, locale: Locale, data: { csrf: string; setup: TotpSetup; state: FormState }): string {
  const content = html`<p>${m(locale, 'totpSetup.scan')}</p>
<img class="qr" src="${data.setup.qrCodeDataUrl}" alt="${m(locale, 'totpSetup.qrAlt')}" width="220" height="220">
<p>${m(locale, 'totpSetup.manual')}</p>
<p><code class="secret">${groupSecret(data.setup.secret)}</code></p>
<p class="meta">${m(locale, 'totpSetup.keepSecret', { brand: site.brand.name })}</p>
<p>${m(locale, 'totpSetup.confirm')}</p>
${errorSummary(locale, data.state, 'enable')}
<form class="form" method="post" action="${accountPaths.accountTotpEnable(locale)}" novalidate>
${csrfInput(data.csrf)}
${field(locale, 'enable', 'code', data.state, { type: 'text', autocomplete: 'one-time-code', maxlength: 12, numeric: true })}
<div class="actions"><button type="submit">${m(locale, 'totpSetup.submit')}</button> <a href="${accountPaths.account(locale)}">${m(locale, 'totpSetup.cancel')}</a></div>
</form>`;
  return page(site, { locale, title: m(locale, 'totpSetup.title'), switchHref: accountPaths.accountTotp(otherLocale(locale)) }, content);
}

/** A form post refused by the CSRF check: explain, and link back to the form. */
export function csrfFailedPage(site: SiteContext, locale: Locale, retryHref: string): string {
  const content = html`<div class="alert" role="alert"><p>${t(locale, 'errors.csrf_failed')}</p></div>
<p><a href="${retryHref}">${m(locale, 'csrf.retry')}</a></p>`;
  return page(site, { locale, title: m(locale, 'csrf.title'), switchHref: hcPath(otherLocale(locale)) }, content);
}
