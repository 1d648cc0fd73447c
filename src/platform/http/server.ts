import http from 'node:http';
import type { Duplex } from 'node:stream';
import { errorStatus } from '@voronka/contract';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi, { type FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';
import { installGuard } from '../auth/guard.js';
import type { PrincipalResolver } from '../auth/principal.js';
import type { Sealer } from '../crypto.js';
import { installIdempotency } from './idempotency.js';
import { installInputGuard } from './input-guard.js';
import { installWorkspaceLimit, type WorkspaceLimit } from './workspace-limit.js';
import { installJobMetrics } from '../jobs/metrics.js';
import { installMetrics } from './metrics.js';
import { installErrorHandler, problemBody, sendProblem, sendUnavailable } from './problem.js';

export type HttpOptions = {
  database: Database;
  resolver: PrincipalResolver;
  sealer: Sealer;
  logLevel: string;
  version: string;
  trustProxyHops?: number;
  metricsToken?: string | undefined;
  workspaceLimit?: WorkspaceLimit;
};

export const BODY_LIMIT = 1024 * 1024;

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };

export async function buildHttpServer(opts: HttpOptions) {
  const app = Fastify(fastifyOptions(opts)).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, securityHeaders);
  await installApiDocs(app, opts.version);

  const metrics = installMetrics(app, opts.metricsToken);
  // The jobs queue's depth and age, read at each scrape (platform/jobs/metrics.ts).
  installJobMetrics(metrics, opts.database.db);
  installInputGuard(app);
  installGuard(app, opts.resolver);
  if (opts.workspaceLimit) await installWorkspaceLimit(app, opts.workspaceLimit);
  installIdempotency(app, opts.database.db, opts.sealer);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Ready when the database answers; otherwise 503 problem+json with Retry-After, like any request
  // that needs the database while it is away (a load balancer takes the process out meanwhile).
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await opts.database.ping();
      return { status: 'ready' };
    } catch {
      return sendUnavailable(reply);
    }
  });
  return app;
}

function fastifyOptions(opts: HttpOptions): FastifyServerOptions {
  return {
    logger: {
      level: opts.logLevel,
      // Credentials never reach the log.
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
    },
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.trustProxyHops
      ? (_address: string, hop: number) => hop < (opts.trustProxyHops ?? 0)
      : false,
    requestIdHeader: 'x-request-id',
    logController: new LogController({
      disableRequestLogging: opts.logLevel !== 'debug' && opts.logLevel !== 'trace',
    }),
    routerOptions: { ignoreTrailingSlash: true },
    // What Node's parser and Fastify's router refuse before any route runs is problem+json too.
    clientErrorHandler: answerClientError,
    frameworkErrors: (err, _req, reply) => {
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
        return sendProblem(reply, 'request.uri_too_long', 'a path segment is too long');
      return sendProblem(reply, 'request.invalid', 'the request address is not valid');
    },
  };
}

const securityHeaders = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      frameAncestors: ["'none'"],
      connectSrc: ["'self'"],
    },
  },
  hsts: { maxAge: 15552000, includeSubDomains: true },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
};

// The OpenAPI document (/api/openapi.json) from the routes' zod schemas, and Swagger UI on it.
async function installApiDocs(app: FastifyInstance, version: string) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Voronka API',
        version,
        description: 'Voronka CRM REST API. Errors are RFC 9457 problem+json.',
      },
      servers: [],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token: voronka token create, or Settings → API tokens',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'voronka_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, apiDocsOptions());
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export type HttpServer = Awaited<ReturnType<typeof buildHttpServer>>;

// A request Node's HTTP parser refused (headers or request line over 16 KiB, a timeout, garbage):
// there is no request object, so the answer is written on the socket, as problem+json.
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'request.headers_too_large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request.timeout'
        : 'request.invalid';
  const body = JSON.stringify(
    problemBody(
      code,
      code === 'request.headers_too_large'
        ? 'the request line and headers exceed 16 KiB'
        : code === 'request.timeout'
          ? 'the request was not received in time'
          : 'the request could not be parsed',
    ),
  );
  const status = errorStatus[code];
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

// /api/docs: Voronka's own title, logo, icon and colours, and a CSP that lets Swagger UI run
// without a console error (it sets inline styles, which the stock static CSP forbids, as the app's
// own CSP allows them; its inline scripts stay allowed by hash only).
const VORONKA_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M3 5h26l-10 11v9l-6 3V16z" fill="#228be6"/></svg>`;
const VORONKA_LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="176" height="40" viewBox="0 0 176 40"><path d="M4 8h30L22 21v10l-6 3V21z" fill="#4dabf7"/><text x="44" y="28" font-family="Inter, Segoe UI, Arial, sans-serif" font-size="22" font-weight="700" fill="#ffffff">Voronka API</text></svg>`;
const DOCS_CSS = `.swagger-ui .topbar { background-color: #1c2a3a; } .swagger-ui .topbar .download-url-wrapper .download-url-button { background: #228be6; } .swagger-ui .topbar .download-url-wrapper input[type=text] { border-color: #228be6; }`;
function apiDocsOptions(): FastifySwaggerUiOptions {
  return {
    routePrefix: '/api/docs',
    staticCSP: true,
    // A hash in style-src would disable 'unsafe-inline', so the directive is replaced whole.
    transformStaticCSP: (header: string) =>
      header.replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';"),
    logo: { type: 'image/svg+xml', content: Buffer.from(VORONKA_LOGO), href: '/', target: '_self' },
    theme: {
      title: 'Voronka API',
      css: [{ filename: 'voronka.css', content: DOCS_CSS }],
      favicon: [
        {
          filename: 'voronka.svg',
          rel: 'icon',
          sizes: 'any',
          type: 'image/svg+xml',
          content: Buffer.from(VORONKA_ICON),
        },
      ],
    },
    uiConfig: { deepLinking: true, docExpansion: 'list' },
  };
}
