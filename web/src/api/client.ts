import type { FieldIssue, Problem } from './domain';

/**
 * The one way the console talks to the server: fetch over `/api/v1`, the session cookie, the
 * CSRF token on every change, and problem+json errors turned into `ApiError`s.
 */

export const API_BASE = '/api/v1';

/** The server refused the request; `code` is stable, `detail` is the server's English text. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldIssues: FieldIssue[];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.fieldIssues = problem.errors ?? [];
    this.problem = problem;
  }
}

/** The request never got an answer (server down, network blinked). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;

/** Remembered from sign-in and from `/auth/me`; sent back as X-CSRF-Token with every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | readonly string[] | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** `{status: ['pending','waiting'], q: ''}` → `?status=pending,waiting`: empty values are left out. */
export function toSearch(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: QueryParams;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, with its media type (a CSV file to import), instead of `body`. */
  file?: { data: BodyInit; type: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the CSRF token on a GET too: exports need it from a session, so a link on another site cannot start one. */
  csrf?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** One request: the session cookie, the CSRF token on every change, and a refusal as an ApiError. */
async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.type;
  if ((options.csrf || !SAFE_METHODS.has(method)) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toSearch(options.query)}`, {
      method,
      headers,
      body: options.file ? options.file.data : options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(asProblem(text ? parseJson(text) : undefined, response));
  }
  return response;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, { ...options, headers: { accept: 'application/json', ...options.headers } });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? parseJson(text) : undefined) as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A proxy in between may answer HTML; the console still gets a problem with a code. */
function asProblem(data: unknown, response: Response): Problem {
  if (typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'string') {
    return data as Problem;
  }
  return {
    type: 'about:blank',
    title: response.statusText,
    status: response.status,
    detail: response.statusText || `HTTP ${response.status}`,
    code: response.status >= 500 ? 'internal_error' : 'http_error',
  };
}

/**
 * Downloads a file the API makes (a CSV export) as the browser's own download: fetched with the
 * CSRF token, which exports need from a session (a link on another site cannot start one), and
 * saved under the name the server gives it. Refusals are ApiErrors, as for every call.
 */
export async function downloadFile(path: string, query: QueryParams, fallbackName: string): Promise<string> {
  const response = await send('GET', path, { query, csrf: true });
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; a moment later it may go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** `attachment; filename="tickets.csv"; filename*=UTF-8''%E5%B7%A5%E5%8D%95.csv` → 工单.csv (RFC 6266). */
function fileNameOf(disposition: string | null): string | null {
  const encoded = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]!);
  const plain = disposition && /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1]! : null;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => apiRequest<T>('POST', path, { body, headers }),
  patch: <T>(path: string, body: unknown, headers?: Record<string, string>) => apiRequest<T>('PATCH', path, { body, headers }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};
