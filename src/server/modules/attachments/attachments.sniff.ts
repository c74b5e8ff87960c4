/**
 * Content sniffing by magic bytes against a short allowlist. The declared Content-Type and the file
 * name's extension are never consulted: what the bytes are decides what the file is.
 */

export type AttachmentKind = 'png' | 'jpeg' | 'webp' | 'pdf' | 'txt' | 'mp4';

export interface KindInfo {
  contentType: string;
  extension: string;
  /** Re-encoded with sharp (metadata stripped). */
  image: boolean;
  label: string;
}

export const KINDS: Record<AttachmentKind, KindInfo> = {
  png: { contentType: 'image/png', extension: 'png', image: true, label: 'PNG' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg', image: true, label: 'JPEG' },
  webp: { contentType: 'image/webp', extension: 'webp', image: true, label: 'WebP' },
  pdf: { contentType: 'application/pdf', extension: 'pdf', image: false, label: 'PDF' },
  txt: { contentType: 'text/plain; charset=utf-8', extension: 'txt', image: false, label: 'text' },
  mp4: { contentType: 'video/mp4', extension: 'mp4', image: false, label: 'MP4' },
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Uint8Array, magic: number[], offset = 0) => bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** ISO base-media brands that mean "an MP4 a browser or player opens as video/mp4". */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'MSNV']);

function isMp4(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  // The ftyp box: size, "ftyp", major brand, minor version, then 4-byte compatible brands.
  if (size < 16 || size > bytes.length || size > 4096 || (size - 16) % 4 !== 0) return false;
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands.some((b) => MP4_BRANDS.has(b));
}

function isPdf(bytes: Uint8Array): boolean {
  // "%PDF-1.x" / "%PDF-2.0" at offset 0 (no leading junk: that is how HTML/PDF polyglots hide) and an
  // end-of-file marker in the last kilobyte, as readers require.
  if (!/^%PDF-[12]\.\d/.test(ascii(bytes, 0, 8))) return false;
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return tail.includes('%%EOF');
}

/**
 * Markup that browsers (WHATWG MIME sniffing) or old IE would render as a page, when it opens a file:
 * refused as "text" so a .txt can never become an HTML or SVG document somewhere down the line.
 */
const MARKUP_PRELUDE = /^(?:<!doctype\s+html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<!--|<\?xml|<svg|<object|<embed|<meta|<link|<img|<form|<base)(?=[\s>/]|$)/i;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The decoded text when `bytes` is plain UTF-8 text (no NUL or other binary control bytes, no markup prelude). */
export function decodePlainText(bytes: Uint8Array): string | null {
  for (const b of bytes) {
    // Allow TAB, LF, VT, FF, CR and ESC (coloured logs); any other C0 control byte means binary.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) return null;
    if (b === 0x7f) return null;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  if (MARKUP_PRELUDE.test(text.trimStart())) return null;
  return text;
}

/** What the bytes are, or null when they are not on the allowlist. */
export function sniff(bytes: Uint8Array): AttachmentKind | null {
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (isPdf(bytes)) return 'pdf';
  if (isMp4(bytes)) return 'mp4';
  if (decodePlainText(bytes) !== null) return 'txt';
  return null;
}

const MAX_NAME = 120;
// Characters that are path separators or reserved on common file systems, plus bidi/format controls
// that can disguise an extension ("photo\u202Egpj.exe").
const RESERVED = /[<>:"/\\|?*]/g;
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * A safe display name: no directories, no control or bidi characters, trimmed, at most 120 characters
 * (code points, so CJK names are kept whole), with the extension of the sniffed kind instead of
 * whatever was declared.
 */
export function sanitizeFilename(declared: string | undefined, kind: AttachmentKind): string {
  const ext = KINDS[kind].extension;
  let name = (declared ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(CONTROL, '').replace(RESERVED, '_').replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  // The declared extension goes; the sniffed one, appended last, is what any program will go by.
  name = name.replace(/\.[\p{L}\p{N}]{1,10}$/u, '').replace(/[\s.]+$/g, '');
  if (!name) name = 'attachment';
  const room = MAX_NAME - ext.length - 1;
  const chars = Array.from(name);
  if (chars.length > room) name = chars.slice(0, room).join('').replace(/[\s.]+$/g, '') || 'attachment';
  return `${name}.${ext}`;
}

/** Name for an error message before the file was identified (never trusted for anything else). */
export function displayName(declared: string | undefined): string {
  const base = ((declared ?? '').split(/[/\\]/).pop() ?? '').replace(CONTROL, '').trim();
  const chars = Array.from(base);
  return chars.length ? (chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : base) : 'upload';
}

/** RFC 6266 / RFC 5987 header value: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
