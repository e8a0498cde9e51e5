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
    const before = core.cookie(name);
    document.cookie = text;
    const after = cookieValues(name);
    if (visible(c.path) && (remove ? after.indexOf(before) >= 0 : after.indexOf(value) < 0)) {
      throw cookieError(`the browser refused the cookie ${text}`);
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

  // The cookie prefixes, longest first, and the rule each one's attributes make.
  const PREFIX_RULES = {
    '__Host-Http-': 'HOST_HTTP_PREFIX',
    '__Host-': 'HOST_PREFIX',
    '__Http-': 'HTTP_PREFIX',
    '__Secure-': 'SECURE_PREFIX'
  };
  // What no cookie name, value, path or domain may hold: controls other than TAB, DEL and ';'.
  const COOKIE_BAD = /[\u0000-\u0008\u000A-\u001F\u007F;]/;
  // The queue of batches while an asynchronous cookie batch is in flight.
  let cookieChain = null;
  // Name -> value of document.cookie as the server last heard it.
  let cookiesSeen = null;


  // A cookie the browser would refuse or drop; the rule it breaks, where the glue checked one.
  function cookieError(message, rule) {
    const e = new Error(message);
    e.name = 'CookieError';
    e.rule = rule;
    return e;
  }

  function cookieStore() {
    return typeof window.cookieStore === 'object' ? window.cookieStore : null;
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
      throw cookieError(`cookie ${JSON.stringify(name)} ${what}`, rule);
    };
    if (COOKIE_BAD.test(name)) refuse('NAME_CHARACTERS', 'has a control character or \';\' in its name');
    if (!remove && COOKIE_BAD.test(value)) refuse('VALUE_CHARACTERS', 'has a control character or \';\' in its value');
    if (name.indexOf('=') >= 0) refuse('NAME_CONTAINS_EQUALS', 'has \'=\' in its name');
    if (/^[ \t]|[ \t]$/.test(name) || (!remove && /^[ \t]|[ \t]$/.test(value))) {
      refuse('LEADING_OR_TRAILING_WHITESPACE', 'starts or ends with whitespace');
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
    const prefix = Object.keys(PREFIX_RULES).filter(p => name.toLowerCase().startsWith(p.toLowerCase()))[0];
    if (prefix) {
      const rule = PREFIX_RULES[prefix];
      if (!c.secure || (prefix.startsWith('__Host-') && (c.domain || path !== '/'))) {
        refuse(rule, `uses the ${prefix} prefix without its attributes`);
      }
      if (prefix.endsWith('Http-') && !c.httpOnly) refuse(rule, `uses the ${prefix} prefix but is not HttpOnly`);
    }
    if (/^none$/i.test(c.sameSite || '') && !c.secure) refuse('SAMESITE_NONE_REQUIRES_SECURE', 'is SameSite=None but not Secure');
    if (c.partitioned && !c.secure) refuse('PARTITIONED_REQUIRES_SECURE', 'is Partitioned but not Secure');
    if (c.httpOnly) refuse('HTTP_ONLY_FROM_SCRIPT', 'is HttpOnly, which script cannot write');
    if (!remove && c.secure && !secureContext()) refuse('SECURE_ON_INSECURE_ORIGIN', 'is Secure but this page is not served over HTTPS');
  }

  // An HttpOnly cookie: the server's answer to the commit URL carries it; its value never passes here.
  function commitCookie(commitUrl, async) {
    const request = new XMLHttpRequest();
    request.open('POST', commitUrl, async);
    const outcome = () => {
      if (request.status !== 204) {
        throw cookieError(`the commit URL answered ${request.status}: ${request.responseText}`, 'REFUSED_BY_BROWSER');
      }
    };
    if (!async) {
      request.send();
      outcome();
      return null;
    }
    return new Promise((resolve, reject) => {
      request.onload = resolve;
      request.onerror = () => reject(cookieError('the commit URL could not be reached', 'REFUSED_BY_BROWSER'));
      request.send();
    }).then(outcome);
  }

  // cookieStore only writes Secure cookies, and appends a '/' to a path that lacks one (Chromium
  // follows an earlier text of the spec): such cookies take document.cookie, so that the browser
  // holds the path the server declared, the one every later delete (Set-Cookie included) uses.
  function cookieStoreWritable(c) {
    return cookieStore() !== null && c.secure !== false && (c.path || '/').endsWith('/');
  }

  // One cookie write of an asynchronous batch: a commit URL, cookieStore, or document.cookie.
  function writeCookieAsync(w) {
    const c = w.cookie || {};
    if (w.commit) return commitCookie(w.commit, true);
    const remove = w.value === null || c.maxAge === 0;
    const value = remove ? null : w.value;
    if (!cookieStoreWritable(c)) {
      writeCookie(w.key, value, c);
      return Promise.resolve();
    }
    checkCookie(w.key, value, c);
    const target = { name: w.key, path: c.path || '/' };
    if (c.domain) target.domain = c.domain;
    if (c.partitioned) target.partitioned = true;
    const method = remove ? 'delete' : 'set';
    if (!remove) {
      target.value = value;
      if (c.sameSite) target.sameSite = c.sameSite.toLowerCase();
      if (c.maxAge) target.expires = Date.now() + c.maxAge * 1000;
      else if (c.expires) target.expires = c.expires;
    }
    return cookieStore()[method](target).catch(e => {
      throw cookieError(`cookieStore.${method} refused ${w.key}: ${e.message}`, 'REFUSED_BY_BROWSER');
    });
  }

  function needsAsync(batch) {
    return batch.writes.length > 0 && batch.writes.every(w => w.area === 'cookie') &&
      batch.writes.some(w => w.commit || cookieStoreWritable(w.cookie || {}));
  }

  // A batch of cookie writes only, applied one write after the other, all or nothing.
  function applyCookieBatch(ws, batch) {
    if (batch.id <= core.applied('local')) {
      core.ack(ws, batch);
      return null;
    }
    const undo = [];
    let current = null;
    return batch.writes.reduce((previous, w) => previous.then(() => {
      current = w;
      const old = w.commit ? undefined : core.cookie(w.key);
      return writeCookieAsync(w).then(() => {
        if (old !== undefined) undo.push({ key: w.key, value: old, cookie: w.cookie || {} });
      });
    }), Promise.resolve()).then(() => {
      core.storage('local').setItem(core.appliedKey(), String(batch.id));
      core.ack(ws, batch);
      core.announce(batch);
      core.fire('batch', { id: batch.id });
    }, e => {
      undo.reverse().forEach(u => {
        try {
          writeCookie(u.key, u.value, u.cookie);
        } catch (ignored) {
          // Best effort, as for storage batches.
        }
      });
      core.refuse(ws, batch, e, current, 'cookie');
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

  // Name -> value; a map without a prototype, so that any name is its own.
  function readCookies() {
    const cookies = Object.create(null);
    document.cookie.split(/; */).forEach(pair => {
      if (!pair) return;
      const equals = pair.indexOf('=');
      const name = equals < 0 ? '' : pair.slice(0, equals);
      if (name === '__bs_tab' || name in cookies) return;
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
    const before = cookiesSeen;
    const now = readCookies();
    cookiesSeen = now;
    // The cookies set or changed, then the ones deleted (null).
    const changed = Object.keys(now).filter(name => before[name] !== now[name])
      .concat(Object.keys(before).filter(name => !(name in now)));
    const value = name => (name in now ? now[name] : null);
    changed.forEach(name => change('cookie', name, value(name)));
    if (quiet !== true) changed.forEach(name => core.notify({ area: 'cookie', key: name, value: value(name), source: 'browser' }));
  }

  // After the glue's own writes the server already knows: they only move the baseline.
  document.addEventListener('browser-storage:batch', () => {
    if (cookiesSeen !== null) cookiesSeen = readCookies();
  });
  window.addEventListener('focus', checkCookies);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkCookies();
  });
  if (cookieStore() !== null && cookieStore().addEventListener) cookieStore().addEventListener('change', () => checkCookies());

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
