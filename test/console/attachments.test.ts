import { describe, expect, it } from 'vitest';
import { checkFiles, isImageType, pastedName, plausibleType } from '../../src/web/lib/attachments.js';
import { translate } from '../../src/web/i18n/translate.js';

const limits = {
  max_bytes: 10 * 1024 * 1024,
  max_files: 5,
  types: ['image/png', 'image/jpeg', 'image/webp', 'application/pdf', 'text/plain', 'video/mp4'].map((content_type) => ({ content_type })),
};
const file = (name: string, size: number, type = '') => ({ name, size, type });

describe('reply attachments: checks before uploading', () => {
  it('lets through what the server may accept and stops what it certainly refuses', () => {
    expect(plausibleType(file('shot.png', 10, 'image/png'), limits)).toBe(true);
    expect(plausibleType(file('statement.pdf', 10, 'application/pdf'), limits)).toBe(true);
    // Any text: the server accepts UTF-8 text whatever its name.
    expect(plausibleType(file('export.csv', 10, 'text/csv'), limits)).toBe(true);
    // No type from the browser: decided by the extension, or left to the server.
    expect(plausibleType(file('wallet.log', 10, ''), limits)).toBe(true);
    expect(plausibleType(file('README', 10, ''), limits)).toBe(true);
    expect(plausibleType(file('archive.zip', 10, 'application/zip'), limits)).toBe(false);
    expect(plausibleType(file('setup.exe', 10, 'application/x-msdownload'), limits)).toBe(false);
    expect(plausibleType(file('anim.gif', 10, 'image/gif'), limits)).toBe(false);
  });

  it('reports too large, wrong type, empty and too many files, and accepts the rest', () => {
    const { accepted, problems } = checkFiles(
      [file('a.png', 100, 'image/png'), file('huge.pdf', 11 * 1024 * 1024, 'application/pdf'), file('b.zip', 5, 'application/zip'), file('empty.txt', 0, 'text/plain'), file('c.png', 100, 'image/png'), file('d.png', 100, 'image/png'), file('e.png', 100, 'image/png')],
      2,
      limits,
    );
    expect(accepted.map((f) => f.name)).toEqual(['a.png', 'c.png', 'd.png']);
    expect(problems).toEqual([
      { code: 'too_large', name: 'huge.pdf', size: 11 * 1024 * 1024, max: 10 * 1024 * 1024 },
      { code: 'unsupported_type', name: 'b.zip' },
      { code: 'empty', name: 'empty.txt' },
      { code: 'too_many', max: 5 },
    ]);
    // Without the limits (not loaded), only empty files are stopped; the server decides the rest.
    expect(checkFiles([file('b.zip', 5, 'application/zip'), file('x', 0)], 9, null)).toEqual({ accepted: [file('b.zip', 5, 'application/zip')], problems: [{ code: 'empty', name: 'x' }] });
  });

  it('names pasted screenshots and tells images from other files', () => {
    const at = new Date('2026-03-04T05:06:07Z');
    expect(pastedName(file('image.png', 5, 'image/png'), at)).toBe('screenshot-20260304-050607.png');
    expect(pastedName(file('', 5, 'image/jpeg'), at)).toBe('screenshot-20260304-050607.jpg');
    expect(pastedName(file('receipt.png', 5, 'image/png'), at)).toBe('receipt.png');
    expect(isImageType('image/png')).toBe(true);
    expect(isImageType('image/jpeg')).toBe(true);
    expect(isImageType('application/pdf')).toBe(false);
    expect(isImageType('text/plain; charset=utf-8')).toBe(false);
  });

  it('words the problems in the agent’s language', () => {
    expect(translate('zh-cn', 'composer.fileTooLarge', { name: 'huge.pdf', size: '11 MB', max: '10 MB' })).toBe('“huge.pdf”大小为 11 MB，单个文件不能超过 10 MB。');
    expect(translate('en-us', 'composer.tooManyFiles', { max: 5 })).toBe('At most 5 files can be attached to one message.');
  });
});
