import type { Jieba } from '@node-rs/jieba';
import { GRAM_PREFIX, analyze, isAlpha } from './analyzer.js';
import type { Locale } from './types.js';

/** A document as stored by the index (copied from the caller's object). */
export interface StoredDoc {
  id: string;
  locale: Locale;
  title: string;
  labels: string[];
  body: string;
  sectionId: string;
  categoryId: string;
}

/** One term of a query variant: index key (grams carry GRAM_PREFIX) and its weight. */
export interface ScoringTerm {
  key: string;
  weight: number;
}

/** Alternatives for one query concept: the group scores max over its variants (dismax). */
export interface ScoringGroup {
  weight: number;
  /** Each variant is a list of terms whose scores add up. */
  variants: ScoringTerm[][];
}

/** BM25F parameters. Fields: title, labels, body. */
const K1 = 1.2;
const FIELD_B = [0.4, 0.3, 0.75] as const;
const FIELD_BOOST = [3, 2, 1] as const;
/** Packed term frequencies: title bits 0-7, labels bits 8-15, body bits 16-30. */
const TITLE_INC = 1;
const LABELS_INC = 1 << 8;
const BODY_INC = 1 << 16;
const SMALL_MAX = 0xff;
const BODY_MAX = 0x7fff;
const FIELD_INC = [TITLE_INC, LABELS_INC, BODY_INC] as const;
/** Minimum length of a stem that gets a deletion-neighbourhood entry for typo tolerance. */
const FUZZY_MIN_VOCAB_LENGTH = 4;

interface SurfaceInfo {
  term: string;
  refs: number;
}

/**
 * Inverted index over the documents of one locale. Postings are flat Int32Arrays of
 * (docNo, packed tf) pairs; statistics are integer sums, so scores depend only on the set of
 * documents, never on insertion order or history.
 */
export class LocaleIndex {
  private readonly termIds = new Map<string, number>();
  private readonly postings: Int32Array[] = [];
  private readonly postingLengths: number[] = [];

  readonly docs: (StoredDoc | undefined)[] = [];
  private readonly freeDocNos: number[] = [];
  private live = 0;

  /** Token counts per doc: index kind * 3 + field (kind 0 = words, 1 = bigrams). */
  private readonly lengths: number[][] = [[], [], [], [], [], []];
  private readonly totals = [0, 0, 0, 0, 0, 0];
  private invNorms: Float64Array[] = [];
  private statsDirty = true;

  private readonly surfaces = new Map<string, SurfaceInfo>();
  private sortedSurfaces: string[] | null = null;
  private readonly deletions = new Map<string, string[]>();

  // Reusable scoring buffers.
  private totalScores = new Float64Array(0);
  private groupScores = new Float64Array(0);
  private variantScores = new Float64Array(0);
  private totalTouched = new Int32Array(0);
  private groupTouched = new Int32Array(0);
  private variantTouched = new Int32Array(0);
  private totalCount = 0;

  constructor(private readonly jieba: Jieba) {}

  get size(): number {
    return this.live;
  }

  /** Adds a document and returns its internal number. */
  add(doc: StoredDoc): number {
    const docNo = this.freeDocNos.pop() ?? this.docs.length;
    this.docs[docNo] = doc;
    this.live++;
    const { counts, lens, surfaces } = this.analyzeDoc(doc);
    for (let k = 0; k < 6; k++) {
      this.lengths[k]![docNo] = lens[k]!;
      this.totals[k]! += lens[k]!;
    }
    for (const [key, packed] of counts) this.appendPosting(key, docNo, packed);
    for (const [surface, term] of surfaces) {
      const info = this.surfaces.get(surface);
      if (info) info.refs++;
      else {
        this.surfaces.set(surface, { term, refs: 1 });
        this.sortedSurfaces = null;
      }
    }
    this.statsDirty = true;
    return docNo;
  }

  /** Removes a document by internal number (its postings, statistics and surfaces). */
  remove(docNo: number): void {
    const doc = this.docs[docNo];
    if (!doc) return;
    const { counts, lens, surfaces } = this.analyzeDoc(doc);
    for (let k = 0; k < 6; k++) {
      this.totals[k]! -= lens[k]!;
      this.lengths[k]![docNo] = 0;
    }
    for (const key of counts.keys()) {
      const tid = this.termIds.get(key);
      if (tid === undefined) continue;
      const arr = this.postings[tid]!;
      let len = this.postingLengths[tid]!;
      for (let i = 0; i < len; i += 2) {
        if (arr[i] === docNo) {
          len -= 2;
          arr[i] = arr[len]!;
          arr[i + 1] = arr[len + 1]!;
          break;
        }
      }
      this.postingLengths[tid] = len;
      if (len === 0 && arr.length > 8) this.postings[tid] = new Int32Array(4);
    }
    for (const surface of surfaces.keys()) {
      const info = this.surfaces.get(surface);
      if (!info) continue;
      if (--info.refs <= 0) {
        this.surfaces.delete(surface);
        this.sortedSurfaces = null;
      }
    }
    this.docs[docNo] = undefined;
    this.freeDocNos.push(docNo);
    this.live--;
    this.statsDirty = true;
  }

