// A part of the widget script: /widget.js serves the parts (routes.ts, WIDGET_PARTS) in order inside
// one function, so these names stay off the page's globals and each part sees the others'.

function buildInput(f, id) {
  var input;
  if (f.type === 'textarea') input = el('textarea', 'vrnk-input');
  else if (f.type === 'select') {
    input = el('select', 'vrnk-input');
    input.appendChild(el('option', null, t.choose)).value = '';
    f.options.forEach(function (o) {
      input.appendChild(el('option', null, o)).value = o;
    });
  } else {
    input = el('input', f.type === 'checkbox' ? null : 'vrnk-input');
    input.type = { phone: 'tel', email: 'email', checkbox: 'checkbox' }[f.type] || 'text';
    if (f.type === 'phone') {
      input.autocomplete = 'tel';
      input.inputMode = 'tel';
    }
    if (f.type === 'email') input.autocomplete = 'email';
    if (f.key === 'name') input.autocomplete = 'name';
  }
  input.id = id;
  input.name = f.key;
  input.required = !!f.required;
  return input;
}

// The form drawn from its definition into `root`.
function render(w, root) {
  var form = el('form', 'vrnk-form'),
    errors = {},
    uid = 'vrnk-' + Math.random().toString(36).slice(2, 8);
  w.def.fields.forEach(function (f) {
    var row = el('div', 'vrnk-field'),
      id = uid + '-' + f.key,
      input = buildInput(f, id);
    var label = el('label', f.type === 'checkbox' ? 'vrnk-check' : 'vrnk-label');
    label.htmlFor = id;
    if (f.type === 'checkbox') {
      label.appendChild(input);
      label.appendChild(el('span', null, f.label + (f.required ? ' *' : '')));
      row.appendChild(label);
    } else {
      label.textContent = f.label + (f.required ? ' *' : '');
      row.appendChild(label);
      row.appendChild(input);
    }
    errors[f.key] = row.appendChild(el('div', 'vrnk-error'));
    errors[f.key].setAttribute('aria-live', 'polite');
    form.appendChild(row);
  });
  if (w.def.consentText) {
    var c = el('div', 'vrnk-field');
    c.appendChild(consentBox(w.def.consentText));
    errors.consent = c.appendChild(el('div', 'vrnk-error'));
    form.appendChild(c);
  }
  form.appendChild(honeypot());
  var button = el('button', 'vrnk-button', t.send);
  button.type = 'submit';
  form.appendChild(button);
  var status = form.appendChild(el('div', 'vrnk-status'));
  status.setAttribute('role', 'status');
  root.appendChild(form);
  submitWith(
    w,
    form,
    function () {
      var out = {};
      Array.prototype.forEach.call(form.elements, function (i) {
        if (!i.name) return;
        out[i.name] = i.type === 'checkbox' ? i.checked : i.value;
      });
      return out;
    },
    {
      reset: function () {
        Object.keys(errors).forEach(function (k) {
          errors[k].textContent = '';
        });
        status.textContent = '';
        Array.prototype.forEach.call(form.elements, function (i) {
          i.removeAttribute('aria-invalid');
        });
      },
      status: function (s) {
        status.textContent = s;
      },
      fail: function (s) {
        status.textContent = s;
      },
      fieldError: function (key, msg) {
        if (!errors[key]) return false;
        errors[key].textContent = msg;
        var i = form.elements[key];
        if (i && i.setAttribute) i.setAttribute('aria-invalid', 'true');
        return true;
      },
      done: function (thanks) {
        root.replaceChildren(el('div', 'vrnk-thanks', thanks));
      },
    },
  );
}

