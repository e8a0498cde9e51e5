// The cookie road (cookies.js) as served: the cookie rules, with the limits the server gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser } from './fake-browser.mjs';

function withCookies(limits) {
  const b = browser();
  b.run('storage.js', 'cookies.js');
  b.configure(limits);
  b.window.BrowserStorage.start({ app: 'demo', path: 'ws://localhost/sync' });
  b.sockets[0].open();
  return b;
}

function batch(b, id, key, value, cookie) {
  b.sockets[0].receive({ t: 'batch', id: id, writes: [{ area: 'cookie', key: key, value: value, cookie: cookie || {} }] });
}

test('a cookie batch is written to document.cookie and acknowledged', () => {
  const b = withCookies({});
  batch(b, 1, 'theme', 'dark');
  assert.equal(b.jar.get('theme'), 'dark');
  assert.deepEqual(b.sent('ack').map(f => f.id), [1]);
  assert.equal(typeof b.window.BrowserStorage.checkCookies, 'function');
});

test('the name-value limit is the server\'s, not a literal of the glue', () => {
  const b = withCookies({ maxNameValueBytes: 20 });
  batch(b, 1, 'name', 'x'.repeat(16));
  batch(b, 2, 'name', 'x'.repeat(17));

  assert.equal(b.jar.get('name'), 'x'.repeat(16));
  const [fail] = b.sent('fail');
  assert.equal(fail.id, 2);
  assert.equal(fail.rule, 'NAME_VALUE_TOO_LONG');
  assert.match(fail.message, /over 20 bytes/);
});

test('the attribute limit is the server\'s too', () => {
  const b = withCookies({ maxAttributeBytes: 10 });
  batch(b, 1, 'a', '1', { path: '/' + 'p'.repeat(10) });
  assert.equal(b.sent('fail')[0].rule, 'ATTRIBUTE_TOO_LONG');
  assert.equal(b.jar.has('a'), false);
});

test('a cookie the rules refuse fails its batch naming the rule, before the browser sees it', () => {
  const b = withCookies({});
  batch(b, 1, '__Host-id', 'v', { path: '/' });
  assert.equal(b.sent('fail')[0].rule, 'HOST_PREFIX');
  assert.equal(b.jar.has('__Host-id'), false);
});

test('cookies changed by page script are reported against the hello\'s baseline', () => {
  const b = withCookies({});
  b.window.document.cookie = 'seen=1';
  b.window.BrowserStorage.checkCookies();
  assert.deepEqual(b.sent('change').map(f => `${f.key}=${f.value}`), ['seen=1']);
});

test('a cookie whose name is an Object property is reported like any other, and its deletion too', () => {
  const b = withCookies({});
  b.window.document.cookie = '__proto__=1';
  b.window.document.cookie = 'constructor=2';
  b.window.BrowserStorage.checkCookies();
  b.window.document.cookie = '__proto__=; Max-Age=0';
  b.window.BrowserStorage.checkCookies();
  assert.deepEqual(b.sent('change').map(f => `${f.key}=${f.value}`), ['__proto__=1', 'constructor=2', '__proto__=null']);
});
