import type { ErrorCode } from '../../errors.js';
import { AppError } from '../../errors.js';
import { registerMessages, t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';

const en = {
  errors: {
    too_large: 'The file "{{file}}" is larger than {{limit}}, the most an attachment may be.',
    too_many_pixels: 'The image "{{file}}" is {{megapixels}} megapixels; images may have at most {{limit}} megapixels.',
    too_many_files: 'Too many files: upload at most {{max}} files at a time.',
    unsupported_type: 'The file "{{file}}" is not an allowed type. Allowed types: {{allowed}}.',
    broken_image: 'The file "{{file}}" starts like a {{type}} image but is not a valid one, so it cannot be accepted. Allowed types: {{allowed}}.',
    empty_file: 'The file "{{file}}" is empty.',
    no_file: 'No file was sent. Send the bytes as the request body with ?filename=…, or multipart/form-data with a "file" part.',
    unknown_upload: 'This upload token is unknown, has expired or was already used. Upload the files again.',
  },
  allowed: 'PNG, JPEG or WebP images, PDF documents, plain text (UTF-8) and MP4 videos',
};

const zh: typeof en = {
  errors: {
    too_large: '文件“{{file}}”超过了 {{limit}}，这是单个附件的上限。',
    too_many_pixels: '图片“{{file}}”有 {{megapixels}} 百万像素，图片最多允许 {{limit}} 百万像素。',
    too_many_files: '文件过多：每次最多上传 {{max}} 个文件。',
    unsupported_type: '文件“{{file}}”的类型不被允许。允许的类型：{{allowed}}。',
    broken_image: '文件“{{file}}”的开头像 {{type}} 图片，但并不是有效的图片，无法接受。允许的类型：{{allowed}}。',
    empty_file: '文件“{{file}}”是空的。',
    no_file: '没有收到文件。请把文件内容作为请求体发送并带上 ?filename=…，或使用 multipart/form-data 并包含名为 “file” 的部分。',
    unknown_upload: '该上传令牌不存在、已过期或已被使用。请重新上传文件。',
  },
  allowed: 'PNG、JPEG 或 WebP 图片，PDF 文档，纯文本（UTF-8）和 MP4 视频',
};

registerMessages('attachments', { 'en-us': en, 'zh-cn': zh });

export type AttachmentErrorKey = keyof typeof en.errors;

/**
 * An AppError whose message is specific to attachments (names the file and the limit) instead of the
 * generic `errors.<code>` text; the status still comes from the shared code table.
 */
export class AttachmentError extends AppError {
  constructor(
    code: ErrorCode,
    readonly key: AttachmentErrorKey,
    params: Record<string, string | number> = {},
  ) {
    super(code, params);
    this.name = 'AttachmentError';
  }

  override localizedMessage(locale: Locale): string {
    return t(locale, `attachments.errors.${this.key}`, { ...this.params, allowed: t(locale, 'attachments.allowed') });
  }
}

/** 10485760 → "10 MB", 1536 → "1.5 KB" (binary units, as file managers show them). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${units[unit]}`;
}
