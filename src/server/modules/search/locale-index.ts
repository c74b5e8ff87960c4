import type { Jieba } from '@node-rs/jieba';
import { GRAM_PREFIX, analyze, isAlpha } from './analyzer.js';
import { codePoints } from './text.js';
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

/** One term of a query variant: index key (bigrams carry GRAM_PREFIX) and its weight. */
export interface ScoringTerm {
  key: string;
  weight: number;
}

/** Alternatives for one query concept: the group scores the max over its variants (dismax). */
export interface ScoringGroup {
  weight: number;
  /** Each variant is a list of terms whose scores add up. */
  variants: ScoringTerm[][];
  /** Per variant: only documents containing every term of it count (multi-word synonyms). */
  requireAll?: boolean[];
}

/** BM25F parameters. Fields: title, labels, body. */
const K1 = 1.2;
const FIELD_B = [0.4, 0.3, 0.75] as const;
const BOOST_TITLE = 3;
const BOOST_LABELS = 2;
/**
 * Added (× term weight) when a term occurs in the title, independently of its idf: a help-center
 * reader expects "withdrawal" articles first for a withdrawal question even though the word is in
 * half of the articles.
 */
const TITLE_MATCH_BONUS = 0.5;
/** Terms that can add less than this share of the query's best possible score are skipped. */
const PRUNE_RATIO = 0.01;

/**
 * A posting is one int32: docNo (19 bits) | body tf (6 bits) | title tf (3 bits) | labels tf (3 bits).
 * Term frequencies saturate in BM25 long before these caps.
 */
const DOC_SHIFT = 12;
export const MAX_DOCS_PER_LOCALE = 1 << 19;
const BODY_CAP = 63;
const SMALL_CAP = 7;

/** Minimum length of a stem that gets a deletion-neighbourhood entry for typo tolerance. */
const FUZZY_MIN_VOCAB_LENGTH = 4;
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Compact slots for BMP characters so that a bigram becomes a small-integer key
 * (slot1 * 32768 + slot2) instead of a string. Slots only name characters; they never affect scores.
 */
const charSlots = new Uint16Array(65536);
let nextSlot = 1;
function slotOf(code: number): number {
  let slot = charSlots[code]!;
  if (slot === 0) {
    if (nextSlot >= 32768) return -1;
    slot = nextSlot++;
    charSlots[code] = slot;
  }
  return slot;
}

interface SurfaceInfo {
  term: string;
  refs: number;
}

function grow(arr: Int32Array, min: number): Int32Array {
  let size = Math.max(8, arr.length * 2);
  while (size < min) size *= 2;
  const out = new Int32Array(size);
  out.set(arr);
  return out;
}

/**
 * Inverted index over the documents of one locale. Statistics are integer sums, so scores depend
 * only on the set of documents, never on insertion order or history.
 */
export class LocaleIndex {
  private readonly wordIds = new Map<string, number>();
  private readonly gramIds = new Map<number, number>();
  /** Bigrams with astral characters (rare) keep string keys. */
  private readonly gramTextIds = new Map<string, number>();
  private readonly postings: Int32Array[] = [];
  private readonly postingLengths: number[] = [];
  private readonly termIsGram: number[] = [];

  readonly docs: (StoredDoc | undefined)[] = [];
  private readonly freeDocNos: number[] = [];
  private live = 0;

  /** Token counts per doc: index kind * 3 + field (kind 0 = words, 1 = bigrams). */
  private readonly lengths: number[][] = [[], [], [], [], [], []];
  private readonly totals = [0, 0, 0, 0, 0, 0];
  private invNorms: Float64Array[] = [];
  private statsDirty = true;
  private postingsDirty = false;

  private readonly surfaces = new Map<string, SurfaceInfo>();
  private sortedSurfaces: string[] | null = null;
  private readonly deletions = new Map<string, string[]>();

