import { describe, expect, it } from 'vitest';
import { inlineText, parseInline, parseMarkdown, safeHref, type Block } from '../../src/web/lib/markdown.js';

describe('markdown preview parser', () => {
  it('parses headings, paragraphs, emphasis, code and links', () => {
    const blocks = parseMarkdown('# Withdrawals\n\nSend **only** on the *right* network: `ERC-20`.\nSee [fees](./withdrawal-fees).');
    expect(blocks[0]).toMatchObject({ type: 'heading', level: 1 });
    const para = blocks[1] as Extract<Block, { type: 'paragraph' }>;
    expect(para.type).toBe('paragraph');
    expect(para.children.map((c) => c.type)).toEqual(['text', 'strong', 'text', 'em', 'text', 'code', 'text', 'link', 'text']);
    expect(inlineText(para.children)).toBe('Send only on the right network: ERC-20. See fees.');
    expect(para.children.find((c) => c.type === 'link')).toMatchObject({ href: './withdrawal-fees' });
  });

  it('parses ordered lists with nested bullet lists and lazy continuation', () => {
    const source = '1. **Lock** the account.\n2. Check the deposit:\n   - Wrong network: see [this](./deposit-wrong-network).\n   - Missing memo.\n3. Contact us\nright away.';
    const [list] = parseMarkdown(source) as [Extract<Block, { type: 'list' }>];
    expect(list).toMatchObject({ type: 'list', ordered: true, start: 1 });
    expect(list.items).toHaveLength(3);
    const nested = list.items[1]!.find((b) => b.type === 'list') as Extract<Block, { type: 'list' }>;
    expect(nested).toMatchObject({ ordered: false });
    expect(nested.items).toHaveLength(2);
    expect(inlineText((list.items[2]![0] as Extract<Block, { type: 'paragraph' }>).children)).toBe('Contact us right away.');
  });

  it('parses tables with alignment, fenced code, quotes and rules', () => {
    const blocks = parseMarkdown('| Network | Fee |\n|:--|--:|\n| TRC-20 | 1 USDT |\n| ERC-20 | 5 USDT |\n\n```json\n{"a": "<b>"}\n```\n\n> Never share\n> your phrase.\n\n---');
    expect(blocks.map((b) => b.type)).toEqual(['table', 'code', 'quote', 'hr']);
    const table = blocks[0] as Extract<Block, { type: 'table' }>;
    expect(table.align).toEqual(['left', 'right']);
    expect(table.rows.map((r) => r.map(inlineText))).toEqual([
      ['TRC-20', '1 USDT'],
      ['ERC-20', '5 USDT'],
    ]);
    expect(blocks[1]).toMatchObject({ lang: 'json', text: '{"a": "<b>"}' });
  });

  it('keeps script and data links out: they become plain text', () => {
    for (const href of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.example/x']) expect(safeHref(href)).toBeNull();
    for (const href of ['https://example.com', 'mailto:support@example.com', '/hc/en-us', './page', '#top', '{{brand.requestUrl}}']) expect(safeHref(href)).toBe(href);
    const nodes = parseInline('[click](javascript:alert(1)) me');
    expect(nodes.some((n) => n.type === 'link')).toBe(false);
    expect(inlineText(nodes)).toContain('click');
  });

  it('treats HTML as text and leaves snake_case alone', () => {
    const [p] = parseMarkdown('<img src=x onerror=alert(1)> api_key_name and 2 * 3 * 4') as [Extract<Block, { type: 'paragraph' }>];
    expect(p.children).toEqual([{ type: 'text', text: '<img src=x onerror=alert(1)> api_key_name and 2 * 3 * 4' }]);
  });

  it('parses every bundled help-center article without throwing and finds its structure', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = new URL('../../content/articles/', import.meta.url);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(20);
    let lists = 0;
    for (const file of files) {
      const body = (await readFile(new URL(file, dir), 'utf8')).replace(/^---[\s\S]*?\n---\n/, '');
      const blocks = parseMarkdown(body);
      expect(blocks.length, file).toBeGreaterThan(0);
      lists += blocks.filter((b) => b.type === 'list').length;
    }
    expect(lists).toBeGreaterThan(10);
  });
});
