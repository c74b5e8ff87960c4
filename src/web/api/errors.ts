import type { OutboundReason } from './types.js';

/**
 * An API failure in one shape for the UI. `message` is the server's localized message when it sent
 * one; otherwise empty, and `describeError` supplies a console string for the `code`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      reasons?: OutboundReason[];
      details?: Array<{ path: string; message: string }>;
      reference?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The staff session is gone (expired, revoked, signed out elsewhere). */
  get isSessionLost(): boolean {
    return this.status === 401 && this.code !== 'invalid_credentials' && this.code !== 'totp_invalid';
  }

  /** The reply was refused because it asks the customer for a secret. */
  get isOutboundRefusal(): boolean {
    return this.code === 'outbound_refused';
  }
}

/** Codes the console has its own text for when the server did not send a message. */
export type ClientErrorCode = 'network' | 'timeout' | 'bad_response' | 'http';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function reasonsOf(value: unknown): OutboundReason[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const reasons = value
    .filter(isRecord)
    .map((r) => ({ code: typeof r.code === 'string' ? r.code : 'unknown', message: typeof r.message === 'string' ? r.message : '' }));
  return reasons.length ? reasons : undefined;
}

function detailsOf(value: unknown): Array<{ path: string; message: string }> | undefined {
  if (!Array.isArray(value)) return undefined;
  const details = value.filter(isRecord).map((d) => ({ path: String(d.path ?? ''), message: String(d.message ?? '') }));
  return details.length ? details : undefined;
}

/**
 * Maps an HTTP error answer to an ApiError. The server's body is `{ error, message, statusCode,
 * details?, reasons?, reference? }`; anything else (a proxy's HTML page, an empty body) keeps the
 * status and gets code `http`.
 */
export function toApiError(status: number, body: unknown, headers?: { get(name: string): string | null }): ApiError {
  const retry = headers?.get('retry-after');
  const retryAfterSeconds = retry && /^\d+$/.test(retry) ? Number(retry) : undefined;
  if (!isRecord(body) || typeof body.error !== 'string') {
    return new ApiError(status, 'http', '', retryAfterSeconds !== undefined ? { retryAfterSeconds } : {});
  }
  const details = detailsOf(body.details);
  // The refusal lists its reasons in `reasons`; accept them under `details` too.
  const reasons = reasonsOf(body.reasons) ?? (body.error === 'outbound_refused' ? details?.map((d) => ({ code: d.path, message: d.message })) : undefined);
  const extra = {
    ...(reasons ? { reasons } : {}),
    ...(details ? { details } : {}),
    ...(typeof body.reference === 'string' ? { reference: body.reference } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
  return new ApiError(status, body.error, typeof body.message === 'string' ? body.message : '', extra);
}

/** A failure before any HTTP answer (offline, DNS, aborted, CSP). */
export function networkError(cause: unknown): ApiError {
  const aborted = isRecord(cause) && (cause as { name?: unknown }).name === 'TimeoutError';
  return new ApiError(0, aborted ? 'timeout' : 'network', '');
}

/**
 * The text to show for an error: the server's localized message when there is one, otherwise the
 * console's own text for the code (`fallback` receives `network`, `timeout`, `bad_response` or `http`).
 */
export function describeError(error: unknown, fallback: (code: ClientErrorCode, status: number) => string): string {
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    const code: ClientErrorCode = error.code === 'network' || error.code === 'timeout' || error.code === 'bad_response' ? error.code : 'http';
    return fallback(code, error.status);
  }
  if (error instanceof Error && error.message) return error.message;
  return fallback('http', 0);
}
