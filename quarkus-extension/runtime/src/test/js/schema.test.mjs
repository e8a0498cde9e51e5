// The checks bound fields and typed stores share (schema.js), and that both paths take the same
// dates: java.time's rule (an Instant needs its seconds and takes an offset; a year of five digits
// needs a sign; the day must be on the calendar).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser } from './fake-browser.mjs';

const ACCEPTED = {
  date: ['2026-02-28', '2024-02-29', '+12026-01-01', '-0001-12-31'],
  'date-time': ['2026-01-01T10:15:30Z', '2026-01-01T10:15:30.123456789Z', '2026-01-01T10:15:30+01:00'],
  'local-date-time': ['2026-01-01T10:15', '2026-01-01T10:15:30', '2026-01-01T10:15:30.5'],
  duration: ['PT1H30M', '-PT1H', 'P1DT2H', 'P-1D', 'PT1,5S']
};
const REFUSED = {
  date: ['2026-02-30', '2025-02-29', '12026-01-01', '+2026-01-01', '2026-1-01'],
  'date-time': ['2026-01-01T10:15Z', '2026-01-01T10:15:30', '2026-01-01T25:00:00Z', '2026-02-30T10:15:30Z'],
  'local-date-time': ['2026-01-01T10:15Z', '2026-01-01', '2026-01-01T10:60'],
  duration: ['PT', 'P', 'P1D-', '1H']
};

const STORE = {
  formatVersion: 1,
  stores: [{ type: 'demo.Dates', area: 'local', namespace: 'dates', name: 'dates', fields: [
    { name: 'date', key: 'dates.date', javaType: 'java.time.LocalDate', schema: { type: 'string', format: 'date' } },
    { name: 'at', key: 'dates.at', javaType: 'java.time.Instant', schema: { type: 'string', format: 'date-time' } },
    { name: 'local', key: 'dates.local', javaType: 'java.time.LocalDateTime',
      schema: { type: 'string', format: 'local-date-time' } },
    { name: 'span', key: 'dates.span', javaType: 'java.time.Duration', schema: { type: 'string', format: 'duration' } }
  ] }]
};
const FIELDS = { date: 'date', 'date-time': 'at', 'local-date-time': 'local', duration: 'span' };

function withBothPaths() {
  const b = browser();
  b.run('storage.js', 'schema.js', 'binding.js', 'typed.js');
  b.configure({});
  b.window.BrowserStorage.start({ app: 'demo', path: 'ws://localhost/sync' });
  b.window.BrowserStorage.define(STORE);
  b.window.BrowserStorage.defineStore({ name: 'dates', area: 'local', type: 'demo.Dates',
    fields: STORE.stores[0].fields.map(f => Object.assign({ default: null }, f)) });
  return b;
}

for (const format of Object.keys(ACCEPTED)) {
  test(`a bound field and a typed store both take every ${format} java.time reads`, () => {
    const b = withBothPaths();
    const api = b.window.BrowserStorage;
    const field = FIELDS[format];
    for (const text of ACCEPTED[format]) {
      api.stores.dates[field] = text;
      assert.equal(api.stores.dates[field], text, `typed store: ${text}`);
      assert.equal(api.value(`dates.${field}`), text, `bound field: ${text}`);
    }
  });

  test(`a bound field and a typed store both refuse ${format} values java.time refuses`, () => {
    const b = withBothPaths();
    const api = b.window.BrowserStorage;
    const field = FIELDS[format];
    for (const text of REFUSED[format]) {
      assert.throws(() => { api.stores.dates[field] = text; }, e => e.name === 'TypeError', `typed store: ${text}`);
      b.window.localStorage.setItem(`demo:dates.${field}`, JSON.stringify(text));
      assert.equal(api.value(`dates.${field}`), null, `bound field reads its default for ${text}`);
      assert.equal(api.stores.dates[field], null, `typed store reads its default for ${text}`);
    }
  });
}

test('room() counts UTF-8 bytes of a value and UTF-16 units of the app\'s area, as configured', () => {
  const b = browser();
  b.run('storage.js', 'schema.js');
  b.configure({ maxValueBytes: 8, maxAreaUnits: 29 });
  b.window.BrowserStorage.start({ app: 'demo', path: 'ws://localhost/sync' });
  const room = b.window.BrowserStorage._core.schema.room;
  b.window.localStorage.setItem('demo:a', '1234567890');

  assert.equal(room('local', 'demo:b', '"é"'), null);
  assert.equal(room('local', 'demo:b', '"ééé"'), null, 'three two-byte characters and two quotes: at the limit');
  assert.deepEqual(plain(room('local', 'demo:b', '"éééé"')), { bytes: 10, limit: 8 });
  assert.equal(room('local', 'demo:b', '1234567'), null, '16 units held, 13 more: at the budget');
  assert.deepEqual(plain(room('local', 'demo:b', '12345678')), { units: 30, budget: 29 });
  assert.equal(room('local', 'demo:a', '12345678'), null, 'the value being replaced does not count');
});

function plain(object) {
  return JSON.parse(JSON.stringify(object));
}
