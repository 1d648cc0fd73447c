import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../deps.js';

// The hosted calculator page /c/<key> (a server-rendered shell + calculator.js, as the website
// form's and booking's pages) and the embeddable script /calculator.js. ru/en by Accept-Language.

const widget = fs.readFileSync(new URL('./widget/calculator.js', import.meta.url), 'utf8');
const publicAccess = { access: 'public' } as const;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const localeOf = (h: string | undefined): 'ru' | 'en' => (/^en/i.test(h ?? '') ? 'en' : 'ru');
const TEXT = {
  ru: { title: 'Расчёт стоимости', noscript: 'Включите JavaScript, чтобы рассчитать стоимость.' },
  en: { title: 'Price calculator', noscript: 'Please turn on JavaScript to calculate the price.' },
};
const STYLE = `body{margin:0;font-family:system-ui,sans-serif;background:#f3f4f6;color:#111827}main{max-width:720px;margin:0 auto;padding:24px 16px}.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}`;

export const calculatorPageRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app) => {
  app.get('/calculator.js', { config: publicAccess, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .send(widget),
  );
  app.get(
    '/c/:key',
    {
      config: publicAccess,
      schema: { hide: true, params: z.object({ key: z.string().max(100) }) },
    },
    async (req, reply) => {
      const locale = localeOf(req.headers['accept-language']);
      const t = TEXT[locale];
      const key = escape(req.params.key);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache')
        .send(`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${t.title}</title><style>${STYLE}</style></head>
<body><main><div class="card"><div id="vrnk-calculator"></div><noscript><p>${t.noscript}</p></noscript>
<script src="/calculator.js" data-calculator="${key}" data-target="#vrnk-calculator" data-lang="${locale}"></script></div></main></body></html>`);
    },
  );
};
