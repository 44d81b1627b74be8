// Content script of the persistent-port bench (stream.js loaded first).
// 1. Streams: 10,000 pipelined round trips through a persistentPort() and through a raw
//    runtime.connect port, interleaved.
// 2. Restarts: per trial one port of one kind makes a round trip, then reports 'ready'; the bench
//    stops the background (Chromium: the service worker; Firefox: the event page suspended). When the
//    port's native port disconnects, a probe is posted in the next task; the background times its
//    arrival. ours: a persistentPort() with default options; raw: a hand-written reconnect.
const runtime = (globalThis.browser || chrome).runtime;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Every native port goes through here, the library's included, so a trial learns of the stop from
// the same event for both kinds: the latest native port's onDisconnect. This listener is added
// before the port's own (the library's, or the raw reconnect's), so it runs first.
let watched;
let onStop;
let connects = 0;
const nativeConnect = runtime.connect;
runtime.connect = function () {
  const port = nativeConnect.apply(this, arguments);
  connects++;
  watched = port;
  port.onDisconnect.addListener(() => port === watched && onStop && onStop());
  return port;
};

const OPEN = {
  ours(onEcho) {
    const port = webextConnect.persistentPort({ name: 'ours' });
    port.onMessage.addListener(onEcho);
    return { post: (message) => port.postMessage(message), close: () => port.disconnect(), state: () => `${port.state}, ${port.bufferedAmount} buffered, error ${port.error && port.error.code}` };
  },
  // As extensions reconnect by hand today: in onDisconnect, runtime.connect at once, and post again
  // on the new port whatever has had no echo yet.
  raw(onEcho) {
    const unanswered = new Map();
    let port;
    let closed = false;
    const open = () => {
      port = runtime.connect({ name: 'raw' });
      port.onMessage.addListener((message) => {
        unanswered.delete(message.seq);
        onEcho(message);
      });
      port.onDisconnect.addListener(() => {
        if (closed) return;
        open();
        for (const message of unanswered.values()) port.postMessage(message);
      });
    };
    open();
    return {
      post(message) {
        unanswered.set(message.seq, message);
        port.postMessage(message);
      },
      close() {
        closed = true;
        port.disconnect();
      },
      state: () => `${unanswered.size} unanswered`,
    };
  },
};
const KINDS = Object.keys(OPEN);

// One restart trial; resolves true when the probe's echo came back, false (after a report of the
// port's state) when it did not in time.
async function restart(kind, trial, timeoutMs) {
  const waiting = new Map();
  const port = OPEN[kind]((message) => waiting.get(message.seq)?.());
  const roundTrip = (message) => new Promise((resolve) => {
    waiting.set(message.seq, resolve);
    port.post(message);
  });
  // The port is open and the background running before the stop.
  await roundTrip({ seq: 0 });
  // And quiet: the persistent port acknowledges the echo up to 20 ms later, and a port message that
  // reaches a Firefox event page after runtime.onSuspend cancels the suspension (Firefox's own test
  // test_runtime_Port_onMessage_cancels_suspend): a stop asked for in those 20 ms never came.
  await sleep(50);
  const echoed = new Promise((resolve) => {
    waiting.set(1, () => resolve(true));
    onStop = () => {
      onStop = undefined;
      const disconnected = now();
      setTimeout(() => port.post({ seq: 1, trial, kind, disconnected, posted: now() }), 0);
    };
    setTimeout(() => resolve(false), timeoutMs);
  });
  const before = connects;
  await send({ from: 'ready', trial, kind });
  const ok = await echoed;
  if (!ok) await send({ from: 'lost', trial, kind, state: port.state(), connects: connects - before, stopSeen: !onStop });
  onStop = undefined;
  port.close();
  return ok;
}

async function run() {
  const { streamCount, streamReps, pairs, warmupPairs, settleMs, timeoutMs } = BENCH.persistent;
  const streams = { ours: [], raw: [] };
  const open = { ours: () => webextConnect.persistentPort({ name: 'ours' }), raw: () => runtime.connect({ name: 'raw' }) };
  for (let r = 0; r < streamReps; r++) {
    for (let k = 0; k < KINDS.length; k++) {
      const kind = KINDS[(r + k) % KINDS.length];
      streams[kind].push(await stream(open[kind], streamCount));
    }
  }
  await send({ from: 'streams', streams });
  // Back-to-back pairs, the order alternating; the bench numbers the trials as they come.
  const lost = { ours: 0, raw: 0 };
  let trial = 0;
  for (let p = 0; p < warmupPairs + pairs; p++) {
    for (let k = 0; k < KINDS.length; k++) {
      const kind = KINDS[(p + k) % KINDS.length];
      if (!(await restart(kind, trial++, timeoutMs))) lost[kind]++;
      // Lets the closed port's last native port go before the next stop.
      await sleep(settleMs);
    }
  }
  return { lost, trials: trial };
}

reportRun('persistent', run);
