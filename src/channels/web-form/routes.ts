import fs from 'node:fs';
import { FormKeyParams } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../modules/deps.js';
import * as forms from '../../modules/forms/service.js';
import { pageLocale } from './cors.js';
import { hostedFormPage, notFoundPage } from './pages.js';
import { publicFormRoutes } from './public-routes.js';

// The website channel's public side: the widget script, the hosted form page, a form's definition
// and the submission intake. No session, no CSRF (access 'public'): a form's key is what names it,
// its allowed domains decide which sites' browsers may use it, and a per-IP rate limit stands in
// for a login.

// The widget script's parts (widget/), served in this order inside one function: its names stay
// off the page's globals.
const WIDGET_PARTS = ['base.js', 'form.js'];
const widgetSource = `(function () {\n'use strict';\n${WIDGET_PARTS.map((part) =>
  fs.readFileSync(new URL(`./widget/${part}`, import.meta.url), 'utf8'),
).join('\n')}})();\n`;
const publicAccess = { access: 'public' } as const;

export const webFormRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db, config }) => {
  const publicOrigin = new URL(config.publicUrl).origin;

  // Loaded from any site by <script src>: the browser needs the cross-origin resource policy.
  app.get('/widget.js', { config: publicAccess, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .send(widgetSource),
  );

  app.get(
    '/f/:key',
    { config: publicAccess, schema: { hide: true, params: FormKeyParams } },
    async (req, reply) => {
      const locale = pageLocale(req.headers['accept-language']);
      const form = await forms.findFormByKey(db, req.params.key);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
      return form
        ? reply.send(hostedFormPage(locale, form))
        : reply.code(404).send(notFoundPage(locale));
    },
  );

  await app.register(publicFormRoutes, { prefix: '/api/public/forms', db, publicOrigin });
};
