import type { FastifyError } from 'fastify';
import { AppError } from '../errors.js';
import { registerMessages, t } from '../i18n.js';
import type { Locale } from '../../shared/locales.js';
import type { CatalogueShape } from '../../shared/i18n/catalogue.js';

// Request-schema failures explained in the caller's language (zod's own messages are English only).
const en = {
  tooLong: '{{field}} is too long: at most {{max}} characters.',
  tooManyItems: '{{field}} may have at most {{max}} entries.',
  tooFewItems: '{{field}} needs at least {{min}} entries.',
  tooBig: '{{field}} must be at most {{max}}.',
  tooSmall: '{{field}} must be at least {{min}}.',
  empty: '{{field}} must not be empty.',
  invalidType: '{{field}} must be {{expected}}.',
  invalidValue: '{{field}} must be one of: {{values}}.',
  invalid: '{{field}} is not valid.',
  unknownField: 'Unknown field: {{keys}}.',
  types: { string: 'text', number: 'a number', array: 'a list', object: 'an object', boolean: 'true or false' },
};
const zh: CatalogueShape<typeof en> = {
  tooLong: '{{field}} 过长：最多 {{max}} 个字符。',
  tooManyItems: '{{field}} 最多只能有 {{max}} 项。',
  tooFewItems: '{{field}} 至少需要 {{min}} 项。',
  tooBig: '{{field}} 不能大于 {{max}}。',
  tooSmall: '{{field}} 不能小于 {{min}}。',
  empty: '{{field}} 不能为空。',
  invalidType: '{{field}} 必须是{{expected}}。',
  invalidValue: '{{field}} 必须是以下之一：{{values}}。',
  invalid: '{{field}} 无效。',
  unknownField: '未知字段：{{keys}}。',
  types: { string: '文本', number: '数字', array: '列表', object: '对象', boolean: 'true 或 false' },
};
registerMessages('schemaErrors', { 'en-us': en, 'zh-cn': zh });

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `schemaErrors.${key}`, params);

interface SchemaIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A request-schema validation error as `validation_failed`, one localized sentence per problem. */
export function localizedValidationError(error: FastifyError, locale: Locale): AppError {
  const context = error.validationContext ?? 'body';
  const issues = (error.validation ?? []) as unknown as SchemaIssue[];
  const details = issues.map((issue) => {
    const segments = issue.instancePath.split('/').filter(Boolean);
    const field = segments.length ? segments.map((s) => (/^\d+$/.test(s) ? `[${Number(s) + 1}]` : `.${s}`)).join('').replace(/^\./, '') : context;
    const p = issue.params;
    const origin = String(p.origin ?? '');
    let message: string;
    switch (issue.keyword) {
      case 'too_big':
        message = m(locale, origin === 'string' ? 'tooLong' : origin === 'array' ? 'tooManyItems' : 'tooBig', { field, max: p.maximum });
        break;
      case 'too_small':
        message =
          (origin === 'string' || origin === 'array') && Number(p.minimum) <= 1
            ? m(locale, 'empty', { field })
            : m(locale, origin === 'array' ? 'tooFewItems' : 'tooSmall', { field, min: p.minimum });
        break;
      case 'invalid_type':
        message = m(locale, 'invalidType', { field, expected: m(locale, `types.${String(p.expected)}`, { defaultValue: String(p.expected) }) });
        break;
      case 'invalid_value':
        message = m(locale, 'invalidValue', { field, values: (Array.isArray(p.values) ? p.values : []).map(String).join(', ') });
        break;
      case 'unrecognized_keys':
        message = m(locale, 'unknownField', { keys: (Array.isArray(p.keys) ? p.keys : []).join(', ') });
        break;
      default:
        message = issue.message && issue.keyword === 'custom' ? `${field}: ${issue.message}` : m(locale, 'invalid', { field });
    }
    return { path: `${context}${issue.instancePath.replaceAll('/', '.')}`, message };
  });
  return new AppError('validation_failed', { detail: details.map((d) => d.message).join(' ') }, details);
}
