/*
 * browser-storage glue, part: the cookie road (docs/cookies.md). The server serves it after the core,
 * storage.js, when the application uses cookies (quarkus.browser-storage.glue.cookies); it registers
 * with the core through BrowserStorage._core. Written with the same limits as the core: plain
 * ES2017 inside what HtmlUnit runs.
 */
(function () {
  'use strict';

  const core = window.BrowserStorage && window.BrowserStorage._core;
  if (!core) throw new Error('browser-storage: cookies.js needs storage.js before it');
  const cookieValues = core.cookieValues;
  const utf8Length = core.utf8Length;
  const notify = core.notify;
  const answer = core.answer;
  const change = core.change;
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
  // The queue of batches while an asynchronous cookie batch is in flight.
  let cookieChain = null;
  // Name -> value of document.cookie as the server last heard it.
  let cookiesSeen = null;


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
    const limit = core.config.maxNameValueBytes;
    if (!remove && utf8Length(name) + utf8Length(value) > limit) refuse('NAME_VALUE_TOO_LONG', `is over ${limit} bytes`);
    const path = c.path || '/';
    const most = core.config.maxAttributeBytes;
    if (utf8Length(path) > most || (c.domain && utf8Length(c.domain) > most)) refuse('ATTRIBUTE_TOO_LONG', `has a path or domain over ${most} bytes`);
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
    if (batch.id <= core.applied('local')) {
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
      core.storage('local').setItem(core.appliedKey(), String(batch.id));
      answer(ws, batch, { t: 'ack', id: batch.id });
      batch.writes.forEach(w => notify({ area: 'cookie', key: w.key, value: w.commit ? undefined : w.value, source: 'server' }));
      core.fire('batch', { id: batch.id });
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
      core.applyBatch(ws, batch);
      return;
    }
    const next = (cookieChain || Promise.resolve())
      .then(() => needsAsync(batch) ? applyCookieBatch(ws, batch) : core.applyBatch(ws, batch))
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
  // before each batch and after the glue's own writes; never on a timer. Quiet (true) for a change
  // the page's listeners have already heard of (a bound field's).
  function checkCookies(quiet) {
    if (!core.socket() || cookiesSeen === null) return;
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
    if (quiet !== true) changed.concat(deleted).forEach(cookie => notify({ area: 'cookie', key: cookie.name, value: now[cookie.name] === undefined ? null : now[cookie.name], source: 'browser' }));
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

  core.use({
    cookies: {
      write: w => (w.commit ? commitCookie(w.commit, false) : writeCookie(w.key, w.value, w.cookie || {})),
      receive: receiveBatch,
      baseline: cookieBaseline,
      check: checkCookies
    }
  });

  /** Tells the server about cookies the page's own script changed, without waiting for focus. */
  window.BrowserStorage.checkCookies = () => checkCookies();
})();
