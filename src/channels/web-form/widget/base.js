/* Voronka website form widget. Plain JavaScript, no framework, no cookies; it talks only to the
 * server it was loaded from.
 *   <script src="https://crm.example.ru/widget.js" data-form="KEY" async></script>
 *   (or widget.js?form=KEY, or ?channel=KEY with the key of the form's web channel)
 *   data-target="#box"         draw the form inside #box (default: right after the script tag)
 *   data-attach="#my-form"     take over the site's own <form>: its fields are sent as they are
 * A form with the call-back button gets a floating «Перезвоните мне» button that opens it.
 * Everything the form's owner wrote is put on the page as text, never as HTML. */
// A part of the widget script: /widget.js serves the parts (routes.ts, WIDGET_PARTS) in order inside
// one function, so these names stay off the page's globals and each part sees the others'.

var TEXT = {
  ru: {
    send: 'Отправить',
    sending: 'Отправка…',
    callback: 'Перезвоните мне',
    close: 'Закрыть',
    choose: '— выберите —',
    rate: 'Слишком много заявок. Попробуйте через минуту.',
    failed: 'Не удалось отправить. Проверьте связь и попробуйте ещё раз.',
    invalid: 'Проверьте это поле',
    phone: 'Введите номер телефона полностью, например +7 912 345-67-89',
    email: 'Введите адрес эл. почты, например name@mail.ru',
    required: 'Заполните это поле',
    consent: 'Нужно ваше согласие',
  },
  en: {
    send: 'Send',
    sending: 'Sending…',
    callback: 'Call me back',
    close: 'Close',
    choose: '— choose —',
    rate: 'Too many requests. Please try again in a minute.',
    failed: 'Could not send. Check your connection and try again.',
    invalid: 'Please check this field',
    phone: 'Enter a complete phone number, e.g. +7 912 345 67 89',
    email: 'Enter an e-mail address, e.g. name@example.com',
    required: 'Please fill in this field',
    consent: 'Your consent is required',
  },
};
var UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];
var STYLE = [
  '.vrnk-root{box-sizing:border-box;font:inherit;color:inherit;max-width:480px}',
  '.vrnk-root *,.vrnk-root *:before,.vrnk-root *:after{box-sizing:border-box}',
  '.vrnk-form{display:flex;flex-direction:column;gap:12px;margin:0}',
  '.vrnk-field{display:flex;flex-direction:column;gap:4px}',
  '.vrnk-label{font-size:14px;font-weight:600}',
  '.vrnk-input{width:100%;font:inherit;font-size:16px;padding:10px 12px;border:1px solid #c4c8cf;border-radius:8px;background:#fff;color:#111}',
  '.vrnk-input:focus{outline:2px solid #228be6;outline-offset:1px}',
  '.vrnk-input[aria-invalid=true]{border-color:#e03131}',
  'textarea.vrnk-input{min-height:96px;resize:vertical}',
  '.vrnk-check{display:flex;gap:8px;align-items:flex-start;font-size:14px;line-height:1.4}',
  '.vrnk-check input{margin-top:3px;flex:none;width:16px;height:16px}',
  '.vrnk-consent{font-size:12px;opacity:.85}',
  '.vrnk-error{color:#e03131;font-size:13px;min-height:0}',
  '.vrnk-button{font:inherit;font-size:16px;font-weight:600;padding:12px 16px;border:0;border-radius:8px;background:#228be6;color:#fff;cursor:pointer}',
  '.vrnk-button[disabled]{opacity:.6;cursor:default}',
  '.vrnk-status{font-size:14px}',
  '.vrnk-thanks{font-size:16px;line-height:1.5;padding:12px 0}',
  '.vrnk-hp{position:absolute!important;left:-10000px!important;top:auto!important;width:1px!important;height:1px!important;overflow:hidden!important}',
  '.vrnk-fab{position:fixed;right:20px;bottom:20px;z-index:2147483000;font:600 15px/1.2 system-ui,sans-serif;padding:14px 18px;border:0;border-radius:999px;background:#2f9e44;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}',
  '.vrnk-overlay{position:fixed;inset:0;z-index:2147483001;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;padding:16px}',
  '.vrnk-dialog{background:#fff;color:#111;border-radius:12px;padding:20px;width:100%;max-width:420px;max-height:100%;overflow:auto;position:relative;font:15px/1.4 system-ui,sans-serif}',
  '.vrnk-dialog h2{margin:0 32px 12px 0;font-size:18px}',
  '.vrnk-close{position:absolute;right:10px;top:8px;border:0;background:none;font-size:24px;line-height:1;cursor:pointer;color:inherit}',
].join('');

