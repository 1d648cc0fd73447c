/* Voronka service cost calculator widget. Plain JavaScript, no framework, no cookies; it talks
 * only to the server it was loaded from.
 *   <script src="https://crm.example.ru/calculator.js" data-calculator="KEY" async></script>
 *   data-target="#box"  draw it inside #box (default: right after the script tag)
 *   data-lang="en"      English labels where the owner wrote them (default: the page's language)
 * The price shown is always the server's: every change asks it again. Everything the owner wrote is
 * put on the page as text, never as HTML. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var key = script.getAttribute('data-calculator');
  var base = new URL(script.src).origin;
  var lang =
    (script.getAttribute('data-lang') || document.documentElement.lang || 'ru').slice(0, 2) === 'en'
      ? 'en'
      : 'ru';
  var T = {
    ru: {
      total: 'Итого',
      vatIn: 'в т.ч. НДС',
      vatTop: 'НДС',
      noVat: 'без НДС',
      send: 'Оставить заявку',
      sent: 'Заявка отправлена',
      minimum: 'Применён минимальный заказ',
      failed: 'Не удалось отправить. Попробуйте ещё раз.',
      spec: 'Ваш расчёт',
    },
    en: {
      total: 'Total',
      vatIn: 'incl. VAT',
      vatTop: 'VAT',
      noVat: 'no VAT',
      send: 'Send a request',
      sent: 'Request sent',
      minimum: 'Minimum order applied',
      failed: 'Could not send. Please try again.',
      spec: 'Your estimate',
    },
  }[lang];
  var target = script.getAttribute('data-target');
  var root = document.createElement('div');
  root.className = 'vrnk-calc';
  root.setAttribute('style', 'font-family:system-ui,sans-serif;max-width:640px');
  var host = target ? document.querySelector(target) : null;
  if (host) host.appendChild(root);
  else script.parentNode.insertBefore(root, script.nextSibling);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs)
      if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function label(t) {
    return (lang === 'en' && t && t.en) || (t && t.ru) || '';
  }
  function rub(k) {
    return (
      (k / 100).toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }) + ' ₽'
    );
  }
  function api(method, path, body) {
    return fetch(base + '/api/public/calculators/' + encodeURIComponent(key) + path, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (r) {
      return r.json().then(function (j) {
        return { ok: r.ok, status: r.status, body: j };
      });
    });
  }

  var calc,
    values = {},
    rows = {},
    timer,
    token = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2);

  function readInput(input, box) {
    if (input.type === 'checkbox') return box.querySelector('input').checked;
    if (input.type === 'multiselect') {
      var out = [];
      box.querySelectorAll('input:checked').forEach(function (c) {
        out.push(c.value);
      });
      return out;
    }
    var v = box.querySelector('input,select').value;
    if (input.type === 'number' || input.type === 'range') return v === '' ? undefined : Number(v);
    return v === '' ? undefined : v;
  }
  function collect() {
    values = {};
    calc.definition.inputs.forEach(function (input) {
      var v = readInput(input, rows[input.key]);
      if (v !== undefined) values[input.key] = v;
    });
  }
  function field(input) {
    var box = el('div', { 'data-key': input.key, style: 'margin:10px 0' });
    var id = 'vrnk-' + input.key;
    var cap = el(
      'label',
      { for: id, style: 'display:block;font-weight:600' },
      label(input.label) + (input.unit ? ', ' + input.unit : ''),
    );
    var control;
    if (input.type === 'select') {
      control = el('select', { id: id, name: input.key });
      control.appendChild(el('option', { value: '' }, '—'));
      input.options.forEach(function (o) {
        control.appendChild(el('option', { value: o.value }, label(o.label)));
      });
      if (typeof input.default === 'string') control.value = input.default;
    } else if (input.type === 'multiselect') {
      control = el('div', { id: id, role: 'group' });
      input.options.forEach(function (o) {
        var l = el('label', { style: 'display:block' });
        var c = el('input', { type: 'checkbox', value: o.value });
        l.appendChild(c);
        l.appendChild(document.createTextNode(' ' + label(o.label)));
        control.appendChild(l);
      });
    } else if (input.type === 'checkbox') {
      cap = el('label', { style: 'display:block;font-weight:600' });
      control = el('input', { type: 'checkbox', id: id, name: input.key });
      if (input.default === true) control.checked = true;
      cap.appendChild(control);
      cap.appendChild(document.createTextNode(' ' + label(input.label)));
      control = null;
    } else {
      var attrs = {
        id: id,
        name: input.key,
        type: input.type === 'date' ? 'date' : input.type === 'range' ? 'range' : 'number',
      };
      if (input.min !== undefined) attrs.min = input.min;
      if (input.max !== undefined) attrs.max = input.max;
      if (input.step !== undefined) attrs.step = input.step;
      control = el('input', attrs);
      var d = input.default !== undefined ? input.default : input.min;
      if (d !== undefined) control.value = String(d);
      control.setAttribute(
        'style',
        'display:block;width:100%;max-width:320px;padding:6px;font-size:1rem',
      );
    }
    box.appendChild(cap);
    if (control) box.appendChild(control);
    if (input.help)
      box.appendChild(el('div', { style: 'color:#6b7280;font-size:.9em' }, label(input.help)));
    box.appendChild(el('div', { class: 'vrnk-error', role: 'alert', style: 'color:#b91c1c' }));
    return box;
  }
  var summary = el('div', {
    'aria-live': 'polite',
    class: 'vrnk-summary',
    style: 'margin:16px 0;padding:12px;background:#f9fafb;border-radius:8px',
  });
  function show(estimate) {
    calc.definition.inputs.forEach(function (input) {
      rows[input.key].style.display = estimate.visible.indexOf(input.key) >= 0 ? '' : 'none';
    });
    summary.textContent = '';
    summary.appendChild(el('div', { style: 'font-weight:600' }, T.spec));
    var list = el('ol', {});
    estimate.lines.forEach(function (l) {
      list.appendChild(
        el(
          'li',
          {},
          l.name +
            ' — ' +
            l.quantity +
            ' ' +
            l.unit +
            ' × ' +
            rub(l.priceKopecks) +
            ' = ' +
            rub(l.totalKopecks),
        ),
      );
    });
    summary.appendChild(list);
    if (estimate.minimumApplied) summary.appendChild(el('div', {}, T.minimum));
    var vat = estimate.totals.vatKopecks
      ? (estimate.vatMode === 'included' ? T.vatIn : T.vatTop) +
        ': ' +
        rub(estimate.totals.vatKopecks)
      : T.noVat;
    summary.appendChild(
      el(
        'div',
        { class: 'vrnk-total', style: 'font-size:1.3em;font-weight:700' },
        T.total + ': ' + rub(estimate.totals.totalKopecks),
      ),
    );
    summary.appendChild(el('div', {}, vat));
  }
  function errors(problem) {
    root.querySelectorAll('.vrnk-error').forEach(function (e) {
      e.textContent = '';
    });
    var f = problem && problem.field ? String(problem.field) : '';
    var m = /^(values|contact)\.([a-z0-9_]+)/.exec(f);
    var box = m && root.querySelector('[data-key="' + m[2] + '"] .vrnk-error');
    (box || status).textContent = problem ? problem.detail || T.failed : '';
  }
  function evaluate() {
    collect();
    api('POST', '/evaluate', { values: values }).then(function (r) {
      if (r.ok) {
        errors(null);
        show(r.body);
      } else errors(r.body);
    });
  }
  var status = el('div', { role: 'status', style: 'margin:8px 0;color:#b91c1c' });
  function contactForm(form) {
    var f = el('form', { novalidate: 'novalidate' });
    form.fields.forEach(function (ff) {
      var box = el('div', { 'data-key': ff.key, style: 'margin:8px 0' });
      var id = 'vrnk-c-' + ff.key;
      box.appendChild(
        el('label', { for: id, style: 'display:block' }, ff.label + (ff.required ? ' *' : '')),
      );
      var type =
        ff.type === 'phone'
          ? 'tel'
          : ff.type === 'email'
            ? 'email'
            : ff.type === 'checkbox'
              ? 'checkbox'
              : 'text';
      var input =
        ff.type === 'textarea'
          ? el('textarea', { id: id, name: ff.key })
          : el('input', { id: id, name: ff.key, type: type });
      if (type !== 'checkbox')
        input.setAttribute(
          'style',
          'display:block;width:100%;max-width:320px;padding:6px;font-size:1rem',
        );
      box.appendChild(input);
      box.appendChild(el('div', { class: 'vrnk-error', role: 'alert', style: 'color:#b91c1c' }));
      f.appendChild(box);
    });
    if (form.consentText) {
      var c = el('div', { 'data-key': 'consent', style: 'margin:8px 0' });
      var l = el('label', {});
      l.appendChild(el('input', { type: 'checkbox', name: 'consent' }));
      l.appendChild(document.createTextNode(' ' + form.consentText));
      c.appendChild(l);
      c.appendChild(el('div', { class: 'vrnk-error', role: 'alert', style: 'color:#b91c1c' }));
      f.appendChild(c);
    }
    var send = el('button', { type: 'submit', style: 'padding:10px 16px;font-size:1rem' }, T.send);
    f.appendChild(send);
    f.addEventListener('submit', function (ev) {
      ev.preventDefault();
      collect();
      var contact = { _token: token, page_url: location.href };
      f.querySelectorAll('input,textarea').forEach(function (i) {
        if (i.type === 'checkbox') contact[i.name] = i.checked;
        else if (i.value) contact[i.name] = i.value;
      });
      send.disabled = true;
      api('POST', '/submissions', { values: values, contact: contact }).then(
        function (r) {
          send.disabled = false;
          if (r.ok) {
            f.textContent = '';
            f.appendChild(
              el(
                'p',
                { class: 'vrnk-thanks', style: 'font-weight:600' },
                T.sent + '. ' + r.body.thankYou,
              ),
            );
          } else errors(r.body);
        },
        function () {
          send.disabled = false;
          status.textContent = T.failed;
        },
      );
    });
    return f;
  }

  api('GET', '').then(function (r) {
    if (!r.ok) {
      root.textContent = r.body && r.body.detail ? r.body.detail : T.failed;
      return;
    }
    calc = r.body;
    var def = calc.definition;
    root.appendChild(el('h2', {}, label(def.title) || calc.name));
    var sections = {};
    (def.sections || []).forEach(function (s) {
      var fs = el('fieldset', { style: 'border:0;padding:0;margin:12px 0' });
      fs.appendChild(el('legend', { style: 'font-size:1.1em;font-weight:700' }, label(s.title)));
      if (s.help) fs.appendChild(el('div', { style: 'color:#6b7280' }, label(s.help)));
      sections[s.key] = fs;
      root.appendChild(fs);
    });
    def.inputs.forEach(function (input) {
      var box = field(input);
      rows[input.key] = box;
      (sections[input.section] || root).appendChild(box);
    });
    root.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(evaluate, 250);
    });
    root.addEventListener('change', function () {
      clearTimeout(timer);
      timer = setTimeout(evaluate, 50);
    });
    root.appendChild(summary);
    root.appendChild(status);
    if (calc.form) root.appendChild(contactForm(calc.form));
    evaluate();
  });
})();
