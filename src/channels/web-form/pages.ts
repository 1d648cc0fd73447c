import { escapeHtml } from './cors.js';

// Server-rendered pages of the web-form channel. Everything a workspace wrote (form name, thank-you)
// is escaped; the form itself is drawn by widget.js, which builds its DOM with textContent.

const STYLE = `
  :root { color-scheme: light dark; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f3f4f6; color: #111827; }
  main { max-width: 560px; margin: 0 auto; padding: 32px 16px; }
  .card { background: #fff; border-radius: 12px; padding: 24px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h1 { font-size: 1.5rem; margin: 0 0 16px; }
  p { line-height: 1.5; }
  @media (prefers-color-scheme: dark) { body { background: #111827; color: #f3f4f6; } .card { background: #1f2937; } }
`;

const TEXT = {
  ru: {
    noscript: 'Чтобы отправить форму, включите JavaScript.',
    notFound: 'Форма не найдена',
    notFoundText: 'Эта форма удалена или ссылка неверна.',
    back: 'Вернуться на сайт',
  },
  en: {
    noscript: 'Please turn on JavaScript to send this form.',
    notFound: 'Form not found',
    notFoundText: 'This form was deleted or the link is wrong.',
    back: 'Back to the site',
  },
};

function page(locale: 'ru' | 'en', title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main><div class="card">${body}</div></main></body>
</html>`;
}

export function hostedFormPage(
  locale: 'ru' | 'en',
  form: { name: string; publicKey: string },
): string {
  const key = escapeHtml(form.publicKey);
  return page(
    locale,
    form.name,
    `<h1>${escapeHtml(form.name)}</h1>
<div id="vrnk-hosted"></div>
<noscript><p>${TEXT[locale].noscript}</p></noscript>
<script src="/widget.js" data-form="${key}" data-target="#vrnk-hosted" async></script>`,
  );
}

export function notFoundPage(locale: 'ru' | 'en'): string {
  return page(
    locale,
    TEXT[locale].notFound,
    `<h1>${TEXT[locale].notFound}</h1><p>${TEXT[locale].notFoundText}</p>`,
  );
}

// A plain HTML form posted without the widget (no JavaScript) lands here after it is accepted.
export function thankYouPage(
  locale: 'ru' | 'en',
  form: { name: string; thankYou: string },
  backTo: string | null,
): string {
  const back = backTo ? `<p><a href="${escapeHtml(backTo)}">${TEXT[locale].back}</a></p>` : '';
  return page(
    locale,
    form.name,
    `<h1>${escapeHtml(form.name)}</h1><p>${escapeHtml(form.thankYou)}</p>${back}`,
  );
}
