/*
 * browser-storage glue, sync protocol v1 (docs/protocol.md). Plain ES2017 without a build step;
 * it stays inside what HtmlUnit runs (no class, async, fetch, spread in calls or objects).
 *
 *   <script src="/_storage/storage.js" data-app="demo"></script>
 *
 * This is the core: the sync protocol for localStorage and sessionStorage, and what the parts share.
 * The server serves it minified, followed by the parts the application uses (docs/javascript.md,
 * "What the glue costs"): cookies.js (the cookie road, docs/cookies.md) and binding.js (bound form
 * fields, docs/binding.md), each a script of its own that registers with the core through
 * BrowserStorage._core (the internal interface at the end of this file), and schema.js (the checks
 * bound fields and typed stores share), then the server's limits (_core.configure). typed.js, the
 * typed stores' runtime, uses the same interface.
 */
(function () {
  'use strict';

  const script = document.currentScript ||
    [].filter.call(document.getElementsByTagName('script'), s => /storage\.js(\?.*)?$/.test(s.src)).pop();

  // prefix: '<app>:' once started; reserved: '<app>:__bs.', the glue's own keys. Under it:
  // appliedKey, 'applied', in localStorage the browser's count of batches, in sessionStorage the
  // tab's; failedKey, 'failed', the fail frames no hello has reported yet, in the same areas;
  // doneKey, 'done', the tokens of the last batches applied, in the same areas; tabKey, 'tab' in
  // sessionStorage, this tab's id (tab: sessionStorage belongs to one tab).
  let prefix = null;
  let reserved;
  let appliedKey;
  let failedKey;
  let doneKey;
  let tabKey;
  let tab = null;
  // The next hello continues this tab (a reconnect, or the tab's previous page).
  let resume = false;
  let url;
  // The socket that has sent its hello, while it is open.
  let socket = null;
  let state = 'closed';
  let attempts = 0;
  // The page is being left: no more reconnects.
  let leaving = false;
  const listeners = [];
  // The parts plug in here (core.use): cookies.js sets cookieRoad ({write, receive, baseline,
  // check}); started holds what the parts do once start() has named the app.
  let cookieRoad = null;
  const started = [];
  // The server's limits (core.configure): maxValueBytes and maxAreaUnits (its run-time config),
  // maxNameValueBytes and maxAttributeBytes (its cookie rules). A limit it did not give is not checked.
  const config = {};

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
    if (tab && cookie('__bs_tab') !== tab) {
      document.cookie = `__bs_tab=${tab}; Path=/; SameSite=Strict${location.protocol === 'https:' ? '; Secure' : ''}`;
    }
  }

  function fire(name, detail) {
    document.dispatchEvent(new CustomEvent('browser-storage:' + name, { detail: detail }));
  }

  function notify(event) {
    listeners.forEach(fn => {
      try {
        fn(event);
      } catch (e) {
        console.error(e);
      }
    });
  }

  // A socket can close under the page (the server went, the page is leaving) before its close
  // event has run: browsers drop what is sent then, HtmlUnit throws (from another thread's close,
  // past any catch). Nothing a frame says is lost with it: the next hello carries the snapshot, the
  // applied counts and the kept failures. So no frame goes to a closing socket (readyState 2 or 3;
  // not a check for OPEN: HtmlUnit may set CONNECTING again after the open event), and a send that
  // throws all the same closes the socket, which reconnects.
  function deliver(ws, frame) {
    if (!ws || ws.readyState > 1) return;
    try {
      ws.send(JSON.stringify(frame));
    } catch (e) {
      shut(ws);
    }
  }

  // Closing a socket that is already failing can throw too (HtmlUnit does): it is going either way.
  function shut(ws) {
    try {
      ws.close();
    } catch (ignored) {
      // Nothing left to close.
    }
  }

  function send(frame) {
    deliver(socket, frame);
  }

  function cookieValues(name) {
    return document.cookie.split(/; */)
      .filter(pair => pair.slice(0, pair.indexOf('=')) === name)
      .map(pair => pair.slice(pair.indexOf('=') + 1));
  }

  // The value document.cookie shows first for a name, or null.
  function cookie(name) {
    const values = cookieValues(name);
    return values.length ? values[0] : null;
  }

  function utf8Length(text) {
    return new TextEncoder().encode(text).length;
  }

  // ---- batches

  // Browsers throw a DOMException named QuotaExceededError (code 22; Firefox used to name it
  // NS_ERROR_DOM_QUOTA_REACHED); HtmlUnit throws an Error whose message starts with the name.
  function errorCode(e) {
    if (e.code === 22 || /quota/i.test(e.name + ' ' + e.message)) return 'quota';
    return e.name === 'CookieError' ? 'cookie' : 'unavailable';
  }

  // The cookie road (cookies.js), or an error that names the property that puts it in.
  function road() {
    if (!cookieRoad) throw new Error('no cookie road in this storage.js: set quarkus.browser-storage.glue.cookies=true');
    return cookieRoad;
  }

  function write(w) {
    if (w.area === 'cookie') {
      road().write(w);
    } else {
      checkKey(w.key);
      put(w.area, w.key, w.value);
    }
  }

  // The area that counts a batch's id: the tab's (sessionStorage) or the browser's (localStorage).
  function counter(batch) {
    return batch.tab ? 'session' : 'local';
  }

  function answer(ws, batch, frame) {
    if (frame.t === 'fail') rememberFailure(counter(batch), frame);
    if (batch.tab) frame.tab = true;
    deliver(ws, frame);
  }

  function ack(ws, batch) {
    answer(ws, batch, { t: 'ack', id: batch.id });
  }

  // Reports a batch that failed with error e at write w (null: after its writes); error is the code
  // the server reads ('quota', 'unavailable' or 'cookie'), by default the one e stands for.
  function refuse(ws, batch, e, w, error) {
    const frame = { t: 'fail', id: batch.id, error: error || errorCode(e), message: `${e.name}: ${e.message}` };
    if (e.rule) frame.rule = e.rule;
    if (w) {
      frame.area = w.area;
      frame.key = w.key;
    }
    answer(ws, batch, frame);
  }

  // Tells the page's listeners of a batch's writes (an HttpOnly commit's value never passes here).
  function announce(batch) {
    batch.writes.forEach(w => notify({ area: w.area, key: w.key, value: w.commit ? undefined : w.value, source: 'server' }));
  }

  // Batches this browser (or tab) could not apply, kept until a hello has told the server: a fail
  // frame lost with its socket would otherwise be taken for applied once a later batch moved the
  // applied count past it. Kept in the area itself, and in memory where the area has no room left.
  const unsaved = {};

  // A list the glue keeps under a reserved key of an area (the failures, the tokens of applied
  // batches): in the area, and in memory where the area has no room left.
  function kept(key, area) {
    let stored = [];
    try {
      stored = JSON.parse(storage(area).getItem(key));
    } catch (e) {
      // Unreadable or no storage: what memory holds is all there is.
    }
    if (!Array.isArray(stored)) stored = [];
    const ids = stored.map(x => x.id || x);
    return stored.concat((unsaved[key + area] || []).filter(x => ids.indexOf(x.id || x) < 0));
  }

  function keep(key, area, list) {
    try {
      if (list.length) storage(area).setItem(key, JSON.stringify(list));
      else storage(area).removeItem(key);
      unsaved[key + area] = [];
    } catch (e) {
      unsaved[key + area] = list;
    }
  }

  function failures(area) {
    return kept(failedKey, area);
  }

  function rememberFailure(area, frame) {
    const list = failures(area).filter(f => f.id !== frame.id);
    list.push({ id: frame.id, error: frame.error, message: String(frame.message).slice(0, 200), rule: frame.rule,
      area: frame.area, key: frame.key });
    keep(failedKey, area, list.slice(-32));
  }

  function forgetFailures(area, reported) {
    const ids = reported.map(f => f.id);
    keep(failedKey, area, failures(area).filter(f => ids.indexOf(f.id) < 0));
  }

  function applyBatch(ws, batch) {
    const area = counter(batch);
    if (batch.id <= applied(area)) {
      skip(ws, batch);
      return;
    }
    if (applyRendered(ws, batch, area)) return;
    const failure = applyWrites(batch.writes, () => {
      storage(area).setItem(appliedKey, String(batch.id));
      remember(area, batch.token);
    });
    if (failure) {
      refuse(ws, batch, failure.error, failure.write);
    } else {
      ack(ws, batch);
      announce(batch);
      fire('batch', { id: batch.id });
    }
  }

  // Applies writes in order, all or nothing, then calls then() in the same step; if any of it
  // throws, restores the values it had replaced and returns { error, write } (the write that failed).
  function applyWrites(writes, then) {
    const undo = [];
    let current = null;
    try {
      writes.forEach(w => {
        current = w;
        if (w.area === 'cookie' && w.cookie && w.cookie.maxAge === 0) w.value = null;
        const old = w.area === 'cookie' ? cookie(w.key) : storage(w.area).getItem(w.key);
        write(w);
        undo.push({ area: w.area, key: w.key, value: old, cookie: w.cookie });
      });
      current = null;
      then();
    } catch (e) {
      undo.reverse().forEach(u => {
        try {
          write(u);
        } catch (ignored) {
          // Best effort: the server takes the whole batch back and reports the first error.
        }
      });
      return { error: e, write: current };
    }
    return null;
  }

  // ---- batches rendered into the page (issue #5; docs/protocol.md#rendered-batches)

  // The page may carry the browser's pending batches (data-pending), applied before the socket
  // connects. The socket then delivers them too, under ids the page could not know (a session
  // renumbers on hello): the tokens of the last RING batches applied, kept beside the applied
  // count, make each one apply once. In memory where the area has no room left.
  const RING = 32;

  function done(area) {
    return kept(doneKey, area);
  }

  function remember(area, token) {
    if (typeof token === 'string') keep(doneKey, area, done(area).filter(t => t !== token).concat([token]).slice(-RING));
  }

  // A batch from the socket that the page already applied from its HTML: counted and acknowledged,
  // not applied again (the user may have edited since).
  function applyRendered(ws, batch, area) {
    if (done(area).indexOf(batch.token) < 0) return false;
    try {
      storage(area).setItem(appliedKey, String(batch.id));
    } catch (e) {
      // Full: the next hello reports a lower count, and the server has nothing pending below it.
    }
    skip(ws, batch);
    return true;
  }

  // Acknowledges a batch applied before. The server takes its values for the browser's on that ack,
  // so a key changed since (a user's edit) is reported again.
  function skip(ws, batch) {
    ack(ws, batch);
    try {
      batch.writes.forEach(w => {
        const now = w.area === 'cookie' ? w.value : storage(w.area).getItem(w.key);
        if (now !== w.value) change(w.area, w.key, now);
      });
    } catch (e) {
      // Storage gone: the next hello's snapshot says what the browser holds.
    }
  }

  // Applies the batches the page carries, in order, up to the first that fails (the socket delivers
  // that one again and the server hears of the failure then). Never throws.
  function preload(pending) {
    if (!pending) return;
    try {
      (typeof pending === 'string' ? JSON.parse(pending) : pending).every(batch => {
        const area = counter(batch);
        if ((batch.tab && batch.tab !== tab) || done(area).indexOf(batch.token) >= 0) return true;
        if (batch.writes.some(w => w.area !== 'local' && w.area !== 'session')) return false;
        if (applyWrites(batch.writes, () => remember(area, batch.token))) return false;
        announce(batch);
        return true;
      });
    } catch (e) {
      console.warn('browser-storage: bad data-pending', e);
    }
  }

  function receive(ws, batch) {
    if (cookieRoad) cookieRoad.receive(ws, batch);
    else applyBatch(ws, batch);
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
      shut(ws);
      retry();
    }, 5000);
    ws.onopen = () => {
      clearTimeout(opening);
      ws.reported = { local: failures('local'), session: failures('session') };
      deliver(ws, {
        t: 'hello', v: 1, app: prefix.slice(0, -1), page: location.href,
        local: snapshot('local'), session: snapshot('session'),
        cookies: cookieRoad ? cookieRoad.baseline() : undefined,
        applied: applied('local'), tab: tab, tabApplied: applied('session'), resume: resume,
        failed: ws.reported.local, tabFailed: ws.reported.session
      });
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
        // The server has settled the failures this hello reported.
        forgetFailures('local', ws.reported.local);
        forgetFailures('session', ws.reported.session);
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
        receive(ws, frame);
      } else if (frame.t === 'batches') {
        frame.batches.forEach(batch => receive(ws, batch));
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

  // The page's own write (set, remove): stored, heard by the listeners, told to the server.
  function edit(area, key, value) {
    checkKey(key);
    if (put(area, key, value)) notify({ area: area, key: key, value: value, source: 'page' });
    change(area, key, value);
  }

  // ---- writes the glue makes: reported once, by the tab that makes them

  // Before it writes a key, the glue notes the key under '<app>:__bs.sent' (with a nonce, so every
  // note is a change). Other tabs get both storage events, in order, and so know that the writing
  // tab has told the server (or that the server wrote it): they update their page, but do not send
  // the change again. Only a write the glue did not make is reported by every tab that sees it.
  let sentKey;
  const sentBy = { local: null, session: null };

  function put(area, key, value) {
    const s = storage(area);
    if (s.getItem(key) === value) return false;
    try {
      s.setItem(sentKey, Math.random().toString(36).slice(2, 8) + ' ' + key);
    } catch (e) {
      // Full to the last byte: the other tabs then report this write too, which the server ignores.
    }
    if (value === null) s.removeItem(key);
    else s.setItem(key, value);
    return true;
  }

  function sentByGlue(area, key) {
    const note = sentBy[area];
    if (note === null || note.slice(note.indexOf(' ') + 1) !== key) return false;
    sentBy[area] = null;
    return true;
  }

  // A page being left must not reconnect from the next page (or from the back/forward cache).
  window.addEventListener('pagehide', e => {
    if (e.persisted) return;
    leaving = true;
    if (prefix !== null) session(reserved + 'resume', '1');
    if (socket) shut(socket);
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
      if (socket) shut(socket);
    } else if (e.key === sentKey) {
      sentBy[area] = e.newValue;
    } else if (own(e.key)) {
      // The tab whose glue wrote the key reports it (or the server wrote it): only a write the
      // glue did not make (devtools, a page without the glue) is reported by the tabs that see it.
      if (!sentByGlue(area, e.key)) change(area, e.key, e.newValue);
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
      failedKey = reserved + 'failed';
      tabKey = reserved + 'tab';
      sentKey = reserved + 'sent';
      tab = session(tabKey);
      if (!tab) {
        tab = Math.random().toString(36).slice(2) + Date.now().toString(36);
        session(tabKey, tab);
      }
      // The previous page of this tab said it was leaving: this page continues the tab.
      resume = session(reserved + 'resume') === '1';
      session(reserved + 'resume', null);
      claim();
      doneKey = reserved + 'done';
      preload(options.pending !== undefined ? options.pending : script && script.getAttribute('data-pending'));
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
      started.forEach(fn => fn());
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
      edit(area, key, jsonText);
    },

    /** Removes an app key and tells the server. */
    remove(key, area = 'local') {
      edit(area, key, null);
    },

    /**
     * Calls fn({area, key, value, source}) when a key changes: a server batch applied ('server'),
     * another tab ('browser'), a bound field ('field'), set() or remove() on this page ('page').
     */
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

  // ---- the internal interface of the parts (cookies.js, binding.js) and of typed.js: not the page's
  // API, and not in stores.d.ts.
  const core = {
    config: config,
    schema: null,
    listeners: listeners,
    /** Takes the server's limits; the served glue ends with this call. */
    configure(limits) {
      Object.keys(limits).forEach(name => {
        config[name] = limits[name];
      });
    },
    /**
     * Plugs a part in: {cookies: the cookie road, schema: the shared checks (core.schema), started:
     * what to do once the app is named}.
     */
    use(part) {
      if (part.cookies) cookieRoad = part.cookies;
      if (part.schema) core.schema = part.schema;
      if (part.started) {
        started.push(part.started);
        if (prefix !== null) part.started();
      }
    },
    prefix: () => prefix,
    socket: () => socket,
    road: road,
    appliedKey: () => appliedKey,
    storage: storage,
    snapshot: snapshot,
    applied: applied,
    put: put,
    change: change,
    notify: notify,
    fire: fire,
    ack: ack,
    refuse: refuse,
    announce: announce,
    applyBatch: applyBatch,
    cookieValues: cookieValues,
    cookie: cookie,
    utf8Length: utf8Length
  };
  Object.defineProperty(window.BrowserStorage, '_core', { value: core });

  if (script && script.getAttribute('data-app')) {
    window.BrowserStorage.start({ app: script.getAttribute('data-app'), path: script.getAttribute('data-path') });
  }
})();
