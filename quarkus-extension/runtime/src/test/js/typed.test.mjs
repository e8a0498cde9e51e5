// The typed stores' runtime (typed.js) as served: checked against the server's run-time limits,
// which the glue receives, not limits written into the generated definitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser } from './fake-browser.mjs';

function withStore(limits) {
  const b = browser();
  b.run('storage.js', 'schema.js', 'typed.js');
  b.configure(limits);
  b.window.BrowserStorage.start({ app: 'demo', path: 'ws://localhost/sync' });
  return b.window.BrowserStorage.defineStore({ name: 'notes', area: 'local', type: 'demo.Notes', fields: [
    { name: 'text', key: 'notes.text', javaType: 'java.lang.String', schema: { type: 'string' }, default: '' },
    { name: 'count', key: 'notes.count', javaType: 'int',
      schema: { type: 'integer', minimum: -2147483648, maximum: 2147483647 }, default: 0 }
  ] }) && b;
}

test('a value over the configured max-value-bytes is refused and not written', () => {
  const b = withStore({ maxValueBytes: 12 });
  const notes = b.window.BrowserStorage.stores.notes;
  notes.text = '1234567890';
  assert.throws(() => { notes.text = '12345678901'; },
    e => e.name === 'QuotaExceededError' && /13 bytes in UTF-8, over the limit of 12/.test(e.message));
  assert.equal(notes.text, '1234567890');
  assert.equal(b.window.localStorage.getItem('demo:notes.text'), '"1234567890"');
});

test('an area over the configured max-area-units is refused', () => {
  const b = withStore({ maxAreaUnits: 40 });
  const notes = b.window.BrowserStorage.stores.notes;
  notes.text = 'x'.repeat(20);
  assert.throws(() => { notes.count = 1234567; }, e => e.name === 'QuotaExceededError' && /budget of 40/.test(e.message));
});

test('values of the wrong type or range are refused as the codecs would', () => {
  const b = withStore({});
  const notes = b.window.BrowserStorage.stores.notes;
  assert.throws(() => { notes.count = 'three'; }, e => e.name === 'TypeError');
  assert.throws(() => { notes.count = 2 ** 31; }, e => e.name === 'RangeError');
  notes.count = 3;
  assert.equal(notes.count, 3);
});

test('typed.js needs the glue with its shared checks', () => {
  const b = browser();
  b.run('storage.js');
  assert.throws(() => b.run('typed.js'), /no schema\.js/);
});
