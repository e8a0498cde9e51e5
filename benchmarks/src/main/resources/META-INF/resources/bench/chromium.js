/*
 * The real-browser sample of the write-to-ack benchmark. Once the glue is connected, the page asks
 * the server, in alternating rounds, to time writes through the generated store (the glue applies
 * each batch and acks it) and pings over a bare websockets-next socket (this page echoes each one);
 * the server times both with its own clock. The page posts what it got to /bench/chromium/report.
 */
(function () {
  'use strict';

  const params = new URLSearchParams(location.search);
  const rounds = Number(params.get('rounds') || 5);
  const count = Number(params.get('count') || 100);
  const warmup = Number(params.get('warmup') || 50);
  let started = false;

  function status(text) {
    document.getElementById('status').textContent = text;
  }

  function post(path) {
    return fetch(path, { method: 'POST' }).then(response => {
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return response.json();
    });
  }

  function openPing(name) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/bench/ping/${name}`);
      ws.onmessage = event => ws.send(event.data);
      ws.onopen = () => resolve(ws);
      ws.onerror = reject;
    });
  }

  async function run() {
    const name = 'chromium-' + Math.random().toString(36).slice(2);
    await openPing(name);
    const writes = [];
    const pings = [];
    for (let round = 0; round < rounds; round++) {
      status(`round ${round + 1} of ${rounds}`);
      const w = await post(`/bench/writes/latency?count=${count}&warmup=${round === 0 ? warmup : 0}`);
      writes.push(...w.nanos);
      const p = await post(`/bench/pings/latency?name=${name}&count=${count}&warmup=${round === 0 ? warmup : 0}`);
      pings.push(...p.nanos);
    }
    return { userAgent: navigator.userAgent, writeNanos: writes, pingNanos: pings };
  }

  function report(body) {
    return fetch('/bench/chromium/report', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
  }

  document.addEventListener('browser-storage:ready', () => {
    if (started) return;
    started = true;
    run().then(report, e => report({ error: String(e) })).then(() => status('done'));
  });
})();
