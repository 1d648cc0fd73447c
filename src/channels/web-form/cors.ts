import { isOriginAllowed } from '@voronka/contract';

// Cross-origin rules of the public form endpoints, decided per form (not by a global CORS plugin):
// a site in the form's allowed list may read the definition and post; any other site's browser
// gets no Access-Control-Allow-Origin, and its posts are refused before the body is read.

export type OriginVerdict = 'none' | 'same' | 'allowed' | 'refused';

// No Origin header: not a cross-origin browser request (a server, curl, an old browser's plain form
// post); CORS protects browsers only, and the rate limit applies to everyone alike.
export function judgeOrigin(
  origin: string | undefined,
  ownOrigins: readonly string[],
  allowedDomains: readonly string[],
): OriginVerdict {
  if (!origin) return 'none';
  if (ownOrigins.includes(origin)) return 'same';
  return isOriginAllowed(origin, allowedDomains) ? 'allowed' : 'refused';
}

export const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, idempotency-key',
  'access-control-max-age': '600',
};

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c]!);

// The visitor's language for the hosted page: Russian unless they prefer English.
export function pageLocale(acceptLanguage: string | undefined): 'ru' | 'en' {
  const langs = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q ? Number(q) : 1 };
    })
    .filter((l) => l.tag.startsWith('ru') || l.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return langs[0]?.tag.startsWith('en') ? 'en' : 'ru';
}