function lang() {
  var l = (
    document.documentElement.getAttribute('lang') ||
    navigator.language ||
    'ru'
  ).toLowerCase();
  return l.indexOf('en') === 0 ? 'en' : 'ru';
}
var t = TEXT[lang()];

function el(tag, cls, text) {
  var n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text != null) n.textContent = text;
  return n;
}

function injectStyle() {
  if (document.getElementById('vrnk-style')) return;
  var s = el('style');
  s.id = 'vrnk-style';
  s.textContent = STYLE;
  (document.head || document.documentElement).appendChild(s);
}

function token() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  var a = new Uint8Array(16);
  (window.crypto || window.msCrypto).getRandomValues(a);
  return Array.prototype.map
    .call(a, function (b) {
      return ('0' + b.toString(16)).slice(-2);
    })
    .join('');
}

// UTM tags of this page, or of the page the visit landed on (kept for the tab's session, not in a cookie).
function utm() {
  var q = new URLSearchParams(location.search),
    found = {},
    any = false;
  UTM.forEach(function (k) {
    var v = q.get(k);
    if (v) {
      found[k] = v;
      any = true;
    }
  });
  try {
    if (any) sessionStorage.setItem('vrnk_utm', JSON.stringify(found));
    else found = JSON.parse(sessionStorage.getItem('vrnk_utm') || '{}') || {};
  } catch {
    /* storage blocked: this page's tags only */
  }
  return found;
}

function context(payload, tok) {
  payload.page_url = location.href;
  payload.referrer = document.referrer || '';
  var u = utm();
  Object.keys(u).forEach(function (k) {
    if (!payload[k]) payload[k] = u[k];
  });
  payload._token = tok;
  return payload;
}

function post(w, payload) {
  return fetch(w.base + '/api/public/forms/' + encodeURIComponent(w.key) + '/submissions', {
    method: 'POST',
    credentials: 'omit',
    mode: 'cors',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  }).then(function (r) {
    return r
      .json()
      .catch(function () {
        return {};
      })
      .then(function (body) {
        return { status: r.status, body: body };
      });
  });
}

function honeypot() {
  var box = el('div', 'vrnk-hp');
  box.setAttribute('aria-hidden', 'true');
  var i = el('input');
  i.type = 'text';
  i.name = '_gotcha';
  i.tabIndex = -1;
  i.autocomplete = 'off';
  box.appendChild(i);
  return box;
}

function consentBox(text) {
  var label = el('label', 'vrnk-check vrnk-consent');
  var box = el('input');
  box.type = 'checkbox';
  box.name = 'consent';
  box.required = true;
  label.appendChild(box);
  label.appendChild(el('span', null, text));
  return label;
}

// The server's reason for a field, in the page's language.
function message(e) {
  if (e.field === 'consent') return t.consent;
  if (e.reason === 'required') return t.required;
  if (e.reason === 'not a phone number') return t.phone;
  if (e.reason === 'not an e-mail address') return t.email;
  return t.invalid;
}

// What the server said about the submission, shown where it belongs.
function handle(w, res, ui) {
  if (res.status >= 200 && res.status < 300) return ui.done(res.body.thankYou || w.def.thankYou);
  if (res.status === 429) return ui.fail(t.rate);
  if (res.status === 400 && res.body && res.body.errors) {
    var shown = false;
    res.body.errors.forEach(function (e) {
      shown = ui.fieldError(e.field, message(e)) || shown;
    });
    if (shown) return ui.fail('');
  }
  ui.fail(t.failed);
}

function submitWith(w, form, collect, ui) {
  var tok = token();
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    ui.reset();
    var button = form.querySelector('[type=submit]');
    if (button) button.disabled = true;
    ui.status(t.sending);
    // The same token on a retry: if the first attempt did arrive, the server keeps one request.
    post(w, context(collect(), tok))
      .then(
        function (res) {
          handle(w, res, ui);
        },
        function () {
          ui.fail(t.failed);
        },
      )
      .then(function () {
        if (button) button.disabled = false;
      });
  });
}
