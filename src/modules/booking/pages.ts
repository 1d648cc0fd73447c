import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../deps.js';

// The public booking page /book/<workspace>/<type> (server-rendered shell + booking.js, as the
// website form's hosted page), the embeddable script /booking.js, and the cancel page the
// confirmation links to. ru/en by Accept-Language.

const widget = fs.readFileSync(new URL('./widget/booking.js', import.meta.url), 'utf8');
const publicAccess = { access: 'public' } as const;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const localeOf = (h: string | undefined): 'ru' | 'en' => (/^en/i.test(h ?? '') ? 'en' : 'ru');
const TEXT = {
  ru: {
    title: 'Запись на встречу',
    cancel: 'Отменить встречу',
    cancelled: 'Встреча отменена',
    noscript: 'Включите JavaScript, чтобы записаться.',
  },
  en: {
    title: 'Book a meeting',
    cancel: 'Cancel the meeting',
    cancelled: 'The meeting is cancelled',
    noscript: 'Please turn on JavaScript to book.',
  },
};
const STYLE = `body{margin:0;font-family:system-ui,sans-serif;background:#f3f4f6;color:#111827}main{max-width:640px;margin:0 auto;padding:24px 16px}.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}button{margin:4px;padding:8px 12px;border-radius:8px;border:1px solid #c7d2fe;background:#eef2ff;font-size:1rem;cursor:pointer}button:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid #6366f1}label{display:block;margin:8px 0}input,select{display:block;width:100%;max-width:360px;padding:8px;font-size:1rem;margin-top:4px}h3{margin:16px 0 4px;text-transform:capitalize}`;
const page = (locale: 'ru' | 'en', title: string, body: string) => `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main><div class="card">${body}</div></main></body></html>`;

export const bookingPageRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app) => {
  app.get('/booking.js', { config: publicAccess, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .send(widget),
  );
  app.get(
    '/book/:workspace/:type',
    {
      config: publicAccess,
      schema: {
        hide: true,
        params: z.object({ workspace: z.string().max(100), type: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      const locale = localeOf(req.headers['accept-language']);
      const t = TEXT[locale];
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(
          page(
            locale,
            t.title,
            `<h1>${t.title}</h1><div id="vrnk-booking"></div><noscript><p>${t.noscript}</p></noscript>
<script src="/booking.js" data-workspace="${escape(req.params.workspace)}" data-type="${escape(req.params.type)}" data-locale="${locale}" data-target="#vrnk-booking"></script>`,
          ),
        );
    },
  );
  app.get(
    '/book/cancel',
    {
      config: publicAccess,
      schema: { hide: true, querystring: z.object({ t: z.string().max(2000).default('') }) },
    },
    async (req, reply) => {
      const locale = localeOf(req.headers['accept-language']);
      const t = TEXT[locale];
      const token = JSON.stringify(req.query.t).replace(/</g, '\\u003c');
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          page(
            locale,
            t.cancel,
            `<h1>${t.cancel}</h1><button id="c" type="button">${t.cancel}</button><p id="m" role="status"></p>
<script>document.getElementById('c').onclick=function(){fetch('/api/public/booking/cancel',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({token:${token}})}).then(function(r){return r.json().then(function(j){document.getElementById('m').textContent=r.ok?${JSON.stringify(t.cancelled)}:j.detail;});});};</script>`,
          ),
        );
    },
  );
};
