// Form binding (binding.js) as served: the names fields are bound by come from the server, and
// bound values are checked against the server's limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser } from './fake-browser.mjs';

function withBinding(limits) {
  const b = browser();
  b.run('storage.js', 'schema.js', 'cookies.js', 'binding.js');
  b.configure(limits);
  b.window.BrowserStorage.start({ app: 'demo', path: 'ws://localhost/sync' });
  return b;
}

test('a cookie store is bound by the name the server gives, not one the glue derives', () => {
  const b = withBinding({});
  b.window.BrowserStorage.define({ formatVersion: 1, stores: [{ type: 'demo.UiCookies', area: 'cookie', name: 'chosenByServer',
    fields: [{ name: 'lang', key: 'lang', javaType: 'java.lang.String', schema: { type: 'string' }, default: 'en',
      cookieEncoding: 'text', cookie: { path: '/' } }] }] });
  b.window.document.cookie = 'lang=fr';

  assert.equal(b.window.BrowserStorage.value('chosenByServer.lang'), 'fr');
  assert.throws(() => b.window.BrowserStorage.value('uiCookies.lang'), /names no field/);
});

test('a localStorage store is bound by its namespace, by field name and by key', () => {
  const b = withBinding({});
  b.window.BrowserStorage.define({ formatVersion: 1, stores: [{ type: 'demo.Prefs', area: 'local', namespace: 'prefs',
    name: 'prefs', fields: [{ name: 'theme', key: 'prefs.colour', javaType: 'java.lang.String', schema: { type: 'string' },
      default: 'light' }] }] });
  b.window.localStorage.setItem('demo:prefs.colour', '"dark"');

  assert.equal(b.window.BrowserStorage.value('prefs.theme'), 'dark');
  assert.equal(b.window.BrowserStorage.value('prefs.colour'), 'dark');
});

test('define() refuses a document of another format', () => {
  const b = withBinding({});
  assert.throws(() => b.window.BrowserStorage.define({ formatVersion: 2, stores: [] }), /formatVersion: 1/);
});
