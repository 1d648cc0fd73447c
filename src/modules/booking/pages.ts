import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DateTime } from 'luxon';
import type { Sealer } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import type { ModuleDeps } from '../deps.js';
import { readLink, type LinkView } from './manage.js';

type Api = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];

// The public booking page /book/<workspace>/<type> (server-rendered shell + booking.js, as the
// website form's hosted page), the embeddable script /booking.js, and the cancel and reschedule
// pages the confirmation links to. ru/en by Accept-Language.

const widget = fs.readFileSync(new URL('./widget/booking.js', import.meta.url), 'utf8');
const publicAccess = { access: 'public' } as const;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const localeOf = (h: string | undefined): 'ru' | 'en' => (/^en/i.test(h ?? '') ? 'en' : 'ru');
const TEXT = {
  ru: {
    title: 'Запись на встречу',
    cancel: 'Отменить встречу',
    reschedule: 'Перенести встречу',
    host: 'С вами встретится',
    pick: 'Выберите новое время — старое освободится.',
    used: 'Эта ссылка уже использована: встреча отменена или перенесена. Ссылки на новую встречу — в последнем письме.',
    invalid: 'Ссылка повреждена или недействительна. Откройте её из письма целиком.',
    gone: 'Такой записи нет.',
    closed: 'Запись на этот тип встреч закрыта. Напишите нам, чтобы договориться о времени.',
    noscript: 'Включите JavaScript, чтобы записаться.',
  },
  en: {
    title: 'Book a meeting',
    cancel: 'Cancel the meeting',
    reschedule: 'Reschedule the meeting',
    host: 'You will meet',
    pick: 'Choose a new time: the old one will be freed.',
    used: 'This link was already used: the meeting was cancelled or moved. The links for the new meeting are in the latest letter.',
    invalid: 'The link is damaged or not valid. Open it from the letter in full.',
    gone: 'There is no such booking.',
    closed: 'This meeting type no longer takes bookings. Write to us to agree on a time.',
    noscript: 'Please turn on JavaScript to book.',
  },
};
const STYLE = `body{margin:0;font-family:system-ui,sans-serif;background:#f3f4f6;color:#111827}main{max-width:640px;margin:0 auto;padding:24px 16px}.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}button{margin:4px;padding:8px 12px;border-radius:8px;border:1px solid #c7d2fe;background:#eef2ff;font-size:1rem;cursor:pointer}button:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid #6366f1}label{display:block;margin:8px 0}input,select{display:block;width:100%;max-width:360px;padding:8px;font-size:1rem;margin-top:4px}h3{margin:16px 0 4px;text-transform:capitalize}`;
const page = (locale: 'ru' | 'en', title: string, body: string) => `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main><div class="card">${body}</div></main></body></html>`;

export const bookingPageRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db, sealer }) => {
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
  linkPages(app, db, sealer);
};

// The confirmation's links land here: /book/cancel?t=… and /book/reschedule?t=…. The token is
// checked before the page is drawn (readLink): a forged one answers 400, a used one 409, each with
// a page saying so in the visitor's language; a live one shows the booking and booking.js in the
// link's mode (a cancel button, or the type's free slots to move to). No inline script (the CSP
// allows only the app's own), so the token travels to the widget in a data attribute.
function linkPages(app: Api, db: Db, sealer: Sealer) {
  for (const purpose of ['cancel', 'reschedule'] as const)
    app.get(
      `/book/${purpose}`,
      {
        config: publicAccess,
        schema: { hide: true, querystring: z.object({ t: z.string().max(2000).default('') }) },
      },
      async (req, reply) => {
        const guess = localeOf(req.headers['accept-language']);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        try {
          const v = await readLink(db, { sealer }, purpose, req.query.t);
          return reply.send(linkPage(purpose, v, req.query.t));
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          const t = TEXT[guess];
          const [status, text] =
            err.code === 'booking.link_used'
              ? [409, t.used]
              : err.code === 'booking.not_found'
                ? [404, t.gone]
                : [400, t.invalid];
          return reply
            .code(status)
            .send(page(guess, t[purpose], `<h1>${t[purpose]}</h1><p role="alert">${text}</p>`));
        }
      },
    );
}

function linkPage(purpose: 'cancel' | 'reschedule', v: LinkView, token: string): string {
  const t = TEXT[v.locale];
  const when = DateTime.fromMillis(v.start, { zone: v.timeZone })
    .setLocale(v.locale === 'ru' ? 'ru' : 'en-GB')
    .toFormat('cccc, d MMMM yyyy, HH:mm');
  const current = `<p data-vrnk="current"><strong>${escape(v.typeName)}</strong><br>${escape(when)} (${escape(v.timeZone)})${v.hostName ? `<br>${escape(t.host)}: ${escape(v.hostName)}` : ''}</p>`;
  if (purpose === 'reschedule' && !v.typeLive)
    return page(
      v.locale,
      t.reschedule,
      `<h1>${t.reschedule}</h1>${current}<p role="alert">${t.closed}</p>`,
    );
  const attrs = [
    `data-mode="${purpose}"`,
    `data-token="${escape(token)}"`,
    `data-workspace="${escape(v.workspaceSlug)}"`,
    `data-type="${escape(v.typeSlug)}"`,
    `data-locale="${v.locale}"`,
    `data-tz="${escape(v.timeZone)}"`,
    'data-target="#vrnk-booking"',
  ].join(' ');
  const lead = purpose === 'reschedule' ? `<p>${t.pick}</p>` : '';
  return page(
    v.locale,
    t[purpose],
    `<h1>${t[purpose]}</h1>${current}${lead}<div id="vrnk-booking"></div><noscript><p>${t.noscript}</p></noscript>
<script src="/booking.js" ${attrs}></script>`,
  );
}
