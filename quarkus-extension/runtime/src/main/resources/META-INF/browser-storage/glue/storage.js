/*
 * browser-storage glue, sync protocol v1 (docs/protocol.md). Plain ES2017 without a build step;
 * it stays inside what HtmlUnit runs (no class, async, fetch, spread in calls or objects).
 *
 *   <script src="/_storage/storage.js" data-app="demo"></script>
 *
 * Cookies: see the section "cookies (issue #4)" below and docs/cookies.md.
 */
(function () {
  'use strict';

  const script = document.currentScript ||
    [].filter.call(document.getElementsByTagName('script'), s => /storage\.js(\?.*)?$/.test(s.src)).pop();

  let prefix = null;   // '<app>:' once started
  let reserved;        // '<app>:__bs.', the glue's own keys
  let appliedKey;      // '<app>:__bs.applied': in localStorage the browser's count, in sessionStorage the tab's
  let failedKey;       // '<app>:__bs.failed': the fail frames no hello has reported yet, in the same areas
  let doneKey;         // '<app>:__bs.done': the tokens of the last batches applied, in the same areas
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
    checkCookie(name, value, c);
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


  // ---- cookies (issue #4): the rules, HttpOnly commits, cookieStore, change detection
  //
  // Every cookie write is checked against the rules the server's CookieRules applies, before the
  // browser sees it: a write the browser would drop fails the batch naming the rule.
  //
  // Batches of cookie writes only go through cookieStore.set() where it exists (Chromium), and
  // through a commit URL for HttpOnly cookies. Both are asynchronous, so such batches wait in one
  // queue and every later batch waits behind them: batches are still applied and answered in id
  // order, one at a time. The batch is all-or-nothing as far as script can make it: when a write
  // fails, the cookies written before it in the batch are put back (an HttpOnly cookie cannot be:
  // script never sees it). The applied count moves only after the last write, so a page that
  // closes in the middle gets the whole batch again on its next connection (a cookie write is
  // idempotent). A batch that also writes localStorage or sessionStorage keeps the synchronous
  // road: document.cookie and a synchronous request for commits.

  const COOKIE_PREFIXES = ['__Host-Http-', '__Host-', '__Http-', '__Secure-'];
  // What no cookie name, value, path or domain may hold: controls other than TAB, DEL and ';'.
  const COOKIE_BAD = /[\u0000-\u0008\u000A-\u001F\u007F;]/;
  const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
  let cookieChain = null;   // the queue of batches while an asynchronous cookie batch is in flight
  let cookiesSeen = null;   // name -> value of document.cookie as the server last heard it

  function utf8Length(text) {
    return encoder ? encoder.encode(text).length : unescape(encodeURIComponent(text)).length;
  }

  function cookieError(rule, message) {
    const e = new Error(message);
    e.name = 'CookieError';
    e.rule = rule;
    return e;
  }

  function secureContext() {
    // Browsers count localhost as secure; not every engine has isSecureContext.
    if (window.isSecureContext === true) return true;
    const host = location.hostname;
    return location.protocol === 'https:' || host === 'localhost' || host.endsWith('.localhost') ||
      /^127\./.test(host) || host === '[::1]' || host === '::1';
  }

  // The rules of dev.browserstorage.cookie.CookieRules, in its order. A deletion only needs its
  // path and domain to be acceptable.
  function checkCookie(name, value, c) {
    const remove = value === null;
    const refuse = (rule, what) => {
      throw cookieError(rule, `cookie ${JSON.stringify(name)} ${what}`);
    };
    if (COOKIE_BAD.test(name)) refuse('NAME_CHARACTERS', 'has a control character or \';\' in its name');
    if (!remove && COOKIE_BAD.test(value)) refuse('VALUE_CHARACTERS', 'has a control character or \';\' in its value');
    if (name.indexOf('=') >= 0) refuse('NAME_CONTAINS_EQUALS', 'has \'=\' in its name');
    if (/^[ \t]|[ \t]$/.test(name) || (!remove && /^[ \t]|[ \t]$/.test(value))) {
      refuse('LEADING_OR_TRAILING_WHITESPACE', 'starts or ends with whitespace, which the browser would strip');
    }
    if (!remove && name === '' && value === '') refuse('EMPTY_NAME_AND_VALUE', 'has an empty name and value');
    if (!remove && name === '' && value.indexOf('=') >= 0) refuse('NAMELESS_VALUE_CONTAINS_EQUALS', 'has no name and \'=\' in its value');
    if (!remove && utf8Length(name) + utf8Length(value) > 4096) refuse('NAME_VALUE_TOO_LONG', 'is over 4096 bytes');
    const path = c.path || '/';
    if (utf8Length(path) > 1024 || (c.domain && utf8Length(c.domain) > 1024)) refuse('ATTRIBUTE_TOO_LONG', 'has a path or domain over 1024 bytes');
    if (COOKIE_BAD.test(path) || (c.domain && COOKIE_BAD.test(c.domain))) refuse('ATTRIBUTE_CHARACTERS', 'has a control character or \';\' in its path or domain');
    if (path.charAt(0) !== '/') refuse('PATH_NOT_ABSOLUTE', `has path ${JSON.stringify(path)}, which does not start with '/'`);
    if (c.domain) {
      const domain = c.domain.toLowerCase();
      const host = location.hostname.toLowerCase();
      if (domain.charAt(0) === '.') refuse('DOMAIN_LEADING_DOT', 'has a domain that starts with \'.\'');
      if (host !== domain && !host.endsWith('.' + domain)) refuse('DOMAIN_MISMATCH', `has domain ${JSON.stringify(c.domain)}, which is not this page's host ${JSON.stringify(host)} nor above it`);
    }
    const prefix = COOKIE_PREFIXES.filter(p => name.toLowerCase().startsWith(p.toLowerCase()))[0];
    if (prefix) {
      const host = prefix.startsWith('__Host-');
      if (!c.secure || (host && (c.domain || path !== '/'))) {
        refuse(prefix === '__Host-Http-' ? 'HOST_HTTP_PREFIX' : host ? 'HOST_PREFIX' : prefix === '__Http-' ? 'HTTP_PREFIX' : 'SECURE_PREFIX',
          `uses the ${prefix} prefix without its attributes`);
      }
      if (prefix.endsWith('Http-') && !c.httpOnly) refuse(host ? 'HOST_HTTP_PREFIX' : 'HTTP_PREFIX', `uses the ${prefix} prefix but is not HttpOnly`);
    }
    if (/^none$/i.test(c.sameSite || '') && !c.secure) refuse('SAMESITE_NONE_REQUIRES_SECURE', 'is SameSite=None but not Secure');
    if (c.partitioned && !c.secure) refuse('PARTITIONED_REQUIRES_SECURE', 'is Partitioned but not Secure');
    if (c.httpOnly) refuse('HTTP_ONLY_FROM_SCRIPT', 'is HttpOnly, which only the server\'s Set-Cookie can write');
    if (!remove && c.secure && !secureContext()) refuse('SECURE_ON_INSECURE_ORIGIN', 'is Secure but this page is not served over HTTPS');
  }

  // An HttpOnly cookie: the server's answer to the commit URL carries it; its value never passes here.
  function commitCookie(commitUrl, async) {
    const request = new XMLHttpRequest();
    request.open('POST', commitUrl, async);
    const outcome = () => {
      if (request.status !== 204) {
        throw cookieError('REFUSED_BY_BROWSER', `the commit URL answered ${request.status}: ${request.responseText}`);
      }
    };
    if (!async) {
      request.send();
      outcome();
      return null;
    }
    return new Promise((resolve, reject) => {
      request.onload = () => {
        try {
          outcome();
          resolve();
        } catch (e) {
          reject(e);
        }
      };
      request.onerror = () => reject(cookieError('REFUSED_BY_BROWSER', 'the commit URL could not be reached'));
      request.send();
    });
  }

  // cookieStore only writes Secure cookies, and appends a '/' to a path that lacks one (Chromium
  // follows an earlier text of the spec): such cookies take document.cookie, so that the browser
  // holds the path the server declared, the one every later delete (Set-Cookie included) uses.
  function cookieStoreWritable(c) {
    return typeof window.cookieStore === 'object' && window.cookieStore !== null && c.secure !== false &&
      (c.path || '/').endsWith('/');
  }

  // One cookie write of an asynchronous batch: a commit URL, cookieStore, or document.cookie.
  function writeCookieAsync(w) {
    const c = w.cookie || {};
    if (w.commit) return commitCookie(w.commit, true);
    const remove = w.value === null || c.maxAge === 0;
    if (!cookieStoreWritable(c)) {
      writeCookie(w.key, remove ? null : w.value, c);
      return Promise.resolve();
    }
    checkCookie(w.key, remove ? null : w.value, c);
    const target = { name: w.key, path: c.path || '/' };
    if (c.domain) target.domain = c.domain;
    if (c.partitioned) target.partitioned = true;
    if (remove) return window.cookieStore.delete(target).catch(e => {
      throw cookieError('REFUSED_BY_BROWSER', `cookieStore.delete refused ${w.key}: ${e.message}`);
    });
    target.value = w.value;
    if (c.sameSite) target.sameSite = c.sameSite.toLowerCase();
    if (c.maxAge) target.expires = Date.now() + c.maxAge * 1000;
    else if (c.expires) target.expires = c.expires;
    return window.cookieStore.set(target).catch(e => {
      throw cookieError('REFUSED_BY_BROWSER', `cookieStore.set refused ${w.key}: ${e.message}`);
    });
  }

  function needsAsync(batch) {
    return batch.writes.length > 0 && batch.writes.every(w => w.area === 'cookie') &&
      batch.writes.some(w => w.commit || cookieStoreWritable(w.cookie || {}));
  }

  // A batch of cookie writes only, applied one write after the other, all or nothing.
  function applyCookieBatch(ws, batch) {
    if (batch.id <= applied('local')) {
      answer(ws, batch, { t: 'ack', id: batch.id });
      return null;
    }
    const undo = [];
    let current = null;
    return batch.writes.reduce((previous, w) => previous.then(() => {
      current = w;
      const old = w.commit ? undefined : (cookieValues(w.key)[0] === undefined ? null : cookieValues(w.key)[0]);
      return writeCookieAsync(w).then(() => {
        if (old !== undefined) undo.push({ key: w.key, value: old, cookie: w.cookie || {} });
      });
    }), Promise.resolve()).then(() => {
      localStorage.setItem(appliedKey, String(batch.id));
      answer(ws, batch, { t: 'ack', id: batch.id });
      batch.writes.forEach(w => notify({ area: 'cookie', key: w.key, value: w.commit ? undefined : w.value, source: 'server' }));
      fire('batch', { id: batch.id });
    }, e => {
      undo.reverse().forEach(u => {
        try {
          writeCookie(u.key, u.value, u.cookie);
        } catch (ignored) {
          // Best effort, as for storage batches.
        }
      });
      const frame = { t: 'fail', id: batch.id, error: 'cookie', message: `${e.name}: ${e.message}` };
      if (e.rule) frame.rule = e.rule;
      if (current) {
        frame.area = 'cookie';
        frame.key = current.key;
      }
      answer(ws, batch, frame);
    });
  }

  // Batches are applied in id order: while an asynchronous cookie batch is in flight, the ones
  // after it wait for it; otherwise they apply at once, as they always did.
  function receiveBatch(ws, batch) {
    checkCookies();
    if (!cookieChain && !needsAsync(batch)) {
      applyBatch(ws, batch);
      return;
    }
    const next = (cookieChain || Promise.resolve())
      .then(() => needsAsync(batch) ? applyCookieBatch(ws, batch) : applyBatch(ws, batch))
      .catch(e => console.error('browser-storage: batch', batch.id, e));
    cookieChain = next;
    next.then(() => {
      if (cookieChain === next) cookieChain = null;
    });
  }

  function readCookies() {
    const cookies = {};
    document.cookie.split(/; */).forEach(pair => {
      if (!pair) return;
      const equals = pair.indexOf('=');
      const name = equals < 0 ? '' : pair.slice(0, equals);
      if (name === '__bs_tab' || Object.prototype.hasOwnProperty.call(cookies, name)) return;
      cookies[name] = equals < 0 ? pair : pair.slice(equals + 1);
    });
    return cookies;
  }

  // What the hello tells the server: from now on, changes are measured against it.
  function cookieBaseline() {
    cookiesSeen = readCookies();
    return Object.keys(cookiesSeen).map(name => name === '' ? cookiesSeen[name] : `${name}=${cookiesSeen[name]}`).join('; ');
  }

  // Tells the server which cookies changed since it last heard: set by page script, another tab,
  // another server's response, devtools, expiry. Run on focus, when the page becomes visible,
  // before each batch and after the glue's own writes; never on a timer.
  function checkCookies() {
    if (!socket || cookiesSeen === null) return;
    const now = readCookies();
    const changed = [];
    const deleted = [];
    Object.keys(now).forEach(name => {
      if (cookiesSeen[name] !== now[name]) changed.push({ name: name, value: now[name] });
    });
    Object.keys(cookiesSeen).forEach(name => {
      if (!Object.prototype.hasOwnProperty.call(now, name)) deleted.push({ name: name, value: cookiesSeen[name] });
    });
    cookiesSeen = now;
    changed.forEach(cookie => change('cookie', cookie.name, cookie.value));
    deleted.forEach(cookie => change('cookie', cookie.name, null));
    changed.concat(deleted).forEach(cookie => notify({ area: 'cookie', key: cookie.name, value: now[cookie.name] === undefined ? null : now[cookie.name], source: 'browser' }));
  }

  // After the glue's own writes the server already knows: they only move the baseline.
  document.addEventListener('browser-storage:batch', () => {
    if (cookiesSeen !== null) cookiesSeen = readCookies();
  });
  window.addEventListener('focus', checkCookies);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkCookies();
  });
  if (typeof window.cookieStore === 'object' && window.cookieStore !== null && window.cookieStore.addEventListener) {
    window.cookieStore.addEventListener('change', () => checkCookies());
  }

  // ---- batches

  // Browsers throw a DOMException named QuotaExceededError (code 22; Firefox used to name it
  // NS_ERROR_DOM_QUOTA_REACHED); HtmlUnit throws an Error whose message starts with the name.
  function errorCode(e) {
    if (e.code === 22 || /quota/i.test(e.name + ' ' + e.message)) return 'quota';
    return e.name === 'CookieError' ? 'cookie' : 'unavailable';
  }

  function write(w) {
    if (w.area === 'cookie' && w.commit) {
      commitCookie(w.commit, false);
    } else if (w.area === 'cookie') {
      writeCookie(w.key, w.value, w.cookie || {});
    } else if (!own(w.key)) {
      throw new Error(`key ${JSON.stringify(w.key)} is outside the namespace '${prefix}'`);
    } else {
      put(w.area, w.key, w.value);
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
    if (frame.t === 'fail') rememberFailure(batch.tab ? 'session' : 'local', frame);
    if (batch.tab) frame.tab = true;
    ws.send(JSON.stringify(frame));
  }

  // Batches this browser (or tab) could not apply, kept until a hello has told the server: a fail
  // frame lost with its socket would otherwise be taken for applied once a later batch moved the
  // applied count past it. Kept in the area itself, and in memory where the area has no room left.
  const unsavedFailures = { local: [], session: [] };

  function failures(area) {
    let stored = [];
    try {
      stored = JSON.parse(storage(area).getItem(failedKey) || '[]');
    } catch (e) {
      // Unreadable or no storage: what memory holds is all there is.
    }
    const ids = stored.map(f => f.id);
    return stored.concat(unsavedFailures[area].filter(f => ids.indexOf(f.id) < 0));
  }

  function saveFailures(area, list) {
    try {
      if (list.length) storage(area).setItem(failedKey, JSON.stringify(list));
      else storage(area).removeItem(failedKey);
      unsavedFailures[area] = [];
    } catch (e) {
      unsavedFailures[area] = list;
    }
  }

  function rememberFailure(area, frame) {
    const list = failures(area).filter(f => f.id !== frame.id);
    list.push({ id: frame.id, error: frame.error, message: String(frame.message).slice(0, 200), rule: frame.rule,
      area: frame.area, key: frame.key });
    saveFailures(area, list.slice(-32));
  }

  function forgetFailures(area, reported) {
    const ids = reported.map(f => f.id);
    saveFailures(area, failures(area).filter(f => ids.indexOf(f.id) < 0));
  }

  function applyBatch(ws, batch) {
    const counter = batch.tab ? 'session' : 'local';
    if (batch.id <= applied(counter)) {
      skip(ws, batch);
      return;
    }
    if (applyRendered(ws, batch, counter)) return;
    const failure = applyWrites(batch.writes, () => {
      storage(counter).setItem(appliedKey, String(batch.id));
      remember(counter, batch.token);
    });
    if (failure) {
      const e = failure.error;
      const frame = { t: 'fail', id: batch.id, error: errorCode(e), message: `${e.name}: ${e.message}` };
      if (e.rule) frame.rule = e.rule;
      if (failure.write) {
        frame.area = failure.write.area;
        frame.key = failure.write.key;
      }
      answer(ws, batch, frame);
      return;
    }
    answer(ws, batch, { t: 'ack', id: batch.id });
    batch.writes.forEach(w => notify({ area: w.area, key: w.key, value: w.value, source: 'server' }));
    fire('batch', { id: batch.id });
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
        const old = oldValue(w);
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
  const unsavedDone = { local: [], session: [] };

  function done(area) {
    let stored;
    try {
      stored = JSON.parse(storage(area).getItem(doneKey));
    } catch (e) {
      // Unreadable or no storage: what memory holds is all there is.
    }
    return (Array.isArray(stored) ? stored : []).concat(unsavedDone[area]);
  }

  function remember(area, token) {
    if (typeof token !== 'string') return;
    const list = done(area).filter(t => t !== token).concat([token]).slice(-RING);
    try {
      storage(area).setItem(doneKey, JSON.stringify(list));
      unsavedDone[area] = [];
    } catch (e) {
      unsavedDone[area] = list;
    }
  }

  // A batch from the socket that the page already applied from its HTML: counted and acknowledged,
  // not applied again (the user may have edited since).
  function applyRendered(ws, batch, counter) {
    if (done(counter).indexOf(batch.token) < 0) return false;
    try {
      storage(counter).setItem(appliedKey, String(batch.id));
    } catch (e) {
      // Full: the next hello reports a lower count, and the server has nothing pending below it.
    }
    skip(ws, batch);
    return true;
  }

  // Acknowledges a batch applied before. The server takes its values for the browser's on that ack,
  // so a key changed since (a user's edit) is reported again.
  function skip(ws, batch) {
    answer(ws, batch, { t: 'ack', id: batch.id });
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
        const counter = batch.tab ? 'session' : 'local';
        if ((batch.tab && batch.tab !== tab) || done(counter).indexOf(batch.token) >= 0) return true;
        if (batch.writes.some(w => w.area !== 'local' && w.area !== 'session')) return false;
        if (applyWrites(batch.writes, () => remember(counter, batch.token))) return false;
        batch.writes.forEach(w => notify({ area: w.area, key: w.key, value: w.value, source: 'server' }));
        return true;
      });
    } catch (e) {
      console.warn('browser-storage: bad data-pending', e);
    }
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
      ws.reported = { local: failures('local'), session: failures('session') };
      ws.send(JSON.stringify({
        t: 'hello', v: 1, app: prefix.slice(0, -1), page: location.href,
        local: snapshot('local'), session: snapshot('session'),
        cookies: cookieBaseline(),
        applied: applied('local'), tab: tab, tabApplied: applied('session'), resume: resume,
        failed: ws.reported.local, tabFailed: ws.reported.session
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
        receiveBatch(ws, frame);
      } else if (frame.t === 'batches') {
        frame.batches.forEach(batch => receiveBatch(ws, batch));
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

  // ---- writes the glue makes: reported once, by the tab that makes them

  // Before it writes a key, the glue notes the key under '<app>:__bs.sent' (with a nonce, so every
  // note is a change). Other tabs get both storage events, in order, and so know that the writing
  // tab has told the server (or that the server wrote it): they update their page, but do not send
  // the change again. Only a write the glue did not make is reported by every tab that sees it.
  let sentKey;
  const sentBy = { local: null, session: null };

  function put(area, key, value) {
    const s = storage(area);
    if (s.getItem(key) === value) return;
    try {
      s.setItem(sentKey, Math.random().toString(36).slice(2, 8) + ' ' + key);
    } catch (e) {
      // Full to the last byte: the other tabs then report this write too, which the server ignores.
    }
    if (value === null) s.removeItem(key);
    else s.setItem(key, value);
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
      bindFields();
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
      put(area, key, jsonText);
      change(area, key, jsonText);
    },

    /** Removes an app key and tells the server. */
    remove(key, area = 'local') {
      checkKey(key);
      put(area, key, null);
      change(area, key, null);
    },

    /** Calls fn({area, key, value, source}) after a server batch applies, another tab or a bound field changes a key. */
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

  // ---- bound form fields: data-storage="<namespace>.<field>" (docs/binding.md)

  const fields = {};         // '<namespace>.<field>' (and '<namespace>.<key>'), from the schemas
  const unsent = new Map();  // full key -> {area, text, timer}: changes the server is told of shortly
  const warned = {};
  let binding = false;
  let showing = false;       // some engines (HtmlUnit) fire change when a script sets .checked
  const SEND_DELAY = 250;    // ms; typing coalesces into one change frame per pause
  const FORMATS = {
    uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    decimal: /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/,
    date: /^\d{4}-\d\d-\d\d$/,
    'local-date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?$/,
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/,
    duration: /^[-+]?P(?!$)([-+]?\d+D)?(T(?=[-+\d])([-+]?\d+H)?([-+]?\d+M)?([-+]?\d+(\.\d{1,9})?S)?)?$/i
  };

  /** Takes the schemas of the app's stores ({formatVersion: 1, stores: [...]}, as /_storage/stores.json). */
  function define(doc) {
    if (!doc || doc.formatVersion !== 1 || !Array.isArray(doc.stores)) throw new Error('BrowserStorage.define takes {formatVersion: 1, stores: [...]}');
    doc.stores.forEach(store => {
      if (store.area !== 'local' && store.area !== 'session') return;
      store.fields.forEach(f => {
        const field = { area: store.area, key: f.key, schema: f.schema, javaType: f.javaType, fallback: f.default,
          ttl: f.ttlSeconds, limits: store.limits || {} };
        fields[store.namespace + '.' + f.key.slice(store.namespace.length + 1)] = field;
        fields[store.namespace + '.' + f.name] = field;
      });
    });
    bindFields();
  }

  function bindFields() {
    if (binding || prefix === null || !Object.keys(fields).length) return;
    binding = true;
    document.addEventListener('input', edited, true);
    document.addEventListener('change', edited, true);
    window.addEventListener('pagehide', () => unsent.forEach((u, key) => flush(key)));
    listeners.unshift(c => {
      if (c.area !== 'cookie') refresh(c.key, c.element);
    });
    // Fields the parser or a script adds later are filled as they arrive, before the next paint.
    if (typeof MutationObserver === 'function') {
      new MutationObserver(records => records.forEach(r => {
        if (r.type === 'attributes') bindTree(r.target);
        else [].forEach.call(r.addedNodes, bindTree);
      })).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-storage'] });
    }
    bindTree(document);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => bindTree(document));
  }

  function bindTree(node) {
    if (node.nodeType !== 1 && node.nodeType !== 9) return;
    // An option parsed after its select: show the select's value again.
    for (let up = node; up && up.nodeType === 1; up = up.parentNode) {
      if (up.tagName === 'SELECT' && up.hasAttribute('data-storage')) return show(up);
    }
    if (node.nodeType === 1 && node.hasAttribute('data-storage')) show(node);
    [].forEach.call(node.querySelectorAll('[data-storage]'), show);
  }

  function fieldOf(el) {
    const name = el.getAttribute('data-storage');
    const field = fields[name];
    if (!field && !warned[name]) {
      warned[name] = true;
      console.warn(`browser-storage: data-storage="${name}" names no field of a localStorage or sessionStorage store`);
    }
    return field;
  }

  // The field's value as the stores read it: the stored value, or the default when it is absent,
  // expired or not of the field's type.
  function current(field) {
    let value;
    try {
      value = JSON.parse(storage(field.area).getItem(prefix + field.key));
      if (value !== null && field.ttl) value = value.expires > Date.now() ? value.value : null;
    } catch (e) {
      value = null;
    }
    const checked = value === null ? null : coerce(value, field.schema, field.javaType);
    return checked && !checked.error ? checked.value : field.fallback === undefined ? null : field.fallback;
  }

  function show(el) {
    const field = fieldOf(el);
    if (!field) return;
    const value = current(field);
    const texts = Array.isArray(value) ? value.map(String) : [];
    const text = value === null ? '' : String(value);
    showing = true;
    try {
      if (el.type === 'checkbox') el.checked = Array.isArray(value) ? texts.indexOf(el.value) >= 0 : value === true || text === el.value;
      else if (el.type === 'radio') el.checked = text === el.value;
      else if (el.multiple && el.options) [].forEach.call(el.options, o => { o.selected = texts.indexOf(o.value) >= 0; });
      else if (el.value !== text) el.value = text;
      mark(el, null);
    } finally {
      showing = false;
    }
  }

  function refresh(key, except) {
    [].forEach.call(document.querySelectorAll('[data-storage]'), el => {
      const field = fields[el.getAttribute('data-storage')];
      if (el !== except && field && prefix + field.key === key) show(el);
    });
  }

  // What the user chose, before coercion: a boolean, a list of texts or a text.
  function raw(el, field) {
    const name = el.getAttribute('data-storage');
    if (el.type === 'checkbox' && field.schema.type === 'array') {
      return [].filter.call(document.querySelectorAll('input[type=checkbox][data-storage]'),
        box => box.checked && box.getAttribute('data-storage') === name).map(box => box.value);
    }
    if (el.type === 'checkbox') return field.schema.type === 'boolean' ? el.checked : el.checked ? el.value : null;
    if (el.multiple && el.options) return [].filter.call(el.options, o => o.selected).map(o => o.value);
    return el.value;
  }

  function fail(reason) {
    return { error: reason };
  }

  // Checks a value (from a form field, or as stored) against a field's JSON schema and gives it the
  // type the Java side reads; the same rules as the codecs.
  function coerce(value, schema, javaType) {
    const type = schema.type;
    if (type === 'array') {
      if (!Array.isArray(value)) return fail('a list');
      const out = [];
      for (const item of value) {
        const c = coerce(item, schema.items, null);
        if (c.error) return c;
        if (!schema.uniqueItems || out.indexOf(c.value) < 0) out.push(c.value);
      }
      return { value: out };
    }
    if (value === null || value === undefined) return fail('a value');
    if (type === 'boolean') {
      if (typeof value === 'boolean') return { value: value };
      return value === 'true' || value === 'false' ? { value: value === 'true' } : fail('true or false');
    }
    if (type === 'integer' || type === 'number') {
      const text = String(value).trim();
      const n = typeof value === 'number' ? value : FORMATS.decimal.test(text) ? Number(text) : NaN;
      if (!isFinite(n)) return fail('a number');
      if (type === 'integer' && !Number.isSafeInteger(n)) return fail('a whole number');
      if (n < schema.minimum || n > schema.maximum) return fail(`a whole number from ${schema.minimum} to ${schema.maximum}`);
      if (/^(float|java\.lang\.Float)$/.test(javaType) && Math.abs(n) > 3.4028234663852886e38) return fail('a number within the range of a float');
      return { value: n };
    }
    if (type === 'string') {
      if (typeof value === 'number' && schema.format === 'decimal') value = String(value);
      if (typeof value !== 'string') return fail('a text');
      if (schema.enum && schema.enum.indexOf(value) < 0) return fail('one of ' + schema.enum.join(', '));
      if (value.length < (schema.minLength || 0) || value.length > (schema.maxLength === undefined ? Infinity : schema.maxLength)) {
        return fail(`a text of ${schema.minLength} to ${schema.maxLength} characters`);
      }
      const format = FORMATS[schema.format];
      if (format && !format.test(value)) return fail(`a ${schema.format} value`);
      if (format && /date/.test(schema.format) && !realDate(value.slice(0, 10))) return fail('a real date');
      return { value: value };
    }
    return fail('a value of a type no form field holds');
  }

  function realDate(day) {
    const d = new Date(day + 'T00:00:00Z');
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
  }

  function utf8Length(text) {
    return new TextEncoder().encode(text).length;
  }

  // The app's keys in an area take, as browsers count, the UTF-16 units of keys and values.
  function areaUnits(area, except) {
    const values = snapshot(area);
    return Object.keys(values).reduce((sum, key) => key === except ? sum : sum + key.length + values[key].length, 0);
  }

  // The page marks a refused value on the field: aria-invalid, data-storage-invalid (the reason),
  // the :invalid pseudo-class where the browser has setCustomValidity, and an event.
  function mark(el, reason) {
    if (reason === null) {
      if (!el.hasAttribute('data-storage-invalid')) return;
      el.removeAttribute('data-storage-invalid');
      el.removeAttribute('aria-invalid');
    } else {
      el.setAttribute('data-storage-invalid', reason);
      el.setAttribute('aria-invalid', 'true');
    }
    if (el.setCustomValidity) el.setCustomValidity(reason || '');
  }

  function refuse(el, field, value, reason) {
    mark(el, reason);
    el.dispatchEvent(new CustomEvent('browser-storage:invalid', {
      bubbles: true,
      detail: { field: el.getAttribute('data-storage'), key: prefix + field.key, value: value, reason: reason }
    }));
  }

  function edited(e) {
    const el = e.target;
    if (showing || !el || el.nodeType !== 1 || !el.hasAttribute('data-storage')) return;
    const field = fieldOf(el);
    if (!field) return;
    const key = prefix + field.key;
    const value = raw(el, field);
    if (el.setCustomValidity) el.setCustomValidity('');
    if (el.validity && !el.validity.valid) return refuse(el, field, value, el.validationMessage || 'not a valid value for this field');
    const checked = coerce(value, field.schema, field.javaType);
    if (checked.error) return refuse(el, field, value, 'must be ' + checked.error);
    let text = JSON.stringify(checked.value);
    if (field.ttl) text = JSON.stringify({ expires: Date.now() + field.ttl * 1000, value: checked.value });
    const bytes = utf8Length(text);
    if (bytes > field.limits.maxValueBytes) return refuse(el, field, value, `is ${bytes} bytes, over the limit of ${field.limits.maxValueBytes}`);
    if (areaUnits(field.area, key) + key.length + text.length > field.limits.maxAreaUnits) {
      return refuse(el, field, value, 'does not fit in the app\'s ' + field.area + 'Storage');
    }
    const old = storage(field.area).getItem(key);
    try {
      put(field.area, key, text);
    } catch (error) {
      return refuse(el, field, value, `was refused by the browser: ${error.name}`);
    }
    mark(el, null);
    const pending = unsent.get(key);
    if (pending) clearTimeout(pending.timer);
    unsent.set(key, { area: field.area, text: text, timer: setTimeout(() => flush(key), SEND_DELAY) });
    // A field's change event ends an edit (a choice made, a text field left): no need to wait.
    if (e.type === 'change') flush(key);
    if (old !== text) notify({ area: field.area, key: key, value: text, source: 'field', element: el });
  }

  function flush(key) {
    const pending = unsent.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    unsent.delete(key);
    change(pending.area, key, pending.text);
  }

  window.BrowserStorage.define = define;

  /**
   * Fills the bound fields in root (an element, or the document) from storage. The glue does this
   * by itself for fields added later, where the browser reports added nodes (MutationObserver);
   * call it after a swap in engines that do not (HtmlUnit).
   */
  window.BrowserStorage.bind = root => bindTree(root || document);

  /** The typed value of a store field by its data-storage name ('prefs.theme'): stored, or its default. */
  window.BrowserStorage.value = name => {
    if (!fields[name]) throw new Error(`${JSON.stringify(name)} names no field of a localStorage or sessionStorage store`);
    return current(fields[name]);
  };

  // ---- typed stores (docs/javascript.md): they form the app's keys from the started app's id.

  /** The app id given to start(), or null before start. */
  window.BrowserStorage.app = () => (prefix === null ? null : prefix.slice(0, -1));

  // ---- cookies

  /** Tells the server about cookies the page's own script changed, without waiting for focus. */
  window.BrowserStorage.checkCookies = checkCookies;

  if (script && script.getAttribute('data-app')) {
    window.BrowserStorage.start({ app: script.getAttribute('data-app'), path: script.getAttribute('data-path') });
  }
})();
