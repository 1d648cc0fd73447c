import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, readApiError, setCsrfToken } from './api';

function problemResponse(
  status: number,
  body: unknown,
  type = 'application/problem+json',
): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

describe('readApiError', () => {
  it('reads an RFC 9457 body with field errors', async () => {
    const e = await readApiError(
      problemResponse(400, {
        type: 'https://voronka.dev/problems/request.invalid',
        title: 'Invalid request',
        status: 400,
        detail: 'body/password: at least 10 characters',
        code: 'request.invalid',
        errors: [
          { field: 'body.password', reason: 'at least 10 characters' },
          { field: '/email', reason: 'invalid email' },
        ],
      }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('request.invalid');
    expect(e.fieldErrors).toEqual({ password: 'at least 10 characters', email: 'invalid email' });
  });

  it('puts a single-field problem under that field with its detail', async () => {
    const e = await readApiError(
      problemResponse(409, {
        type: 'x',
        title: 'Conflict',
        status: 409,
        detail: 'e-mail is taken',
        code: 'user.email_taken',
        field: 'email',
      }),
    );
    expect(e.fieldErrors).toEqual({ email: 'e-mail is taken' });
    expect(e.hasFieldErrors).toBe(true);
  });

  it('survives a body that is not JSON', async () => {
    const e = await readApiError(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(e.status).toBe(502);
    expect(e.code).toBe('server.internal');
    expect(e.hasFieldErrors).toBe(false);
  });
});

describe('api', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  function stubFetch(response: Response) {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return response;
    });
    return calls;
  }

  it('sends the CSRF token on writes and not on reads', async () => {
    setCsrfToken('tok-123');
    const calls = stubFetch(new Response(null, { status: 204 }));
    await api.post('/teams', { name: 'Продажи' });
    await api.get('/teams', { limit: 10, cursor: undefined });
    const [write, read] = calls;
    expect(new Headers(write?.init.headers).get('X-CSRF-Token')).toBe('tok-123');
    expect(write?.init.credentials).toBe('same-origin');
    expect(write?.init.body).toBe(JSON.stringify({ name: 'Продажи' }));
    expect(new Headers(read?.init.headers).get('X-CSRF-Token')).toBeNull();
    expect(read?.url).toBe('/api/v1/teams?limit=10');
  });

  it('throws an ApiError carrying the problem code', async () => {
    stubFetch(
      problemResponse(402, {
        type: 'x',
        title: 'Payment required',
        status: 402,
        detail: 'trial expired',
        code: 'workspace.trial_expired',
      }),
    );
    await expect(api.patch('/workspace', { name: 'A' })).rejects.toMatchObject({
      status: 402,
      code: 'workspace.trial_expired',
    });
  });
});
