/*
 * browser-storage glue, part: bound form fields (docs/binding.md). The server serves it after the
 * core, storage.js, when the application has stores (quarkus.browser-storage.glue.binding), and
 * follows the whole with BrowserStorage.define(<the stores' schemas>). It registers with the core
 * through BrowserStorage._core. Fields bind to localStorage, sessionStorage and (non-HttpOnly)
 * cookie fields. Plain ES2017 inside what HtmlUnit runs.
 */
(function () {
  'use strict';

  const core = window.BrowserStorage && window.BrowserStorage._core;
  if (!core) throw new Error('browser-storage: binding.js needs storage.js before it');
  const storage = core.storage;
  const notify = core.notify;

  // ---- bound form fields: data-storage="<namespace>.<field>" (docs/binding.md)

  // The fields by '<namespace>.<field>' (and '<namespace>.<key>'), from the schemas.
  const fields = {};
  // Full key -> {area, text, timer}: changes the server is told of shortly.
  const unsent = new Map();
  const warned = {};
  let binding = false;
  // The style rule that hides fields waiting for a migration is in the document.
  let styled = false;
  // Some engines (HtmlUnit) fire change when a script sets .checked.
  let showing = false;
  // In ms: typing coalesces into one change frame per pause.
  const SEND_DELAY = 250;

  /** Takes the schemas of the app's stores ({formatVersion: 1, stores: [...]}, as /_storage/stores.json). */
  function define(doc) {
    if (!doc || doc.formatVersion !== 1 || !Array.isArray(doc.stores)) throw new Error('BrowserStorage.define takes {formatVersion: 1, stores: [...]}');
    doc.stores.forEach(store => {
      const cookie = store.area === 'cookie';
      if (!cookie && store.area !== 'local' && store.area !== 'session') return;
      // The server names each store as its bean is named (cookie stores have no namespace).
      const name = store.name || store.namespace;
      store.fields.forEach(f => {
        // Script cannot write an HttpOnly cookie, nor read it, nor an encrypted value: such a field
        // has nothing to bind, and its value is never decoded here.
        if (f.protection === 'encrypted' || (cookie && f.cookie && f.cookie.httpOnly)) return;
        const c = f.cookie || {};
        // namespace and version: the store's, for its version marker (core.schema.age); signed: only
        // the server writes it. cookie: the attributes its writes take, as the cookie road reads them.
        const field = { area: store.area, namespace: store.namespace, version: store.version, key: f.key,
          schema: f.schema, javaType: f.javaType, fallback: f.default, ttl: f.ttlSeconds, text: f.cookieEncoding === 'text',
          signed: f.protection === 'signed',
          cookie: cookie ? { path: c.path, domain: c.domain, maxAge: c.maxAgeSeconds, secure: c.secure, sameSite: c.sameSite,
            partitioned: c.partitioned } : null };
        fields[name + '.' + f.name] = field;
        if (!cookie) fields[name + '.' + f.key.slice(name.length + 1)] = field;
      });
    });
    bindFields();
  }

  function bindFields() {
    if (binding || core.prefix() === null || !Object.keys(fields).length) return;
    binding = true;
    document.addEventListener('input', edited, true);
    document.addEventListener('change', edited, true);
    window.addEventListener('pagehide', () => unsent.forEach((u, key) => flush(key)));
    core.listeners.unshift(c => {
      refresh(c.key, c.element);
    });
    // Fields the parser or a script adds later are filled as they arrive, before the next paint.
    if (typeof MutationObserver === 'function') {
      new MutationObserver(records => records.forEach(r => {
        if (r.type === 'attributes') bindTree(r.target);
        else [].forEach.call(r.addedNodes, bindTree);
      })).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-storage'] });
    }
    bindTree(document);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => bindTree(document));
  }

  function bindTree(node) {
    if (node.nodeType !== 1 && node.nodeType !== 9) return;
    // An option parsed after its select: show the select's value again.
    for (let up = node; up && up.nodeType === 1; up = up.parentNode) {
      if (up.tagName === 'SELECT' && up.hasAttribute('data-storage')) return show(up);
    }
    if (node.nodeType === 1 && node.hasAttribute('data-storage')) show(node);
    [].forEach.call(node.querySelectorAll('[data-storage]'), show);
  }

  function fieldOf(el) {
    const name = el.getAttribute('data-storage');
    const field = fields[name];
    if (!field && !warned[name]) {
      warned[name] = true;
      console.warn(`browser-storage: data-storage="${name}" names no field of a store`);
    }
    return field;
  }

  // The field's value as the stores read it: the stored value, or the default when it is absent,
  // expired, not of the field's type, a signed value not sealed, or in a store of another version.
  function current(field) {
    let value = null;
    try {
      let text = field.cookie ? core.cookie(field.key) : storage(field.area).getItem(fullKey(field));
      if (field.signed) text = core.schema.unseal(text);
      // A cookie as the server encodes it (docs/cookies.md): bare text or JSON, percent-encoded.
      if (text !== null && !core.schema.age(field)) {
        value = field.cookie ? decodeURIComponent(text) : text;
        if (!field.text) value = JSON.parse(value);
      }
      if (value !== null && field.ttl) value = value.expires > Date.now() ? value.value : null;
    } catch (e) {
      value = null;
    }
    const checked = value === null ? null : coerce(value, field.schema, field.javaType);
    return checked && !checked.error ? checked.value : field.fallback === undefined ? null : field.fallback;
  }

  // A store of an older version waits for the server's migration: its fields are hidden and not
  // filled (they never show a value of the old shape) until a batch sets the store's version.
  // Fields of signed values and of a store of a newer version are read-only.
  function show(el) {
    const field = fieldOf(el);
    if (!field) return;
    const age = core.schema.age(field);
    lock(el, age || field.signed);
    if (age < 0) {
      if (!styled) {
        styled = true;
        const style = document.createElement('style');
        style.textContent = '[data-storage-pending]{visibility:hidden}';
        (document.head || document.documentElement).appendChild(style);
      }
      return el.setAttribute('data-storage-pending', '');
    }
    el.removeAttribute('data-storage-pending');
    const value = current(field);
    const texts = Array.isArray(value) ? value.map(String) : [];
    const text = value === null ? '' : String(value);
    showing = true;
    try {
      if (el.type === 'checkbox') el.checked = Array.isArray(value) ? texts.indexOf(el.value) >= 0 : value === true || text === el.value;
      else if (el.type === 'radio') el.checked = text === el.value;
      else if (el.multiple && el.options) [].forEach.call(el.options, o => { o.selected = texts.indexOf(o.value) >= 0; });
      else if (el.value !== text) el.value = text;
      mark(el, null);
    } finally {
      showing = false;
    }
  }

  // readOnly, or disabled where a control has no readOnly; data-storage-readonly names which, so
  // that the glue only lifts what it set.
  function lock(el, on) {
    const what = /^(select|checkbox|radio|range|color)/.test(el.type) ? 'disabled' : 'readOnly';
    if (on && !el[what]) {
      el[what] = true;
      el.setAttribute('data-storage-readonly', what);
    } else if (!on && el.hasAttribute('data-storage-readonly')) {
      el[what] = false;
      el.removeAttribute('data-storage-readonly');
    }
  }

  // Shows the fields of a key again, and all the fields of a store when its version marker changes.
  function refresh(key, except) {
    [].forEach.call(document.querySelectorAll('[data-storage]'), el => {
      const field = fields[el.getAttribute('data-storage')];
      if (el !== except && field && (fullKey(field) === key || (field.version > 1 && core.prefix() + field.namespace === key))) {
        show(el);
      }
    });
  }

  // What the user chose, before coercion: a boolean, a list of texts or a text.
  function raw(el, field) {
    const name = el.getAttribute('data-storage');
    if (el.type === 'checkbox' && field.schema.type === 'array') {
      return [].filter.call(document.querySelectorAll('input[type=checkbox][data-storage]'),
        box => box.checked && box.getAttribute('data-storage') === name).map(box => box.value);
    }
    if (el.type === 'checkbox') return field.schema.type === 'boolean' ? el.checked : el.checked ? el.value : null;
    if (el.multiple && el.options) return [].filter.call(el.options, o => o.selected).map(o => o.value);
    return el.value;
  }

  function fail(reason) {
    return { error: reason };
  }

  // Checks a value (from a form field, or as stored) against a field's JSON schema and gives it the
  // type the Java side reads; the same rules as the codecs.
  function coerce(value, schema, javaType) {
    const type = schema.type;
    if (type === 'array') {
      if (!Array.isArray(value)) return fail('a list');
      const out = [];
      for (const item of value) {
        const c = coerce(item, schema.items, null);
        if (c.error) return c;
        if (!schema.uniqueItems || out.indexOf(c.value) < 0) out.push(c.value);
      }
      return { value: out };
    }
    if (value === null || value === undefined) return fail('a value');
    if (type === 'boolean') {
      if (typeof value === 'boolean') return { value: value };
      return value === 'true' || value === 'false' ? { value: value === 'true' } : fail('true or false');
    }
    if (type === 'integer' || type === 'number') {
      const text = String(value).trim();
      const n = typeof value === 'number' ? value : core.schema.formats.decimal.test(text) ? Number(text) : NaN;
      if (!isFinite(n)) return fail('a number');
      if (type === 'integer' && !Number.isSafeInteger(n)) return fail('a whole number');
      if (n < schema.minimum || n > schema.maximum) return fail(`a whole number from ${schema.minimum} to ${schema.maximum}`);
      if (/^(float|java\.lang\.Float)$/.test(javaType) && Math.abs(n) > 3.4028234663852886e38) return fail('a number within the range of a float');
      return { value: n };
    }
    if (type === 'string') {
      if (typeof value === 'number' && schema.format === 'decimal') value = String(value);
      if (typeof value !== 'string') return fail('a text');
      if (schema.enum && schema.enum.indexOf(value) < 0) return fail('one of ' + schema.enum.join(', '));
      if (value.length < (schema.minLength || 0) || value.length > (schema.maxLength === undefined ? Infinity : schema.maxLength)) {
        return fail(`a text of ${schema.minLength} to ${schema.maxLength} characters`);
      }
      const format = core.schema.formats[schema.format];
      if (format && !format.test(value)) return fail(`a ${schema.format} value`);
      if (format && /date/.test(schema.format) && !core.schema.realCalendar(value)) return fail('a real date');
      return { value: value };
    }
    return fail('a value of a type no form field holds');
  }

  // The page marks a refused value on the field: aria-invalid, data-storage-invalid (the reason),
  // the :invalid pseudo-class where the browser has setCustomValidity, and an event.
  function mark(el, reason) {
    if (reason === null) {
      if (!el.hasAttribute('data-storage-invalid')) return;
      el.removeAttribute('data-storage-invalid');
      el.removeAttribute('aria-invalid');
    } else {
      el.setAttribute('data-storage-invalid', reason);
      el.setAttribute('aria-invalid', 'true');
    }
    if (el.setCustomValidity) el.setCustomValidity(reason || '');
  }

  function refuse(el, field, value, reason) {
    mark(el, reason);
    el.dispatchEvent(new CustomEvent('browser-storage:invalid', {
      bubbles: true,
      detail: { field: el.getAttribute('data-storage'), key: fullKey(field), value: value, reason: reason }
    }));
  }

  function edited(e) {
    const el = e.target;
    if (showing || !el || el.nodeType !== 1 || !el.hasAttribute('data-storage')) return;
    const field = fieldOf(el);
    if (!field) return;
    // A read-only field (signed, a store of another version) stores nothing: it shows what it reads.
    if (field.signed || core.schema.age(field)) return show(el);
    const key = fullKey(field);
    const value = raw(el, field);
    if (el.setCustomValidity) el.setCustomValidity('');
    if (el.validity && !el.validity.valid) return refuse(el, field, value, el.validationMessage || 'not a valid value for this field');
    const checked = coerce(value, field.schema, field.javaType);
    if (checked.error) return refuse(el, field, value, 'must be ' + checked.error);
    if (field.cookie) return editCookie(el, field, value, checked.value, e);
    let text = JSON.stringify(checked.value);
    if (field.ttl) text = JSON.stringify({ expires: Date.now() + field.ttl * 1000, value: checked.value });
    const over = core.schema.room(field.area, key, text);
    if (over && over.limit) return refuse(el, field, value, `is ${over.bytes} bytes, over the limit of ${over.limit}`);
    if (over) return refuse(el, field, value, 'does not fit in the app\'s ' + field.area + 'Storage');
    const old = storage(field.area).getItem(key);
    try {
      core.schema.stamp(field);
      core.put(field.area, key, text);
    } catch (error) {
      return refuse(el, field, value, `was refused by the browser: ${error.name}`);
    }
    mark(el, null);
    const pending = unsent.get(key);
    if (pending) clearTimeout(pending.timer);
    unsent.set(key, { area: field.area, text: text, timer: setTimeout(() => flush(key), SEND_DELAY) });
    // A field's change event ends an edit (a choice made, a text field left): no need to wait.
    if (e.type === 'change') flush(key);
    if (old !== text) notify({ area: field.area, key: key, value: text, source: 'field', element: el });
  }

  // A cookie field writes its cookie when an edit ends (its change event), with the attributes its
  // store declares, through the cookie road's rules; the server hears of it as of any cookie the
  // page changes.
  function editCookie(el, field, value, typed, e) {
    if (e.type !== 'change') return;
    const text = encodeURIComponent(field.text ? String(typed) : JSON.stringify(typed));
    const bytes = core.utf8Length(field.key) + core.utf8Length(text);
    if (bytes > core.config.maxNameValueBytes) return refuse(el, field, value, `is ${bytes} bytes with its name, over the cookie limit`);
    const old = core.cookie(field.key);
    let road;
    try {
      road = core.road();
      road.write({ key: field.key, value: text, cookie: field.cookie });
    } catch (error) {
      return refuse(el, field, value, `was refused: ${error.message}`);
    }
    mark(el, null);
    if (old !== text) notify({ area: 'cookie', key: field.key, value: text, source: 'field', element: el });
    road.check(true);
  }

  function fullKey(field) {
    return field.cookie ? field.key : core.prefix() + field.key;
  }

  function flush(key) {
    const pending = unsent.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    unsent.delete(key);
    core.change(pending.area, key, pending.text);
  }

  window.BrowserStorage.define = define;

  /**
   * Fills the bound fields in root (an element, or the document) from storage. The glue does this
   * by itself for fields added later, where the browser reports added nodes (MutationObserver);
   * call it after a swap in engines that do not (HtmlUnit).
   */
  window.BrowserStorage.bind = root => bindTree(root || document);

  /** The typed value of a store field by its data-storage name ('prefs.theme'): stored, or its default. */
  window.BrowserStorage.value = name => {
    if (!fields[name]) throw new Error(`${JSON.stringify(name)} names no field of a store`);
    return current(fields[name]);
  };

  core.use({ started: bindFields });
})();
