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
    expect(res.body).toMatch(/voronka_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('serves the OpenAPI document with every /api/v1 route and the reference page', async () => {
    const doc = (await call(env.app, 'GET', '/api/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/workspace', '/api/v1/users', '/api/v1/audit', '/api/v1/auth/sign-in']));
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
    const res = await call(env.app, 'GET', '/api/v1/me', undefined, { authorization: 'Bearer vrk_not-a-real-token' });
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
