import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { call, signUp } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

describe('operational endpoints', () => {
  it('reports liveness and readiness', async () => {
    expect((await call(env.app, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await call(env.app, 'GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('exposes Prometheus metrics including request durations by route', async () => {
    await call(env.app, 'GET', '/healthz');
    const res = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /voronka_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('keeps metrics from anyone but a scraper on this host, or one holding the metrics token', async () => {
    const remote = await env.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
    });
    expect(remote.statusCode).toBe(401);
    expect(remote.headers['content-type']).toContain('application/problem+json');
    expect(remote.body).not.toContain('process_resident_memory_bytes');
    // A reverse proxy on this host forwards the public: its requests come from 127.0.0.1.
    const proxied = await env.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.statusCode).toBe(401);
    const withToken = await createTestApp({ VORONKA_METRICS_TOKEN: 'scrape-token-0123456789' });
    try {
      const wrong = await withToken.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer scrape-token-wrong-000' },
      });
      expect(wrong.statusCode).toBe(401);
      // With a token set, even a local scrape needs it.
      expect((await withToken.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const right = await withToken.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: 'Bearer scrape-token-0123456789' },
      });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('process_resident_memory_bytes');
    } finally {
      await withToken.close();
    }
  });

  it('answers what the HTTP parser and the router refuse with problem+json (414, 431)', async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = env.app.server.address() as { port: number };
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        body: (await res.json()) as { code: string; status: number },
      };
    };
    const longSegment = await get(`/api/v1/contacts/${'a'.repeat(300)}`);
    expect(longSegment).toMatchObject({
      status: 414,
      body: { code: 'request.uri_too_long', status: 414 },
    });
    expect(longSegment.type).toContain('application/problem+json');
    const longUrl = await get(`/api/v1/me?q=${'a'.repeat(20_000)}`);
    expect(longUrl).toMatchObject({
      status: 431,
      body: { code: 'request.headers_too_large', status: 431 },
    });
    expect(longUrl.type).toContain('application/problem+json');
    const bigHeader = await get('/api/v1/me', { 'x-padding': 'a'.repeat(20_000) });
    expect(bigHeader).toMatchObject({ status: 431, body: { code: 'request.headers_too_large' } });
  });

  it('serves the OpenAPI document with every /api/v1 route and the reference page', async () => {
    const doc = (await call(env.app, 'GET', '/api/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/workspace',
        '/api/v1/users',
        '/api/v1/audit',
        '/api/v1/auth/sign-in',
      ]),
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const page = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
  });

  it('sends security headers on every response', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('answers unknown API paths with problem+json, and client routes with the app', async () => {
    const api = await call(env.app, 'GET', '/api/v1/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('resource.not_found');
    const page = await env.app.inject({ method: 'GET', url: '/settings/users' });
    expect(page.statusCode).toBe(200);
  });

  it('never logs or echoes credentials in errors', async () => {
    const res = await call(env.app, 'GET', '/api/v1/me', undefined, {
      authorization: 'Bearer vrk_not-a-real-token',
    });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain('vrk_not-a-real-token');
  });
});

describe('when the database is gone', () => {
  it('answers 503 so that senders retry, and readiness fails', async () => {
    const local = await createTestApp();
    const owner = await signUp(local.app);
    await local.database.close();
    const res = await owner.call('POST', '/api/v1/teams', { name: 'Отдел продаж' });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('server.unavailable');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    const ready = await call(local.app, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.body).toMatchObject({ status: 503, code: 'server.unavailable' });
    await local.app.close();
    await local.close().catch(() => undefined);
  });
});
