import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/client.js';
import { buildHttpServer } from './platform/http/server.js';
import { principalResolver } from './modules/workspaces/service.js';
import { PrincipalCache } from './platform/auth/principal-cache.js';
import { createRuntime, type Runtime } from './runtime.js';
import { sendProblem } from './platform/http/problem.js';
import { authRoutes } from './modules/workspaces/auth-routes.js';
import { workspaceRoutes } from './modules/workspaces/routes.js';
import { companyRoutes } from './modules/clients/company-routes.js';
import { contactRoutes } from './modules/clients/contact-routes.js';
import { leadRoutes } from './modules/leads/routes.js';
import { customFieldRoutes } from './modules/fields/custom-field-routes.js';
import { formRoutes } from './modules/forms/routes.js';
import { webFormRoutes } from './channels/web-form/routes.js';
import { viewRoutes } from './modules/fields/view-routes.js';
import { pipelineAreaRoutes } from './modules/pipeline/deal-routes.js';
import { taskRoutes } from './modules/activities/task-routes.js';
import { timelineRoutes } from './modules/activities/timeline-routes.js';
import { searchRoutes } from './modules/search/routes.js';
import { exportRoutes } from './modules/transfer/export-routes.js';
import { importRoutes } from './modules/transfer/import-routes.js';
import { telegramConnectRoutes } from './channels/telegram/connect.js';
import { telegramWebhookRoutes } from './channels/telegram/inbound.js';
import { vkCallbackRoutes } from './channels/vk/inbound.js';
import { whatsappWebhookRoutes } from './channels/whatsapp/inbound.js';
import { inboxRoutes } from './modules/inbox/routes.js';
import { routingRoutes } from './modules/routing/service.js';
import { calendarRoutes } from './modules/calendar/service.js';
import { catalogRoutes } from './modules/catalog/service.js';
import { telephonyWebhookRoutes } from './channels/telephony/inbound.js';
import { recordingRoutes } from './channels/telephony/recording-routes.js';
import { callbackRoutes } from './channels/telephony/callback-routes.js';
import { callListRoutes } from './modules/calls/service.js';
import { documentRoutes, publicDocumentRoutes } from './modules/documents/document-routes.js';
import { legalEntityRoutes } from './modules/documents/legal-entity-routes.js';
import {
  bookingPageRoutes,
  bookingRoutes,
  publicBookingRoutes,
} from './modules/booking/service.js';
import { moneyRoutes } from './modules/money/routes.js';
import { analyticsRoutes } from './modules/analytics/service.js';
import {
  automationRoutes,
  listenRuleCache,
  publicAutomationRoutes,
} from './modules/automation/service.js';
import { messagingRoutes, publicUnsubscribeRoutes } from './modules/messaging/service.js';
import { privacyRoutes } from './modules/privacy/service.js';
import {
  calculatorPageRoutes,
  calculatorRoutes,
  discountRoutes,
  publicCalculatorRoutes,
} from './modules/calculator/service.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const webDist = path.join(root, 'web', 'dist');
export const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  .version as string;