  // Per-document term counting (reused).
  private countTitle: Int32Array = new Int32Array(1024);
  private countLabels: Int32Array = new Int32Array(1024);
  private countBody: Int32Array = new Int32Array(1024);
  private counted: number[] = [];

  // Reusable scoring buffers.
  private totalScores = new Float64Array(0);
  private groupScores = new Float64Array(0);
  private variantScores = new Float64Array(0);
  private totalTouched = new Int32Array(0);
  private groupTouched = new Int32Array(0);
  private variantTouched = new Int32Array(0);
  private variantHits = new Int32Array(0);
  private totalCount = 0;

  constructor(private readonly jieba: Jieba) {}

  get size(): number {
    return this.live;
  }

  /** Adds a document and returns its internal number. */
  add(doc: StoredDoc): number {
    const docNo = this.freeDocNos.length ? this.freeDocNos.pop()! : this.docs.length;
    if (docNo >= MAX_DOCS_PER_LOCALE) throw new RangeError(`At most ${MAX_DOCS_PER_LOCALE} documents per locale`);
    this.docs[docNo] = doc;
    this.live++;
    const { lens, surfaces } = this.count(doc, true);
    for (let k = 0; k < 6; k++) {
      this.lengths[k]![docNo] = lens[k]!;
      this.totals[k]! += lens[k]!;
    }
    for (const tid of this.counted) {
      const packed = this.pack(docNo, tid);
      let arr = this.postings[tid]!;
      const len = this.postingLengths[tid]!;
      if (len === arr.length) {
        arr = grow(arr, len + 1);
        this.postings[tid] = arr;
      }
      arr[len] = packed;
      this.postingLengths[tid] = len + 1;
    }
    this.counted.length = 0;
    this.addSurfaces(surfaces);
    this.statsDirty = true;
    this.postingsDirty = true;
    return docNo;
  }

  /**
   * Adds many documents at once. Postings are gathered in one temporary buffer and every posting
   * list is then allocated once at its final size: faster than `add` in a loop and without the
   * memory fragmentation of growing thousands of small arrays.
   */
  addMany(docs: readonly StoredDoc[]): number[] {
    const docNos: number[] = [];
    let pending: Int32Array = new Int32Array(1 << 16);
    let used = 0;
    let added: Int32Array = new Int32Array(this.postings.length + 1024);
    for (const doc of docs) {
      const docNo = this.freeDocNos.length ? this.freeDocNos.pop()! : this.docs.length;
      if (docNo >= MAX_DOCS_PER_LOCALE) throw new RangeError(`At most ${MAX_DOCS_PER_LOCALE} documents per locale`);
      docNos.push(docNo);
      this.docs[docNo] = doc;
      this.live++;
      const { lens, surfaces } = this.count(doc, true);
      for (let k = 0; k < 6; k++) {
        this.lengths[k]![docNo] = lens[k]!;
        this.totals[k]! += lens[k]!;
      }
      if (used + this.counted.length * 2 > pending.length) pending = grow(pending, used + this.counted.length * 2);
      if (this.postings.length > added.length) added = grow(added, this.postings.length);
      for (const tid of this.counted) {
        pending[used++] = tid;
        pending[used++] = this.pack(docNo, tid);
        added[tid] = added[tid]! + 1;
      }
      this.counted.length = 0;
      this.addSurfaces(surfaces);
    }
    for (let tid = 0; tid < this.postings.length; tid++) {
      const extra = added[tid] ?? 0;
      if (extra === 0) continue;
      const len = this.postingLengths[tid]!;
      const arr = new Int32Array(len + extra);
      arr.set(this.postings[tid]!.subarray(0, len));
      this.postings[tid] = arr;
    }
    for (let i = 0; i < used; i += 2) {
      const tid = pending[i]!;
      const len = this.postingLengths[tid]!;
      this.postings[tid]![len] = pending[i + 1]!;
      this.postingLengths[tid] = len + 1;
    }
    this.statsDirty = true;
    return docNos;
  }

