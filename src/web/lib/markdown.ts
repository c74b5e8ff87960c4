/**
 * A small Markdown parser for the knowledge-base editor's live preview. It produces a tree that the
 * preview renders with React elements (never as HTML), so nothing an author types can run as script.
 * Supported: ATX headings, paragraphs, emphasis, strong, inline code, fenced code, links, autolinks,
 * ordered/unordered (nested) lists, block quotes, tables, horizontal rules, hard breaks. The server's
 * renderer (markdown-it) stays the authority for the published page.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'image'; alt: string; src: string }
  | { type: 'br' };

export type Align = 'left' | 'center' | 'right' | null;

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'hr' }
  | { type: 'table'; align: Align[]; header: Inline[][]; rows: Inline[][][] };

/**
 * Links keep http(s), mailto and relative targets (including the `{{brand.…}}` placeholders the
 * server fills in); `javascript:`, `data:` and other schemes become plain text.
 */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (!href) return null;
  if (/^\{\{\s*[\w.]+\s*\}\}/.test(href)) return href;
  if (/^(?:\/(?!\/)|\.\.?\/|#|\?)/.test(href)) return href;
  if (/^(?:https?:\/\/|mailto:)/i.test(href)) return href;
  // A bare relative path without scheme ("page-name").
  if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) return href;
  return null;
}

// ---- Inline ----

const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!|>~])/;