  private analyzeDoc(doc: StoredDoc): {
    counts: Map<string, number>;
    lens: number[];
    surfaces: Map<string, string>;
  } {
    const counts = new Map<string, number>();
    const lens = [0, 0, 0, 0, 0, 0];
    const surfaces = new Map<string, string>();
    const texts = [doc.title, doc.labels.join('\n'), doc.body];
    for (let field = 0; field < 3; field++) {
      const inc = FIELD_INC[field]!;
      const shift = field * 8;
      const max = field === 2 ? BODY_MAX : SMALL_MAX;
      const bump = (key: string): void => {
        const packed = counts.get(key) ?? 0;
        if (((packed >>> shift) & (field === 2 ? 0x7fff : 0xff)) < max) counts.set(key, packed + inc);
      };
      analyze(texts[field]!, this.jieba, {
        word: (term) => {
          lens[field]!++;
          bump(term);
        },
        gram: (gram) => {
          lens[3 + field]!++;
          bump(GRAM_PREFIX + gram);
        },
        surface: (surface, term) => {
          surfaces.set(surface, term);
        },
      });
    }
    return { counts, lens, surfaces };
  }

  private appendPosting(key: string, docNo: number, packed: number): void {
    let tid = this.termIds.get(key);
    if (tid === undefined) {
      tid = this.postings.length;
      this.termIds.set(key, tid);
      this.postings.push(new Int32Array(4));
      this.postingLengths.push(0);
      if (key.length >= FUZZY_MIN_VOCAB_LENGTH && isAlpha(key)) this.addDeletions(key);
    }
    let arr = this.postings[tid]!;
    const len = this.postingLengths[tid]!;
    if (len + 2 > arr.length) {
      const grown = new Int32Array(arr.length * 2);
      grown.set(arr);
      arr = grown;
      this.postings[tid] = arr;
    }
    arr[len] = docNo;
    arr[len + 1] = packed;
    this.postingLengths[tid] = len + 2;
  }

  private addDeletions(term: string): void {
    let previous = '';
    for (let i = 0; i < term.length; i++) {
      const variant = term.slice(0, i) + term.slice(i + 1);
      if (variant === previous) continue; // doubled letters give the same deletion
      previous = variant;
      const list = this.deletions.get(variant);
      if (list) list.push(term);
      else this.deletions.set(variant, [term]);
    }
  }

  /** Number of live documents containing the index key. */
  docFrequency(key: string): number {
    const tid = this.termIds.get(key);
    return tid === undefined ? 0 : this.postingLengths[tid]! >> 1;
  }

  /**
   * Terms of alphabetic surfaces that start with `prefix` (other than `exclude`), most frequent
   * first, then shortest, then alphabetical.
   */
  prefixTerms(prefix: string, exclude: string, limit: number): string[] {
    if (!this.sortedSurfaces) this.sortedSurfaces = [...this.surfaces.keys()].sort();
    const sorted = this.sortedSurfaces;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const terms = new Set<string>();
    for (let i = lo; i < sorted.length && i < lo + 400; i++) {
      const surface = sorted[i]!;
      if (!surface.startsWith(prefix)) break;
      const term = this.surfaces.get(surface)!.term;
      if (term !== exclude) terms.add(term);
    }
    return [...terms]
      .map((term) => ({ term, df: this.docFrequency(term) }))
      .filter((t) => t.df > 0)
      .sort((a, b) => b.df - a.df || a.term.length - b.term.length || (a.term < b.term ? -1 : 1))
      .slice(0, limit)
      .map((t) => t.term);
  }

