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
    await api.get('/teams', { query: { limit: 10, cursor: undefined } });
    const [write, read] = calls;
    expect(new Headers(write?.init.headers).get('X-CSRF-Token')).toBe('tok-123');
    expect(write?.init.credentials).toBe('same-origin');
    expect(write?.init.body).toBe(JSON.stringify({ name: 'Продажи' }));
    expect(new Headers(read?.init.headers).get('X-CSRF-Token')).toBeNull();
    expect(read?.url).toBe('/api/v1/teams?limit=10');
  });

  it("puts a list endpoint's filters, limit, cursor and custom filters into the URL", async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify({ items: [], nextCursor: null }), { status: 200 });
    });
    await api.get('/deals', {
      query: { limit: 50, cursor: 'c1', status: 'open', q: '', 'custom.region': 'Урал' },
    });
    await api.get('/leads', { query: { status: 'new', assigneeId: 'none', limit: 20 } });
    const [deals, leads] = calls.map((url) => new URL(url, 'http://x'));
    expect(deals?.pathname).toBe('/api/v1/deals');
    expect(Object.fromEntries(deals!.searchParams)).toEqual({
      limit: '50',
      cursor: 'c1',
      status: 'open',
      'custom.region': 'Урал',
    });
    expect(Object.fromEntries(leads!.searchParams)).toEqual({
      status: 'new',
      assigneeId: 'none',
      limit: '20',
    });
  });

  it('fills path parameters, encoded', async () => {
    const calls = stubFetch(new Response(null, { status: 204 }));
    await api.delete('/teams/:id', { params: { id: 'a/b' } });
    expect(calls[0]?.url).toBe('/api/v1/teams/a%2Fb');
    expect(calls[0]?.init.method).toBe('DELETE');
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
