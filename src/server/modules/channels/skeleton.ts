/**
 * Skeletons for look-alike detection: two strings that a reader cannot tell apart get the same
 * skeleton. Focused on what imitates lower-case Latin letters in domains and handles — Cyrillic,
 * Greek and Armenian letters, accented and small-capital Latin, digits used as letters and a few
 * letter pairs (rn → m, vv → w, cl → d). Not the full Unicode confusables table: just the part
 * phishers use against Latin brand names.
 */

/** One character → the Latin letters it passes for (applied after NFKD and lower-casing). */
const CONFUSABLE: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', б: 'b', в: 'b', г: 'r', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', п: 'n', р: 'p',
  с: 'c', т: 't', у: 'y', х: 'x', ш: 'w', ь: 'b', ѕ: 's', і: 'i', ї: 'i', ј: 'j', һ: 'h', ӏ: 'l',
  ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', ҫ: 'c', ѡ: 'w', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', γ: 'y', δ: 'd', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', σ: 'o', τ: 't',
  υ: 'u', χ: 'x', ω: 'w', ϲ: 'c', ϳ: 'j', ϱ: 'p',
  // Armenian
  ա: 'w', գ: 'q', հ: 'h', ո: 'n', ս: 'u', ց: 'g', օ: 'o', զ: 'q',
  // Latin letters that NFKD does not reduce
  ı: 'i', ȷ: 'j', ł: 'l', ƚ: 'l', ɩ: 'i', ɪ: 'i', ɑ: 'a', ʀ: 'r', ɴ: 'n', ʏ: 'y', ᴏ: 'o', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e',
  ᴋ: 'k', ᴍ: 'm', ᴘ: 'p', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ø: 'o', đ: 'd', ħ: 'h', ŧ: 't', ƅ: 'b', ɗ: 'd',
  ß: 'ss', æ: 'ae', œ: 'oe', þ: 'p', ℓ: 'l',
  // Digits and symbols used as letters
  '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '6': 'b', '7': 't', '8': 'b', '9': 'g', '|': 'l', '$': 's', '@': 'a',
};

/** Letter pairs that read as one letter (checked after the single characters). */
const PAIRS: ReadonlyArray<[RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
];

const SEPARATORS = /[\s._\-·・。．]+/gu;
const MARKS = /\p{M}+/gu;

/** Compatibility-decomposed, accents stripped, lower-cased: `ｌａｎｔｅｒｎｆíｓｈ` → `lanternfish`. */
export function fold(value: string): string {
  return value.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** `fold`, with separators (dots, hyphens, underscores, spaces) removed. */
export function foldCompact(value: string): string {
  return fold(value).replace(SEPARATORS, '');
}

/**
 * The visual skeleton: fold, map every confusable character to the Latin letter it imitates,
 * collapse look-alike letter pairs and drop separators. `lаnternf1sh` (Cyrillic а, digit 1) and
 * `lanternfish` share a skeleton.
 */
export function skeleton(value: string): string {
  let out = '';
  for (const char of foldCompact(value)) out += CONFUSABLE[char] ?? char;
  // i, l and their stand-ins (1, |, ı, ι…) are one vertical stroke in many fonts.
  out = out.replace(/i/g, 'l');
  for (const [pattern, replacement] of PAIRS) out = out.replace(pattern, replacement);
  return out;
}

export type ScriptName = 'Cyrillic' | 'Greek' | 'Armenian' | 'Latin' | 'Han' | 'other';

/** Characters of `value` that are not plain ASCII, with their code point and script. */
export function unusualCharacters(value: string): Array<{ char: string; codePoint: string; script: ScriptName }> {
  const found: Array<{ char: string; codePoint: string; script: ScriptName }> = [];
  const seen = new Set<string>();
  for (const char of value) {
    if (char.charCodeAt(0) < 0x80 || seen.has(char)) continue;
    seen.add(char);
    const script: ScriptName = /\p{Script=Cyrillic}/u.test(char)
      ? 'Cyrillic'
      : /\p{Script=Greek}/u.test(char)
        ? 'Greek'
        : /\p{Script=Armenian}/u.test(char)
          ? 'Armenian'
          : /\p{Script=Latin}/u.test(char)
            ? 'Latin'
            : /\p{Script=Han}/u.test(char)
              ? 'Han'
              : 'other';
    found.push({ char, codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, script });
  }
  return found;
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps),
 * giving up early once it exceeds `max` (returns max + 1).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const x = [...a];
  const y = [...b];
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= y.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= x.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return Math.min(rows[x.length]![y.length]!, max + 1);
}
