// A minimal browser for the glue's unit tests: window, document (events, cookies, a flat list of
// elements instead of a DOM tree), localStorage and sessionStorage, location and a WebSocket that
// records what the glue sends. The
// scripts run as served: the build's minified copies in target/classes (GLUE_DIR overrides).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
export const GLUE_DIR = process.env.GLUE_DIR ||
  path.resolve(here, '../../../target/classes/META-INF/browser-storage/glue');

/** The served text of a glue file. */
export function served(file) {
  return readFileSync(path.join(GLUE_DIR, file), 'utf8');
}

class FakeStorage {
  constructor() {
    this.map = new Map();
    this.quota = Infinity;
  }
  get length() {
    return this.map.size;
  }
  key(i) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }
  setItem(key, value) {
    const used = [...this.map].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + String(value).length > this.quota) {
      const e = new Error('QuotaExceededError: the quota has been exceeded');
      e.name = 'QuotaExceededError';
      throw e;
    }
    this.map.set(key, String(value));
  }
  removeItem(key) {
    this.map.delete(key);
  }
}

class Events {
  constructor() {
    this.listeners = {};
  }
  addEventListener(type, fn) {
    (this.listeners[type] = this.listeners[type] || []).push(fn);
  }
  removeEventListener(type, fn) {
    this.listeners[type] = (this.listeners[type] || []).filter(f => f !== fn);
  }
  dispatchEvent(event) {
    (this.listeners[event.type] || []).forEach(fn => fn(event));
    return true;
  }
}

/**
 * A form control, or any element: attributes, the properties the glue sets (value, checked,
 * readOnly, disabled) and, in assigned, every value and checked state the glue ever gave it.
 */
class FakeElement extends Events {
  constructor(tag, attributes = {}) {
    super();
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.type = attributes.type || (tag === 'select' ? 'select-one' : tag);
    this.attributes = new Map(Object.entries(attributes));
    this.readOnly = false;
    this.disabled = false;
    this.children = [];
    this.assigned = [];
    this.shown = '';
    this.ticked = false;
  }
  get value() {
    return this.shown;
  }
  set value(text) {
    this.assigned.push(text);
    this.shown = String(text);
  }
  get checked() {
    return this.ticked;
  }
  set checked(on) {
    this.assigned.push(on);
    this.ticked = on;
  }
  hasAttribute(name) {
    return this.attributes.has(name);
  }
  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }
  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }
  removeAttribute(name) {
    this.attributes.delete(name);
  }
  appendChild(child) {
    this.children.push(child);
    return child;
  }
  querySelectorAll(selector) {
    return this.children.filter(child => matches(child, selector));
  }
}

// The selectors the glue uses: [attribute] and tag[type=...][attribute].
function matches(el, selector) {
  const m = /^([a-z]*)((?:\[[^\]]+\])*)$/.exec(selector);
  if (!m || (m[1] && el.tagName !== m[1].toUpperCase())) return false;
  return (m[2].match(/\[[^\]]+\]/g) || []).every(part => {
    const [name, value] = part.slice(1, -1).split('=');
    return value === undefined ? el.hasAttribute(name) : (name === 'type' ? el.type : el.getAttribute(name)) === value;
  });
}

/**
 * A new browser: {window, run(...files), sockets, sent(type), cookies}. Timers do not run unless a
 * test calls them (tick()); sockets open when a test calls open().
 */
export function browser(options = {}) {
  const document = new Events();
  const window = new Events();
  const jar = new Map();
  const timers = [];
  const sockets = [];
  const location = new URL(options.url || 'http://localhost:8080/page');

  document.readyState = 'complete';
  document.visibilityState = 'visible';
  document.currentScript = null;
  document.getElementsByTagName = () => [];
  document.nodeType = 9;
  document.head = new FakeElement('head');
  document.documentElement = new FakeElement('html');
  document.body = new FakeElement('body');
  document.createElement = tag => new FakeElement(tag);
  document.querySelectorAll = selector => document.body.querySelectorAll(selector);
  Object.defineProperty(document, 'cookie', {
    get: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    set: text => {
      const [pair, ...attributes] = text.split(/; */);
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (attributes.some(a => /^max-age=0$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
  });

  class CustomEvent {
    constructor(type, init) {
      this.type = type;
      this.detail = init && init.detail;
    }
  }

  class WebSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      sockets.push(this);
    }
    send(text) {
      this.sent.push(JSON.parse(text));
    }
    close() {
      this.readyState = 3;
      if (this.onclose) this.onclose({});
    }
    /** The server accepts the socket. */
    open() {
      this.readyState = 1;
      this.onopen({});
    }
    /** A frame from the server. */
    receive(frame) {
      this.onmessage({ data: JSON.stringify(frame) });
    }
  }

  Object.assign(window, {
    window, document, location, WebSocket, CustomEvent, TextEncoder, URL, console,
    localStorage: new FakeStorage(),
    sessionStorage: new FakeStorage(),
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => {}
  });
  const context = vm.createContext(window);
  return {
    window,
    sockets,
    jar,
    /** Runs glue files, as served, in this browser. */
    run(...files) {
      files.forEach(file => vm.runInContext(served(file), context, { filename: file }));
    },
    /** Evaluates script text in this browser. */
    eval(text) {
      return vm.runInContext(text, context);
    },
    /** A new element in the page's body (not yet bound: the glue binds what is there when it binds). */
    element(tag, attributes) {
      return document.body.appendChild(new FakeElement(tag, attributes));
    },
    /** The user edits a control: its value changes (not as the glue's assignment) and it fires type. */
    edit(el, text, type = 'change') {
      el.shown = text;
      document.dispatchEvent({ type: type, target: el });
    },
    /** What the glue sent over its last socket, of one frame type. */
    sent(type) {
      const socket = sockets[sockets.length - 1];
      return socket ? socket.sent.filter(f => f.t === type) : [];
    },
    /** The limits the served glue ends with. */
    configure(limits) {
      window.BrowserStorage._core.configure(Object.assign({
        maxValueBytes: 1048576, maxAreaUnits: 5242880, maxNameValueBytes: 4096, maxAttributeBytes: 1024
      }, limits));
    }
  };
}
