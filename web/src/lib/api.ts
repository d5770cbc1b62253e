// The one way the UI talks to the server: same-origin fetch with the session cookie,
// the CSRF token on state-changing requests, and problem+json errors as ApiError.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  request_id?: string;
  [k: string]: unknown;
}

export class ApiError extends Error {
  status: number;
  problem: Problem;
  retryAfter: number | null;
  constructor(status: number, problem: Problem, retryAfter: number | null) {
    super(problem.title || problem.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export interface Page<T> {
  items: T[];
  next_after: number | null;
}

let csrfToken: string | null = null;
const expiredListeners = new Set<() => void>();

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when a request gets 401 while the UI believed it was logged in. */
export function onSessionExpired(fn: () => void): () => void {
  expiredListeners.add(fn);
  return () => expiredListeners.delete(fn);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    sp.set(k, v === true ? '1' : String(v));
  }
  const s = sp.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw body (FormData, Blob, string) sent as is. */
  raw?: BodyInit;
  signal?: AbortSignal;
  /** Do not treat 401 as an expired session (the login form itself). */
  anonymous?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const url = withQuery(path.startsWith('/') ? path : `/api/v1/${path}`, opts.query);
  const res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  const type = res.headers.get('Content-Type') || '';
  let data: unknown = null;
  if (res.status !== 204 && res.status !== 304) {
    if (type.includes('json')) data = await res.json().catch(() => null);
    else data = await res.text();
  }
  if (!res.ok) {
    const problem: Problem =
      data && typeof data === 'object' ? (data as Problem) : { title: res.statusText, status: res.status };
    if (res.status === 401 && !opts.anonymous) expiredListeners.forEach((fn) => fn());
    const ra = res.headers.get('Retry-After');
    throw new ApiError(res.status, problem, ra ? Number(ra) : null);
  }
  return { data: data as T, status: res.status, headers: res.headers };
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }).then((r) => r.data),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>('POST', path, { ...opts, body }).then((r) => r.data),
  patch: <T>(path: string, body: unknown, opts: RequestOptions = {}) =>
    request<T>('PATCH', path, { ...opts, body }).then((r) => r.data),
  del: (path: string) => request<null>('DELETE', path).then(() => undefined),
};

/**
 * Uploads with progress (fetch has no upload progress): XMLHttpRequest, same cookie
 * and CSRF header, same ApiError on failure.
 */
export function upload<T>(
  path: string,
  form: FormData | Blob,
  onProgress?: (fraction: number) => void,
  /** For a raw Blob body (e.g. 'text/csv'); FormData sets its own multipart type. */
  contentType?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path.startsWith('/') ? path : `/api/v1/${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    if (contentType && !(form instanceof FormData)) xhr.setRequestHeader('Content-Type', contentType);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else {
        if (xhr.status === 401) expiredListeners.forEach((fn) => fn());
        const problem = data && typeof data === 'object' ? (data as Problem) : { title: xhr.statusText };
        reject(new ApiError(xhr.status, problem, null));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'network' }, null));
    xhr.send(form);
  });
}
