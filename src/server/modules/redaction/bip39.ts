import { sha256 } from '@noble/hashes/sha2.js';
import { PROSE_LLR_THRESHOLD, isPeriodic, isProseBigram, looksLikeProse, proseScore } from './chinese.js';
import type { PhraseContext } from './context.js';
import { scriptOf, stopwordList } from './stopwords.js';
import type { RawFinding } from './types.js';
import { LANG_EN, LANG_ZH_S, LANG_ZH_T, LANGUAGES, isNearMiss, normalizeWord, wordIndex } from './wordlists.js';

const MIN_WORDS = 12;
const MAX_GENERIC_WORDS = 24;

/** Word counts BIP39 allows: 12, 15, 18, 21 or 24. */
export function isValidLength(n: number): boolean {
  return n >= 12 && n <= 24 && n % 3 === 0;
}

/**
 * BIP39 checksum over 11-bit word indexes: the first ENT/32 bits of SHA-256(entropy) must equal
 * the trailing checksum bits.
 */
export function checksumValid(indices: readonly number[]): boolean {
  const n = indices.length;
  if (!isValidLength(n)) return false;
  const entBytes = (n / 3) * 4;
  const csBits = n / 3;
  const bytes = new Uint8Array(entBytes + 1);
  let acc = 0;
  let bits = 0;
  let pos = 0;
  for (let k = 0; k < n; k++) {
    const v = indices[k] ?? -1;
    if (v < 0 || v > 2047) return false;
    acc = (acc << 11) | v;
    bits += 11;
    while (bits >= 8) {
      bits -= 8;
      bytes[pos++] = (acc >>> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) bytes[pos] = (acc << (8 - bits)) & 0xff;
  const hash = sha256(bytes.subarray(0, entBytes));
  const mask = (0xff << (8 - csBits)) & 0xff;
  return ((hash[0] ?? 0) & mask) === ((bytes[entBytes] ?? 0) & mask);
}

// ---------------------------------------------------------------------------------------------
// Character classes: 1 = letter of an alphabetic/syllabic script (forms words), 2 = Han ideograph.

let classes: Uint8Array | undefined;

function charClasses(): Uint8Array {
  if (classes) return classes;
  const t = new Uint8Array(65536);
  const set = (from: number, to: number, v: number): void => {
    t.fill(v, from, to + 1);
  };
  set(0x41, 0x5a, 1);
  set(0x61, 0x7a, 1);
  set(0xc0, 0x24f, 1);
  t[0xd7] = 0;
  t[0xf7] = 0;
  set(0x300, 0x36f, 1); // combining diacritics (NFD/NFKD input)
  set(0x370, 0x3ff, 1); // Greek
  set(0x400, 0x52f, 1); // Cyrillic
  set(0x1100, 0x11ff, 1); // Hangul jamo (NFKD Korean)
  set(0x1e00, 0x1eff, 1); // Latin extended additional
  set(0x3041, 0x30fa, 1); // hiragana, katakana, combining kana marks
  t[0x30a0] = 0;
  set(0x30fc, 0x30fe, 1);
  set(0x3130, 0x318f, 1); // Hangul compatibility jamo
  set(0xac00, 0xd7a3, 1); // Hangul syllables
  set(0x3400, 0x4dbf, 2);
  set(0x4e00, 0x9fff, 2);
  set(0xf900, 0xfaff, 2);
  classes = t;
  return t;
}

// ---------------------------------------------------------------------------------------------
// Gaps between tokens.

const GAP_BREAK = 0;
const GAP_SPACE = 1;
const GAP_STRUCTURED = 2; // comma, newline, numbering, bullet
const MAX_GAP = 16;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x2002 || c === 0x2003 || c === 0x200b;
}

/**
 * What separates two tokens: plain spaces, a list separator (comma, line break, "2.", "3)", "#4",
 * "(5)", bullet) or something that ends a phrase (sentence punctuation, other symbols, long gaps).
 */
function classifyGap(text: string, from: number, to: number): number {
  const len = to - from;
  if (len <= 0 || len > MAX_GAP) return GAP_BREAK;
  if (len === 1) {
    const c = text.charCodeAt(from);
    if (c === 32) return GAP_SPACE;
  }
  let structured = false;
  let commas = 0;
  let digits = 0;
  let prefix = false;
  let suffix = false;
  let bullet = false;
  let newline = false;
  let dash = false;
  let spaced = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (isSpace(c)) {
      spaced = true;
      continue;
    }
    if (c === 10 || c === 13) {
      newline = true;
      structured = true;
      continue;
    }
    if (c >= 48 && c <= 57) {
      if (suffix || (digits > 0 && !isDigitAt(text, k - 1))) return GAP_BREAK;
      digits++;
      if (digits > 2) return GAP_BREAK;
      structured = true;
      continue;
    }
    if (digits === 0 && !prefix && (c === 35 || c === 40 || c === 0xff08 || c === 0x2116)) {
      // '#', '(', '（', '№'
      prefix = true;
      continue;
    }
    if (digits > 0 && !suffix && (c === 46 || c === 41 || c === 0xff09 || c === 58 || c === 0xff1a || c === 0x3001 || c === 45)) {
      // '.', ')', '）', ':', '：', '、', '-'
      suffix = true;
      continue;
    }
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 59 || c === 0xff1b || c === 124) {
      // ',', '，', '、', ';', '；', '|'
      if (++commas > 1) return GAP_BREAK;
      structured = true;
      continue;
    }
    if (newline && digits === 0 && !bullet && (c === 45 || c === 42 || c === 0x2022 || c === 0xb7)) {
      bullet = true;
      continue;
    }
    if (digits === 0 && !dash && (c === 45 || c === 0x2013 || c === 0x2014 || c === 47 || c === 0x2022 || c === 0xb7)) {
      // "word - word", "word / word", "word • word" (but not "well-known" or "src/proto")
      dash = true;
      continue;
    }
    return GAP_BREAK;
  }
  if (prefix && digits === 0) return GAP_BREAK;
  if (dash && !spaced && !newline) return GAP_BREAK;
  return structured ? GAP_STRUCTURED : GAP_SPACE;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

function isDigitAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c >= 48 && c <= 57;
}

// ---------------------------------------------------------------------------------------------
// Runs of listed words. Only offsets and masks are kept while scanning; words are re-read from
// the text when a run is long enough to be evaluated.

const STOP_BIT = 1 << 20;

let lexicon: Map<string, number> | undefined;

/** normalized word -> language mask, plus STOP_BIT for function words. */
function lexiconMap(): Map<string, number> {
  if (lexicon) return lexicon;
  const map = new Map<string, number>(wordIndex().masks);
  for (const w of stopwordList()) map.set(w, (map.get(w) ?? 0) | STOP_BIT);
  lexicon = map;
  return map;
}

/**
 * Open-addressing table keyed by a 32-bit hash of lowercase ASCII words, so the scanner can look
 * a token up without slicing it out of the text. Colliding entries OR their flags together;
 * windows are re-checked against the exact map before a finding is made.
 */
const HASH_BITS = 17;
const HASH_MASK = (1 << HASH_BITS) - 1;
let hashKeys: Int32Array | undefined;
let hashVals: Int32Array | undefined;

function wordHash(word: string): number {
  let h = 0;
  for (let k = 0; k < word.length; k++) h = (Math.imul(h, 31) + word.charCodeAt(k)) | 0;
  return h === 0 ? 1 : h;
}

function slotOf(h: number): number {
  return (h ^ (h >>> 15)) & HASH_MASK;
}

function asciiTable(): [Int32Array, Int32Array] {
  if (hashKeys && hashVals) return [hashKeys, hashVals];
  const keys = new Int32Array(1 << HASH_BITS);
  const vals = new Int32Array(1 << HASH_BITS);
  for (const [word, info] of lexiconMap()) {
    if (!/^[a-z]+$/.test(word)) continue;
    const h = wordHash(word);
    let slot = slotOf(h);
    while (keys[slot] !== 0 && keys[slot] !== h) slot = (slot + 1) & HASH_MASK;
    keys[slot] = h;
    vals[slot] = (vals[slot] ?? 0) | info;
  }
  hashKeys = keys;
  hashVals = vals;
  return [keys, vals];
}

class Run {
  starts: Int32Array = new Int32Array(64);
  ends: Int32Array = new Int32Array(64);
  masks: Int32Array = new Int32Array(64);
  length = 0;
  known = 0;