// The site's own <form>: its named fields are sent as they are; consent and the honeypot are
// added if it lacks them.
function attach(w, form) {
  form.classList.add('vrnk-root');
  if (w.def.consentText && !form.elements.consent) {
    var submit = form.querySelector('[type=submit]');
    var box = consentBox(w.def.consentText);
    if (submit && submit.parentNode) submit.parentNode.insertBefore(box, submit);
    else form.appendChild(box);
  }
  if (!form.elements._gotcha) form.appendChild(honeypot());
  var status = form.appendChild(el('div', 'vrnk-status'));
  status.setAttribute('role', 'status');
  submitWith(
    w,
    form,
    function () {
      var out = {};
      new FormData(form).forEach(function (v, k) {
        if (typeof v !== 'string') return;
        out[k] = k in out ? [].concat(out[k], v) : v;
      });
      Array.prototype.forEach.call(
        form.querySelectorAll('input[type=checkbox][name]'),
        function (i) {
          if (!(i.name in out)) out[i.name] = false;
          else if (out[i.name] === 'on') out[i.name] = true;
        },
      );
      return out;
    },
    {
      reset: function () {
        status.textContent = '';
        Array.prototype.forEach.call(form.querySelectorAll('.vrnk-error'), function (n) {
          n.remove();
        });
      },
      status: function (s) {
        status.textContent = s;
      },
      fail: function (s) {
        status.textContent = s;
      },
      fieldError: function (key, msg) {
        var i = form.elements[key];
        if (!i || !i.parentNode) return false;
        if (i.setAttribute) i.setAttribute('aria-invalid', 'true');
        var node = i.nodeType ? i : i[0];
        node.parentNode.insertBefore(el('div', 'vrnk-error', msg), node.nextSibling);
        return true;
      },
      done: function (thanks) {
        var d = el('div', 'vrnk-root vrnk-thanks', thanks);
        form.parentNode.insertBefore(d, form);
        form.style.display = 'none';
      },
    },
  );
}

function floating(w) {
  var fab = el('button', 'vrnk-fab', t.callback);
  fab.type = 'button';
  fab.addEventListener('click', function () {
    var overlay = el('div', 'vrnk-overlay'),
      dialog = el('div', 'vrnk-dialog vrnk-root');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.appendChild(el('h2', null, w.def.name));
    var close = el('button', 'vrnk-close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t.close);
    function shut() {
      overlay.remove();
      document.removeEventListener('keydown', onKey);
      fab.focus();
    }
    function onKey(e) {
      if (e.key === 'Escape') shut();
    }
    close.addEventListener('click', shut);
    overlay.addEventListener('click', function (e) {
      if (e.target === overlay) shut();
    });
    document.addEventListener('keydown', onKey);
    dialog.appendChild(close);
    render(w, dialog);
    overlay.appendChild(dialog);
    document.body.appendChild(overlay);
    var first = dialog.querySelector('input,textarea,select');
    if (first) first.focus();
  });
  document.body.appendChild(fab);
}

function mount(script, w) {
  injectStyle();
  var attachTo = script.getAttribute('data-attach');
  if (attachTo) {
    var own = document.querySelector(attachTo);
    if (own && own.tagName === 'FORM') return attach(w, own);
    return console.warn('[voronka] no <form> matches data-attach=' + attachTo);
  }
  var sel = script.getAttribute('data-target'),
    target = sel ? document.querySelector(sel) : null;
  if (w.def.callbackButton) floating(w);
  if (w.def.callbackButton && !target) return;
  var root = el('div', 'vrnk-root');
  if (target) target.appendChild(root);
  else script.parentNode.insertBefore(root, script.nextSibling);
  render(w, root);
}

function init(script) {
  if (script.getAttribute('data-vrnk-ready')) return;
  script.setAttribute('data-vrnk-ready', '1');
  var src = new URL(script.src, location.href);
  var key =
    script.getAttribute('data-form') ||
    src.searchParams.get('form') ||
    src.searchParams.get('channel');
  if (!key) return console.warn('[voronka] the widget script needs data-form="KEY"');
  var w = { base: src.origin, key: key, def: null };
  fetch(w.base + '/api/public/forms/' + encodeURIComponent(key), {
    credentials: 'omit',
    mode: 'cors',
  })
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    })
    .then(function (def) {
      w.def = def;
      var go = function () {
        mount(script, w);
      };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go);
      else go();
    })
    .catch(function (e) {
      console.warn('[voronka] form ' + key + ' is unavailable: ' + e.message);
    });
}

var scripts = [];
if (document.currentScript) scripts.push(document.currentScript);
Array.prototype.forEach.call(document.querySelectorAll('script[src*="widget.js"]'), function (s) {
  if (s.getAttribute('data-form') || /[?&](form|channel)=/.test(s.src)) scripts.push(s);
});
scripts.forEach(init);
