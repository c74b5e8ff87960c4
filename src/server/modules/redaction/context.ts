/**
 * Positions of words that announce a recovery phrase ("seed", "mnemonic", 助记词 …). They relax
 * the phrase detector (typos allowed, unlisted languages, contiguous Chinese inside a sentence).
 */
const PHRASE_CONTEXT =
  /\b(?:seed|mnemonic|recovery|backup phrase|secret phrase|wallet phrase|phrase|passphrase|(?:12|15|18|21|24|twelve|twenty[- ]four)[- ]words?|semilla|mn[eé]monique|frase|fr[aá]ze)|助记词|助記詞|恢复短语|恢復短語|恢复词|恢復詞|种子|種子|备份短语|備份短語|钱包短语|錢包短語|密语|시드|복구|ニーモニック|シード|復元/gi;

export class PhraseContext {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private cursor = 0;

  constructor(text: string) {
    PHRASE_CONTEXT.lastIndex = 0;
    for (let m = PHRASE_CONTEXT.exec(text); m; m = PHRASE_CONTEXT.exec(text)) {
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
    }
  }

  get empty(): boolean {
    return this.starts.length === 0;
  }

  /** Is there a context word overlapping [from - before, to + after)? */
  near(from: number, to: number, before: number, after: number): boolean {
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

  /**
   * Does a context word cover position `pos`? Must be called with non-decreasing `pos` values
   * within one scan (it keeps a cursor).
   */
  covers(pos: number): boolean {
    while (this.cursor < this.ends.length && (this.ends[this.cursor] ?? 0) <= pos) this.cursor++;
    return this.cursor < this.starts.length && (this.starts[this.cursor] ?? Infinity) <= pos;
  }
}
