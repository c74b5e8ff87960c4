import type { Locale } from '../../shared/locales.js';

const tag = (locale: Locale) => (locale === 'zh-cn' ? 'zh-CN' : 'en-US');

/** "2025-03-04 14:05" style absolute time in the viewer's time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** "5 minutes ago" / "5分钟前". */
export function formatRelative(iso: string, now: number, locale: Locale): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const seconds = Math.round((ms - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(tag(locale), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  return formatDateTime(iso, locale);
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(tag(locale), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/**
 * Server URLs are absolute (PUBLIC_URL); the console is served by the same server, so same-path
 * links (API files, Help Center pages) are made relative — the CSP allows images and downloads only from 'self'.
 */
export function sameOriginPath(url: string): string {
  const m = /^https?:\/\/[^/]+(\/(?:api|hc)\/.*)$/i.exec(url);
  return m ? m[1]! : url;
}

/** Only http(s) explorer links are rendered as links. */
export const isHttpUrl = (url: string) => /^https?:\/\//i.test(url);
