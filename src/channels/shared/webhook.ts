import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';

// What every messenger webhook shares: the body kept as the exact bytes received (a signature is
// computed over them, and nothing is interpreted before the sender is verified), a constant-time
// secret comparison, and running the accept inside the channel's workspace.

// The raw bytes, behind a private field: the platform's input guard walks request bodies, and it
// must neither refuse a provider's payload before it is verified nor walk a megabyte byte by byte.
export class RawBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

// Inside an encapsulated plugin only: its routes receive JSON bodies as RawBody; the rest of the
// API keeps Fastify's JSON parser.
export function keepRawJson(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, new RawBody(body as Buffer)),
  );
}

// Control characters other than tab and line breaks (NUL above all: PostgreSQL text cannot hold
// it) are dropped from a verified payload's strings, so a client's odd keystroke never makes the
// provider's delivery fail and be retried until it is given up.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function stripControl(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(CONTROL, '');
  if (Array.isArray(value)) return value.map(stripControl);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (k !== '__proto__' && k !== 'constructor' && k !== 'prototype') out[k] = stripControl(v);
    return out;
  }
  return value;
}

// The JSON a RawBody holds, cleaned; null when it is not JSON.
export function readJson(body: unknown): unknown {
  const bytes = body instanceof RawBody ? body.bytes : null;
  if (!bytes?.length) return null;
  try {
    return stripControl(JSON.parse(bytes.toString('utf8')));
  } catch {
    return null;
  }
}

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

// Constant time whatever the lengths (both sides hashed first). A missing expected secret never matches.
export function isSameSecret(
  given: string | null | undefined,
  expected: string | null | undefined,
): boolean {
  if (!expected || typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

// The accept runs as the system inside the channel's workspace, in one transaction: the provider's
// 2xx goes out only after it commits.
export function inChannelWorkspace<T>(
  db: Db,
  workspaceId: string,
  requestId: string | null,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  return inSystemWorkspace(db, workspaceId, fn, { requestId });
}

// A provider base URL a channel's settings may override (a self-hosted Bot API server, the tests'
// stand-ins): http(s) only, no credentials, query or fragment, no trailing slash. A workspace admin
// must not be able to point the server's requests at internal addresses, so an override counts
// only where the operator allows it (VORONKA_CHANNEL_API_OVERRIDES=on); otherwise the provider's
// own address is used.
export function providerBase(override: unknown, fallback: string): string {
  if (
    typeof override !== 'string' ||
    !override ||
    process.env.VORONKA_CHANNEL_API_OVERRIDES !== 'on'
  )
    return fallback;
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new Error(`the provider address ${JSON.stringify(override)} is not a URL`);
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new Error('the provider address must be a plain http(s) URL');
  }
  return url.toString().replace(/\/+$/, '');
}