// The composition root: platform first, then each module's routes, explicitly. The runtime is the
// process's (src/runtime.ts); `voronka start` shares one with its in-process worker.
export async function buildApp(
  config: Config,
  database: Database,
  runtime: Runtime = createRuntime(config, database),
) {
  // Who a request is, cached per process and dropped on every process when it changes.
  const principals =
    config.principalCacheMs > 0 ? new PrincipalCache(config.principalCacheMs) : null;
  const resolver = principalResolver(runtime.db, principals ?? undefined);
  if (principals) resolver.settle = () => principals.settle(database);
  const stopPrincipals = principals ? await principals.listen(database) : null;
  const app = await buildHttpServer({
    database,
    resolver,
    sealer: runtime.sealer,
    logLevel: config.logLevel,
    version,
    trustProxyHops: config.trustProxyHops,
    metricsToken: config.metricsToken,
    workspaceLimit: config.workspaceLimit,
  });
  const deps = runtime;
  // The web process LISTENs: committed events fan out to its /events streams.
  const stopEvents = await runtime.events.listen(database);
  // Automation's rules, cached per workspace while this process hears their changes.
  const stopRules = await listenRuleCache(database);
  app.addHook('onClose', async () => {
    await stopEvents();
    await stopRules();
    await stopPrincipals?.();
  });
  // Website forms: /widget.js, hosted pages /f/:key and /api/public/forms/… (its own url-encoded parser, scoped).
  await app.register(webFormRoutes, deps);
  await app.register(
    async (api) => {
      await api.register(authRoutes, deps);
      await api.register(workspaceRoutes, deps);
      await api.register(companyRoutes, deps);
      await api.register(contactRoutes, deps);
      await api.register(leadRoutes, deps);
      await api.register(customFieldRoutes, deps);
      await api.register(viewRoutes, deps);
      await api.register(formRoutes, deps);
      await api.register(routingRoutes, deps);
      await api.register(pipelineAreaRoutes, deps);
      await api.register(taskRoutes, deps);
      await api.register(timelineRoutes, deps);
      await api.register(searchRoutes, deps);
      await api.register(exportRoutes, deps);
      await api.register(importRoutes, deps);
      await api.register(inboxRoutes, deps);
      await api.register(telegramConnectRoutes, deps);
      await api.register(recordingRoutes, deps);
      await api.register(catalogRoutes, deps);
      await api.register(legalEntityRoutes, deps);
      await api.register(documentRoutes, deps);
      await api.register(calendarRoutes, deps);
      await api.register(bookingRoutes, deps);
      await api.register(moneyRoutes, deps);
      await api.register(callbackRoutes, deps);
      await api.register(callListRoutes, deps);
      await api.register(analyticsRoutes, deps);
      await api.register(automationRoutes, deps);
      await api.register(messagingRoutes, deps);
      await api.register(privacyRoutes, deps);
      await api.register(calculatorRoutes, deps);
      await api.register(discountRoutes, deps);
    },
    { prefix: '/api/v1' },
  );
  // PBX webhooks (/api/public/telephony/:key, /api/public/mango/:key/…): their own body parsers.
  await app.register(telephonyWebhookRoutes, deps);
  // Messenger webhooks (/api/public/telegram|vk|whatsapp/:key): verified over the raw body first.
  await app.register(telegramWebhookRoutes, deps);
  await app.register(vkCallbackRoutes, deps);
  await app.register(whatsappWebhookRoutes, deps);
  // A sent document's PDF by the signed link in the client's letter (/api/public/documents/:id/pdf).
  await app.register(publicDocumentRoutes, deps);
  // RFC 8058 one-click unsubscribe from a campaign letter (/api/public/unsubscribe?token=…).
  await app.register(publicUnsubscribeRoutes, deps);
  // Rules' incoming webhooks (/api/public/automations/{key}).
  await app.register(publicAutomationRoutes, { ...deps, prefix: '/api/public/automations' });
  // Public self-booking: slots, bookings, cancel and reschedule links (/api/public/booking/…).
  await app.register(publicBookingRoutes, { ...deps, prefix: '/api/public/booking' });
  // The public booking page /book/<workspace>/<type>, /booking.js to embed it, /book/cancel.
  await app.register(bookingPageRoutes, deps);
  // Public calculators: definition, evaluation, submissions (/api/public/calculators/…).
  await app.register(publicCalculatorRoutes, { ...deps, prefix: '/api/public/calculators' });
  // The hosted calculator page /c/<key> and /calculator.js to embed it.
  await app.register(calculatorPageRoutes, deps);
  await serveWebApp(app);
  return app;
}

// The built single-page app; any non-API GET falls back to index.html so client routes deep-link.
async function serveWebApp(app: Awaited<ReturnType<typeof buildHttpServer>>) {
  const hasBuild = fs.existsSync(path.join(webDist, 'index.html'));
  // Hashed assets (/assets/name-hash.js) never change: cached for a year, immutable. Everything else
  // (index.html, widget.js, icons) is revalidated. Brotli/gzip copies made at build time are sent to
  // browsers that accept them.
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      // (@fastify/static hands either the reply or the raw response, depending on its version.)
      setHeaders: (res: unknown, file: string) => {
        const value = /[\\/]assets[\\/]/.test(file)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache';
        const r = res as {
          header?: (k: string, v: string) => void;
          setHeader?: (k: string, v: string) => void;
        };
        if (typeof r.header === 'function') r.header('cache-control', value);
        else r.setHeader?.('cache-control', value);
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (req.method !== 'GET' || url.startsWith('/api/') || url === '/api')
      return sendProblem(reply, 'resource.not_found', `no route ${req.method} ${url}`);
    if (!hasBuild)
      return reply
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm run build` (npm start does it for you).');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
