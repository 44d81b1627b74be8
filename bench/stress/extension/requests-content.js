// The request stress test's content script (bench/stress/requests.ts): one persistentPort per tab
// sends `perTab` requests of type 'work' at `rate` per second, alternately retry false and true,
// each with `timeout`; every `slowEvery`-th asks for a reply slower than its own `slowTimeout`, so it
// must time out and its late reply be dropped. Each outcome is recorded with how often it settled,
// when it was sent (Date.now(), the driver's clock too) and how long it took. Progress is left on the
// page's root element for the driver (sent, settled, the last lifetime that answered, pauses begun).
// At each of the plan's `pauses` it stops sending until the driver says resume (Firefox's event page
// suspends meanwhile); the driver's commands come by window.postMessage: resume, report (report now,
// whatever is unsettled). Once all settled, and late replies had time to come,
// it reports to the driver's server.
(() => {
  const C = globalThis.WXR;
  const tab = Math.random().toString(36).slice(2, 8);
  const root = document.documentElement;
  const report = (data) =>
    fetch(`${C.origin}/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ run: C.run, tab, ...data }) }).catch(() => {});
  const errors = [];
  const text = (value) => String((value && (value.stack || value.message)) || value).slice(0, 300);
  addEventListener('error', (event) => errors.push(text(event.error || event.message)));
  addEventListener('unhandledrejection', (event) => errors.push(`unhandled ${text(event.reason)}`));

  const port = webextConnect.persistentPort({ name: 'req' });
  const outcomes = [];
  let settled = 0;
  let reported = false;
  const finish = () => {
    if (reported) return;
    reported = true;
    report({ from: 'req-done', outcomes, errors });
  };

  const one = (k) => {
    const retry = k % 2 === 1;
    const slow = C.slowEvery > 0 && k % C.slowEvery === C.slowEvery - 1;
    const o = { k, retry, slow, timeout: slow ? C.slowTimeout : C.timeout, at: Date.now(), times: 0 };
    outcomes.push(o);
    // Counted, not assumed: a promise cannot settle twice, but a library that resolved one
    // request's promise with another's reply would show here as a wrong reply, and a hang as 0.
    const record = (fields) => {
      o.times++;
      if (o.times > 1) return;
      o.ms = Date.now() - o.at;
      Object.assign(o, fields);
      root.dataset.wxrSettled = String(++settled);
      if (settled === C.perTab) setTimeout(finish, C.lateMs);
    };
    port.request('work', { tab, k, slow }, { timeout: o.timeout, retry }).then(
      (reply) => {
        if (reply && reply.life) root.dataset.wxrLife = reply.life;
        record({ outcome: reply && reply.tab === tab && reply.k === k ? 'reply' : 'wrong reply', life: reply && reply.life });
      },
      (error) => record({ outcome: (error && error.code) || `threw ${text(error)}` }),
    );
  };

  let sent = 0;
  let paused = false;
  let pauses = 0;
  const pauseAt = C.pauses.map((point) => Math.round(point * C.perTab));
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    // Timers run late under load and once a second in a background tab (Firefox): catch up, at
    // most a second's worth.
    const budget = Math.max(1, Math.round((C.rate * Math.min(now - last, 1000)) / 1000));
    last = now;
    if (paused) return;
    for (let i = 0; i < budget && sent < C.perTab; i++) {
      one(sent++);
      if (sent === pauseAt[0]) {
        pauseAt.shift();
        paused = true;
        root.dataset.wxrPaused = String(++pauses);
        break;
      }
    }
    root.dataset.wxrSent = String(sent);
    if (sent >= C.perTab) clearInterval(timer);
  };
  const timer = setInterval(tick, 5);

  addEventListener('message', (event) => {
    const command = event.data && event.data.wxr;
    if (command === 'resume') {
      paused = false;
      last = performance.now();
    } else if (command === 'report') finish();
  });
  report({ from: 'req-ready' });
})();
