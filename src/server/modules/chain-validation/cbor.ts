/**
 * A minimal, strict CBOR (RFC 8949) reader covering what Byron-era Cardano
 * addresses use: unsigned integers, byte strings, arrays, maps and tags, with
 * definite lengths only. Anything else makes the reader throw.
 */
export class CborReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset === this.bytes.length;
  }

  private byte(): number {
    const b = this.bytes[this.offset];
    if (b === undefined) throw new RangeError('unexpected end of CBOR data');
    this.offset += 1;
    return b;
  }

  /** Reads an item head: major type and argument (numbers beyond 2^53 are rejected). */
  private head(): { major: number; value: number } {
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (info < 24) return { major, value: info };
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new RangeError('indefinite or reserved CBOR length');
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.byte();
    if (!Number.isSafeInteger(value)) throw new RangeError('CBOR integer too large');
    return { major, value };
  }

  private expect(major: number): number {
    const h = this.head();
    if (h.major !== major) throw new TypeError(`expected CBOR major type ${major}, got ${h.major}`);
    return h.value;
  }

  uint(): number {
    return this.expect(0);
  }

  bytesItem(): Uint8Array {
    const length = this.expect(2);
    if (this.offset + length > this.bytes.length) throw new RangeError('CBOR byte string overruns data');
    const out = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  arrayHeader(): number {
    return this.expect(4);
  }

  mapHeader(): number {
    return this.expect(5);
  }

  tag(): number {
    return this.expect(6);
  }

  /** Skips one complete item of any supported type. */
  skip(): void {
    const { major, value } = this.head();
    switch (major) {
      case 0:
      case 1:
        return;
      case 2:
      case 3:
        if (this.offset + value > this.bytes.length) throw new RangeError('CBOR string overruns data');
        this.offset += value;
        return;
      case 4:
        for (let i = 0; i < value; i++) this.skip();
        return;
      case 5:
        for (let i = 0; i < value * 2; i++) this.skip();
        return;
      case 6:
        this.skip();
        return;
      default:
        throw new TypeError(`unsupported CBOR major type ${major}`);
    }
  }
}
