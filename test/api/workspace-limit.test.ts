import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import { createApiToken, expectProblem, signUp } from '../../src/test/client.js';

// The per-workspace API limit, set small here (5 requests a minute) to be reached: a session and an
// API token of one workspace share it; another workspace is not slowed by it.
let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp({ VORONKA_RATE_LIMIT: '5', VORONKA_RATE_LIMIT_WINDOW_S: '60' });
});
afterAll(async () => env?.close());

describe('per-workspace rate limit', () => {
  it('counts a workspace’s requests, answers 429 with Retry-After beyond, and leaves others alone', async () => {
    const owner = await signUp(env.app);
    const other = await signUp(env.app);
    // Creating the token is the first counted request.
    const token = await createApiToken(env.app, owner);
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await owner.call('GET', '/api/v1/companies');
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      seen.push(Number(res.headers['ratelimit-remaining']));
    }
    expect(seen).toEqual([3, 2, 1]);
    // The API token spends the same workspace's last request, then both are refused.
    expect((await token.client.call('GET', '/api/v1/companies')).status).toBe(200);
    const refused = await token.client.call('GET', '/api/v1/companies');
    expectProblem(refused, 429, 'request.rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expectProblem(await owner.call('GET', '/api/v1/companies'), 429, 'request.rate_limited');
    // A refused write changes nothing.
    expectProblem(
      await owner.call('POST', '/api/v1/companies', { name: 'ООО «Лишняя»' }),
      429,
      'request.rate_limited',
    );
    // Another workspace is served as before.
    const theirs = await other.call('GET', '/api/v1/companies');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    expect(theirs.headers['ratelimit-remaining']).toBe('4');
  });
});
