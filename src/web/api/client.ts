import type { Locale } from '../../shared/locales.js';
import { ApiError, networkError, toApiError } from './errors.js';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Prefix for relative paths (tests pass http://127.0.0.1:port); '' in the browser. */
  baseUrl?: string;
  fetch?: FetchLike;
  locale?: Locale;
  /** Milliseconds before a request is abandoned. */
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not report a 401 as a lost session (the boot-time "who am I" call). */
  quiet?: boolean;
  /** Query parameters; empty strings, null and undefined are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Overrides the client's timeout (uploads of large files). */
  timeoutMs?: number;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds `?a=1&b=2` from the set values only. */
export function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * JSON over fetch with the staff session cookie: sends the CSRF token on writes and the console's
 * language as Accept-Language (so server messages come back localized), and turns every failure into
 * an ApiError. A lost session is reported once through `onSessionLost`.
 */
export class ApiClient {
  csrfToken: string | null = null;
  locale: Locale;
  onSessionLost: ((error: ApiError) => void) | null = null;
  private readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.locale = options.locale ?? 'en-us';
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  url(path: string, query?: RequestOptions['query']): string {
    return `${this.baseUrl}${path}${queryString(query)}`;
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.send<T>(method, path, body === undefined ? undefined : { json: body }, options);
  }

  /** multipart/form-data (file uploads); the browser sets the boundary. */
  upload<T>(path: string, form: FormData, options: RequestOptions = {}): Promise<T> {
    return this.send<T>('POST', path, { form }, options);
  }

  private async send<T>(method: string, path: string, body: { json: unknown } | { form: FormData } | undefined, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': this.locale };
    if (body && 'json' in body) headers['content-type'] = 'application/json';
    if (UNSAFE.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        signal,
        ...(body ? { body: 'json' in body ? JSON.stringify(body.json) : body.form } : {}),
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw networkError(cause);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (response.ok) throw new ApiError(response.status, 'bad_response', '');
      }
    }
    if (!response.ok) {
      const error = toApiError(response.status, parsed, response.headers);
      if (error.isSessionLost && !options.quiet) this.onSessionLost?.(error);
      throw error;
    }
    // Any answer may hand over a (new) CSRF token: sign-in steps and "who am I".
    if (parsed && typeof parsed === 'object' && 'csrf_token' in parsed) {
      const token = (parsed as { csrf_token?: unknown }).csrf_token;
      if (typeof token === 'string' && token) this.csrfToken = token;
    }
    return parsed as T;
  }

  get<T>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T>(path: string, body: unknown = {}, options?: RequestOptions) {
    return this.request<T>('POST', path, body, options);
  }
  put<T>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, body, options);
  }
  delete<T = void>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, undefined, options);
  }
}
