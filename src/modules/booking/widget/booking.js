// The booking widget: <script src="/booking.js" data-workspace="…" data-type="…"></script> draws a
// meeting type's free slots in the visitor's zone (detected, changeable) and books one. Plain DOM
// built with textContent: nothing a workspace wrote is ever parsed as HTML. The pages behind the
// confirmation's links use it too: data-mode="reschedule" (a chosen slot moves the booking) or
// data-mode="cancel" (one button), with the link's data-token.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var ws = script.getAttribute('data-workspace');
  var type = script.getAttribute('data-type');
  var mode = script.getAttribute('data-mode') || 'book';
  var token = script.getAttribute('data-token') || '';
  var api = origin + '/api/public/booking/';
  var target = document.querySelector(script.getAttribute('data-target') || '') || null;
  if (!target) {
    target = document.createElement('div');
    script.parentNode.insertBefore(target, script);
  }
  var ru = (script.getAttribute('data-locale') || navigator.language || 'ru').slice(0, 2) !== 'en';
  var T = ru
    ? {
        tz: 'Часовой пояс',
        none: 'Свободного времени нет',
        name: 'Имя',
        phone: 'Телефон',
        email: 'E-mail',
        book: 'Записаться',
        done: 'Вы записаны',
        taken: 'Это время только что заняли — выберите другое',
        back: 'Назад',
        error: 'Не удалось записаться',
        move: 'Перенести на это время',
        moved: 'Встреча перенесена',
        cancel: 'Отменить встречу',
        cancelled: 'Встреча отменена',
        failed: 'Не получилось',
      }
    : {
        tz: 'Time zone',
        none: 'No free time',
        name: 'Name',
        phone: 'Phone',
        email: 'E-mail',
        book: 'Book',
        done: 'You are booked',
        taken: 'This time was just taken: choose another',
        back: 'Back',
        error: 'Could not book',
        move: 'Move to this time',
        moved: 'The meeting is moved',
        cancel: 'Cancel the meeting',
        cancelled: 'The meeting is cancelled',
        failed: 'That did not work',
      };
  var lang = ru ? 'ru-RU' : 'en-GB';
  var tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Moscow';
  var base =
    origin + '/api/public/booking/' + encodeURIComponent(ws) + '/' + encodeURIComponent(type);
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function iso(d) {
    return d.toISOString().slice(0, 10);
  }
  var zones = [
    'Europe/Kaliningrad',
    'Europe/Moscow',
    'Europe/Samara',
    'Asia/Yekaterinburg',
    'Asia/Omsk',
    'Asia/Novosibirsk',
    'Asia/Krasnoyarsk',
    'Asia/Irkutsk',
    'Asia/Yakutsk',
    'Asia/Vladivostok',
    'Asia/Magadan',
    'Asia/Kamchatka',
    'Europe/Berlin',
    'Europe/London',
    'UTC',
  ];
  if (zones.indexOf(tz) < 0) zones.unshift(tz);
  function render(message) {
    target.textContent = '';
    var label = el('label', T.tz + ' ');
    var select = el('select', '', { 'aria-label': T.tz, 'data-vrnk': 'tz' });
    zones.forEach(function (z) {
      var o = el('option', z, { value: z });
      if (z === tz) o.selected = true;
      select.appendChild(o);
    });
    select.onchange = function () {
      tz = select.value;
      render();
    };
    label.appendChild(select);
    target.appendChild(label);
    if (message) target.appendChild(el('p', message, { role: 'alert' }));
    var list = el('div', '', { 'data-vrnk': 'days' });
    target.appendChild(list);
    var now = new Date();
    var url =
      base +
      '/slots?from=' +
      iso(now) +
      '&to=' +
      iso(new Date(now.getTime() + 13 * 864e5)) +
      '&tz=' +
      encodeURIComponent(tz);
    fetch(url)
      .then(function (r) {
        return r.json();
      })
      .then(function (data) {
        if (!data.days || !data.days.length) return list.appendChild(el('p', T.none));
        data.days.forEach(function (d) {
          var day = el('div', '', { 'data-date': d.date });
          day.appendChild(
            el(
              'h3',
              new Date(d.slots[0].start).toLocaleDateString(lang, {
                timeZone: tz,
                weekday: 'long',
                day: 'numeric',
                month: 'long',
              }),
            ),
          );
          d.slots.forEach(function (s) {
            var b = el(
              'button',
              new Date(s.start).toLocaleTimeString(lang, {
                timeZone: tz,
                hour: '2-digit',
                minute: '2-digit',
              }),
              { type: 'button', 'data-start': s.start },
            );
            b.onclick = function () {
              if (mode === 'reschedule') confirmMove(s.start);
              else form(s.start, data.type.questions);
            };
            day.appendChild(b);
          });
          list.appendChild(day);
        });
      });
  }
  function form(start, questions) {
    target.textContent = '';
    target.appendChild(
      el(
        'p',
        new Date(start).toLocaleString(lang, {
          timeZone: tz,
          dateStyle: 'full',
          timeStyle: 'short',
        }) +
          ' (' +
          tz +
          ')',
      ),
    );
    var f = el('form');
    var fields = [
      ['name', T.name, 'text'],
      ['phone', T.phone, 'tel'],
      ['email', T.email, 'email'],
    ].concat(
      questions.map(function (q) {
        return ['q:' + q.key, q.label, 'text', q.required];
      }),
    );
    fields.forEach(function (x) {
      var l = el('label', x[1]);
      var i = el('input', '', { name: x[0], type: x[2] });
      if (x[0].indexOf('q:') !== 0 || x[3]) i.required = true;
      l.appendChild(i);
      f.appendChild(l);
    });
    f.appendChild(el('button', T.book, { type: 'submit' }));
    var back = el('button', T.back, { type: 'button' });
    back.onclick = function () {
      render();
    };
    f.appendChild(back);
    f.onsubmit = function (ev) {
      ev.preventDefault();
      submit(f, fields, start);
    };
    target.appendChild(f);
  }
  function submit(f, fields, start) {
    var body = { start: start, tz: tz, locale: ru ? 'ru' : 'en', answers: {} };
    fields.forEach(function (x) {
      var v = f.elements[x[0]].value;
      if (x[0].indexOf('q:') === 0) {
        if (v) body.answers[x[0].slice(2)] = v;
      } else body[x[0]] = v;
    });
    fetch(base + '/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (r) {
        return r.json().then(function (j) {
          return { status: r.status, body: j };
        });
      })
      .then(function (res) {
        if (res.status === 201) {
          target.textContent = '';
          target.appendChild(el('h2', T.done, { role: 'status' }));
          target.appendChild(
            el(
              'p',
              res.body.typeName +
                ' — ' +
                new Date(res.body.start).toLocaleString(lang, {
                  timeZone: tz,
                  dateStyle: 'full',
                  timeStyle: 'short',
                }),
            ),
          );
        } else if (res.status === 409) render(T.taken);
        else
          target.appendChild(
            el(
              'p',
              T.error + ': ' + (res.body.field ? res.body.field + ' — ' : '') + res.body.detail,
              { role: 'alert' },
            ),
          );
      });
  }
  function post(path, body) {
    return fetch(api + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().then(function (j) {
        return { status: r.status, body: j };
      });
    });
  }
  function when(start) {
    return new Date(start).toLocaleString(lang, {
      timeZone: tz,
      dateStyle: 'full',
      timeStyle: 'short',
    });
  }
  function confirmMove(start) {
    target.textContent = '';
    target.appendChild(el('p', when(start) + ' (' + tz + ')'));
    var go = el('button', T.move, { type: 'button' });
    var back = el('button', T.back, { type: 'button' });
    back.onclick = function () {
      render();
    };
    go.onclick = function () {
      go.disabled = true;
      post('reschedule', { token: token, start: start }).then(function (res) {
        if (res.status === 201) {
          target.textContent = '';
          target.appendChild(el('h2', T.moved, { role: 'status' }));
          target.appendChild(el('p', res.body.typeName + ' — ' + when(res.body.start)));
        } else if (res.status === 409 && res.body.code === 'booking.slot_taken') render(T.taken);
        else {
          go.disabled = false;
          target.appendChild(el('p', T.failed + ': ' + res.body.detail, { role: 'alert' }));
        }
      });
    };
    target.appendChild(go);
    target.appendChild(back);
    go.focus();
  }
  function cancelButton() {
    var b = el('button', T.cancel, { type: 'button', 'data-vrnk': 'cancel' });
    var status = el('p', '', { role: 'status' });
    b.onclick = function () {
      b.disabled = true;
      post('cancel', { token: token }).then(function (res) {
        if (res.status === 200) {
          b.remove();
          status.textContent = T.cancelled;
        } else {
          b.disabled = false;
          status.textContent = T.failed + ': ' + res.body.detail;
        }
      });
    };
    target.appendChild(b);
    target.appendChild(status);
  }
  if (mode === 'cancel') cancelButton();
  else render();
})();
