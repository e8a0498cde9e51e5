/*
 * browser-storage glue, internal module: the checks bound fields (binding.js) and typed stores
 * (typed.js) share, written once: the string formats of the stores' JSON schemas, read as java.time
 * and the codecs read them (docs/annotations.md), the server's limits on what the page stores, and
 * the store versions and signed values they read alike (docs/javascript.md#versions-and-protected-values).
 * The server serves it after the core, storage.js, when the application has stores; it registers
 * with the core through BrowserStorage._core. Plain ES2017 inside what HtmlUnit runs.
 */
(function () {
  'use strict';

  const core = window.BrowserStorage && window.BrowserStorage._core;
  if (!core) throw new Error('browser-storage: schema.js needs storage.js before it');
  if (core.schema) return;

  // The app's keys and values in an area, in UTF-16 units (as browsers and the server count),
  // leaving out one key.
  function areaUnits(area, except) {
    const values = core.snapshot(area);
    return Object.keys(values).reduce((sum, key) => key === except ? sum : sum + key.length + values[key].length, 0);
  }

  // Why storing text under key would be refused by the server's limits, or null: {bytes, limit} for a
  // value over maxValueBytes in UTF-8, {units, budget} for an area over maxAreaUnits.
  function room(area, key, text) {
    const config = core.config;
    const bytes = core.utf8Length(text);
    if (bytes > config.maxValueBytes) return { bytes: bytes, limit: config.maxValueBytes };
    const units = areaUnits(area, key) + key.length + text.length;
    return units > config.maxAreaUnits ? { units: units, budget: config.maxAreaUnits } : null;
  }

  // As java.time reads them: a year of four digits, or signed with more; date-time is an Instant
  // (seconds required, an offset or Z), local-date-time a LocalDateTime (seconds optional).
  const YEAR = '([+-]\\d{5,}|-?\\d{4})-\\d\\d-\\d\\d';
  const TIME = 'T\\d\\d:\\d\\d';
  const FORMATS = {
    uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    decimal: /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/,
    date: new RegExp(`^${YEAR}$`),
    'local-date-time': new RegExp(`^${YEAR}${TIME}(:\\d\\d(\\.\\d{1,9})?)?$`),
    'date-time': new RegExp(`^${YEAR}${TIME}:\\d\\d(\\.\\d{1,9})?(Z|[+-]\\d\\d:\\d\\d)$`),
    duration: /^[-+]?P(?!$)([-+]?\d+D)?(T(?=[-+\d])([-+]?\d+H)?([-+]?\d+M)?([-+]?\d+([.,]\d{1,9})?S)?)?$/i
  };

  // A date must name a day the calendar has (no 2026-02-30) and a time must be in range, as
  // java.time reads them; the formats only check the shape.
  function realCalendar(text) {
    const m = /^([+-]?\d{4,})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?)?/.exec(text);
    if (!m) return true;
    const year = Number(m[1]);
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(m[2]) - 1];
    return Number(m[3]) >= 1 && Number(m[3]) <= days && !(m[4] > 23 || m[5] > 59 || m[6] > 59);
  }

  // ---- versioned stores and signed values (docs/javascript.md#versions-and-protected-values)

  // The marker of each versioned store that has warned of a newer version.
  const warned = {};

  // Where a store ({area, namespace, version}) stands: 0 current, -1 older (the server has not
  // migrated it yet), 1 newer or unreadable (after a rollback deploy). Its version is the marker
  // '<app>:<namespace>' as decimal text; without one, 1 if the store has a key, else the store is
  // empty and counts as current. Version 1 stores (no version given) read no marker.
  function age(store) {
    const version = store.version;
    if (!(version > 1)) return 0;
    const key = core.prefix() + store.namespace;
    let stored = version;
    try {
      const marker = core.storage(store.area).getItem(key);
      if (marker !== null) stored = /^\d{1,9}$/.test(marker) ? +marker : Infinity;
      else if (Object.keys(core.snapshot(store.area)).some(k => k.startsWith(key + '.'))) stored = 1;
    } catch (e) {
      // No storage: nothing stored to be of another version.
    }
    if (stored > version && !warned[key]) {
      warned[key] = true;
      console.warn(`browser-storage: ${key} is newer than ${version} or unreadable: defaults, read-only`);
    }
    return stored < version ? -1 : stored > version ? 1 : 0;
  }

  // Before a write the glue makes to a current versioned store: one without its marker (empty until
  // now) gets it, reported to the server as any change.
  function stamp(store) {
    const key = core.prefix() + store.namespace;
    const version = String(store.version);
    if (store.version > 1 && core.storage(store.area).getItem(key) === null) {
      core.put(store.area, key, version);
      core.change(store.area, key, version);
    }
  }

  // The text under a signed value's seal, s.<kid>.<exp>.<mac>.<text> (the page cannot check the mac:
  // the server does), or null when the text is not sealed or is past its expiry (<exp>, epoch seconds).
  function unseal(text) {
    const m = /^s\.[\w-]{1,8}\.(\d*)\.[\w-]{43}\.([\s\S]*)$/.exec(text);
    return m && !(m[1] && m[1] * 1000 < Date.now()) ? m[2] : null;
  }

  core.use({ schema: { formats: FORMATS, realCalendar: realCalendar, room: room, age: age, stamp: stamp, unseal: unseal } });
})();
