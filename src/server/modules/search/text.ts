/** Low-level text helpers shared by the analyzer, the query planner and the highlighter. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Unicode compatibility normalisation (full-width → ASCII, ligatures…). Case is kept. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC');
}

export const HAN_RUN = /\p{Script=Han}+/gu;
export const HAN_CHAR = /\p{Script=Han}/u;

export function hasHan(text: string): boolean {
  return HAN_CHAR.test(text);
}

/** Code points of a string (no broken surrogate pairs). Fast path for BMP-only strings. */
export function codePoints(text: string): string[] {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return Array.from(text);
  }
  return text.split('');
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
