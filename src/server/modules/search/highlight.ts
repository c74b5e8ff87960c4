import { foldCase, isAlpha, stem } from './analyzer.js';
import type { HighlightSpec } from './query.js';
import { isHighSurrogate, isLowSurrogate } from './text.js';

export const SNIPPET_LENGTH = 160;
/** Context kept before the first match of the snippet window. */
const LEAD = 40;
/** How far a window edge may move to land on a word boundary. */
const BOUNDARY_SLACK = 16;
const MAX_MATCHES = 300;

const LETTERS_DIGITS = /^([a-z]{2,6})(\d{1,4})$/;
const CODE_TAIL = /[ \-_]?(\d{1,4})(?![A-Za-z0-9])/y;
const HTTP_TAIL = /[ \-_/]*([1-5]\d\d)(?![A-Za-z0-9])/y;
const HAN = /\p{Script=Han}/u;

/**
 * Lower-cased code of every character that can be part of a non-Han word (ASCII, Latin-1 and
 * Latin Extended, Greek, Cyrillic, full-width ASCII letters and digits), 0 for the rest.
 */
const WORD_CHAR = new Uint16Array(65536);
(() => {
  const mark = (from: number, to: number): void => {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      if (!/[\p{L}\p{N}\p{M}]/u.test(ch)) continue;
      const folded = ch.normalize('NFKC').toLowerCase();
      WORD_CHAR[c] = folded.length === 1 ? folded.charCodeAt(0) : c;
    }
  };
  mark(0x30, 0x7a);
  mark(0xc0, 0x24f);
  mark(0x300, 0x36f);
  mark(0x370, 0x3ff);
  mark(0x400, 0x4ff);
  mark(0xff10, 0xff5a);
})();

interface Match {
  start: number;
  end: number;
  key: string;
  weight: number;
}

/**
 * Marks query matches in titles and body excerpts. Latin words match when their stem is one of the
 * query's terms (so "withdrawals" lights up for "withdraw"); Han strings match literally, longest
 * first. All text is HTML-escaped; only `<mark>` tags are added.
 */
export class Highlighter {
  private readonly han: string[];
  /** Letter prefixes of letters+digits codes (erc of erc20) and `http` for status codes. */
  private readonly codePrefixes = new Set<string>();
  /** First two (lower-cased) character codes of every latin key: a cheap filter before stemming. */
  private readonly heads = new Set<number>();
  /** Latin keys of one character (matched only by one-character words). */
  private readonly singles = new Set<number>();

  constructor(private readonly spec: HighlightSpec) {
    this.han = [...spec.han.keys()]
      .filter((h) => h.length > 0)
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const addHead = (term: string): void => {
      if (term.length === 1) this.singles.add(term.charCodeAt(0));
      else if (term.length > 1) this.heads.add(term.charCodeAt(0) * 65536 + term.charCodeAt(1));
    };
    for (const term of spec.latin.keys()) {
      addHead(term);
      const parts = LETTERS_DIGITS.exec(term);
      if (parts) this.codePrefixes.add(parts[1]!);
      else if (/^http\d{3}$/.test(term)) this.codePrefixes.add('http');
    }
    for (const prefix of this.codePrefixes) addHead(prefix);
  }