  /** Index terms within one edit (insertion, deletion, substitution, transposition) of `term`. */
  fuzzyTerms(term: string, limit: number): string[] {
    const candidates = new Set<string>();
    const addAll = (list: string[] | undefined): void => {
      if (list) for (const c of list) candidates.add(c);
    };
    addAll(this.deletions.get(term));
    for (let i = 0; i < term.length; i++) {
      const variant = term.slice(0, i) + term.slice(i + 1);
      if (variant.length >= FUZZY_MIN_VOCAB_LENGTH - 1) candidates.add(variant);
      addAll(this.deletions.get(variant));
    }
    candidates.delete(term);
    return [...candidates]
      .filter((c) => withinOneEdit(term, c))
      .map((c) => ({ c, df: this.docFrequency(c) }))
      .filter((x) => x.df > 0)
      .sort((a, b) => b.df - a.df || (a.c < b.c ? -1 : 1))
      .slice(0, limit)
      .map((x) => x.c);
  }

  private prepare(): void {
    const n = this.docs.length;
    if (this.totalScores.length < n) {
      const cap = Math.max(64, n * 2);
      this.totalScores = new Float64Array(cap);
      this.groupScores = new Float64Array(cap);
      this.variantScores = new Float64Array(cap);
      this.totalTouched = new Int32Array(cap);
      this.groupTouched = new Int32Array(cap);
      this.variantTouched = new Int32Array(cap);
    }
    if (!this.statsDirty) return;
    const invNorms: Float64Array[] = [];
    for (let k = 0; k < 6; k++) {
      const b = FIELD_B[k % 3]!;
      const avg = this.live > 0 ? this.totals[k]! / this.live : 0;
      const lens = this.lengths[k]!;
      const inv = new Float64Array(n);
      for (let d = 0; d < n; d++) {
        const len = lens[d] ?? 0;
        inv[d] = avg > 0 ? 1 / (1 - b + (b * len) / avg) : 1;
      }
      invNorms.push(inv);
    }
    this.invNorms = invNorms;
    this.statsDirty = false;
  }

  /**
   * Scores the query groups. Afterwards `touchedCount()` documents are listed by `touchedDoc(i)`
   * with scores `scoreOf(docNo)`; the lists stay valid until the next call.
   */
  score(groups: readonly ScoringGroup[]): void {
    this.prepare();
    const total = this.totalScores;
    const totalTouched = this.totalTouched;
    for (let i = 0; i < this.totalCount; i++) total[totalTouched[i]!] = 0;
    this.totalCount = 0;
    if (this.live === 0) return;
    const group = this.groupScores;
    const groupTouched = this.groupTouched;
    const variant = this.variantScores;
    const variantTouched = this.variantTouched;
    const n = this.live;
    let totalCount = 0;

    for (const g of groups) {
      let groupCount = 0;
      for (const terms of g.variants) {
        let variantCount = 0;
        for (const { key, weight } of terms) {
          const tid = this.termIds.get(key);
          if (tid === undefined) continue;
          const len = this.postingLengths[tid]!;
          if (len === 0) continue;
          const arr = this.postings[tid]!;
          const df = len >> 1;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          const base = key.charCodeAt(0) === 1 ? 3 : 0;
          const invTitle = this.invNorms[base]!;
          const invLabels = this.invNorms[base + 1]!;
          const invBody = this.invNorms[base + 2]!;
          const factor = weight * idf * (K1 + 1);
          for (let i = 0; i < len; i += 2) {
            const d = arr[i]!;
            const packed = arr[i + 1]!;
            let tfn = (packed >>> 16) * invBody[d]!;
            const tt = packed & 0xff;
            if (tt !== 0) tfn += FIELD_BOOST[0] * tt * invTitle[d]!;
            const tl = (packed >>> 8) & 0xff;
            if (tl !== 0) tfn += FIELD_BOOST[1] * tl * invLabels[d]!;
            const s = (factor * tfn) / (tfn + K1);
            if (variant[d] === 0) variantTouched[variantCount++] = d;
            variant[d] = variant[d]! + s;
          }
        }
        for (let i = 0; i < variantCount; i++) {
          const d = variantTouched[i]!;
          const s = variant[d]!;
          variant[d] = 0;
          const current = group[d]!;
          if (current === 0) groupTouched[groupCount++] = d;
          if (s > current) group[d] = s;
        }
      }
      const w = g.weight;
      for (let i = 0; i < groupCount; i++) {
        const d = groupTouched[i]!;
        if (total[d] === 0) totalTouched[totalCount++] = d;
        total[d] = total[d]! + w * group[d]!;
        group[d] = 0;
      }
    }
    this.totalCount = totalCount;
  }

  touchedCount(): number {
    return this.totalCount;
  }

  touchedDoc(i: number): number {
    return this.totalTouched[i]!;
  }

  scoreOf(docNo: number): number {
    return this.totalScores[docNo]!;
  }
}

/** True when a and b are within one insertion, deletion, substitution or adjacent transposition. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
