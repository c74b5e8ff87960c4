import { z } from 'zod';
import { AppError } from '../../errors.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import './accounts.messages.js';

/**
 * Input schemas for the JSON API and the HTML forms. They are parsed in the handlers (not by
 * Fastify's validator) so that every message is in the caller's language and names the field.
 */
const email = z.string().trim().toLowerCase().min(1).max(254).pipe(z.email());
const password = z.string().min(1).max(256);
const code = z.string().trim().min(1).max(12);
const token = z.string().trim().min(1).max(200);

export const signupInput = z.object({ email, password, name: z.string().trim().max(120).optional() });
export const loginInput = z.object({ email: z.string().trim().toLowerCase().min(1).max(254), password });
export const totpCodeInput = z.object({ code });
export const changePasswordInput = z.object({ current_password: password, new_password: password });
export const forgotPasswordInput = z.object({ email: z.string().trim().toLowerCase().min(1).max(254) });
export const resetPasswordInput = z.object({ token, password });
export const verifyEmailInput = z.object({ token });
export const disableTotpInput = z.object({ password, code });

export type FieldName = 'email' | 'password' | 'current_password' | 'new_password' | 'name' | 'code' | 'token' | 'phrase';
export interface FieldError {
  path: string;
  message: string;
}

export const fieldLabel = (locale: Locale, field: string) => t(locale, `accounts.fields.${field}`, { defaultValue: field });
export const fieldMessage = (locale: Locale, field: string, key: string, params: Record<string, unknown> = {}) =>
  t(locale, `accounts.validation.${key}`, { field: fieldLabel(locale, field), ...params });

/** A validation_failed error whose details are localized, one per field. */
export function invalidFields(errors: FieldError[]): AppError {
  return new AppError('validation_failed', { detail: errors.map((e) => e.message).join(' ') }, errors);
}

function localizeIssue(issue: z.core.$ZodIssue, data: unknown, locale: Locale): FieldError {
  const field = String(issue.path[0] ?? '');
  const given = data && typeof data === 'object' ? (data as Record<string, unknown>)[field] : undefined;
  let message: string;
  switch (issue.code) {
    case 'invalid_type':
      message = given === undefined || given === null ? fieldMessage(locale, field, 'required') : fieldMessage(locale, field, 'invalid');
      break;
    case 'too_small':
      message = Number(issue.minimum) <= 1 ? fieldMessage(locale, field, 'required') : fieldMessage(locale, field, 'too_short', { min: Number(issue.minimum) });
      break;
    case 'too_big':
      message = fieldMessage(locale, field, 'too_long', { max: Number(issue.maximum) });
      break;
    case 'invalid_format':
      message = fieldMessage(locale, field, issue.format === 'email' ? 'invalid_email' : 'invalid');
      break;
    default:
      message = fieldMessage(locale, field, 'invalid');
  }
  return { path: field, message };
}

/**
 * Parses `data` (a JSON or form body) or throws validation_failed with one localized message per
 * field. Unknown fields (like `_csrf`) are ignored.
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, locale: Locale): z.output<S> {
  const input = data && typeof data === 'object' && !Array.isArray(data) ? data : {};
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const error = localizeIssue(issue, input, locale);
    if (seen.has(error.path)) continue;
    seen.add(error.path);
    errors.push(error);
  }
  throw invalidFields(errors);
}
