import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures/attachments');
export const fixture = (name: string) => readFileSync(resolve(FIXTURES, name));

/**
 * Reads the GPS latitude out of an EXIF block (as sharp's metadata().exif returns it: "Exif\0\0" and
 * a TIFF structure), independently of sharp, so the test can tell "GPS was there" from "GPS is gone".
 */
export function exifGpsLatitude(exif: Buffer | undefined): number[] | null {
  if (!exif) return null;
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  const le = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const entries = (ifd: number) => Array.from({ length: u16(ifd) }, (_, i) => ifd + 2 + i * 12).map((at) => ({ tag: u16(at), type: u16(at + 2), count: u32(at + 4), value: u32(at + 8) }));
  const gpsPointer = entries(u32(4)).find((e) => e.tag === 0x8825);
  if (!gpsPointer) return null;
  const latitude = entries(gpsPointer.value).find((e) => e.tag === 0x0002 && e.type === 5);
  if (!latitude) return null;
  return Array.from({ length: latitude.count }, (_, i) => u32(latitude.value + i * 8) / u32(latitude.value + i * 8 + 4));
}

/** Every PNG chunk type in order (to show ancillary chunks such as tEXt are gone). */
export function pngChunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    types.push(png.subarray(at + 4, at + 8).toString('latin1'));
    at += 12 + length;
  }
  return types;
}
