import type { Locale } from '../../../shared/locales.js';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { fieldMessage, type FieldError } from './accounts.validation.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export interface PasswordContext {
  email: string;
  brandName: string;
  locale: Locale;
  /** The form field the password came from, for the message. */
  field: 'password' | 'new_password';
}

const squash = (value: string) => value.toLowerCase().replace(/[\s._-]+/g, '');

/** The password rule: 10+ characters, not the email address, not a very common password. */
export function checkPasswordPolicy(password: string, ctx: PasswordContext): FieldError | null {
  const { locale, field } = ctx;
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { path: field, message: fieldMessage(locale, field, 'too_short', { min: PASSWORD_MIN_LENGTH }) };
  if (length > PASSWORD_MAX_LENGTH) return { path: field, message: fieldMessage(locale, field, 'too_long', { max: PASSWORD_MAX_LENGTH }) };
  const lowered = password.trim().toLowerCase();
  const email = ctx.email.trim().toLowerCase();
  if (lowered === email || lowered === email.split('@')[0]) return { path: field, message: fieldMessage(locale, field, 'password_is_email') };
  const brand = squash(ctx.brandName);
  if (COMMON_PASSWORDS.has(lowered) || squash(password) === brand || /^(.)\1+$/.test(password)) {
    return { path: field, message: fieldMessage(locale, field, 'password_common') };
  }
  return null;
}
