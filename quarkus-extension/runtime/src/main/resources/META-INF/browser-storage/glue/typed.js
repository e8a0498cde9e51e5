/*
 * browser-storage typed stores (docs/javascript.md): BrowserStorage.defineStore(definition), which
 * the processor's generated definitions call, one per @LocalStorage / @SessionStorage store. The
 * extension serves this file followed by every definition at <path>/stores.global.js (a plain
 * script) and <path>/stores.js (an ES module). It needs the glue, <path>/storage.js, loaded first:
 * it uses the glue's shared checks (schema.js, which the server puts into the glue of an application
 * with stores) and the server's limits through BrowserStorage._core. Same limits as the glue: plain ES2017 inside what HtmlUnit runs.
 */
(function () {
  'use strict';

  const api = window.BrowserStorage;
  const core = api && api._core;
  if (!core) throw new Error('browser-storage: load storage.js before the typed stores');
  if (!core.schema) throw new Error('browser-storage: this storage.js has no schema.js; load it with schema.js first');
  // Loaded twice (as a plain script and as a module): the stores defined first stay.
  if (api.defineStore) return;

  const METHODS = ['get', 'set', 'remove', 'onChange'];
  const stores = {};
  let listening = false;
  // The typed listeners: {area, key, field, fn}.
  const listeners = [];

  function show(value) {
    return typeof value === 'number' ? String(value) : JSON.stringify(value);
  }

  // Why a value does not fit a schema, or null: the checks of the Java codecs (docs/annotations.md).
  // float: the Java type's numbers are floats (float, Float, or collections of them).
  function problem(schema, value, float) {
    if (value === null || value === undefined) return 'null is not a value here';
    switch (schema.type) {
      case 'string':
        if (typeof value !== 'string') return `${show(value)} is not a string`;
        if (schema.minLength !== undefined && value.length < schema.minLength ||
            schema.maxLength !== undefined && value.length > schema.maxLength) {
          return `${show(value)} is not one UTF-16 unit`;
        }
        if (schema.enum && schema.enum.indexOf(value) < 0) {
          return `${show(value)} is not one of ${schema.enum.join(', ')}`;
        }
        if (schema.format && core.schema.formats[schema.format] && !core.schema.formats[schema.format].test(value)) {
          return `${show(value)} is not a ${schema.format}`;
        }
        if (/date/.test(schema.format || '') && !core.schema.realCalendar(value)) return `${show(value)} is not on the calendar`;
        return null;
      case 'boolean':
        return typeof value === 'boolean' ? null : `${show(value)} is not a boolean`;
      case 'integer':
        if (!Number.isInteger(value)) return `${show(value)} is not a whole number`;
        if (!Number.isSafeInteger(value)) return `${value} is beyond ±(2^53 - 1), where JavaScript numbers skip whole numbers`;
        return value < schema.minimum || value > schema.maximum
          ? `${value} is outside ${schema.minimum}..${schema.maximum}` : null;
      case 'number':
        if (typeof value !== 'number' || !isFinite(value)) return `${show(value)} is not a finite number`;
        return float && Math.abs(value) > 3.4028234663852886e38 ? `${value} is outside the range of a float` : null;
      case 'array': {
        if (!Array.isArray(value)) return `${show(value)} is not an array`;
        for (let i = 0; i < value.length; i++) {
          const p = problem(schema.items, value[i], float);
          if (p) return `[${i}]: ${p}`;
        }
        if (schema.uniqueItems) {
          const seen = new Set(value.map(item => JSON.stringify(item)));
          if (seen.size !== value.length) return 'a set cannot hold the same value twice';
        }
        return null;
      }
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) return `${show(value)} is not an object`;
        if (!schema.additionalProperties) return null;
        const names = Object.keys(value);
        for (let i = 0; i < names.length; i++) {
          const p = problem(schema.additionalProperties, value[names[i]], float);
          if (p) return `[${JSON.stringify(names[i])}]: ${p}`;
        }
        return null;
      }
      default:
        return null;
    }
  }

  function isFloat(field) {
    return /(^|<|, )(float|java\.lang\.Float)(>|,|$)/.test(field.javaType || '');
  }

  function copy(value) {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  }

  function appKey(field) {
    const app = api.app();
    if (app === null) throw new Error('BrowserStorage is not started');
    return `${app}:${field.key}`;
  }

  // The stored text as the field's value: its default when absent, expired, not readable as one, a
  // signed value not sealed (or past its seal's expiry), or in a store of another version.
  function decode(store, field, text) {
    if (field.protection === 'signed') text = core.schema.unseal(text);
    if (text === null || text === undefined || core.schema.age(store)) return copy(field.default);
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      console.warn(`browser-storage: ${store.name}.${field.name} holds text that is not JSON; reading its default`);
      return copy(field.default);
    }
    if (field.ttlSeconds) {
      if (!value || typeof value !== 'object' || typeof value.expires !== 'number' || !('value' in value)) {
        console.warn(`browser-storage: ${store.name}.${field.name} holds no expiry; reading its default`);
        return copy(field.default);
      }
      if (value.expires <= Date.now()) return copy(field.default);
      value = value.value;
    }
    const p = problem(field.schema, value, isFloat(field));
    if (p) {
      console.warn(`browser-storage: ${store.name}.${field.name}: ${p}; reading its default`);
      return copy(field.default);
    }
    return value;
  }

  function named(name, message) {
    const e = new Error(message);
    e.name = name;
    return e;
  }

  function write(store, field, value) {
    const key = appKey(field);
    if (field.protection === 'signed') throw new TypeError(`${store.name}.${field.name} is signed: only the server writes it`);
    const age = core.schema.age(store);
    if (age) {
      throw named('InvalidStateError', `${store.name}: the stored values are not version ${store.version} (${age < 0
        ? 'the server has not migrated them yet' : 'newer or unreadable'}); nothing was written`);
    }
    const text = value === null || value === undefined ? null : encode(store, field, key, value);
    core.schema.stamp(store);
    if (text === null) api.remove(key, store.area);
    else api.set(key, text, store.area);
  }

  // The text a value is stored as, checked as the server checks it: it throws what the server would refuse.
  function encode(store, field, key, value) {
    const p = problem(field.schema, value, isFloat(field));
    if (p) {
      // A number of the right kind that does not fit is out of range; anything else is of the wrong type.
      const range = typeof value === 'number' && (field.schema.type === 'integer' ? Number.isInteger(value)
        : field.schema.type === 'number' && isFinite(value));
      throw new (range ? RangeError : TypeError)(`${store.name}.${field.name}: ${p}`);
    }
    const text = JSON.stringify(field.ttlSeconds ? { expires: Date.now() + field.ttlSeconds * 1000, value: value } : value);
    // The server's limits, from its run-time configuration (the glue's _core.configure).
    const over = core.schema.room(store.area, key, text);
    if (over && over.limit) {
      throw named('QuotaExceededError', `${store.name}.${field.name}: the value is ${over.bytes} bytes in UTF-8, over the limit of `
        + `${over.limit} for one value; nothing was written`);
    }
    if (over) {
      throw named('QuotaExceededError', `${store.name}.${field.name}: the app's ${store.area}Storage would hold ${over.units} UTF-16 units,`
        + ` over its budget of ${over.budget}; nothing was written`);
    }
    return text;
  }

  // A change of a versioned store's marker changes what all its fields read.
  function dispatch(change) {
    listeners.forEach(l => {
      const marker = l.store.version > 1 && `${api.app()}:${l.store.namespace}` === change.key;
      if (l.area !== change.area || (`${api.app()}:${l.field.key}` !== change.key && !marker)) return;
      try {
        l.fn(decode(l.store, l.field, marker ? api.get(appKey(l.field), l.area) : change.value), change);
      } catch (e) {
        console.error(e);
      }
    });
  }

  function fieldOf(store, fields, name) {
    const field = fields[name];
    if (!field) throw new TypeError(`store ${store.name} has no field ${JSON.stringify(name)}`);
    return field;
  }

  function defineStore(definition) {
    if (stores[definition.name]) return stores[definition.name];
    const fields = Object.create(null);
    // namespace and version: for the store's version marker (core.schema.age).
    const meta = { name: definition.name, namespace: definition.name, area: definition.area, version: definition.version };
    const store = {
      /** The field's stored value, or its default. */
      get(name) {
        const field = fieldOf(meta, fields, name);
        return decode(meta, field, api.get(appKey(field), meta.area));
      },
      /** Checks and stores a value, and tells the server; null removes it. */
      set(name, value) {
        write(meta, fieldOf(meta, fields, name), value);
      },
      /** Removes the field's value (it reads as its default) and tells the server. */
      remove(name) {
        write(meta, fieldOf(meta, fields, name), null);
      },
      /**
       * Calls fn(value, change) when the field changes: by a server batch, another tab, a bound
       * field or a write on this page; returns a function that stops it.
       */
      onChange(name, fn) {
        const listener = { area: meta.area, store: meta, field: fieldOf(meta, fields, name), fn: fn };
        if (!listening) {
          api.onChange(dispatch);
          listening = true;
        }
        listeners.push(listener);
        return () => {
          const i = listeners.indexOf(listener);
          if (i >= 0) listeners.splice(i, 1);
        };
      }
    };
    definition.fields.forEach(field => {
      fields[field.name] = field;
      // A field named like a method stays reachable through get() and set().
      if (METHODS.indexOf(field.name) >= 0) return;
      Object.defineProperty(store, field.name, {
        enumerable: true,
        get: () => store.get(field.name),
        set: value => store.set(field.name, value)
      });
    });
    stores[definition.name] = Object.freeze(store);
    return stores[definition.name];
  }

  api.defineStore = defineStore;
  api.stores = stores;
})();
