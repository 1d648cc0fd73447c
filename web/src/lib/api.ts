import { type EndpointKey, type Endpoints, type Problem } from '@voronka/contract';
import type { z } from 'zod';

type FieldError = { field: string; reason: string };

// The one error type the web app knows: every failed request becomes an ApiError.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly field: string | undefined;
  readonly errors: FieldError[];

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.field = problem.field;
    this.errors = problem.errors ?? [];
  }

  // Field name → message, keyed by the last path segment ("body.email", "/email" → "email").
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[lastSegment(e.field)] ??= e.reason;
    if (this.field) out[lastSegment(this.field)] ??= this.detail;
    return out;
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).length > 0;
  }
}

export function lastSegment(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseFieldErrors(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(isRecord)
    .flatMap((e) =>
      typeof e.field === 'string'
        ? [{ field: e.field, reason: typeof e.reason === 'string' ? e.reason : '' }]
        : [],
    );
}

// Reads an RFC 9457 body leniently: a proxy's HTML 502 must still become a usable ApiError.
export function problemFromBody(status: number, body: unknown): Problem {
  const b = isRecord(body) ? body : {};
  const str = (k: string, fallback: string) =>
    typeof b[k] === 'string' ? (b[k] as string) : fallback;
  const fallbackCode = status >= 500 ? 'server.internal' : 'request.failed';
  return {
    type: str('type', 'about:blank'),
    title: str('title', `HTTP ${status}`),
    status: typeof b.status === 'number' ? b.status : status,
    detail: str('detail', str('title', `HTTP ${status}`)),
    code: str('code', fallbackCode),
    field: typeof b.field === 'string' ? b.field : undefined,
    errors: parseFieldErrors(b.errors),
  };
}

export async function readApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  const text = await res.text().catch(() => '');
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return new ApiError(problemFromBody(res.status, body));
}

// The CSRF token of the current session; set whenever a SessionInfo arrives.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  query?: Query,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...extraHeaders,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(buildUrl(`/api/v1${path}`, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(problemFromBody(0, { code: 'network.offline', title: 'Network error' }));
  }
  if (!res.ok) throw await readApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// One form for every server access: a path of the contract's endpoint map ("/leads/:id") takes
// its parameters, query and body from the map and answers the map's type. Options are always
// `{ params, query, headers }`; the query (filters, limit, cursor) goes into the URL as it is, so
// keys the schema leaves open (a list's `custom.<key>` filters) pass through too.
type PathOf<M extends Method> = {
  [K in EndpointKey]: K extends `${M} ${infer P}` ? P : never;
}[EndpointKey];
type EntryOf<M extends Method, P extends string> = Endpoints[`${M} ${P}` & EndpointKey];
type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | ParamNames<Rest>
  : P extends `${string}:${infer N}`
    ? N
    : never;
type Schema<E, K extends string> = E extends { [k in K]: z.ZodType } ? E[K] : never;
export type ResponseOf<M extends Method, P extends string> = z.output<
  Schema<EntryOf<M, P>, 'response'>
>;
export type BodyOf<M extends Method, P extends string> =
  EntryOf<M, P> extends { body: z.ZodType }
    ? z.input<EntryOf<M, P>['body']>
    : Record<string, never> | undefined;
// An empty filter ('' or null) is left out of the URL, so a form's blank field may go as it is.
type Blankable<T> = { [K in keyof T]?: T[K] | '' | null };
export type QueryOf<M extends Method, P extends string> = Blankable<
  z.input<Schema<EntryOf<M, P>, 'query'>>
> &
  Query;
type Options<M extends Method, P extends string> = ([ParamNames<P>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<P>, string> }) &
  (EntryOf<M, P> extends { query: z.ZodType }
    ? { query?: QueryOf<M, P> }
    : { query?: undefined }) & {
    headers?: Record<string, string>;
  };
// Options may be left out when the path has no parameters.
type OptionsArg<M extends Method, P extends string> = [ParamNames<P>] extends [never]
  ? [options?: Options<M, P>]
  : [options: Options<M, P>];

export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${template}`);
    return encodeURIComponent(value);
  });
}

type SendOptions = {
  params?: Record<string, string>;
  query?: Query;
  headers?: Record<string, string>;
};
function send<T>(method: Method, path: string, body: unknown, options: SendOptions = {}) {
  const url = fillPath(path, options.params);
  return request<T>(method, url, body, options.query, options.headers);
}

const get = <P extends PathOf<'GET'>>(path: P, ...[o]: OptionsArg<'GET', P>) =>
  send<ResponseOf<'GET', P>>('GET', path, undefined, o);
// headers: e.g. an Idempotency-Key, so a retried POST is done once.
// A route without a body or path parameters (`/auth/sign-out`) may be called with the path alone.
type PostArgs<P extends string> =
  EntryOf<'POST', P> extends { body: z.ZodType }
    ? [body: BodyOf<'POST', P>, ...OptionsArg<'POST', P>]
    : [ParamNames<P>] extends [never]
      ? [body?: BodyOf<'POST', P>, options?: Options<'POST', P>]
      : [body: BodyOf<'POST', P>, ...OptionsArg<'POST', P>];
const post = <P extends PathOf<'POST'>>(path: P, ...[body, o]: PostArgs<P>) =>
  send<ResponseOf<'POST', P>>('POST', path, body ?? {}, o);
const patch = <P extends PathOf<'PATCH'>>(
  path: P,
  body: BodyOf<'PATCH', P>,
  ...[o]: OptionsArg<'PATCH', P>
) => send<ResponseOf<'PATCH', P>>('PATCH', path, body, o);
const put = <P extends PathOf<'PUT'>>(
  path: P,
  body: BodyOf<'PUT', P>,
  ...[o]: OptionsArg<'PUT', P>
) => send<ResponseOf<'PUT', P>>('PUT', path, body, o);
const del = <P extends PathOf<'DELETE'>>(path: P, ...[o]: OptionsArg<'DELETE', P>) =>
  send<void>('DELETE', path, undefined, o);

export const api = { get, post, patch, put, delete: del };

// A file as the raw body (an image, a template), with the session's CSRF token.
export async function putFile<T = void>(
  path: string,
  file: Blob,
  method: 'PUT' | 'POST' = 'PUT',
): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      'Content-Type': file.type || 'application/octet-stream',
      ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
    },
    body: file,
  });
  if (!res.ok) throw await readApiError(res);
  // The created record, when the server answers with one.
  return (res.status === 204 ? undefined : await res.json().catch(() => undefined)) as T;
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}
