// Versioned stores (issue #18) in bound fields (binding.js) and typed stores (typed.js), as served:
// the marker '<app>:<namespace>', a store of an older version waiting for the server's migration, a
// newer one read-only, and the marker a fresh store gets with its first write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser } from './fake-browser.mjs';

const THEME = { name: 'theme', key: 'prefs.theme', javaType: 'java.lang.String', schema: { type: 'string' }, default: 'light' };
const SIZE = { name: 'size', key: 'prefs.size', javaType: 'int',
  schema: { type: 'integer', minimum: -2147483648, maximum: 2147483647 }, default: 14 };
const SCHEMAS = { formatVersion: 1, stores: [{ type: 'demo.Prefs', area: 'local', namespace: 'prefs', name: 'prefs', version: 2,
  fields: [THEME, SIZE] }] };

/**
 * A browser holding localStorage values (key -> text) before the glue's files start, with a text
 * input per bound name (bound once the schemas are defined); console warnings are kept.
 */
function started(held, files, fields = []) {
  const b = browser();
  Object.keys(held).forEach(key => b.window.localStorage.setItem(key, held[key]));
  const elements = fields.map(name => b.element('input', { type: 'text', 'data-storage': name }));
  const warnings = [];
  b.window.console = Object.assign(Object.create(console), { warn: (...args) => warnings.push(args.join(' ')) });
  b.run(...files);
  b.configure({});
  b.window.BrowserStorage.start({ app: 'demo', path: 'ws://localhost/sync' });
  b.sockets[0].open();
  return { b, elements, warnings };
}

/** started() with the v2 store bound and typed. */
function page(held = {}, fields = []) {
  const { b, elements, warnings } = started(held, ['storage.js', 'schema.js', 'binding.js', 'typed.js'], fields);
  b.window.BrowserStorage.define(SCHEMAS);
  const prefs = b.window.BrowserStorage.defineStore({ name: 'prefs', area: 'local', type: 'demo.Prefs', version: 2,
    fields: [THEME, SIZE] });
  return { b, prefs, elements, warnings };
}

test('a fresh store reads its defaults, and its first typed write writes the marker first, reported as a change', () => {
  const { b, prefs } = page();
  assert.equal(prefs.theme, 'light');
  prefs.theme = 'dark';

  assert.equal(b.window.localStorage.getItem('demo:prefs'), '2');
  assert.equal(b.window.localStorage.getItem('demo:prefs.theme'), '"dark"');
  assert.deepEqual(b.sent('change').map(f => `${f.key}=${f.value}`), ['demo:prefs=2', 'demo:prefs.theme="dark"']);
  assert.equal(prefs.theme, 'dark');
  prefs.size = 16;
  assert.equal(b.sent('change').filter(f => f.key === 'demo:prefs').length, 1, 'the marker is written once');
});

test('a fresh store\'s first bound edit writes the marker too, before the field\'s change', () => {
  const { b, elements: [theme] } = page({}, ['prefs.theme']);
  assert.equal(theme.value, 'light');
  assert.equal(theme.hasAttribute('data-storage-pending'), false);
  b.edit(theme, 'dark');

  assert.equal(b.window.localStorage.getItem('demo:prefs'), '2');
  assert.deepEqual(b.sent('change').map(f => `${f.key}=${f.value}`), ['demo:prefs=2', 'demo:prefs.theme="dark"']);
});

test('a current store with its marker reads and writes as any store', () => {
  const { b, prefs, elements: [theme] } = page({ 'demo:prefs': '2', 'demo:prefs.theme': '"dark"' }, ['prefs.theme']);
  assert.equal(theme.value, 'dark');
  assert.equal(prefs.theme, 'dark');
  prefs.theme = 'blue';
  assert.deepEqual(b.sent('change').map(f => f.key), ['demo:prefs.theme']);
  assert.equal(theme.readOnly, false);
});

