// Signed and encrypted fields (issue #18) in bound fields (binding.js) and typed stores (typed.js),
// as served: a signed value reads as the text under its seal, s.<kid>.<exp>.<mac>.<text> (the
// server checks the mac, the page cannot), or as the default when it is not sealed or has expired;
// only the server writes it. Encrypted fields are opaque: never bound, never decoded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browser, served } from './fake-browser.mjs';

const MAC = 'A'.repeat(21) + '-_' + 'z9'.repeat(10);
const LATER = Math.ceil(Date.now() / 1000) + 3600;
const EARLIER = Math.floor(Date.now() / 1000) - 1;

function signed(text, exp = '', kid = 'k1') {
  return `s.${kid}.${exp}.${MAC}.${text}`;
}

const ROLE = { name: 'role', key: 'account.role', javaType: 'java.lang.String', schema: { type: 'string' }, default: 'guest',
  protection: 'signed' };
const NICK = { name: 'nick', key: 'account.nick', javaType: 'java.lang.String', schema: { type: 'string' }, default: '' };
const TOKEN = { name: 'token', key: 'account.token', javaType: 'java.lang.String', schema: { type: 'string' }, default: '',
  protection: 'encrypted' };
const PLAN = { name: 'plan', key: 'plan', javaType: 'java.lang.String', schema: { type: 'string' }, default: 'free',
  cookieEncoding: 'text', cookie: { path: '/' }, protection: 'signed' };
const SECRET = { name: 'secret', key: 'secret', javaType: 'java.lang.String', schema: { type: 'string' }, default: '',
  cookieEncoding: 'text', cookie: { path: '/' }, protection: 'encrypted' };
const SCHEMAS = { formatVersion: 1, stores: [
  { type: 'demo.Account', area: 'local', namespace: 'account', name: 'account', fields: [ROLE, NICK, TOKEN] },
  { type: 'demo.Billing', area: 'cookie', name: 'billing', fields: [PLAN, SECRET] }] };

function page(held = {}, cookies = [], bound = []) {
  const b = browser();
  Object.keys(held).forEach(key => b.window.localStorage.setItem(key, held[key]));
  cookies.forEach(cookie => { b.window.document.cookie = cookie; });
  const elements = bound.map(([tag, attributes]) => b.element(tag, attributes));
  const warnings = [];
  b.window.console = Object.assign(Object.create(console), { warn: (...args) => warnings.push(args.join(' ')) });
  b.run('storage.js', 'schema.js', 'cookies.js', 'binding.js', 'typed.js');
  b.configure({});
  b.window.BrowserStorage.start({ app: 'demo', path: 'ws://localhost/sync' });
  b.sockets[0].open();
  b.window.BrowserStorage.define(SCHEMAS);
  // As the processor writes it: the encrypted field left out.
  const account = b.window.BrowserStorage.defineStore({ name: 'account', area: 'local', type: 'demo.Account', fields: [ROLE, NICK] });
  return { b, account, elements, warnings, api: b.window.BrowserStorage };
}

test('a signed value reads as the text under its seal, in typed stores and bound fields', () => {
  const { account, api, elements: [role] } = page({ 'demo:account.role': signed('"admin"', LATER) }, [],
    [['input', { type: 'text', 'data-storage': 'account.role' }]]);
  assert.equal(account.role, 'admin');
  assert.equal(account.get('role'), 'admin');
  assert.equal(api.value('account.role'), 'admin');
  assert.equal(role.value, 'admin');
});

test('a seal without an expiry, and one whose text holds dots, read as their text', () => {
  const { account } = page({ 'demo:account.role': signed('"a.b.c"') });
  assert.equal(account.role, 'a.b.c');
});

test('a signed value past its expiry reads as the default', () => {
  const { account, api } = page({ 'demo:account.role': signed('"admin"', EARLIER) });
  assert.equal(account.role, 'guest');
  assert.equal(api.value('account.role'), 'guest');
});

test('a value not in the sealed form reads as the default', () => {
  for (const text of ['"admin"', `s.k1..${MAC.slice(1)}."admin"`, `s.toolongkid..${MAC}."admin"`, `e.k1..${MAC}`,
    `s.k1.soon.${MAC}."admin"`, `x${signed('"admin"')}`]) {
    const { account, api } = page({ 'demo:account.role': text });
    assert.equal(account.role, 'guest', text);
    assert.equal(api.value('account.role'), 'guest', text);
  }
});

test('a typed store refuses to set or remove a signed field, naming it, and writes nothing', () => {
  const { b, account } = page({ 'demo:account.role': signed('"admin"') });
  assert.throws(() => { account.role = 'root'; }, e => e.name === 'TypeError' && /account\.role/.test(e.message));
  assert.throws(() => account.set('role', 'root'), /account\.role is signed: only the server writes it/);
  assert.throws(() => account.remove('role'), /account\.role is signed/);
  assert.equal(b.window.localStorage.getItem('demo:account.role'), signed('"admin"'));
  assert.deepEqual(b.sent('change'), []);
  account.nick = 'ann';
  assert.equal(account.nick, 'ann', 'the store\'s other fields are writable');
});

