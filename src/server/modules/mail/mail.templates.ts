import type { BrandConfig } from '../../config.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { html, safeHref, type SafeHtml } from '../helpcenter/html.js';
import './mail.messages.js';

/** Parameters of each template. Links are absolute URLs; times ISO-8601 UTC. */
export interface MailTemplateParams {
  verify_email: { link: string };
  reset_password: { link: string };
  password_changed: { time: string; resetLink: string };
  totp_enabled: { time: string; resetLink: string };
  totp_disabled: { time: string; resetLink: string };
  request_received: { number: number; subject: string; link: string; guest: boolean };
  agent_reply: { number: number; subject: string; body: string; link: string; guest: boolean };
  /** A new (or reactivated) staff member: who invited them, the role, the set-password link and when it expires. */
  staff_invite: { link: string; inviter: string; role: 'agent' | 'admin'; consoleLink: string; expiresAt: string; hours: number };
}
export type MailTemplate = keyof MailTemplateParams;
export const MAIL_TEMPLATES = ['verify_email', 'reset_password', 'password_changed', 'totp_enabled', 'totp_disabled', 'request_received', 'agent_reply', 'staff_invite'] as const satisfies readonly MailTemplate[];

/** Parameters every template accepts. */
export interface CommonMailParams {
  /** The customer's anti-phishing phrase, shown at the top of every email when set. */
  antiPhishingPhrase?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface MailSpec {
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after: string[];
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function spec<K extends MailTemplate>(template: K, locale: Locale, params: MailTemplateParams[K], brand: BrandConfig): MailSpec {
  const m = (key: string, extra: Record<string, unknown> = {}) => t(locale, `mail.${template}.${key}`, { brand: brand.name, ...extra });
  const common = (key: string) => t(locale, `mail.common.${key}`, { brand: brand.name });
  switch (template) {
    case 'verify_email':
    case 'reset_password': {
      const p = params as MailTemplateParams['verify_email'];
      return { heading: m('heading'), paragraphs: [m('intro')], action: { label: m('action'), url: p.link }, after: [m('expiry'), m('ignore')] };
    }
    case 'password_changed':
    case 'totp_enabled':
    case 'totp_disabled': {
      const p = params as MailTemplateParams['password_changed'];
      return {
        heading: m('heading'),
        paragraphs: [m('intro', { time: when(p.time) }), m('warning')],
        action: { label: common('resetPassword'), url: p.resetLink },
        after: [],
      };
    }
    case 'request_received': {
      const p = params as MailTemplateParams['request_received'];
      return {
        heading: m('heading', { number: p.number }),
        paragraphs: [m('intro', { number: p.number, subject: p.subject }), m('next')],
        action: { label: m('action'), url: p.link },
        after: p.guest ? [m('guestLink')] : [],
      };
    }
    case 'agent_reply': {
      const p = params as MailTemplateParams['agent_reply'];
      return {
        heading: m('heading', { number: p.number }),
        paragraphs: [m('intro', { number: p.number, subject: p.subject }), ...p.body.split(/\n{2,}/).map((part) => part.trim()).filter(Boolean)],
        ...(p.guest ? {} : { action: { label: m('action'), url: p.link } }),
        after: [p.guest ? m('guestLink') : m('reply')],
      };
    }
    case 'staff_invite': {
      const p = params as MailTemplateParams['staff_invite'];
      return {
        heading: m('heading'),
        paragraphs: [m('intro', { inviter: p.inviter, role: m(`roles.${p.role}`) }), m('steps', { console: p.consoleLink })],
        action: { label: m('action'), url: p.link },
        after: [m('expiry', { hours: p.hours, time: when(p.expiresAt) }), m('staffNeverAsk'), m('ignore')],
      };
    }
    default:
      throw new Error(`unknown mail template ${String(template)}`);
  }
}

/** Subject lines go into a mail header: no line breaks, whatever the brand name holds. */
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();

/**
 * Renders a template in one language as plain text and HTML (every value escaped, inline styles
 * only, since mail clients ignore style sheets).
 */
export function renderMail<K extends MailTemplate>(template: K, locale: Locale, params: MailTemplateParams[K] & CommonMailParams, brand: BrandConfig): RenderedMail {
  const s = spec(template, locale, params, brand);
  const common = (key: string, extra: Record<string, unknown> = {}) => t(locale, `mail.common.${key}`, { brand: brand.name, ...extra });
  const phrase = params.antiPhishingPhrase?.trim();
  const subject = oneLine(t(locale, `mail.${template}.subject`, { brand: brand.name, ...(params as unknown as Record<string, unknown>) }));

  const text = [
    ...(phrase ? [common('antiPhishing', { phrase }), common('antiPhishingHint'), ''] : []),
    common('greeting'),
    '',
    ...s.paragraphs.flatMap((p) => [p, '']),
    ...(s.action ? [`${s.action.label}: ${s.action.url}`, ''] : []),
    ...s.after.flatMap((p) => [p, '']),
    common('neverAsk'),
    '',
    common('signature'),
    '',
    '--',
    common('automated'),
    '',
  ].join('\n');

  const para = (value: string): SafeHtml => html`<p style="margin:0 0 16px">${value}</p>`;
  const button = s.action
    ? html`<p style="margin:24px 0"><a href="${safeHref(s.action.url)}" style="background:#0b4fa8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${s.action.label}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#4a5468">${common('linkFallback')}<br><span style="word-break:break-all">${s.action.url}</span></p>`
    : '';
  const banner = phrase
    ? html`<div style="background:#e6f4ea;color:#14532d;padding:12px 16px;border-radius:6px;margin:0 0 20px"><strong>${common('antiPhishing', { phrase })}</strong><br><span style="font-size:13px">${common('antiPhishingHint')}</span></div>`
    : '';
  const body = html`<!doctype html>
<html lang="${locale === 'zh-cn' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head>
<body style="margin:0;padding:0;background:#f3f5f9">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,'PingFang SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.6;color:#1d2330">
<div style="background:#ffffff;border:1px solid #d5dbe6;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:700;color:#083a7a">${brand.name}</p>
${banner}<h1 style="font-size:20px;margin:0 0 16px">${s.heading}</h1>
${para(common('greeting'))}
${s.paragraphs.map(para)}
${button}
${s.after.map(para)}
<p style="margin:16px 0;padding:12px 16px;background:#fff4d6;color:#5a3b00;border-radius:6px">${common('neverAsk')}</p>
<p style="margin:0">${common('signature')}</p>
</div>
<p style="font-size:12px;color:#4a5468;margin:16px 0 0">${common('automated')}</p>
</div>
</body>
</html>
`;
  return { subject, text, html: body.value };
}
