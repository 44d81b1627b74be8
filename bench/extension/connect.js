// Content script: connect() + first round trip and a 10,000-message stream through each kind of port.
// raw: chrome.runtime.connect; ours: webextConnect.connect; polyfill: browser.runtime.connect after
// browser-polyfill.min.js (where the browser already has `browser`, the polyfill passes it through).
const KINDS = {
  raw: (info) => chrome.runtime.connect(info),
  ours: (info) => webextConnect.connect(info),
  polyfill: (info) => browser.runtime.connect(info),
};
const NAMES = Object.keys(KINDS);

// Resolves with [ms to the reply, ms spent in the connect call itself].
function firstRoundTrip(kind) {
  return new Promise((resolve) => {
    const start = performance.now();
    const port = KINDS[kind]({ name: 'rt' });
    const call = performance.now() - start;
    port.onMessage.addListener(() => {
      const ms = performance.now() - start;
      port.disconnect();
      resolve([ms, call]);
    });
    port.postMessage(1);
  });
}

async function run() {
  const { iterations, warmup, streamCount, streamReps } = BENCH.connect;
  const roundTrip = { raw: [], ours: [], polyfill: [] };
  const call = { raw: [], ours: [], polyfill: [] };
  for (let i = 0; i < warmup + iterations; i++) {
    // Interleaved, the order rotating each iteration.
    for (let k = 0; k < NAMES.length; k++) {
      const kind = NAMES[(i + k) % NAMES.length];
      const [ms, callMs] = await firstRoundTrip(kind);
      if (i >= warmup) {
        roundTrip[kind].push(ms);
        call[kind].push(callMs);
      }
    }
  }
  const streams = { raw: [], ours: [], polyfill: [] };
  for (let r = 0; r < streamReps; r++) {
    for (let k = 0; k < NAMES.length; k++) {
      const kind = NAMES[(r + k) % NAMES.length];
      streams[kind].push(await stream(() => KINDS[kind]({ name: 'stream' }), streamCount));
    }
  }
  return { roundTrip, call, streams, browserRuntimeIsChromeRuntime: typeof chrome === 'object' && browser.runtime === chrome.runtime };
}

reportRun('connect', run);