  /** Packs a posting from the scratch counters and clears them. */
  private pack(docNo: number, tid: number): number {
    const packed =
      (docNo << DOC_SHIFT) |
      (Math.min(this.countBody[tid]!, BODY_CAP) << 6) |
      (Math.min(this.countTitle[tid]!, SMALL_CAP) << 3) |
      Math.min(this.countLabels[tid]!, SMALL_CAP);
    this.countTitle[tid] = 0;
    this.countLabels[tid] = 0;
    this.countBody[tid] = 0;
    return packed;
  }

  private addSurfaces(surfaces: Map<string, string>): void {
    for (const [surface, term] of surfaces) {
      const info = this.surfaces.get(surface);
      if (info) info.refs++;
      else {
        this.surfaces.set(surface, { term, refs: 1 });
        this.sortedSurfaces = null;
      }
    }
  }

  /** Removes a document by internal number (its postings, statistics and surfaces). */
  remove(docNo: number): void {
    const doc = this.docs[docNo];
    if (!doc) return;
    const { lens, surfaces } = this.count(doc, false);
    for (let k = 0; k < 6; k++) {
      this.totals[k]! -= lens[k]!;
      this.lengths[k]![docNo] = 0;
    }
    for (const tid of this.counted) {
      this.countTitle[tid] = 0;
      this.countLabels[tid] = 0;
      this.countBody[tid] = 0;
      const arr = this.postings[tid]!;
      let len = this.postingLengths[tid]!;
      for (let i = 0; i < len; i++) {
        if (arr[i]! >>> DOC_SHIFT === docNo) {
          len--;
          arr[i] = arr[len]!;
          break;
        }
      }
      this.postingLengths[tid] = len;
      if (len === 0 && arr.length > 8) this.postings[tid] = new Int32Array(0);
    }
    this.counted.length = 0;
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

  private newTerm(isGram: boolean): number {
    const tid = this.postings.length;
    this.postings.push(new Int32Array(0));
    this.postingLengths.push(0);
    this.termIsGram.push(isGram ? 1 : 0);
    if (tid >= this.countTitle.length) {
      this.countTitle = grow(this.countTitle, tid + 1);
      this.countLabels = grow(this.countLabels, tid + 1);
      this.countBody = grow(this.countBody, tid + 1);
    }
    return tid;
  }

  private wordId(term: string, create: boolean): number {
    let tid = this.wordIds.get(term);
    if (tid === undefined) {
      if (!create) return -1;
      tid = this.newTerm(false);
      this.wordIds.set(term, tid);
      if (term.length >= FUZZY_MIN_VOCAB_LENGTH && isAlpha(term)) this.addDeletions(term);
    }
    return tid;
  }

  private gramTextId(gram: string, create: boolean): number {
    let tid = this.gramTextIds.get(gram);
    if (tid === undefined) {
      if (!create) return -1;
      tid = this.newTerm(true);
      this.gramTextIds.set(gram, tid);
    }
    return tid;
  }

  /**
   * Counts the terms of a document into the scratch counters (`counted` lists the term ids) and
   * returns field lengths and alphabetic surfaces.
   */
  private count(doc: StoredDoc, create: boolean): { lens: number[]; surfaces: Map<string, string> } {
    const lens = [0, 0, 0, 0, 0, 0];
    const surfaces = new Map<string, string>();
    const texts = [doc.title, doc.labels.join('\n'), doc.body];
    const counted = this.counted;
    for (let field = 0; field < 3; field++) {
      const bump = (tid: number): void => {
        if (tid < 0) return;
        if (this.countTitle[tid] === 0 && this.countLabels[tid] === 0 && this.countBody[tid] === 0) counted.push(tid);
        // counters are re-read: newTerm may have grown the arrays
        const c = field === 0 ? this.countTitle : field === 1 ? this.countLabels : this.countBody;
        c[tid] = c[tid]! + 1;
      };
      analyze(texts[field]!, this.jieba, {
        word: (term) => {
          lens[field]!++;
          bump(this.wordId(term, create));
        },
        gram: (gram) => {
          lens[3 + field]!++;
          bump(this.gramTextId(gram, create));
        },
        hanRun: (run) => {
          if (SURROGATE.test(run)) {
            const chars = codePoints(run);
            for (let i = 0; i + 1 < chars.length; i++) {
              lens[3 + field]!++;
              bump(this.gramTextId(chars[i]! + chars[i + 1]!, create));
            }
            return;
          }
          let previous = slotOf(run.charCodeAt(0));
          for (let i = 1; i < run.length; i++) {
            const slot = slotOf(run.charCodeAt(i));
            lens[3 + field]!++;
            if (previous < 0 || slot < 0) {
              bump(this.gramTextId(run.slice(i - 1, i + 1), create));
            } else {
              const key = previous * 32768 + slot;
              let tid = this.gramIds.get(key);
              if (tid === undefined && create) {
                tid = this.newTerm(true);
                this.gramIds.set(key, tid);
              }
              bump(tid ?? -1);
            }
            previous = slot;
          }
        },
        surface: (surface, term) => {
          surfaces.set(surface, term);
        },
      });
    }
    return { lens, surfaces };
  }

  /** Term id of an index key (words as-is, bigrams with GRAM_PREFIX), or -1. */
  private termId(key: string): number {
    if (key.charCodeAt(0) === 1) {
      if (key.length === 3) {
        const c1 = key.charCodeAt(1);
        const c2 = key.charCodeAt(2);
        if ((c1 < 0xd800 || c1 > 0xdfff) && (c2 < 0xd800 || c2 > 0xdfff)) {
          const s1 = charSlots[c1]!;
          const s2 = charSlots[c2]!;
          if (s1 !== 0 && s2 !== 0) return this.gramIds.get(s1 * 32768 + s2) ?? -1;
        }
      }
      return this.gramTextIds.get(key.slice(GRAM_PREFIX.length)) ?? -1;
    }
    return this.wordIds.get(key) ?? -1;
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
    const tid = this.termId(key);
    return tid < 0 ? 0 : this.postingLengths[tid]!;
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

  /** Finalises statistics and compacts postings (called after bulk additions and before scoring). */
  commit(): void {
    this.prepare();
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
      this.variantHits = new Int32Array(cap);
    }
    if (this.postingsDirty) {
      // Give back the slack of doubling growth once a batch of additions is done.
      for (let tid = 0; tid < this.postings.length; tid++) {
        const arr = this.postings[tid]!;
        const len = this.postingLengths[tid]!;
        if (arr.length > len + (len >> 3) + 4) this.postings[tid] = arr.slice(0, len);
      }
      this.postingsDirty = false;
    }
    if (!this.sortedSurfaces) this.sortedSurfaces = [...this.surfaces.keys()].sort();
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

    // Upper bounds: a term can add at most groupWeight × weight × idf × (k1 + 1) to a score.
    // Terms whose bound is below PRUNE_RATIO of the query's bound (terms found in nearly every
    // document) are skipped: they cannot change a ranking but cost the most postings.
    const resolved: Int32Array[] = [];
    let queryBound = 0;
    for (const g of groups) {
      let groupBound = 0;
      for (const terms of g.variants) {
        const ids = new Int32Array(terms.length);
        let variantBound = 0;
        terms.forEach(({ key, weight }, i) => {
          const tid = this.termId(key);
          ids[i] = tid;
          const len = tid < 0 ? 0 : this.postingLengths[tid]!;
          if (len > 0) variantBound += weight * (Math.log(1 + (n - len + 0.5) / (len + 0.5)) * (K1 + 1) + TITLE_MATCH_BONUS);
        });
        resolved.push(ids);
        if (variantBound > groupBound) groupBound = variantBound;
      }
      queryBound += g.weight * groupBound;
    }
    const minContribution = queryBound * PRUNE_RATIO;
    let variantIndex = 0;

    for (const g of groups) {
      // Fast path: a group with one single-term variant adds straight into the totals.
      if (g.variants.length === 1 && g.variants[0]!.length === 1) {
        const { weight } = g.variants[0]![0]!;
        const tid = resolved[variantIndex++]![0]!;
        if (tid < 0) continue;
        const len = this.postingLengths[tid]!;
        if (len === 0) continue;
        if (g.weight * weight * (Math.log(1 + (n - len + 0.5) / (len + 0.5)) * (K1 + 1) + TITLE_MATCH_BONUS) < minContribution) continue;
        const arr = this.postings[tid]!;
        const idf = Math.log(1 + (n - len + 0.5) / (len + 0.5));
        const base = this.termIsGram[tid] === 1 ? 3 : 0;
        const invTitle = this.invNorms[base]!;
        const invLabels = this.invNorms[base + 1]!;
        const invBody = this.invNorms[base + 2]!;
        const factor = weight * idf * (K1 + 1);
        const titleBonus = weight * TITLE_MATCH_BONUS;
        const w = g.weight;
        for (let i = 0; i < len; i++) {
          const p = arr[i]!;
          const d = p >>> DOC_SHIFT;
          let tfn = ((p >>> 6) & 63) * invBody[d]!;
          const tt = (p >>> 3) & 7;
          if (tt !== 0) tfn += BOOST_TITLE * tt * invTitle[d]!;
          const tl = p & 7;
          if (tl !== 0) tfn += BOOST_LABELS * tl * invLabels[d]!;
          // same operation order as the general path
          let s = (factor * tfn) / (tfn + K1);
          if (tt !== 0) s += titleBonus;
          if (total[d] === 0) totalTouched[totalCount++] = d;
          total[d] = total[d]! + w * s;
        }
        continue;
      }
      let groupCount = 0;
      const hits = this.variantHits;
      for (let vi = 0; vi < g.variants.length; vi++) {
        const terms = g.variants[vi]!;
        const strict = g.requireAll?.[vi] === true;
        let variantCount = 0;
        const ids = resolved[variantIndex++]!;
        if (strict && ids.some((tid) => tid < 0 || this.postingLengths[tid] === 0)) continue; // some word occurs nowhere
        for (let t = 0; t < terms.length; t++) {
          const { weight } = terms[t]!;
          const tid = ids[t]!;
          if (tid < 0) continue;
          const len = this.postingLengths[tid]!;
          if (len === 0) continue;
          const arr = this.postings[tid]!;
          const idf = Math.log(1 + (n - len + 0.5) / (len + 0.5));
          if (!strict && g.weight * weight * (idf * (K1 + 1) + TITLE_MATCH_BONUS) < minContribution) continue;
          const base = this.termIsGram[tid] === 1 ? 3 : 0;
          const invTitle = this.invNorms[base]!;
          const invLabels = this.invNorms[base + 1]!;
          const invBody = this.invNorms[base + 2]!;
          const factor = weight * idf * (K1 + 1);
          const titleBonus = weight * TITLE_MATCH_BONUS;
          for (let i = 0; i < len; i++) {
            const p = arr[i]!;
            const d = p >>> DOC_SHIFT;
            let tfn = ((p >>> 6) & 63) * invBody[d]!;
            const tt = (p >>> 3) & 7;
            if (tt !== 0) tfn += BOOST_TITLE * tt * invTitle[d]!;
            const tl = p & 7;
            if (tl !== 0) tfn += BOOST_LABELS * tl * invLabels[d]!;
            let s = (factor * tfn) / (tfn + K1);
            if (tt !== 0) s += titleBonus;
            if (variant[d] === 0) variantTouched[variantCount++] = d;
            variant[d] = variant[d]! + s;
            hits[d] = hits[d]! + 1;
          }
        }
        for (let i = 0; i < variantCount; i++) {
          const d = variantTouched[i]!;
          const s = variant[d]!;
          variant[d] = 0;
          const matched = hits[d]!;
          hits[d] = 0;
          if (strict && matched < terms.length) continue;
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
