/**
 * Positions of words that announce a recovery phrase ("seed", "mnemonic", 助记词 …). They relax
 * the phrase detector (typos allowed, unlisted languages, contiguous Chinese inside a sentence).
 */
const PHRASE_CONTEXT =
  /\b(?:seed|mnemonic|recovery|backup phrase|secret phrase|wallet phrase|phrase|passphrase|(?:12|15|18|21|24|twelve|twenty[- ]four)[- ]words?|semilla|mn[eé]monique|frase|fr[aá]ze)|助记词|助記詞|恢复短语|恢復短語|恢复词|恢復詞|种子|種子|备份短语|備份短語|钱包短语|錢包短語|密语|시드|복구|ニーモニック|シード|復元/gi;

/** Context words of one text, searched for only when a detector first needs them. */
export class PhraseContext {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private scanned = false;

  constructor(private readonly text: string) {}

  private scan(): void {
    if (this.scanned) return;
    this.scanned = true;
    PHRASE_CONTEXT.lastIndex = 0;
    for (let m = PHRASE_CONTEXT.exec(this.text); m; m = PHRASE_CONTEXT.exec(this.text)) {
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
    }
  }

  /** Is there a context word overlapping [from - before, to + after)? */
  near(from: number, to: number, before: number, after: number): boolean {
    this.scan();
    if (this.starts.length === 0) return false;
    const lo = from - before;
    const hi = to + after;
    // first hit whose end is past lo
    let a = 0;
    let b = this.ends.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((this.ends[mid] ?? 0) <= lo) a = mid + 1;
      else b = mid;
    }
    return a < this.starts.length && (this.starts[a] ?? Infinity) < hi;
  }

  /** Context words overlapping [from, to), in order, as [start, end) pairs. */
  hitsWithin(from: number, to: number): [number, number][] {
    this.scan();
    const hits: [number, number][] = [];
    for (let k = 0; k < this.starts.length; k++) {
      const s = this.starts[k] ?? 0;
      const e = this.ends[k] ?? 0;
      if (s >= to) break;
      if (e > from) hits.push([s, e]);
    }
    return hits;
  }
}
