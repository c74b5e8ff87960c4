/**
 * A tiny HTML templating helper for the server-rendered help center.
 *
 * `html` is a tagged template: every interpolated value is HTML-escaped unless it is a
 * `SafeHtml` (the result of another `html` template, or an explicitly trusted string wrapped
 * with `trusted()` — only ever used for markup that went through sanitize-html). Arrays are
 * joined; `null`, `undefined` and `false` render nothing. Attribute values must always be
 * quoted in templates; the escaping covers both quote styles.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks markup as already safe. Only for sanitized HTML (article bodies, search snippets). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins rendered parts with a separator (escaped like any other value). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(render(separator)));
}

/**
 * Only http(s), mailto and same-origin paths may end up in an href built from configuration;
 * anything else (javascript:, data:…) becomes "#".
 */
export function safeHref(url: string): string {
  if (/^\/(?!\/)/.test(url)) return url;
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  return '#';
}
