import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.js';
import { Histogram, Registry, collectDefaultMetrics, register } from 'prom-client';

// Process metrics name routes, counts and memory: not for the public. With VORONKA_METRICS_TOKEN set
// a scraper sends it as a bearer token; without it only a scraper on this host is answered (the
// socket's own address, and no proxy header: a reverse proxy on the same host forwards the public).
function mayScrape(req: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want);
  }
  const from = req.socket.remoteAddress ?? '';
  const local = from === '127.0.0.1' || from === '::1' || from === '::ffff:127.0.0.1';
  return (
    local && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined
  );
}

export function installMetrics(app: FastifyInstance, token?: string) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'voronka_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!mayScrape(req, token))
      return sendProblem(
        reply,
        'auth.required',
        'metrics need VORONKA_METRICS_TOKEN as a bearer token, or a scrape from this host',
      );
    reply.type(registry.contentType);
    // With the counters modules keep in prom-client's default registry (a worker in this process).
    return Registry.merge([registry, register]).metrics();
  });
  return registry;
}
