/** Plain-text table for terminal output. Numbers are right-aligned. */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const isNumber = (c: string | number | undefined): boolean => typeof c === 'number' || /^-?[\d.,]+%?$/.test(String(c ?? ''));
  const placeholder = (c: string | number | undefined): boolean => /^(-|timeout|error|n\/a)$/.test(String(c ?? ''));
  const numeric = headers.map(
    (_, i) => rows.some((r) => isNumber(r[i])) && rows.every((r) => isNumber(r[i]) || placeholder(r[i])),
  );
  const line = (values: string[]): string =>
    values
      .map((v, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - displayWidth(v)));
        return numeric[i] ? pad + v : v + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...cells.map(line)].join('\n');
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  return n.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
}

/** Terminal width of a string: CJK and full-width characters count double. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd)
      ? 2
      : 1;
  }
  return width;
}
