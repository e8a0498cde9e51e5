/*
 * browser-storage glue, internal module: the checks bound fields (binding.js) and typed stores
 * (typed.js) share, written once: the string formats of the stores' JSON schemas, read as java.time
 * and the codecs read them (docs/annotations.md), and the server's limits on what the page stores.
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

  core.use({ schema: { formats: FORMATS, realCalendar: realCalendar, room: room } });
})();