  private matches(text: string): Match[] {
    const out: Match[] = [];
    if (!text) return out;
    const latin = this.spec.latin;
    const n = text.length;
    if (latin.size) {
      for (let i = 0; i < n; ) {
        const h1 = WORD_CHAR[text.charCodeAt(i)]!;
        if (h1 === 0) {
          i++;
          continue;
        }
        let j = i + 1;
        let ascii = text.charCodeAt(i) < 128;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (WORD_CHAR[c] === 0) break;
          if (c >= 128) ascii = false;
        }
        const start = i;
        i = j;
        if (j - start === 1) {
          if (!this.singles.has(h1)) continue;
        } else if (!this.heads.has(h1 * 65536 + WORD_CHAR[text.charCodeAt(start + 1)]!)) continue;
        const raw = text.slice(start, j);
        const lower = ascii ? raw.toLowerCase() : foldCase(raw);
        let end = j;
        let key = isAlpha(lower) ? stem(lower) : lower;
        let weight = latin.get(key);
        if (this.codePrefixes.has(lower)) {
          const tail = lower === 'http' ? HTTP_TAIL : CODE_TAIL;
          tail.lastIndex = end;
          const t = tail.exec(text);
          const code = t ? lower + t[1] : undefined;
          const w = code === undefined ? undefined : latin.get(code);
          if (w !== undefined) {
            key = code!;
            weight = w;
            end = tail.lastIndex;
            i = end;
          }
        }
        if (weight !== undefined) out.push({ start, end, key, weight });
        if (out.length >= MAX_MATCHES) break;
      }
    }
    if (this.han.length && HAN.test(text)) {
      const found: Match[] = [];
      for (const h of this.han) {
        const weight = this.spec.han.get(h)!;
        for (let at = text.indexOf(h); at >= 0 && found.length < MAX_MATCHES * 4; at = text.indexOf(h, at + 1)) {
          found.push({ start: at, end: at + h.length, key: h, weight });
        }
      }
      // Longest first at each position, then no overlaps.
      found.sort((a, b) => a.start - b.start || b.end - a.end);
      let reached = 0;
      for (const f of found) {
        if (f.start < reached) continue;
        out.push(f);
        reached = f.end;
      }
      out.sort((a, b) => a.start - b.start);
    }
    return out.length > MAX_MATCHES ? out.slice(0, MAX_MATCHES) : out;
  }

  /** The whole title, escaped, with every match marked. */
  title(text: string): string {
    return render(text, 0, text.length, this.matches(text), false, false);
  }

  /** An escaped excerpt of about `length` characters around the densest group of matches. */
  snippet(text: string, length = SNIPPET_LENGTH): string {
    const matches = this.matches(text);
    let windowStart = 0;
    let anchor = text.length;
    if (matches.length) {
      // Two pointers over the matches: the window starting at match i holds matches i..j-1.
      // Its value is the sum of the distinct keys' weights plus a little per match.
      const counts = new Map<string, number>();
      let distinct = 0;
      let j = 0;
      let best = -1;
      let bestIndex = 0;
      for (let i = 0; i < matches.length; i++) {
        const limit = matches[i]!.start + length - LEAD;
        if (j < i) j = i;
        while (j < matches.length && matches[j]!.end <= limit) {
          const m = matches[j++]!;
          const c = counts.get(m.key) ?? 0;
          if (c === 0) distinct += m.weight;
          counts.set(m.key, c + 1);
        }
        const score = distinct + (j - i) * 0.05;
        if (score > best + 1e-9) {
          best = score;
          bestIndex = i;
        }
        if (j > i) {
          const m = matches[i]!;
          const c = counts.get(m.key)!;
          if (c === 1) distinct -= m.weight;
          counts.set(m.key, c - 1);
        }
      }
      anchor = matches[bestIndex]!.start;
      windowStart = Math.max(0, anchor - LEAD);
    }
    let start = windowStart;
    let end = Math.min(text.length, start + length);
    if (end === text.length) start = Math.max(0, end - length);
    if (start > 0) start = snapForward(text, start, anchor);
    if (end < text.length) end = snapBackward(text, end);
    if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
    if (end < text.length && end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    const clipped = matches.filter((m) => m.start >= start && m.end <= end);
    return render(text, start, end, clipped, start > 0, end < text.length);
  }
}

function isBoundaryChar(ch: string): boolean {
  return /[\s\p{P}]/u.test(ch);
}

function snapForward(text: string, start: number, firstMatch: number): number {
  if (isBoundaryChar(text[start - 1] ?? ' ')) return start;
  for (let i = start; i < Math.min(text.length, start + BOUNDARY_SLACK, firstMatch); i++) {
    if (isBoundaryChar(text[i]!)) return i + 1;
  }
  return start;
}

function snapBackward(text: string, end: number): number {
  if (isBoundaryChar(text[end] ?? ' ')) return end;
  for (let i = end - 1; i > Math.max(0, end - BOUNDARY_SLACK); i--) {
    if (isBoundaryChar(text[i]!)) return i;
  }
  return end;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NEEDS_CLEANING = /[\s&<>"']/;
const CLEANING = /\s+|[&<>"']/g;

/** Collapses whitespace to single spaces and escapes HTML, in one pass. */
function clean(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(CLEANING, (m) => HTML_ESCAPES[m] ?? ' ');
}

function render(text: string, start: number, end: number, matches: Match[], lead: boolean, trail: boolean): string {
  let out = lead ? '…' : '';
  let pos = start;
  let open = false;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    if (m.start < pos) continue;
    const gap = text.slice(pos, m.start);
    if (open && gap.length <= 1 && /^[ \-:]?$/.test(gap)) {
      out += clean(gap); // merge adjacent matches such as "EAPI:Invalid" or "ERC-20 USDT"
    } else {
      if (open) out += '</mark>';
      out += clean(gap) + '<mark>';
    }
    out += clean(text.slice(m.start, m.end));
    open = true;
    pos = m.end;
  }
  if (open) out += '</mark>';
  out += clean(text.slice(pos, end));
  if (trail) out += '…';
  return lead ? out.replace(/^… /, '…') : out.trimStart();
}
