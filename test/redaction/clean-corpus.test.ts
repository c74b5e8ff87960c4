import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/server/modules/redaction/index.js';
import { describeFindings } from './helpers.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const messages = JSON.parse(readFileSync(join(here, 'fixtures', 'clean-messages.json'), 'utf8')) as string[];
const articlesDir = fileURLToPath(new URL('../../content/articles/', import.meta.url));

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md')) out.push(path);
  }
  return out.sort();
}

describe('secret-free support messages', () => {
  it('has a corpus of at least 300 messages in English and Chinese', () => {
    expect(messages.length).toBeGreaterThanOrEqual(300);
    expect(messages.filter((m) => /[\u4e00-\u9fff]/.test(m)).length).toBeGreaterThanOrEqual(120);
    expect(messages.filter((m) => !/[\u4e00-\u9fff]/.test(m)).length).toBeGreaterThanOrEqual(120);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('produces zero findings on every message', () => {
    const flagged = messages
      .map((m) => ({ m, result: scanText(m) }))
      .filter(({ result }) => result.findings.length > 0)
      .map(({ m, result }) => `${m} => ${describeFindings(m, result)}`);
    expect(flagged).toEqual([]);
  });

  it('leaves every message byte-identical', () => {
    for (const m of messages) expect(scanText(m).redacted).toBe(m);
  });

  it('also stays clean when all messages are joined into one long text', () => {
    const joined = messages.join('\n');
    const result = scanText(joined);
    expect(describeFindings(joined, result)).toBe('');
  });
});

describe('knowledge-base articles', () => {
  const files = markdownFiles(articlesDir);
  it('scans every Markdown article under content/articles without findings', () => {
    const flagged: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const result = scanText(text);
      if (result.findings.length > 0) flagged.push(`${file}: ${describeFindings(text, result)}`);
    }
    expect(flagged).toEqual([]);
  });
});
