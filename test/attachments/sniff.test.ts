import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFilename, sniff } from '../../src/server/modules/attachments/attachments.sniff.js';
import { processFile } from '../../src/server/modules/attachments/attachments.process.js';
import { AttachmentError } from '../../src/server/modules/attachments/attachments.messages.js';
import { exifGpsLatitude, fixture, pngChunkTypes } from './helpers.js';

const options = { maxBytes: 1024 * 1024, maxPixels: 40_000_000, locale: 'en-us' as const, shieldSalt: 'test-salt-0123456789' };

describe('content sniffing', () => {
  it('identifies each allowed type by its bytes', () => {
    expect(sniff(fixture('screenshot.png'))).toBe('png');
    expect(sniff(fixture('photo-gps.jpg'))).toBe('jpeg');
    expect(sniff(fixture('image.webp'))).toBe('webp');
    expect(sniff(fixture('document.pdf'))).toBe('pdf');
    expect(sniff(fixture('notes.txt'))).toBe('txt');
    expect(sniff(fixture('clip.mp4'))).toBe('mp4');
  });

  it('refuses HTML, SVG, executables, UTF-16 and HTML/PDF polyglots whatever their name says', () => {
    for (const name of ['page.png', 'vector.txt', 'program.exe', 'program.elf', 'utf16.txt', 'polyglot.pdf']) expect(sniff(fixture(name)), name).toBeNull();
    expect(sniff(Buffer.from('  \n<script>alert(1)</script>'))).toBeNull();
    expect(sniff(Buffer.from('hello\0world'))).toBeNull();
    expect(sniff(Buffer.from([0xc3, 0x28]))).toBeNull(); // invalid UTF-8
  });

  it('accepts plain text that merely mentions markup later on', () => {
    expect(sniff(Buffer.from('The page showed <script> in the middle of the error.'))).toBe('txt');
  });

  it('rejects an ftyp box without an MP4 brand', () => {
    const mov = Buffer.from(fixture('clip.mp4'));
    mov.write('qt  ', 8, 'latin1');
    mov.write('qt  qt  qt  ', 16, 'latin1');
    expect(sniff(mov)).toBeNull();
  });
});

describe('file names', () => {
  it('drops paths, controls and the declared extension; keeps CJK; caps the length', () => {
    expect(sanitizeFilename('../../etc/passwd.png', 'txt')).toBe('passwd.txt');
    expect(sanitizeFilename('C:\\Users\\me\\截图 2026.PNG', 'png')).toBe('截图 2026.png');
    expect(sanitizeFilename('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.pdf');
    expect(sanitizeFilename('a\u0000b\u0007c<>:"|?*.jpeg', 'jpeg')).toBe('abc_______.jpg');
    expect(sanitizeFilename('...', 'png')).toBe('attachment.png');
    expect(sanitizeFilename(undefined, 'mp4')).toBe('attachment.mp4');
    const long = sanitizeFilename(`${'充值记录'.repeat(60)}.txt`, 'txt');
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('.txt')).toBe(true);
  });

  it('builds an RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('充值 "记录".txt')).toBe(`attachment; filename="__ ____.txt"; filename*=UTF-8''%E5%85%85%E5%80%BC%20%22%E8%AE%B0%E5%BD%95%22.txt`);
  });
});

describe('processing', () => {
  it('applies the EXIF orientation and strips EXIF (GPS, serial) from JPEG', async () => {
    const input = fixture('photo-gps.jpg');
    const before = await sharp(input).metadata();
    expect(exifGpsLatitude(before.exif)).toEqual([22, 17, 0]);
    expect(before.orientation).toBe(6);
    const out = await processFile({ name: 'IMG_0001.JPEG', bytes: input }, options);
    expect(out).toMatchObject({ kind: 'jpeg', filename: 'IMG_0001.jpg', contentType: 'image/jpeg' });
    const after = await sharp(out.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(exifGpsLatitude(after.exif)).toBeNull();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([32, 64]); // rotated upright
    expect(out.bytes.includes(Buffer.from('SN-0042-SECRET'))).toBe(false);
  });

  it('re-encodes PNG without text chunks and without bytes appended after IEND', async () => {
    expect(pngChunkTypes(fixture('screenshot.png'))).toContain('tEXt');
    const png = await processFile({ name: 'shot.png', bytes: fixture('screenshot.png') }, options);
    expect(pngChunkTypes(png.bytes)).not.toContain('tEXt');
    const trailing = await processFile({ name: 'x.png', bytes: fixture('trailing-html.png') }, options);
    expect(trailing.bytes.includes(Buffer.from('<script>'))).toBe(false);
    expect(pngChunkTypes(trailing.bytes).at(-1)).toBe('IEND');
  });

  it('refuses a JPEG/HTML polyglot and a decompression bomb with clear errors', async () => {
    const polyglot = await processFile({ name: 'cat.jpg', bytes: fixture('polyglot.jpg') }, options).catch((e: unknown) => e);
    expect(polyglot).toBeInstanceOf(AttachmentError);
    expect((polyglot as AttachmentError).status).toBe(415);
    expect((polyglot as AttachmentError).localizedMessage('en-us')).toMatch(/"cat\.jpg" starts like a JPEG image but is not a valid one/);
    const bomb = await processFile({ name: 'bomb.png', bytes: fixture('bomb.png') }, options).catch((e: unknown) => e);
    expect((bomb as AttachmentError).status).toBe(413);
    expect((bomb as AttachmentError).localizedMessage('en-us')).toBe('The image "bomb.png" is 400 megapixels; images may have at most 40 megapixels.');
    expect((bomb as AttachmentError).localizedMessage('zh-cn')).toBe('图片“bomb.png”有 400 百万像素，图片最多允许 40 百万像素。');
  });

  it('redacts secrets in text files and records what was hidden', async () => {
    const out = await processFile({ name: 'log.txt', bytes: fixture('secrets.txt') }, options);
    const text = out.bytes.toString('utf8');
    expect(text).not.toContain('abandon abandon');
    expect(text).not.toContain('Hunter2-Secret');
    expect(text).toContain('Troubleshooting log');
    expect(out.redactions.map((r) => r.kind).sort()).toEqual(['password', 'recovery_phrase']);
  });

  it('stores PDF and MP4 byte for byte', async () => {
    for (const name of ['document.pdf', 'clip.mp4']) {
      const out = await processFile({ name, bytes: fixture(name) }, options);
      expect(out.bytes.equals(fixture(name))).toBe(true);
    }
  });
});
