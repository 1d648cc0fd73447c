import { endpoints, NoContent } from '@voronka/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import { call } from '../../src/test/client.js';

// The web app's typed endpoint map (contract/src/endpoints.ts) against the server's own OpenAPI
// document: every entry names a route that exists, with the body, query and answer the route has.
// A renamed route, a changed answer or a body the route no longer takes fails here, not in a browser.
let env: TestEnv;
let paths: Record<string, Record<string, any>>;

beforeAll(async () => {
  env = await createTestApp();
  const res = await call(env.app, 'GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  paths = res.body.paths;
});
afterAll(() => env?.close());

type JsonSchema = { properties?: Record<string, unknown>; anyOf?: JsonSchema[] };
const propertyNames = (s: JsonSchema | undefined): string[] =>
  Object.keys(s?.properties ?? s?.anyOf?.find((a) => a.properties)?.properties ?? {}).sort();
const shapeOf = (schema: z.ZodType, io: 'input' | 'output') =>
  propertyNames(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema);

function operation(key: string) {
  const [method, template] = key.split(' ') as [string, string];
  const openApiPath = `/api/v1${template.replace(/:(\w+)/g, '{$1}')}`;
  return paths[openApiPath]?.[method.toLowerCase()] as Record<string, any> | undefined;
}

function successAnswer(op: Record<string, any>) {
  const codes = Object.keys(op.responses ?? {}).filter((c) => /^2\d\d$/.test(c));
  const withBody = codes.find((c) => op.responses[c]?.content?.['application/json']);
  return withBody ? op.responses[withBody].content['application/json'].schema : null;
}

describe('the typed endpoint map', () => {
  const entries = Object.entries(endpoints) as [
    string,
    { query?: z.ZodType; body?: z.ZodType; response: z.ZodType },
  ][];

  it.each(entries)('%s is a route of the API with the same shapes', (key, entry) => {
    const op = operation(key);
    expect(op, `${key} is not in the OpenAPI document`).toBeDefined();
    const answer = successAnswer(op!);
    if (entry.response === NoContent) expect(answer).toBeNull();
    else {
      expect(answer, `${key} answers no JSON`).not.toBeNull();
      expect(propertyNames(answer).length).toBeGreaterThan(0);
      expect(shapeOf(entry.response, 'output')).toEqual(propertyNames(answer));
    }
    const body = op!.requestBody?.content?.['application/json']?.schema;
    if (entry.body) expect(shapeOf(entry.body, 'input')).toEqual(propertyNames(body));
    else expect(propertyNames(body)).toEqual([]);
    const query = (op!.parameters ?? [])
      .filter((p: { in: string }) => p.in === 'query')
      .map((p: { name: string }) => p.name)
      .sort();
    if (entry.query) expect(shapeOf(entry.query, 'input')).toEqual(query);
  });
});