test('a bound signed field is read-only, an edit stores nothing, and server writes still show', () => {
  const { b, elements: [role, box] } = page({ 'demo:account.role': signed('"admin"') }, [],
    [['input', { type: 'text', 'data-storage': 'account.role' }], ['select', { 'data-storage': 'account.role' }]]);
  assert.equal(role.readOnly, true);
  assert.equal(box.disabled, true, 'a select has no readOnly: disabled');
  assert.equal(box.readOnly, false);
  b.edit(role, 'root', 'input');
  b.edit(role, 'root');
  assert.equal(b.window.localStorage.getItem('demo:account.role'), signed('"admin"'));
  assert.equal(role.value, 'admin', 'the edit is undone');
  assert.deepEqual(b.sent('change'), []);

  b.sockets[0].receive({ t: 'batch', id: 1, writes: [{ area: 'local', key: 'demo:account.role', value: signed('"owner"') }] });
  assert.equal(role.value, 'owner');
  assert.equal(role.readOnly, true);
});

test('typed listeners of a signed field hear the text under the seal', () => {
  const { b, account } = page();
  const heard = [];
  account.onChange('role', value => heard.push(value));
  b.sockets[0].receive({ t: 'batch', id: 1, writes: [{ area: 'local', key: 'demo:account.role', value: signed('"owner"') }] });
  b.sockets[0].receive({ t: 'batch', id: 2, writes: [{ area: 'local', key: 'demo:account.role', value: '"forged"' }] });
  assert.deepEqual(heard, ['owner', 'guest']);
});

test('signed cookies: the seal is stripped before the cookie\'s decoding; unsealed or expired read the default', () => {
  const sealed = signed(encodeURIComponent('gold plan'), LATER);
  const { b, api, elements: [plan] } = page({}, [`plan=${sealed}`], [['input', { type: 'text', 'data-storage': 'billing.plan' }]]);
  assert.equal(api.value('billing.plan'), 'gold plan');
  assert.equal(plan.value, 'gold plan');
  assert.equal(plan.readOnly, true);
  b.edit(plan, 'free');
  assert.equal(b.jar.get('plan'), sealed, 'the cookie is untouched');
  assert.deepEqual(b.sent('change'), []);

  b.window.document.cookie = 'plan=gold';
  assert.equal(api.value('billing.plan'), 'free');
  b.window.document.cookie = `plan=${signed('gold', EARLIER)}`;
  assert.equal(api.value('billing.plan'), 'free');
});

test('encrypted fields have nothing to bind: the no-such-field warning, and their values are never decoded', () => {
  const held = { 'demo:account.token': '"plain-looking"' };
  const { api, warnings, account, elements: [token, secret] } = page(held, ['secret=visible'],
    [['input', { type: 'text', 'data-storage': 'account.token' }], ['input', { type: 'text', 'data-storage': 'billing.secret' }]]);
  assert.deepEqual(token.assigned, []);
  assert.deepEqual(secret.assigned, []);
  assert.ok(warnings.some(w => /data-storage="account\.token" names no field/.test(w)), warnings.join('\n'));
  assert.ok(warnings.some(w => /data-storage="billing\.secret" names no field/.test(w)), warnings.join('\n'));
  assert.throws(() => api.value('account.token'), /names no field/);
  assert.throws(() => account.get('token'), /has no field "token"/);
});

test('stores.d.ts: a readonly (signed) field cannot be assigned, set nor removed; the others can', t => {
  try {
    execFileSync('tsc', ['--version']);
  } catch (e) {
    if (process.env.CI === 'true') throw new Error('CI=true but tsc is not on the PATH');
    t.skip('tsc is not on the PATH');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'stores-d-ts-'));
  writeFileSync(path.join(dir, 'stores.d.ts'), served('stores.d.ts') + `
export interface Account {
  readonly role: string;
  nick: string;
  zoom: number | null;
}
export interface Stores {
  "account": TypedStore<Account>;
}
export declare const account: TypedStore<Account>;
`);
  writeFileSync(path.join(dir, 'use.ts'), `import { account } from "./stores";
const role: string = account.role;
account.nick = account.get("role");
account.set("zoom", null);
account.remove("nick");
account.onChange("role", (value: string) => console.log(value, role));
`);
  writeFileSync(path.join(dir, 'wrong.ts'), `import { account } from "./stores";
account.role = "root";
account.set("role", "root");
account.remove("role");
`);
  const tsc = file => {
    try {
      return execFileSync('tsc', ['--noEmit', '--strict', '--target', 'es2017', '--module', 'esnext', '--moduleResolution',
        'bundler', '--lib', 'es2017,dom', file], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      return e.stdout;
    }
  };
  assert.equal(tsc('use.ts').trim(), '');
  const errors = tsc('wrong.ts');
  assert.match(errors, /wrong\.ts\(2,\d+\): error TS2540: Cannot assign to 'role' because it is a read-only property/);
  assert.match(errors, /wrong\.ts\(3,\d+\): error TS2345/);
  assert.match(errors, /wrong\.ts\(4,\d+\): error TS2345/);
});
