import sharp, { type Metadata } from 'sharp';
import type { Locale } from '../../../shared/locales.js';
import { scanText } from '../redaction/index.js';
import { sha256Hex } from './blob-store.js';
import { AttachmentError, formatBytes } from './attachments.messages.js';
import { decodePlainText, displayName, KINDS, sanitizeFilename, sniff, type AttachmentKind } from './attachments.sniff.js';

export interface IncomingFile {
  /** The name the client declared (only used, sanitized, as the display name). */
  name?: string;
  bytes: Buffer;
}

export interface StoredRedaction {
  kind: string;
  start: number;
  end: number;
  fingerprint: string;
}

/** A file ready to store: identified, cleaned and hashed. */
export interface ProcessedFile {
  kind: AttachmentKind;
  filename: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
  redactions: StoredRedaction[];
}

export interface ProcessOptions {
  maxBytes: number;
  maxPixels: number;
  locale: Locale;
  shieldSalt: string;
}

/**
 * Identifies a file by its bytes and makes it safe to store and serve:
 * - images (PNG/JPEG/WebP) are decoded and re-encoded in the same format after applying the EXIF
 *   orientation, which drops EXIF (GPS, camera serials), XMP, IPTC and ICC profiles (pixels are
 *   converted to sRGB) and any bytes smuggled after the image data (polyglots);
 * - text has recovery phrases, keys, passwords and other secrets replaced by the secret shield;
 * - PDF and MP4 are stored as sent: their contents are NOT scanned or cleaned (they are only ever
 *   served as downloads with nosniff and a sandbox CSP).
 */
export async function processFile(file: IncomingFile, options: ProcessOptions): Promise<ProcessedFile> {
  const shown = displayName(file.name);
  if (file.bytes.length === 0) throw new AttachmentError('validation_failed', 'empty_file', { file: shown });
  if (file.bytes.length > options.maxBytes) throw new AttachmentError('payload_too_large', 'too_large', { file: shown, limit: formatBytes(options.maxBytes) });
  const kind = sniff(file.bytes);
  if (!kind) throw new AttachmentError('unsupported_media_type', 'unsupported_type', { file: shown });
  const info = KINDS[kind];
  let bytes: Buffer = file.bytes;
  let redactions: StoredRedaction[] = [];
  if (info.image) bytes = await reencodeImage(file.bytes, kind, shown, options);
  else if (kind === 'txt') {
    const text = decodePlainText(file.bytes)!;
    const scanned = scanText(text, { locale: options.locale, salt: options.shieldSalt });
    bytes = Buffer.from(scanned.redacted, 'utf8');
    redactions = scanned.findings.map((f) => ({ kind: f.kind, start: f.start, end: f.end, fingerprint: f.fingerprint }));
  }
  if (bytes.length > options.maxBytes) throw new AttachmentError('payload_too_large', 'too_large', { file: shown, limit: formatBytes(options.maxBytes) });
  return { kind, filename: sanitizeFilename(file.name, kind), contentType: info.contentType, bytes, sha256: sha256Hex(bytes), redactions };
}

async function reencodeImage(input: Buffer, kind: AttachmentKind, shown: string, options: ProcessOptions): Promise<Buffer> {
  const broken = () => new AttachmentError('unsupported_media_type', 'broken_image', { file: shown, type: KINDS[kind].label });
  let meta: Metadata;
  try {
    // limitInputPixels: false here only because the header is read, never decoded; the check below
    // refuses decompression bombs with a clear message before any pixel is decoded.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw broken();
  }
  if (meta.format !== kind || !meta.width || !meta.height) throw broken();
  const pixels = meta.width * meta.height;
  if (pixels > options.maxPixels) {
    throw new AttachmentError('payload_too_large', 'too_many_pixels', { file: shown, megapixels: Math.round(pixels / 100_000) / 10, limit: Math.round(options.maxPixels / 100_000) / 10 });
  }
  try {
    // failOn 'error': truncated or corrupt data is refused instead of being padded with grey.
    const image = sharp(input, { limitInputPixels: options.maxPixels, failOn: 'error' }).rotate();
    if (kind === 'png') return await image.png().toBuffer();
    if (kind === 'jpeg') return await image.jpeg({ quality: 90 }).toBuffer();
    return await image.webp({ quality: 90 }).toBuffer();
  } catch {
    throw broken();
  }
}
