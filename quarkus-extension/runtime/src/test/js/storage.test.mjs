// The core, storage.js, as served: the sync protocol over a fake socket, and the internal
// interface the parts register through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser } from './fake-browser.mjs';

function started() {
  const b = browser();
  b.run('storage.js');
  b.window.localStorage.setItem('demo:prefs.theme', '"dark"');
  b.window.localStorage.setItem('other:key', '1');
  b.window.BrowserStorage.start({ app: 'demo', path: 'ws://localhost:8080/_storage/sync' });
  b.sockets[0].open();
  return b;
}

test('the hello carries the app\'s keys only, and the tab', () => {
  const b = started();
  const [hello] = b.sent('hello');
  assert.equal(hello.app, 'demo');
  assert.deepEqual(JSON.parse(JSON.stringify(hello.local)), { 'demo:prefs.theme': '"dark"' });
  assert.equal(hello.tab, b.window.BrowserStorage.tabId());
});

test('a batch is applied and acknowledged, and listeners hear of it', () => {
  const b = started();
  const changes = [];
  b.window.BrowserStorage.onChange(c => changes.push(c.key + '=' + c.value));
  b.sockets[0].receive({ t: 'welcome', tab: b.window.BrowserStorage.tabId() });
  b.sockets[0].receive({ t: 'batch', id: 1, writes: [{ area: 'local', key: 'demo:prefs.size', value: '3' }] });

  assert.equal(b.window.localStorage.getItem('demo:prefs.size'), '3');
  assert.deepEqual(b.sent('ack').map(f => f.id), [1]);
  assert.deepEqual(changes, ['demo:prefs.size=3']);
  assert.equal(b.window.BrowserStorage.state(), 'open');
});

test('a batch that writes outside the namespace fails as a whole', () => {
  const b = started();
  b.sockets[0].receive({ t: 'batch', id: 1, writes: [
    { area: 'local', key: 'demo:a', value: '1' }, { area: 'local', key: 'other:b', value: '2' }] });

  assert.equal(b.window.localStorage.getItem('demo:a'), null);
  const [fail] = b.sent('fail');
  assert.equal(fail.id, 1);
  assert.equal(fail.key, 'other:b');
});

test('a cookie write without the cookie road fails naming the setting', () => {
  const b = started();
  b.sockets[0].receive({ t: 'batch', id: 1, writes: [{ area: 'cookie', key: 'c', value: 'v', cookie: {} }] });
  assert.match(b.sent('fail')[0].message, /quarkus\.browser-storage\.glue\.cookies=true/);
});

test('set() stores and reports JSON text; keys outside the app are refused', () => {
  const b = started();
  b.window.BrowserStorage.set('demo:x', '{"a":1}');
  assert.equal(b.window.localStorage.getItem('demo:x'), '{"a":1}');
  assert.deepEqual(b.sent('change').map(f => f.key), ['demo:x']);
  assert.throws(() => b.window.BrowserStorage.set('other:x', '1'), /outside the namespace/);
  assert.throws(() => b.window.BrowserStorage.set('demo:__bs.applied', '1'), /outside the namespace/);
});

test('a part registered after start is started at once; configure keeps the server\'s limits', () => {
  const b = started();
  const core = b.window.BrowserStorage._core;
  let calls = 0;
  core.use({ started: () => calls++ });
  b.configure({ maxValueBytes: 10 });

  assert.equal(calls, 1);
  assert.equal(core.config.maxValueBytes, 10);
  assert.equal(core.schema, null);
  assert.equal(Object.keys(b.window.BrowserStorage).indexOf('_core'), -1, 'not part of the page\'s API');
});
