/**
 * The console's only way to the server: Tollgate's public APIs with the admin's session cookie. Changes
 * carry the page's CSRF token in `x-csrf-token`. Okta's error body becomes an ApiError whose causes can be
 * shown next to the fields they name ("field: message").
 */

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorCauses?: Array<{ errorSummary: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly causes: string[],
  ) {
    super(errorSummary);
  }

  /** Causes split into the field they name (`channel.config.uri`) and their message; '' when none is named. */
  fieldCauses(): Array<{ field: string; message: string }> {
    return this.causes.map((cause) => {
      const m = /^([A-Za-z0-9_$.[\]-]+): ([\s\S]*)$/.exec(cause);
      return m ? { field: m[1], message: m[2] } : { field: '', message: cause };
    });
  }
}

export interface ApiResult<T> {
  data: T;
  /** The `after` cursor of the next page, from Okta's `Link: <…>; rel="next"` header. */
  next?: string;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

function nextCursor(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (m) return new URL(m[1], window.location.origin).searchParams.get('after') ?? undefined;
  }
  return undefined;
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(withQuery(path, query), { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 401) {
    // The session ended: sign in again and come back here.
    window.location.assign(`/signin?fromURI=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    throw new ApiError(401, 'E0000011', 'Your session has ended. Please sign in again.', []);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!res.ok) {
    const err = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<OktaErrorBody>;
    throw new ApiError(
      res.status,
      err.errorCode ?? `HTTP ${res.status}`,
      err.errorSummary ?? (typeof parsed === 'string' && parsed ? parsed : `The server answered ${res.status}`),
      (err.errorCauses ?? []).map((c) => c.errorSummary),
    );
  }
  return { data: parsed as T, next: nextCursor(res.headers.get('link')) };
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, body ?? undefined, query),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

/** Every page of a list, for small lists (types, hooks, policies) that the console shows whole. */
export async function getAll<T>(path: string, query: Query = {}, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await api.get<T[]>(path, { ...query, after });
    out.push(...page.data);
    if (!page.next) break;
    after = page.next;
  }
  return out;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.errorSummary;
  return err instanceof Error ? err.message : String(err);
}
