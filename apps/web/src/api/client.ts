// The one way the console talks to the server: same-origin fetch with the session cookie, the CSRF token
// on every change, and the API's error shape turned into ApiError.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
let onUnauthenticated: () => void = () => undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; form?: FormData } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (init.form !== undefined) body = init.form;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (res.ok) {
    // 204 and empty answers (logout, revoke) carry no JSON.
    const text = await res.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
  let code = 'internal';
  let message = res.statusText;
  let details: unknown;
  try {
    const e = ((await res.json()) as { error?: { code: string; message: string; details?: unknown } }).error;
    if (e !== undefined) ({ code, message, details } = e);
  } catch {
    // not our error shape (a proxy in between): keep the status text
  }
  if (res.status === 401 && !path.startsWith('/api/auth/login')) onUnauthenticated();
  throw new ApiError(res.status, code, message, details);
}

/** A query string from the defined values of `params`. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}
