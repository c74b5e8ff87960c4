import { foldCase, isAlpha, stem } from './analyzer.js';
import type { HighlightSpec } from './query.js';
import { escapeHtml, isHighSurrogate, isLowSurrogate } from './text.js';

export const SNIPPET_LENGTH = 160;
/** Context kept before the first match of the snippet window. */
const LEAD = 40;
/** How far a window edge may move to land on a word boundary. */
const BOUNDARY_SLACK = 16;
const MAX_MATCHES = 300;

/** Words of non-Han scripts (letters, digits, marks); Han characters never belong to one. */
const WORD = /[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+/g;
const LETTERS_DIGITS = /^([a-z]{2,6})(\d{1,4})$/;
const ASCII = /^[\x00-\x7f]*$/;
const CODE_TAIL = /[ \-_]?(\d{1,4})(?![A-Za-z0-9])/y;
const HTTP_TAIL = /[ \-_/]*([1-5]\d\d)(?![A-Za-z0-9])/y;

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
  /** First two characters of every latin key: a cheap filter before stemming a word. */
  private readonly heads = new Set<string>();
  private readonly anyHead: boolean;

  constructor(private readonly spec: HighlightSpec) {
    this.han = [...spec.han.keys()]
      .filter((h) => h.length > 0)
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    let anyHead = false;
    for (const term of spec.latin.keys()) {
      if (term.length < 2) anyHead = true;
      this.heads.add(term.slice(0, 2));
      const parts = LETTERS_DIGITS.exec(term);
      if (parts) this.codePrefixes.add(parts[1]!);
      else if (/^http\d{3}$/.test(term)) this.codePrefixes.add('http');
    }
    for (const prefix of this.codePrefixes) this.heads.add(prefix.slice(0, 2));
    this.anyHead = anyHead;
  }

  private matches(text: string): Match[] {
    const out: Match[] = [];
    if (!text) return out;
    const latin = this.spec.latin;
    if (latin.size) {
      WORD.lastIndex = 0;
      for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
        const raw = m[0];
        const start = m.index;
        let end = start + raw.length;
        const lower = ASCII.test(raw) ? raw.toLowerCase() : foldCase(raw);
        if (!this.anyHead && !this.heads.has(lower.slice(0, 2))) continue;
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
            WORD.lastIndex = end;
          }
        }
        if (weight !== undefined) out.push({ start, end, key, weight });
        if (out.length >= MAX_MATCHES) break;
      }
    }
    if (this.han.length) {
      const taken: Match[] = [];
      for (const h of this.han) {
        const weight = this.spec.han.get(h)!;
        for (let at = text.indexOf(h); at >= 0 && taken.length < MAX_MATCHES; at = text.indexOf(h, at + h.length)) {
          const end = at + h.length;
          if (taken.some((t) => t.start < end && at < t.end)) continue; // longer strings win
          taken.push({ start: at, end, key: h, weight });
        }
      }
      for (const t of taken) out.push(t);
      out.sort((a, b) => a.start - b.start);
    }
    return out;
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
      let best = -1;
      let bestIndex = 0;
      for (let i = 0; i < matches.length; i++) {
        const limit = matches[i]!.start + length - LEAD;
        const seen = new Map<string, number>();
        let count = 0;
        for (let j = i; j < matches.length && matches[j]!.end <= limit; j++) {
          const m = matches[j]!;
          if ((seen.get(m.key) ?? 0) < m.weight) seen.set(m.key, m.weight);
          count++;
        }
        let score = count * 0.05;
        for (const w of seen.values()) score += w;
        if (score > best + 1e-9) {
          best = score;
          bestIndex = i;
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

function clean(text: string): string {
  return escapeHtml(text.replace(/\s+/g, ' '));
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