test('v1 values: bound fields wait hidden and are never given an old value; the server\'s batch fills them', () => {
  // Version 1 values that v2's schema would take, with another meaning: the theme's constant in
  // capitals, the size in points where v2 keeps pixels.
  const held = { 'demo:prefs.theme': '"DARK"', 'demo:prefs.size': '12' };
  const { b, prefs, elements: [theme, size] } = page(held, ['prefs.theme', 'prefs.size']);

  for (const el of [theme, size]) {
    assert.equal(el.getAttribute('data-storage-pending'), '', 'marked pending');
    assert.deepEqual(el.assigned, [], 'not filled at all while pending');
  }
  const style = b.window.document.head.children.filter(el => el.tagName === 'STYLE');
  assert.deepEqual(style.map(el => el.textContent), ['[data-storage-pending]{visibility:hidden}'], 'one style rule');
  assert.equal(prefs.theme, 'light', 'typed reads give the default');
  assert.equal(prefs.size, 14);
  assert.equal(b.window.BrowserStorage.value('prefs.theme'), 'light');
  assert.throws(() => { prefs.theme = 'dark'; }, e => e.name === 'InvalidStateError' && /not migrated/.test(e.message));
  assert.throws(() => prefs.remove('size'), e => e.name === 'InvalidStateError');
  b.edit(theme, 'dark');
  assert.equal(b.window.localStorage.getItem('demo:prefs.theme'), '"DARK"', 'a bound edit stores nothing');
  assert.equal(b.window.localStorage.getItem('demo:prefs'), null, 'and writes no marker');
  assert.deepEqual(b.sent('change'), []);

  const heard = [];
  prefs.onChange('theme', value => heard.push(`theme=${value}`));
  prefs.onChange('size', value => heard.push(`size=${value}`));
  // The server's migration: the theme rewritten, the size untouched by the steps, the marker set.
  b.sockets[0].receive({ t: 'batch', id: 1, writes: [
    { area: 'local', key: 'demo:prefs.theme', value: '"dark"' },
    { area: 'local', key: 'demo:prefs.size', value: '16' },
    { area: 'local', key: 'demo:prefs', value: '2' }] });

  assert.deepEqual(b.sent('ack').map(f => f.id), [1]);
  assert.equal(theme.hasAttribute('data-storage-pending'), false);
  assert.equal(theme.value, 'dark');
  assert.equal(size.value, '16');
  for (const el of [theme, size]) {
    assert.equal(el.assigned.indexOf('DARK'), -1, 'never assigned the old theme');
    assert.equal(el.assigned.indexOf('12'), -1, 'never assigned the old size');
    assert.equal(el.readOnly, false);
  }
  assert.equal(prefs.theme, 'dark');
  assert.ok(heard.includes('theme=dark') && heard.includes('size=16'), heard.join());
  prefs.theme = 'blue';
  assert.equal(b.window.localStorage.getItem('demo:prefs.theme'), '"blue"');
});

test('a batch that only sets the marker makes the store current: its fields show the values kept', () => {
  const { b, prefs, elements: [theme] } = page({ 'demo:prefs.theme': '"dark"' }, ['prefs.theme']);
  const heard = [];
  prefs.onChange('theme', value => heard.push(value));
  assert.deepEqual(theme.assigned, []);
  b.sockets[0].receive({ t: 'batch', id: 1, writes: [{ area: 'local', key: 'demo:prefs', value: '2' }] });

  assert.equal(theme.value, 'dark');
  assert.equal(theme.hasAttribute('data-storage-pending'), false);
  assert.deepEqual(heard, ['dark'], 'typed listeners hear the value the store now reads');
});

test('a marker of version 1 is older too', () => {
  const { prefs, elements: [theme] } = page({ 'demo:prefs': '1' }, ['prefs.theme']);
  assert.equal(theme.hasAttribute('data-storage-pending'), true);
  assert.throws(() => { prefs.theme = 'dark'; }, e => e.name === 'InvalidStateError');
});