export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const ch = source[i]!;
    if (ch === '\\') {
      const m = ESCAPABLE.exec(rest);
      if (m && m.index === 0) {
        text += m[1];
        i += 2;
        continue;
      }
    }
    if (ch === '\n') {
      // Two trailing spaces or a backslash make a hard break; a plain newline is a space.
      if (text.endsWith('  ')) {
        text = text.replace(/ +$/, '');
        flush();
        out.push({ type: 'br' });
      } else {
        text = text.replace(/ +$/, '') + ' ';
      }
      i += 1;
      continue;
    }
    if (ch === '`') {
      const ticks = /^`+/.exec(rest)![0];
      const close = rest.indexOf(ticks, ticks.length);
      if (close > 0) {
        flush();
        out.push({ type: 'code', text: rest.slice(ticks.length, close).replace(/^ (.*) $/, '$1') });
        i += close + ticks.length;
        continue;
      }
    }
    if (ch === '!' && rest.startsWith('![')) {
      const m = /^!\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/.exec(rest);
      if (m) {
        flush();
        out.push({ type: 'image', alt: m[1]!, src: m[2]! });
        i += m[0].length;
        continue;
      }
    }
    if (ch === '[') {
      const link = matchLink(rest);
      if (link) {
        const href = safeHref(link.href);
        flush();
        if (href) out.push({ type: 'link', href, children: parseInline(link.label) });
        else out.push(...parseInline(link.label));
        i += link.length;
        continue;
      }
    }
    if (ch === '<') {
      const m = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(rest);
      if (m) {
        flush();
        out.push({ type: 'link', href: m[1]!, children: [{ type: 'text', text: m[1]!.replace(/^mailto:/i, '') }] });
        i += m[0].length;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      const strong = rest.startsWith(ch + ch) ? findClose(source, i + 2, ch + ch) : -1;
      if (strong > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(source.slice(i + 2, strong)) });
        i = strong + 2;
        continue;
      }
      const prev = source[i - 1] ?? ' ';
      // Underscores inside words (snake_case) are not emphasis.
      const opens = ch === '*' || !/[\p{L}\p{N}]/u.test(prev);
      const em = opens && !rest.startsWith(ch + ch) ? findClose(source, i + 1, ch) : -1;
      if (em > i + 1 && !/\s/.test(source[i + 1]!)) {
        flush();
        out.push({ type: 'em', children: parseInline(source.slice(i + 1, em)) });
        i = em + 1;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  flush();
  return out;
}

/** `[label](href)` with balanced brackets in the label; null when `rest` does not start with one. */
function matchLink(rest: string): { label: string; href: string; length: number } | null {
  let depth = 0;
  let end = -1;
  for (let j = 0; j < rest.length; j++) {
    const c = rest[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) {
        end = j;
        break;
      }
    } else if (c === '\n' && rest[j + 1] === '\n') return null;
  }
  if (end < 0 || rest[end + 1] !== '(') return null;
  const m = /^\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+"[^"]*")?\s*\)/.exec(rest.slice(end + 1));
  if (!m) return null;
  return { label: rest.slice(1, end), href: m[1]!.replace(/^<|>$/g, ''), length: end + 1 + m[0].length };
}

/** Index of the closing delimiter (not preceded by whitespace), or -1. */
function findClose(source: string, from: number, delimiter: string): number {
  let j = from;
  while (j < source.length) {
    if (source[j] === '\\') {
      j += 2;
      continue;
    }
    if (source[j] === '`') {
      const ticks = /^`+/.exec(source.slice(j))![0];
      const close = source.indexOf(ticks, j + ticks.length);
      if (close > 0) {
        j = close + ticks.length;
        continue;
      }
    }
    if (source.startsWith(delimiter, j) && j > from && !/\s/.test(source[j - 1]!)) {
      // `**` must not be taken for the end of a single `*`.
      if (delimiter.length === 1 && source[j + 1] === delimiter) {
        j += 2;
        continue;
      }
      return j;
    }
    j += 1;
  }
  return -1;
}

// ---- Blocks ----

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const BULLET = /^( {0,3})([-*+])[ \t]+(.*)$/;
const ORDERED = /^( {0,3})(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const TABLE_DIVIDER = /^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

const isBlank = (line: string) => line.trim() === '';

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (s[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += s[i];
  }
  cells.push(cell.trim());
  return cells;
}

function startsBlock(line: string, next: string | undefined): boolean {
  return FENCE.test(line) || HEADING.test(line) || HR.test(line) || BULLET.test(line) || ORDERED.test(line) || QUOTE.test(line) || (line.includes('|') && next !== undefined && TABLE_DIVIDER.test(next));
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  return parseBlocks(lines);
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(marker)) body.push(lines[i++]!);
      i++; // closing fence (or end of input)
      blocks.push({ type: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, children: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (HR.test(line)) {
      blocks.push({ type: 'hr' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !isBlank(lines[i]!)) {
        const m = QUOTE.exec(lines[i]!);
        inner.push(m ? m[1]! : lines[i]!);
        i++;
      }
      blocks.push({ type: 'quote', children: parseBlocks(inner) });
      continue;
    }
    if (BULLET.test(line) || ORDERED.test(line)) {
      const { block, next } = parseList(lines, i);
      blocks.push(block);
      i = next;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_DIVIDER.test(lines[i + 1]!)) {
      const header = splitRow(line);
      const align: Align[] = splitRow(lines[i + 1]!).map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : null));
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && !isBlank(lines[i]!) && lines[i]!.includes('|')) {
        const cells = splitRow(lines[i]!);
        rows.push(header.map((_, c) => parseInline(cells[c] ?? '')));
        i++;
      }
      blocks.push({ type: 'table', align: header.map((_, c) => align[c] ?? null), header: header.map((h) => parseInline(h)), rows });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i]!) && (para.length === 0 || !startsBlock(lines[i]!, lines[i + 1]))) {
      para.push(lines[i]!.replace(/^ {1,3}/, ''));
      i++;
    }
    blocks.push({ type: 'paragraph', children: parseInline(para.join('\n').trim()) });
  }
  return blocks;
}

/** A list and its items; an item's continuation lines are those indented past its marker. */
function parseList(lines: string[], start: number): { block: Block; next: number } {
  const first = BULLET.exec(lines[start]!) ?? ORDERED.exec(lines[start]!)!;
  const ordered = ORDERED.test(lines[start]!) && !BULLET.test(lines[start]!);
  const items: Block[][] = [];
  let i = start;
  const startNumber = ordered ? Number(first[2]) : 1;
  while (i < lines.length) {
    const m = ordered ? ORDERED.exec(lines[i]!) : BULLET.exec(lines[i]!);
    if (!m) break;
    const contentIndent = m[1]!.length + m[2]!.length + (ordered ? 1 : 0) + 1;
    const body: string[] = [m[3]!];
    i++;
    while (i < lines.length) {
      const l = lines[i]!;
      if (isBlank(l)) {
        // A blank line continues the item only when the next line is indented into it.
        const after = lines[i + 1];
        if (after !== undefined && !isBlank(after) && /^ */.exec(after)![0].length >= Math.min(contentIndent, 2)) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      const indent = /^ */.exec(l)![0].length;
      if (indent >= 2) {
        body.push(l.slice(Math.min(indent, contentIndent)));
        i++;
        continue;
      }
      // A lazy continuation line of the item's paragraph.
      if (!startsBlock(l, lines[i + 1])) {
        body.push(l);
        i++;
        continue;
      }
      break;
    }
    items.push(parseBlocks(body));
    // Skip blank lines between items of the same list.
    let j = i;
    while (j < lines.length && isBlank(lines[j]!)) j++;
    if (j < lines.length && (ordered ? ORDERED : BULLET).test(lines[j]!) && j !== i) i = j;
  }
  return { block: { type: 'list', ordered, start: startNumber, items }, next: i };
}

/** Plain text of inline nodes (for titles, alt text, tests). */
export function inlineText(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
        case 'code':
          return n.text;
        case 'br':
          return '\n';
        case 'image':
          return n.alt;
        default:
          return inlineText(n.children);
      }
    })
    .join('');
}
