import type { BrandConfig } from '../../config.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import './channels.messages.js';
import type { ChannelVerdict, OfficialChannel, Reason, ReasonLevel, VerifyResult } from './verify.js';

export interface PublicChannel {
  kind: OfficialChannel['kind'];
  /** The kind, in the caller's language ("Official domain", "官方域名"…). */
  name: string;
  value: string;
  url: string | null;
  label: string | null;
}

export interface PublicReason {
  code: Reason['code'];
  level: ReasonLevel;
  message: string;
  params: Reason['params'];
}

export interface PublicVerdict {
  input: string;
  kind: VerifyResult['kind'];
  verdict: ChannelVerdict;
  /** Localized heading and advice for the verdict. */
  title: string;
  advice: string;
  normalized: string | null;
  channel: PublicChannel | null;
  reasons: PublicReason[];
}

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `channels.${key}`, params);

export function presentChannel(channel: OfficialChannel, locale: Locale): PublicChannel {
  return { kind: channel.kind, name: m(locale, `kind.${channel.kind}`), value: channel.value, url: channel.url, label: channel.label };
}

/** A reason in words: platform and script codes among its parameters are translated too. */
export function reasonMessage(reason: Reason, locale: Locale): string {
  const params: Record<string, unknown> = { ...reason.params };
  if (typeof params.platform === 'string') params.platform = m(locale, `platform.${params.platform}`, { defaultValue: params.platform });
  if (typeof params.scripts === 'string') {
    params.scripts = params.scripts
      .split(',')
      .map((s) => m(locale, `script.${s}`, { defaultValue: s }))
      .join(locale === 'zh-cn' ? '、' : ', ');
  }
  return m(locale, `reason.${reason.code}`, params);
}

export function presentVerdict(result: VerifyResult, locale: Locale, brand: BrandConfig): PublicVerdict {
  return {
    input: result.input,
    kind: result.kind,
    verdict: result.verdict,
    title: m(locale, `verdict.${result.verdict}.title`),
    advice: m(locale, `verdict.${result.verdict}.text`, { brand: brand.name }),
    normalized: result.normalized,
    channel: result.channel ? presentChannel(result.channel, locale) : null,
    reasons: result.reasons.map((r) => ({ code: r.code, level: r.level, message: reasonMessage(r, locale), params: r.params })),
  };
}

export const WARNING_KEYS = ['secrets', 'safeAddress', 'dmFirst', 'remote', 'payment'] as const;

/** What staff never do, in the caller's language. */
export function staffNeverWarnings(locale: Locale): string[] {
  return WARNING_KEYS.map((key) => m(locale, `page.warnings.${key}`));
}
