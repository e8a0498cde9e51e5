/*
 * browser-storage glue, sync protocol v1 (docs/protocol.md). Plain ES2017 without a build step;
 * it stays inside what HtmlUnit runs (no class, async, fetch, spread in calls or objects).
 *
 *   <script src="/_storage/storage.js" data-app="demo"></script>
 *
 * Cookies are written with document.cookie everywhere: it is synchronous, so a batch's
 * all-or-nothing step stays one synchronous step. Cookie changes made outside a batch reach the
 * server with the next hello.
 */
(function () {
  'use strict';

  const script = document.currentScript ||
    [].filter.call(document.getElementsByTagName('script'), s => /storage\.js(\?.*)?$/.test(s.src)).pop();

  let prefix = null;   // '<app>:' once started
  let reserved;        // '<app>:__bs.', the glue's own keys
  let appliedKey;      // '<app>:__bs.applied': in localStorage the browser's count, in sessionStorage the tab's
  let tabKey;          // '<app>:__bs.tab' in sessionStorage: this tab's id
  let tab = null;      // this tab's id; sessionStorage belongs to one tab
  let resume = false;  // the next hello continues this tab (a reconnect, or the tab's previous page)
  let url;
  let socket = null;   // the socket that has sent its hello, while it is open
  let state = 'closed';
  let attempts = 0;
  let leaving = false; // the page is being left: no more reconnects
  const listeners = [];

  function own(key) {
    return typeof key === 'string' && key.startsWith(prefix) && !key.startsWith(reserved);
  }

  function checkKey(key) {
    if (prefix === null) throw new Error('BrowserStorage is not started');
    if (!own(key)) throw new Error(`key ${JSON.stringify(key)} is outside the namespace '${prefix}'`);
  }

  function storage(area) {
    if (area === 'local') return window.localStorage;
    if (area === 'session') return window.sessionStorage;
    throw new Error(`unknown area ${JSON.stringify(area)}`);
  }

  function snapshot(area) {
    const values = {};
    try {
      const s = storage(area);
      for (let i = 0; i < s.length; i++) {
        const key = s.key(i);
        if (own(key)) values[key] = s.getItem(key);
      }
    } catch (e) {
      // Storage disabled: the server sees no keys, and a batch for this area fails as 'unavailable'.
    }
    return values;
  }

  // The highest batch id applied: the browser's batches count in localStorage, the tab's own
  // (its sessionStorage) in sessionStorage.
  function applied(area) {
    try {
      return Number(storage(area).getItem(appliedKey)) || 0;
    } catch (e) {
      return 0;
    }
  }

  function session(key, value) {
    try {
      if (value === undefined) return sessionStorage.getItem(key);
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch (e) {
      // sessionStorage disabled: the tab id lives as long as the page.
    }
    return null;
  }

  // Names this tab in a cookie, so that the HTTP requests of the tab the user is using say which
  // tab's sessionStorage they mean (a request can also send BrowserStorage.headers()).
  function claim() {
    if (tab && cookieValues('__bs_tab')[0] !== tab) {
      document.cookie = `__bs_tab=${tab}; Path=/; SameSite=Strict${location.protocol === 'https:' ? '; Secure' : ''}`;
    }
  }

  function fire(name, detail) {
    document.dispatchEvent(new CustomEvent('browser-storage:' + name, { detail: detail }));
  }

  function notify(change) {
    listeners.forEach(fn => {
      try {
        fn(change);
      } catch (e) {
        console.error(e);
      }
    });
  }

  function send(frame) {
    if (socket) socket.send(JSON.stringify(frame));
  }

  // ---- cookies

  function cookieValues(name) {
    return document.cookie.split(/; */)
      .filter(pair => pair.slice(0, pair.indexOf('=')) === name)
      .map(pair => pair.slice(pair.indexOf('=') + 1));
  }

  // document.cookie only shows cookies whose path covers this page, so only those can be verified.
  function visible(path) {
    const here = location.pathname;
    return !path || here === path ||
      (here.startsWith(path) && (path.endsWith('/') || here.charAt(path.length) === '/'));
  }

  // A null value deletes the cookie; the other attributes stay, as __Host-, Secure and Partitioned
  // cookies can only be deleted with them.
  function writeCookie(name, value, c) {
    const remove = value === null;
    let text = `${name}=${remove ? '' : value}; Path=${c.path || '/'}`;
    if (c.domain) text += '; Domain=' + c.domain;
    if (remove) text += '; Max-Age=0';
    else if (c.maxAge) text += '; Max-Age=' + c.maxAge;
    else if (c.expires) text += '; Expires=' + new Date(c.expires).toUTCString();
    if (c.secure) text += '; Secure';
    if (c.sameSite) text += '; SameSite=' + c.sameSite;
    if (c.partitioned) text += '; Partitioned';
    const before = cookieValues(name)[0];
    document.cookie = text;
    const after = cookieValues(name);
    if (visible(c.path) && (remove ? after.indexOf(before) >= 0 : after.indexOf(value) < 0)) {
      const e = new Error(`the browser refused the cookie ${text}`);
      e.name = 'CookieError';
      throw e;
    }
  }

  // ---- batches

  // Browsers throw a DOMException named QuotaExceededError (code 22; Firefox used to name it
  // NS_ERROR_DOM_QUOTA_REACHED); HtmlUnit throws an Error whose message starts with the name.
  function errorCode(e) {
    if (e.code === 22 || /quota/i.test(e.name + ' ' + e.message)) return 'quota';
    return e.name === 'CookieError' ? 'cookie' : 'unavailable';
  }

  function write(w) {
    if (w.area === 'cookie') {
      writeCookie(w.key, w.value, w.cookie || {});
    } else if (!own(w.key)) {
      throw new Error(`key ${JSON.stringify(w.key)} is outside the namespace '${prefix}'`);
    } else if (w.value === null) {
      storage(w.area).removeItem(w.key);
    } else {
      storage(w.area).setItem(w.key, w.value);
    }
  }

  function oldValue(w) {
    if (w.area === 'cookie') {
      const old = cookieValues(w.key);
      return old.length ? old[0] : null;
    }
    return storage(w.area).getItem(w.key);
  }

  function answer(ws, batch, frame) {
    if (batch.tab) frame.tab = true;
    ws.send(JSON.stringify(frame));
  }

  function applyBatch(ws, batch) {
    const counter = batch.tab ? 'session' : 'local';
    if (batch.id <= applied(counter)) {
      answer(ws, batch, { t: 'ack', id: batch.id });
      return;
    }
    const undo = [];
    let current = null;
    try {
      batch.writes.forEach(w => {
        current = w;
        if (w.area === 'cookie' && w.cookie && w.cookie.maxAge === 0) w.value = null;
        const old = oldValue(w);
        write(w);
        undo.push({ area: w.area, key: w.key, value: old, cookie: w.cookie });
      });
      current = null;
      storage(counter).setItem(appliedKey, String(batch.id));
    } catch (e) {
      undo.reverse().forEach(u => {
        try {
          write(u);
        } catch (ignored) {
          // Best effort: the server takes the whole batch back and reports the first error.
        }
      });
      const frame = { t: 'fail', id: batch.id, error: errorCode(e), message: `${e.name}: ${e.message}` };
      if (current) {
        frame.area = current.area;
        frame.key = current.key;
      }
      answer(ws, batch, frame);
      return;
    }
    answer(ws, batch, { t: 'ack', id: batch.id });
    batch.writes.forEach(w => notify({ area: w.area, key: w.key, value: w.value, source: 'server' }));
    fire('batch', { id: batch.id });
  }

  // ---- the socket

  function retry() {
    socket = null;
    state = 'closed';
    if (leaving) return;
    const delay = Math.min(30000, 500 * Math.pow(2, attempts++));
    setTimeout(connect, delay / 2 + Math.random() * delay / 2);
  }

  function connect() {
    state = 'connecting';
    const ws = new WebSocket(url);
    // A handshake that never completes (a stalled proxy or network) is abandoned and retried; its
    // handlers are detached first, since such a socket may never report its close.
    const opening = setTimeout(() => {
      ws.onopen = ws.onmessage = ws.onclose = null;
      try {
        ws.close();
      } catch (ignored) {
        // Already failing: nothing to close.
      }
      retry();
    }, 5000);
    ws.onopen = () => {
      clearTimeout(opening);
      ws.send(JSON.stringify({
        t: 'hello', v: 1, app: prefix.slice(0, -1), page: location.href,
        local: snapshot('local'), session: snapshot('session'),
        cookies: document.cookie.split(/; */).filter(pair => !pair.startsWith('__bs_tab=')).join('; '),
        applied: applied('local'), tab: tab, tabApplied: applied('session'), resume: resume
      }));
      socket = ws;
    };
    ws.onmessage = event => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        console.warn('browser-storage: unreadable frame', event.data);
        return;
      }
      if (frame.t === 'welcome') {
        attempts = 0;
        state = 'open';
        resume = true;
        if (frame.tab !== tab) {
          // A duplicated tab carries its original's id: the server gave it one of its own.
          tab = frame.tab;
          session(tabKey, tab);
          claim();
        }
        fire('ready', frame);
      } else if (frame.t === 'batch') {
        applyBatch(ws, frame);
      } else if (frame.t === 'batches') {
        frame.batches.forEach(batch => applyBatch(ws, batch));
      } else if (frame.t === 'error') {
        console.warn(`browser-storage: ${frame.code}: ${frame.message}`);
        fire('error', frame);
      } else {
        console.warn('browser-storage: unknown frame', frame.t);
      }
    };
    ws.onclose = () => {
      clearTimeout(opening);
      retry();
    };
  }

  function change(area, key, value) {
    send({ t: 'change', area: area, key: key, value: value });
  }

  // A page being left must not reconnect from the next page (or from the back/forward cache).
  window.addEventListener('pagehide', e => {
    if (e.persisted) return;
    leaving = true;
    if (prefix !== null) session(reserved + 'resume', '1');
    if (socket) socket.close();
  });

  // The tab in use names itself; requests from it then carry its id.
  ['focus', 'pageshow'].forEach(name => window.addEventListener(name, claim));
  ['pointerdown', 'keydown', 'submit'].forEach(name => document.addEventListener(name, claim, true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') claim();
  });

  window.addEventListener('storage', e => {
    const area = e.storageArea === window.localStorage ? 'local'
      : e.storageArea === window.sessionStorage ? 'session' : null;
    if (!area || prefix === null) return;
    if (e.key === null) {
      // Another tab cleared the area: a fresh hello tells the server what is left.
      if (socket) socket.close();
    } else if (own(e.key)) {
      change(area, e.key, e.newValue);
      notify({ area: area, key: e.key, value: e.newValue, source: 'browser' });
    }
  });

  window.BrowserStorage = {
    /**
     * Starts syncing the keys of options.app over the WebSocket at options.path: by default 'sync'
     * next to the URL this glue was loaded from (/_storage/sync for /_storage/storage.js).
     */
    start(options) {
      if (prefix !== null) throw new Error('BrowserStorage is already started');
      if (!options || typeof options.app !== 'string' || !options.app) throw new Error('BrowserStorage.start needs an app');
      prefix = options.app + ':';
      reserved = prefix + '__bs.';
      appliedKey = reserved + 'applied';
      tabKey = reserved + 'tab';
      tab = session(tabKey);
      if (!tab) {
        tab = Math.random().toString(36).slice(2) + Date.now().toString(36);
        session(tabKey, tab);
      }
      // The previous page of this tab said it was leaving: this page continues the tab.
      resume = session(reserved + 'resume') === '1';
      session(reserved + 'resume', null);
      claim();
      const base = options.path ? new URL(options.path, location.href)
        : new URL('sync', script && script.src ? script.src : new URL('/_storage/', location.href));
      url = (base.protocol === 'https:' ? 'wss://' : 'ws://') + base.host + base.pathname;
      // Connect once the document is parsed, so that listeners the page registers anywhere in it
      // see 'browser-storage:ready' and the first batches.
      if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', connect);
      } else {
        connect();
      }
    },

    /** The stored text of an app key, or null. */
    get(key, area = 'local') {
      checkKey(key);
      return storage(area).getItem(key);
    },

    /** Stores the JSON text under an app key and tells the server. */
    set(key, jsonText, area = 'local') {
      checkKey(key);
      if (typeof jsonText !== 'string') throw new TypeError('BrowserStorage.set takes the JSON text of the value');
      JSON.parse(jsonText);
      storage(area).setItem(key, jsonText);
      change(area, key, jsonText);
    },

    /** Removes an app key and tells the server. */
    remove(key, area = 'local') {
      checkKey(key);
      storage(area).removeItem(key);
      change(area, key, null);
    },

    /** Calls fn({area, key, value, source}) after a server batch applies or another tab changes a key. */
    onChange(fn) {
      listeners.push(fn);
    },

    /** This tab's id: the server keeps a sessionStorage per tab. */
    tabId() {
      return tab;
    },

    /** Headers that tell the server which tab a request comes from (for requests from background tabs). */
    headers() {
      return { 'X-Browser-Storage-Tab': tab };
    },

    /** 'connecting', 'open' (after welcome) or 'closed'. */
    state() {
      return state;
    }
  };

  // ---- typed stores (docs/javascript.md): they form the app's keys from the started app's id.

  /** The app id given to start(), or null before start. */
  window.BrowserStorage.app = () => (prefix === null ? null : prefix.slice(0, -1));

  if (script && script.getAttribute('data-app')) {
    window.BrowserStorage.start({ app: script.getAttribute('data-app'), path: script.getAttribute('data-path') });
  }
})();
