/**
 * Detection of characters that have no business in an address, memo or hash:
 * invisible / zero-width characters, look-alikes of ASCII letters and digits
 * (Cyrillic "о", full-width "０", mathematical letters...) and other non-ASCII.
 */
import type { Locale } from './types.js';

export type CharFindingKind = 'invisible' | 'whitespace' | 'lookalike' | 'non_ascii';

export interface CharFinding {
  readonly kind: CharFindingKind;
  /** 1-based position, counted in Unicode code points of the trimmed input. */
  readonly position: number;
  readonly char: string;
  /** `U+200B` style. */
  readonly codePoint: string;
  /** For look-alikes: the ASCII text the character imitates. */
  readonly looksLike?: string;
}

/** Whitespace that is harmless around a value and gets trimmed (not the BOM, not zero-width spaces). */
const EDGE_SPACE = '[\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]';
const EDGE_RE = new RegExp(`^${EDGE_SPACE}+|${EDGE_SPACE}+$`, 'g');

export function trimInput(value: string): string {
  return value.replace(EDGE_RE, '');
}

const INVISIBLE_RE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]$/u;
const WHITESPACE_RE = /^[\s\u3000]$/u;
const CONTROL_RE = /^\p{Cc}$/u;
const PRINTABLE_ASCII_RE = /^[\x21-\x7e]+$/;

/**
 * Letters from other scripts that render like ASCII letters and digits but are
 * not decomposed by NFKC. Not exhaustive: the common Cyrillic, Greek and
 * Armenian confusables plus a few symbols.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic capitals
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  Ѕ: 'S', І: 'I', Ј: 'J', Ү: 'Y', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Һ: 'H', Ӏ: 'I', З: '3', Ь: 'b',
  // Cyrillic small
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd',
  ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', в: 'B', к: 'k', м: 'M', н: 'H', т: 'T', ь: 'b',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P',
  Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o', ν: 'v', α: 'a', ι: 'i', κ: 'k', ρ: 'p', υ: 'u', χ: 'x', ϲ: 'c',
  // Armenian
  օ: 'o', ս: 'u', ո: 'n', հ: 'h', ց: 'g', զ: 'q',
  // Latin extensions and symbols
  ı: 'i', ɑ: 'a', ɡ: 'g', ʟ: 'L', ꓲ: 'I', ℓ: 'l', '〇': '0', '○': 'O', '×': 'x',
};

function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** ASCII text a non-ASCII character imitates, if any. */
export function asciiLookalike(char: string): string | undefined {
  const mapped = CONFUSABLES[char];
  if (mapped) return mapped;
  const folded = char.normalize('NFKC');
  return folded !== char && PRINTABLE_ASCII_RE.test(folded) ? folded : undefined;
}

/** Lists every character of `value` that is not printable ASCII. */
export function scanCharacters(value: string): CharFinding[] {
  const findings: CharFinding[] = [];
  let position = 0;
  for (const char of value) {
    position += 1;
    const cp = char.codePointAt(0) ?? 0;
    if (cp > 0x20 && cp < 0x7f) continue;
    const base = { position, char, codePoint: codePointLabel(char) };
    if (INVISIBLE_RE.test(char)) findings.push({ kind: 'invisible', ...base });
    else if (WHITESPACE_RE.test(char)) findings.push({ kind: 'whitespace', ...base });
    else if (CONTROL_RE.test(char)) findings.push({ kind: 'invisible', ...base });
    else {
      const looksLike = asciiLookalike(char);
      if (looksLike !== undefined) findings.push({ kind: 'lookalike', ...base, looksLike });
      else findings.push({ kind: 'non_ascii', ...base });
    }
  }
  return findings;
}

const MAX_LISTED = 3;

function listed<T>(items: readonly T[], render: (item: T) => string, locale: Locale): string {
  const parts = items.slice(0, MAX_LISTED).map(render);
  const more = items.length - parts.length;
  const sep = locale === 'zh-cn' ? '；' : '; ';
  const tail = more > 0 ? (locale === 'zh-cn' ? `${sep}另有 ${more} 处` : `${sep}and ${more} more`) : '';
  return parts.join(sep) + tail;
}

/** "U+200B at position 5" / "第 5 位的 U+200B". */
export function describeInvisible(findings: readonly CharFinding[], locale: Locale): string {
  return listed(
    findings,
    (f) => (locale === 'zh-cn' ? `第 ${f.position} 位的 ${f.codePoint}` : `${f.codePoint} at position ${f.position}`),
    locale,
  );
}

/** `"о" (U+043E) at position 5 looks like "o"` / `第 5 位的"о"（U+043E）看起来像"o"`. */
export function describeLookalikes(findings: readonly CharFinding[], locale: Locale): string {
  return listed(
    findings,
    (f) =>
      locale === 'zh-cn'
        ? `第 ${f.position} 位的“${f.char}”（${f.codePoint}）看起来像“${f.looksLike ?? '?'}”`
        : `“${f.char}” (${f.codePoint}) at position ${f.position} looks like “${f.looksLike ?? '?'}”`,
    locale,
  );
}

/** `"é" (U+00E9) at position 3`. */
export function describeOther(findings: readonly CharFinding[], locale: Locale): string {
  return listed(
    findings,
    (f) =>
      locale === 'zh-cn'
        ? `第 ${f.position} 位的“${f.char}”（${f.codePoint}）`
        : `“${f.char}” (${f.codePoint}) at position ${f.position}`,
    locale,
  );
}