  lastMask(): number {
    return this.length > 0 ? (this.masks[this.length - 1] ?? 0) : -1;
  }

  push(start: number, end: number, mask: number): void {
    if (this.length === this.starts.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.masks = grow(this.masks);
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.masks[this.length] = mask;
    this.length++;
    if (mask !== 0) this.known++;
  }

  clear(): void {
    this.length = 0;
    this.known = 0;
  }
}

/** Sequence of words of a wordlist we do not ship (e.g. Russian or Turkish lists some wallets use). */
class GenericRun {
  count = 0;
  start = 0;
  end = 0;
  script = 0;
  structured = true;
  multiline = false;
  known = 0;
  stops = 0;
  pendingStop = -1;

  clear(): void {
    this.count = 0;
    this.structured = true;
    this.multiline = false;
    this.known = 0;
    this.stops = 0;
    this.pendingStop = -1;
  }
}

interface RunView {
  run: Run;
  text: string;
  words: string[];
  han: boolean[];
  stop: boolean[];
}

function viewOf(run: Run, text: string): RunView {
  const cls = charClasses();
  const words: string[] = [];
  const han: boolean[] = [];
  for (let k = 0; k < run.length; k++) {
    const s = run.starts[k] ?? 0;
    const e = run.ends[k] ?? 0;
    const isHan = cls[text.charCodeAt(s)] === 2;
    han.push(isHan);
    words.push(isHan ? text.charAt(s) : normalizeWord(text.slice(s, e)));
  }
  return { run, text, words, han, stop: [] };
}

function wordIndexIn(word: string, han: boolean, lang: number): number {
  const idx = wordIndex();
  if (han) {
    const code = word.charCodeAt(0);
    return (lang === LANG_ZH_S ? idx.hanIndexS : idx.hanIndexT)[code] ?? -1;
  }
  return idx.indexes[lang]?.get(word) ?? -1;
}

function checksumFor(v: RunView, from: number, to: number, lang: number): boolean {
  const indices: number[] = [];
  for (let k = from; k < to; k++) indices.push(wordIndexIn(v.words[k] ?? '', v.han[k] ?? false, lang));
  return checksumValid(indices);
}

/** Does any BIP39-length window anchored at either end of [from, to) pass the checksum? */
function anyChecksum(v: RunView, from: number, to: number, lang: number): boolean {
  const n = to - from;
  for (let len = 24; len >= 12; len -= 3) {
    if (len > n) continue;
    if (checksumFor(v, from, from + len, lang)) return true;
    if (len < n && checksumFor(v, to - len, to, lang)) return true;
  }
  return false;
}

function emitRun(v: RunView, from: number, to: number, certain: boolean, out: RawFinding[]): void {
  out.push({
    kind: 'recovery_phrase',
    start: v.run.starts[from] ?? 0,
    end: v.run.ends[to] ?? 0,
    certainty: certain ? 'certain' : 'likely',
    norm: v.words.slice(from, to + 1).join(' '),
  });
}

/**
 * Finds, per language, windows of listed words with at most two tolerated unknown tokens
 * (near-misses of that language, or anything word-like when a phrase context is nearby).
 */
function evaluateRun(run: Run, text: string, ctx: PhraseContext, out: RawFinding[]): void {
  const n = run.length;
  if (run.known < MIN_WORDS - 2 || n < MIN_WORDS - 1) return;
  const v = viewOf(run, text);
  // hashes may collide: re-read every mask from the exact map
  const lex = lexiconMap();
  const hanMask = wordIndex().hanMask;
  run.known = 0;
  for (let k = 0; k < n; k++) {
    const w = v.words[k] ?? '';
    const info = v.han[k] ? (hanMask[w.charCodeAt(0)] ?? 0) : (lex.get(w) ?? 0);
    const m = info & ~STOP_BIT;
    v.stop.push((info & STOP_BIT) !== 0);
    run.masks[k] = m;
    if (m !== 0) run.known++;
  }
  if (run.known < MIN_WORDS - 2) return;
  // whether a phrase context is nearby, looked up only when an unknown word needs it
  let contextState = 0;
  const withContext = (): boolean => {
    if (contextState === 0) contextState = ctx.near(run.starts[0] ?? 0, run.ends[n - 1] ?? 0, 120, 60) ? 1 : 2;
    return contextState === 1;
  };
  let langs = 0;
  for (let k = 0; k < n; k++) langs |= run.masks[k] ?? 0;
  for (let lang = 0; lang < LANGUAGES.length; lang++) {
    const bit = 1 << lang;
    if ((langs & bit) === 0) continue;
    // 2 = listed in this language, 1 = tolerated unknown, 0 = stops a window
    const ok: number[] = new Array<number>(n);
    let listed = 0;
    for (let k = 0; k < n; k++) {
      const m = run.masks[k] ?? 0;
      if (m & bit) {
        ok[k] = 2;
        listed++;
      } else if (tolerated(v, k, lang, withContext)) ok[k] = 1;
      else ok[k] = 0;
    }
    if (listed < MIN_WORDS - 2) continue;
    // two pointers: for each left edge, the longest window with at most two unknowns, of which at
    // most one is a function word ("and", "the" are one edit away from listed words)
    let lastEmittedEnd = -1;
    let r = 0;
    let unknowns = 0;
    let stops = 0;
    for (let l = 0; l < n; l++) {
      if (r < l) {
        r = l;
        unknowns = 0;
        stops = 0;
      }
      while (r < n && (ok[r] ?? 0) > 0) {
        const isUnknown = ok[r] === 1;
        const isStop = isUnknown && (v.stop[r] ?? false);
        if (unknowns + (isUnknown ? 1 : 0) > 2 || stops + (isStop ? 1 : 0) > 1) break;
        if (isUnknown) unknowns++;
        if (isStop) stops++;
        r++;
      }
      if (r - l >= MIN_WORDS - 2 && r - 1 > lastEmittedEnd) {
        if (emitWindow(v, ok, l, r, lang, withContext, out)) lastEmittedEnd = r - 1;
      }
      if (ok[l] === 1) {
        unknowns--;
        if (v.stop[l]) stops--;
      }
      if (ok[l] === 0) {
        r = l + 1;
        unknowns = 0;
        stops = 0;
      }
    }
  }
}

function tolerated(v: RunView, k: number, lang: number, withContext: () => boolean): boolean {
  const word = v.words[k] ?? '';
  if (v.han[k]) return (lang === LANG_ZH_S || lang === LANG_ZH_T) && withContext();
  if (lang === LANG_ZH_S || lang === LANG_ZH_T) return false;
  if (word.length < 3) return false;
  if (isNearMiss(word, lang)) return true;
  return word.length <= 12 && !v.stop[k] && withContext();
}

/** Trims unknown edges (keeping one when it completes a BIP39 length) and emits the window. */
function emitWindow(
  v: RunView,
  ok: number[],
  l: number,
  r: number,
  lang: number,
  withContext: () => boolean,
  out: RawFinding[],
): boolean {
  let a = l;
  let b = r - 1;
  while (a <= b && ok[a] === 1) a++;
  while (b >= a && ok[b] === 1) b--;
  let len = b - a + 1;
  if (!isValidLength(len)) {
    if (a > l && isValidLength(len + 1)) {
      a--;
      len++;
    } else if (b < r - 1 && isValidLength(len + 1)) {
      b++;
      len++;
    }
  }
  // one word short of a phrase is still most of a secret when the text says it is a seed
  if (len < MIN_WORDS && !(len === MIN_WORDS - 1 && withContext())) return false;
  let unknowns = 0;
  for (let k = a; k <= b; k++) if (ok[k] === 1) unknowns++;
  if (len - unknowns < MIN_WORDS - 2) return false;
  const certain = unknowns === 0 && anyChecksum(v, a, b + 1, lang);
  if (!certain && lang === LANG_EN && readsLikeEnglish(v, a, b)) return false;
  emitRun(v, a, b, certain, out);
  return true;
}

// English wordlist entries that are everyday function words. A random phrase rarely has three of
// them; an English sentence made only of listed words nearly always does.
const ENGLISH_FUNCTION_WORDS = new Set(
  `about above across after again against all also among another any around because before behind
  below between both but can come could does during each either else enough even ever every few first
  for from get give have here how into just like little make many may more most much must never next
  not now off often once one only open other over own same say see should some such sure than that
  them then there these they this those though through time together too toward under until upon use
  very want way well what when where which while who why will with within without would yet you your`.split(/\s+/),
);

/** Non-checksum English windows that read like a sentence (function words, capitalized words). */
function readsLikeEnglish(v: RunView, a: number, b: number): boolean {
  let functionWords = 0;
  let capitalized = 0;
  for (let k = a; k <= b; k++) {
    if (ENGLISH_FUNCTION_WORDS.has(v.words[k] ?? '')) functionWords++;
    if (k > a) {
      const s = v.run.starts[k] ?? 0;
      const c0 = v.text.charCodeAt(s);
      const c1 = v.text.charCodeAt(s + 1);
      if (c0 >= 65 && c0 <= 90 && c1 >= 97 && c1 <= 122) capitalized++;
    }
  }
  return functionWords >= 3 || capitalized >= 2;
}

function evaluateGeneric(gen: GenericRun, text: string, ctx: PhraseContext, out: RawFinding[]): void {
  const n = gen.count;
  if (n < MIN_WORDS || n > MAX_GENERIC_WORDS) return;
  // a run made mostly of official-list words is the official detector's business
  if (gen.known * 2 > n) return;
  const accept =
    (isValidLength(n) && (gen.structured || (!gen.multiline && isolatedLine(text, gen.start, gen.end)))) ||
    ctx.near(gen.start, gen.end, 120, 60);
  if (!accept) return;
  const words = text
    .slice(gen.start, gen.end)
    .split(/[^\p{L}\p{M}]+/u)
    .filter(Boolean)
    .map(normalizeWord);
  out.push({ kind: 'recovery_phrase', start: gen.start, end: gen.end, certainty: 'likely', norm: words.join(' ') });
}

/** The span is alone on its line (ignoring quotes, brackets and a final full stop). */
function isolatedLine(text: string, start: number, end: number): boolean {
  for (let k = start - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) break;
    if (isSpace(c) || c === 34 || c === 39 || c === 0x201c || c === 0x300c || c === 96 || c === 91 || c === 40) continue;
    return false;
  }
  for (let k = end; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) break;
    if (isSpace(c) || c === 34 || c === 39 || c === 0x201d || c === 0x300d || c === 96 || c === 93 || c === 41 || c === 46 || c === 0x3002) continue;
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Contiguous Chinese phrases ("的的的的的的的的的的的在").

/** Every candidate window must avoid common two-character words; prose rarely has 12 characters without one. */
function hasBigramFreeStretch(text: string, a: number, b: number): boolean {
  let stretch = 1;
  for (let k = a + 1; k < b; k++) {
    stretch = isProseBigram(text, k - 1) ? 1 : stretch + 1;
    if (stretch >= MIN_WORDS) return true;
  }
  return false;
}

function contiguousChinese(text: string, a: number, b: number, ctx: PhraseContext, out: RawFinding[]): void {
  const idx = wordIndex();
  const n = b - a;
  const tryWindow = (s: number, e: number): boolean => {
    if (looksLikeProse(text, s, e)) return false;
    const periodic = isPeriodic(text, s, e);
    for (const lang of [LANG_ZH_S, LANG_ZH_T]) {
      const table = lang === LANG_ZH_S ? idx.hanIndexS : idx.hanIndexT;
      const indices: number[] = [];
      for (let k = s; k < e; k++) indices.push(table[text.charCodeAt(k)] ?? -1);
      if (!checksumValid(indices)) continue;
      if (periodic || proseScore(indices) <= PROSE_LLR_THRESHOLD) return true;
    }
    return false;
  };
  const emit = (s: number, e: number): void => {
    const chars: string[] = [];
    for (let k = s; k < e; k++) chars.push(text.charAt(k));
    out.push({ kind: 'recovery_phrase', start: s, end: e, certainty: 'certain', norm: chars.join(' ') });
  };
  if (isValidLength(n) && isolatedLine(text, a, b) && tryWindow(a, b)) {
    emit(a, b);
    return;
  }
  if (!hasBigramFreeStretch(text, a, b) || !ctx.near(a, b, 40, 20)) return;
  // Next to a phrase context, a checksum-valid window may sit inside a longer run, a couple of
  // characters after the context word ("助记词是…") or before a closing courtesy ("…请帮忙").
  let coverStart = -1;
  let coverEnd = -1;
  for (let len = 24; len >= 12; len -= 3) {
    for (let s = a; s + len <= b; s++) {
      const e = s + len;
      if (s - a > 2 && b - e > 4) continue;
      if (s >= coverStart && e <= coverEnd) continue;
      if (!tryWindow(s, e)) continue;
      coverStart = coverStart < 0 ? s : Math.min(coverStart, s);
      coverEnd = Math.max(coverEnd, e);
    }
  }
  if (coverEnd >= 0) emit(coverStart, coverEnd);
}

// First characters of the Han context words in context.ts (助记词, 恢复短语, 种子, 备份短语, 钱包短语, 密语, 復元 …).
const HAN_CONTEXT_STARTS = new Set([...'助恢种種备備钱錢密復'].map((c) => c.charCodeAt(0)));

function mayHoldHanContext(text: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (HAN_CONTEXT_STARTS.has(text.charCodeAt(k))) return true;
  return false;
}

/** Scans a multi-character Han chunk for runs of listed characters long enough to be a phrase. */
function scanHanChunk(text: string, a: number, b: number, ctx: PhraseContext, out: RawFinding[]): void {
  const mask = wordIndex().hanMask;
  let runStart = -1;
  for (let k = a; k <= b; k++) {
    if (k < b && (mask[text.charCodeAt(k)] ?? 0) !== 0) {
      if (runStart < 0) runStart = k;
      continue;
    }
    if (runStart >= 0 && k - runStart >= MIN_WORDS && hasBigramFreeStretch(text, runStart, k)) {
      // context words ("助记词") are made of listed characters too: they split the run
      let from = runStart;
      const hits = mayHoldHanContext(text, runStart, k) ? ctx.hitsWithin(runStart, k) : [];
      for (const [hs, he] of hits) {
        if (hs - from >= MIN_WORDS) contiguousChinese(text, from, hs, ctx, out);
        from = Math.max(from, he);
      }
      if (k - from >= MIN_WORDS) contiguousChinese(text, from, k, ctx, out);
    }
    runStart = -1;
  }
}

// ---------------------------------------------------------------------------------------------

const sharedRun = new Run();
const sharedGeneric = new GenericRun();

function flushRun(run: Run, text: string, ctx: PhraseContext, out: RawFinding[]): void {
  if (run.length > 0) {
    evaluateRun(run, text, ctx, out);
    run.clear();
  }
}

function flushGeneric(gen: GenericRun, text: string, ctx: PhraseContext, out: RawFinding[]): void {
  if (gen.count > 0) {
    evaluateGeneric(gen, text, ctx, out);
    gen.clear();
  }
}

/** Finds recovery phrases in `text`, appending findings to `out`. */
export function detectPhrases(text: string, ctx: PhraseContext, out: RawFinding[]): void {
  const cls = charClasses();
  const hanMask = wordIndex().hanMask;
  const lex = lexiconMap();
  const [keys, vals] = asciiTable();
  // scanning is synchronous, so one pair of buffers serves every call
  const run = sharedRun;
  const gen = sharedGeneric;
  run.clear();
  gen.clear();
  const n = text.length;

  // The unknown token just before the current one, kept in case it is a typo'd first word.
  let pendingStart = -1;
  let pendingEnd = -1;
  let prevEnd = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = cls[c] ?? 0;
    if (k === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    let ascii = c < 128;
    let upper = c < 91;
    let h = c | 32;
    if (k === 1) {
      while (j < n) {
        const d = text.charCodeAt(j);
        if (cls[d] !== 1) break;
        if (d >= 128) ascii = false;
        else {
          if (d < 91) upper = true;
          h = (Math.imul(h, 31) + (d | 32)) | 0;
        }
        j++;
      }
    } else {
      while (j < n && cls[text.charCodeAt(j)] === 2) j++;
    }
    const active = run.length > 0 || gen.count > 0 || pendingEnd === prevEnd;
    const gap = active && prevEnd >= 0 ? classifyGap(text, prevEnd, i) : GAP_BREAK;
    if (gap === GAP_BREAK) {
      flushRun(run, text, ctx, out);
      flushGeneric(gen, text, ctx, out);
      pendingEnd = -1;
    }

    if (k === 2) {
      flushGeneric(gen, text, ctx, out);
      pendingEnd = -1;
      const firstMask = hanMask[c] ?? 0;
      if (j - i === 1) {
        if (firstMask === 0 && run.length > 0 && run.lastMask() === 0) flushRun(run, text, ctx, out);
        if (firstMask !== 0 || run.length > 0) run.push(i, j, firstMask);
      } else {
        // A chunk of contiguous ideographs ends any spaced run; its edge characters may still
        // belong to a spaced phrase written right after/before a word ("助记词是 的 的 …").
        if (run.length > 0 && gap !== GAP_BREAK && firstMask !== 0) run.push(i, i + 1, firstMask);
        flushRun(run, text, ctx, out);
        if (j - i >= MIN_WORDS) scanHanChunk(text, i, j, ctx, out);
        const lastMask = hanMask[text.charCodeAt(j - 1)] ?? 0;
        if (lastMask !== 0) run.push(j - 1, j, lastMask);
      }
      prevEnd = j;
      i = j;
      continue;
    }

    const len = j - i;
    let info = 0;
    let script = 0;
    if (ascii) {
      if (len >= 3 && len <= 9) {
        if (h === 0) h = 1;
        let slot = slotOf(h);
        for (;;) {
          const key = keys[slot] ?? 0;
          if (key === h) {
            info = vals[slot] ?? 0;
            break;
          }
          if (key === 0) break;
          slot = (slot + 1) & HASH_MASK;
        }
        if (!upper && len >= 4 && len <= 8 && (info & STOP_BIT) === 0) script = 1;
      }
    } else if (len >= 2 && len <= 14) {
      const raw = text.slice(i, j);
      const word = normalizeWord(raw);
      info = lex.get(word) ?? 0;
      // candidate word of an unlisted wordlist: lowercase Latin/Cyrillic, 4–8 letters, not a function word
      if ((info & STOP_BIT) === 0 && word.length >= 4 && word.length <= 8 && raw === raw.toLowerCase()) {
        script = scriptOf(word.charCodeAt(0));
      }
    }
    const mask = info & ~STOP_BIT;
    // Function words end a generic run, except one standing alone between candidate words (real
    // wordlists contain some everyday words too); at most two of them per run.
    const isStop = (info & STOP_BIT) !== 0 && len >= 3 && len <= 8;
    if (script === 0 && !(isStop && gen.count > 0 && gen.pendingStop < 0 && gen.stops < 2)) flushGeneric(gen, text, ctx, out);
    else if (script !== 0 && gen.count > 0 && script !== gen.script) flushGeneric(gen, text, ctx, out);
    if (script === 0 && isStop && gen.count > 0) {
      gen.pendingStop = i;
      if (gap !== GAP_STRUCTURED) gen.structured = false;
    } else if (script !== 0) {
      if (gen.count === 0) {
        gen.start = i;
        gen.script = script;
      } else {
        if (gap !== GAP_STRUCTURED) gen.structured = false;
        if (!gen.multiline && hasLineBreak(text, prevEnd, i)) gen.multiline = true;
      }
      if (gen.pendingStop >= 0) {
        gen.count++;
        gen.stops++;
        gen.pendingStop = -1;
      }
      gen.count++;
      gen.end = j;
      if (mask !== 0) gen.known++;
    }

    if (mask === 0) {
      if (run.length > 0) {
        if (run.lastMask() === 0) {
          flushRun(run, text, ctx, out);
          pendingStart = i;
          pendingEnd = j;
        } else run.push(i, j, 0);
      } else {
        pendingStart = i;
        pendingEnd = j;
      }
    } else {
      if (run.length === 0 && pendingEnd === prevEnd && pendingEnd >= 0 && gap !== GAP_BREAK) run.push(pendingStart, pendingEnd, 0);
      run.push(i, j, mask);
      pendingEnd = -1;
    }
    prevEnd = j;
    i = j;
  }
  flushRun(run, text, ctx, out);
  flushGeneric(gen, text, ctx, out);
}