test('a newer version: defaults, read-only, one console warning, typed writes throw', () => {
  const held = { 'demo:prefs': '3', 'demo:prefs.theme': '{"colour":"dark"}' };
  const { b, prefs, warnings, elements: [theme, size] } = page(held, ['prefs.theme', 'prefs.size']);

  assert.equal(theme.value, 'light');
  assert.equal(size.value, '14');
  assert.equal(theme.hasAttribute('data-storage-pending'), false);
  assert.equal(theme.readOnly, true);
  assert.equal(theme.getAttribute('data-storage-readonly'), 'readOnly');
  assert.equal(prefs.theme, 'light');
  assert.equal(prefs.get('size'), 14);
  assert.throws(() => { prefs.theme = 'blue'; }, e => e.name === 'InvalidStateError' && /newer or unreadable/.test(e.message));
  b.edit(theme, 'blue');
  assert.equal(b.window.localStorage.getItem('demo:prefs.theme'), '{"colour":"dark"}', 'untouched');
  assert.equal(theme.value, 'light', 'the edit is undone');
  assert.deepEqual(b.sent('change'), []);
  assert.equal(warnings.filter(w => /demo:prefs/.test(w)).length, 1, warnings.join('\n'));

  // RESET on the server: the keys removed and the marker set; the fields are writable again.
  b.sockets[0].receive({ t: 'batch', id: 1, writes: [
    { area: 'local', key: 'demo:prefs.theme', value: null }, { area: 'local', key: 'demo:prefs', value: '2' }] });
  assert.equal(theme.readOnly, false);
  assert.equal(theme.hasAttribute('data-storage-readonly'), false);
  prefs.theme = 'blue';
  assert.equal(prefs.theme, 'blue');
});

test('a marker edited to garbage counts as a newer version: defaults, read-only', () => {
  const { b, prefs, warnings, elements: [theme] } = page({ 'demo:prefs': '2', 'demo:prefs.theme': '"dark"' }, ['prefs.theme']);
  assert.equal(theme.value, 'dark');
  for (const garbage of ['two', '2.0', ' 2', '', '99999999999']) {
    b.window.localStorage.setItem('demo:prefs', garbage);
    b.window.dispatchEvent({ type: 'storage', storageArea: b.window.localStorage, key: 'demo:prefs', newValue: garbage });
    assert.equal(theme.value, 'light', JSON.stringify(garbage));
    assert.equal(theme.readOnly, true);
    assert.equal(prefs.theme, 'light');
    assert.throws(() => { prefs.theme = 'blue'; }, e => e.name === 'InvalidStateError');
  }
  assert.equal(warnings.filter(w => /demo:prefs/.test(w)).length, 1, 'one warning a store');
});

test('a field its page author made read-only stays read-only when the store turns current', () => {
  const { b, elements: [theme] } = started({ 'demo:prefs': '3' }, ['storage.js', 'schema.js', 'binding.js'], ['prefs.theme']);
  theme.readOnly = true;
  b.window.BrowserStorage.define(SCHEMAS);
  b.window.localStorage.setItem('demo:prefs', '2');
  b.window.BrowserStorage.bind();
  assert.equal(theme.readOnly, true);
});

test('version 1 stores never read nor write a marker', () => {
  const { b } = started({ 'demo:prefs': 'garbage' }, ['storage.js', 'schema.js', 'typed.js']);
  const prefs = b.window.BrowserStorage.defineStore({ name: 'prefs', area: 'local', type: 'demo.Prefs', fields: [THEME] });
  prefs.theme = 'dark';
  assert.equal(prefs.theme, 'dark');
  assert.deepEqual(b.sent('change').map(f => f.key), ['demo:prefs.theme']);
  assert.equal(b.window.localStorage.getItem('demo:prefs'), 'garbage');
});

test('a sessionStorage store keeps its marker in sessionStorage', () => {
  const { b } = started({ 'demo:draft.text': '"v1 in the other area"' }, ['storage.js', 'schema.js', 'typed.js']);
  const draft = b.window.BrowserStorage.defineStore({ name: 'draft', area: 'session', type: 'demo.Draft', version: 3, fields: [
    { name: 'text', key: 'draft.text', javaType: 'java.lang.String', schema: { type: 'string' }, default: '' }] });
  draft.text = 'hello';
  assert.equal(b.window.sessionStorage.getItem('demo:draft'), '3');
  assert.equal(b.window.localStorage.getItem('demo:draft'), null);
});
