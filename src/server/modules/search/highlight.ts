import { foldCase, isAlpha, stem } from './analyzer.js';
import type { HighlightSpec } from './query.js';
import { escapeHtml, escapeRegExp, isHighSurrogate, isLowSurrogate } from './text.js';

export const SNIPPET_LENGTH = 160;
/** Context kept before the first match of the snippet window. */
const LEAD = 40;
/** How far a window edge may move to land on a word boundary. */
const BOUNDARY_SLACK = 16;
const MAX_MATCHES = 300;

/** A letter or digit that is not Han (Han text has no word boundaries). */
const NOT_AFTER_WORD = '(?<!(?!\\p{Script=Han})[\\p{L}\\p{N}])';
const NOT_BEFORE_WORD = '(?!(?!\\p{Script=Han})[\\p{L}\\p{N}])';
const LETTERS_DIGITS = /^([a-z]{2,6})(\d{1,4})$/;

interface Match {
  start: number;
  end: number;
  key: string;
  weight: number;
}

/**
 * Marks query matches in titles and body excerpts. Latin words match when their stem is one of the
 * query's terms (so "withdrawals" lights up for "withdraw"); Han strings match literally. All text
 * is HTML-escaped; only `<mark>` tags are added.
 */
export class Highlighter {
  private readonly pattern: RegExp | null;

  constructor(private readonly spec: HighlightSpec) {
    const alternatives: string[] = [];
    const han = [...spec.han.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    for (const h of han) alternatives.push(escapeRegExp(h));
    const latin: string[] = [];
    for (const term of [...spec.latin.keys()].sort()) {
      if (term.includes(':')) continue; // error codes: their words are highlighted one by one
      const parts = LETTERS_DIGITS.exec(term);
      if (parts) latin.push(`${escapeRegExp(parts[1]!)}[ \\-_]?${parts[2]}`);
      else if (isAlpha(term)) latin.push(`${escapeRegExp(term.replace(/i$/, ''))}\\p{L}*`);
      else if (/^http\d{3}$/.test(term)) latin.push(`http[ \\-_/]*${term.slice(4)}`);
      else latin.push(escapeRegExp(term));
    }
    if (latin.length) alternatives.push(`${NOT_AFTER_WORD}(?:${latin.join('|')})${NOT_BEFORE_WORD}`);
    this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : null;
  }

  private matches(text: string): Match[] {
    const out: Match[] = [];
    if (!this.pattern || !text) return out;
    for (const m of text.matchAll(this.pattern)) {
      const raw = m[0];
      if (!raw) continue;
      const start = m.index;
      const folded = foldCase(raw);
      let key: string | undefined;
      let weight: number | undefined;
      if (this.spec.han.has(folded)) {
        key = folded;
        weight = this.spec.han.get(folded);
      } else {
        const compact = folded.replace(/[ \-_/]/g, '');
        const term = isAlpha(compact) ? stem(compact) : compact;
        weight = this.spec.latin.get(term) ?? this.spec.latin.get(compact);
        key = term;
      }
      if (weight === undefined) continue;
      out.push({ start, end: start + raw.length, key, weight });
      if (out.length >= MAX_MATCHES) break;
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
