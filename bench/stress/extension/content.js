// The stress test's content script: one persistentPort per tab streams {t, n} (n counts the
// accepted messages from 0) at `rate` per second up to `count`, with default options, ignoring
// backpressure (postMessage's false is counted, as are onDrain events). Every `badEvery` messages,
// and once each time the port is not open, it posts a message this browser refuses and expects
// UNSENDABLE_MESSAGE thrown at once. The driver sends commands with window.postMessage: burst (post
// `count` in one task), cut (ask the background, by runtime.sendMessage, to close the native port),
// resume (after one of the plan's `pauses`, which the tab takes by itself: Firefox's event page
// suspends meanwhile), report (report now, whatever waits). At the end, once the background
// acknowledged everything, it reports what it saw to the driver's server.
(() => {
  const C = globalThis.WXS;
  const tab = Math.random().toString(36).slice(2, 7);
  const t0 = Date.now();
  const since = () => Date.now() - t0;
  // A request in flight keeps a page out of Firefox's back/forward cache. Before it navigates away,
  // the driver holds the reports (data-wxs-hold on the root element: they wait until the page is
  // shown again) and waits until none is in flight (data-wxs-reports: in flight, ever sent).
  let inFlight = 0;
  let sent = 0;
  const held = [];
  const root = document.documentElement;
  const mark = () => (root.dataset.wxsReports = `${inFlight} ${sent}`);
  const send = (body) => {
    inFlight++;
    sent++;
    mark();
    fetch(`${C.origin}/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .catch(() => {})
      .finally(() => {
        inFlight--;
        mark();
      });
  };
  const report = (data) => {
    const body = JSON.stringify({ run: C.run, tab, ms: since(), ...data });
    if (root.dataset.wxsHold) held.push(body);
    else send(body);
  };
  const release = () => {
    delete root.dataset.wxsHold;
    for (const body of held.splice(0)) send(body);
  };
  const errors = [];
  const text = (value) => String((value && (value.stack || value.message)) || value).slice(0, 300);
  addEventListener('error', (event) => errors.push(text(event.error || event.message)));
  addEventListener('unhandledrejection', (event) => errors.push(`unhandled ${text(event.reason)}`));

  // Each native port the library opens, for the report: when it opened, what came on it, when it
  // ended; and the page's hide/show.
  const natives = [];
  const runtime = (globalThis.browser || chrome).runtime;
  const connect = runtime.connect;
  runtime.connect = function () {
    const native = connect.apply(this, arguments);
    const record = { at: since(), got: 0, first: null, last: null, gone: null };
    natives.push(record);
    native.onMessage.addListener(() => {
      record.got++;
      record.last = since();
      record.first ??= record.last;
    });
    native.onDisconnect.addListener(() => (record.gone = since()));
    return native;
  };
  const port = webextConnect.persistentPort({ name: `stress:${tab}` });
  addEventListener('pagehide', () => natives.push({ pagehide: since(), state: port.state }));
  addEventListener('pageshow', (event) => {
    natives.push({ pageshow: since(), state: port.state });
    if (event.persisted) {
      release();
      report({ from: 'pageshow', at: n, state: port.state });
    }
  });

  const received = {};
  const reconnects = [];
  let lastLife = null;
  let checking = null;
  let ended = null;
  let lastAnswered = -1;
  port.onMessage.addListener((message) => {
    (received[message.life] ||= []).push(message.k);
    lastAnswered = message.n;
    // The first reply after a reconnect says which lifetime answered it.
    if (checking) checking.after = message.life;
    checking = null;
    lastLife = message.life;
  });
  port.onReconnect.addListener((_port, info) => {
    // A second reconnect before any reply (a restart, then the same lifetime reopened) is judged
    // with the first: between the reply before and the reply after, some lifetime restarted or none.
    if (checking) checking.flags.push(info.restarted);
    else reconnects.push((checking = { flags: [info.restarted], before: lastLife, after: null, at: n }));
  });
  port.onDisconnect.addListener(() => (ended = port.error ? port.error.code || String(port.error) : 'disconnected'));
  let drains = 0;
  port.onDrain.addListener(() => drains++);

  let n = 0;
  let falses = 0;
  let refused = 0;
  let refusedAway = 0;
  let away = false;
  const wrong = [];
  const unsendable = C.browser === 'chromium' ? () => BigInt(n) : () => () => n;
  const post = (extra) => {
    try {
      if (port.postMessage({ t: tab, n, p: Date.now(), ...extra }) === false) falses++;
      n++;
    } catch (error) {
      wrong.push(`postMessage threw ${error.code || text(error)} at ${n}`);
    }
  };
  const postBad = () => {
    try {
      port.postMessage(unsendable());
      wrong.push(`a message the browser cannot send was accepted at ${n} (state ${port.state})`);
    } catch (error) {
      if (error.code === 'UNSENDABLE_MESSAGE') refused++;
      else wrong.push(`a message the browser cannot send threw ${error.code || text(error)}`);
    }
  };

  let total = C.count;
  // Firefox: each tab pauses by itself at these message numbers (a command would come late to a
  // throttled tab, or after a backlog had posted everything) until the driver's resume.
  const pausesAt = C.pauses.map((fraction) => Math.floor(fraction * C.count));
  let paused = false;
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    // Timers run late under load and once a second in a background tab (Firefox): catch up, at
    // most a second's worth (timers stop in the back/forward cache).
    const budget = Math.max(1, Math.round((C.rate * Math.min(now - last, 1000)) / 1000));
    last = now;
    if (port.state !== 'open' && !away) {
      away = true;
      refusedAway++;
      postBad();
    } else if (port.state === 'open') away = false;
    if (paused || ended) return;
    for (let i = 0; i < budget && n < total; i++) {
      if (n === pausesAt[0]) {
        pausesAt.shift();
        paused = true;
        report({ from: 'paused', at: n, now: Date.now() });
        return;
      }
      post();
      if (n % C.badEvery === 0) postBad();
    }
    if (n >= total || ended) finish();
  };
  const timer = setInterval(tick, 5);

  let finishing = false;
  let reported = false;
  function finish() {
    if (finishing) return;
    finishing = true;
    clearInterval(timer);
    // Everything acknowledged, and the background's answer to the last message it answers has come
    // (the answers still on their way are not lost ones); 10 s at most for that answer, as a lifetime
    // that stopped after the delivery never sends it.
    const lastAsked = Math.floor((n - 1) / C.replyEvery) * C.replyEvery;
    const until = Date.now() + 10_000;
    const wait = () => ((port.bufferedAmount || (lastAnswered < lastAsked && Date.now() < until)) && !ended ? setTimeout(wait, 20) : done());
    wait();
  }
  function done() {
    if (reported) return;
    reported = true;
    report({ from: 'done', posted: n, bufferedAmount: port.bufferedAmount, state: port.state, ended, errors, wrong, refused, refusedAway, falses, drains, received, reconnects, natives });
  }

  addEventListener('message', (event) => {
    const command = event.data && event.data.wxs;
    if (command === 'burst') {
      total += event.data.count;
      for (let i = 0; i < event.data.count; i++) post();
      report({ from: 'burst', at: n, bufferedAmount: port.bufferedAmount });
    } else if (command === 'cut') {
      // Asked apart from the stream: a message that closed the port would be resent to a new
      // lifetime (it closed before its acknowledgement) and close it again, for ever.
      // Some messages in flight first, so the port reopens at once, while this lifetime is busy.
      total += 20;
      for (let i = 0; i < 20; i++) post();
      const cut = (closed) => report({ from: 'cut', at: n, closed: closed === true });
      try {
        Promise.resolve(runtime.sendMessage({ wxsCut: port.name })).then(cut, () => cut(false));
      } catch (error) {
        wrong.push(`runtime.sendMessage threw ${text(error)}`);
        cut(false);
      }
    } else if (command === 'resume') {
      paused = false;
    } else if (command === 'report') {
      done();
    }
  });
  report({ from: 'ready' });
})();
