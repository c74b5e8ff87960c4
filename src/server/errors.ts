import type { Locale } from '../shared/locales.js';
import { t } from './i18n.js';

/** Stable, documented error codes; the message key is `errors.<code>`. */
export const errorStatus = {
  validation_failed: 400,
  invalid_locale: 400,
  content_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  csrf_failed: 403,
  sign_in_required: 401,
  invalid_credentials: 401,
  token_invalid: 400,
  totp_invalid: 400,
  internal: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * The one error type services throw. `params` fill the localized message;
 * `details` (field-level issues) are sent to the client as-is for 4xx only.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: Array<{ path: string; message: string }>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }

  localizedMessage(locale: Locale): string {
    const params = { ...this.params };
    if (typeof params.resource === 'string') params.resource = t(locale, `resources.${params.resource}`, { defaultValue: params.resource });
    return t(locale, `errors.${this.code}`, params);
  }
}

export const notFound = (resource: string) => new AppError('not_found', { resource });
