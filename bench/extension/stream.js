// Shared by the bench's content scripts (loaded before each): a stream of pipelined round trips,
// and the one report a content script sends to the bench's server.

// Opens a port with `open()`, makes one round trip (so the stream times messages, not the
// connection), then posts `count` messages without waiting; resolves with the ms until the last
// echo arrives. `open` may return a raw runtime.connect port or a persistentPort(): both have
// postMessage, onMessage and disconnect.
function stream(open, count) {
  return new Promise((resolve) => {
    const port = open();
    let received = 0;
    port.onMessage.addListener(function warm() {
      port.onMessage.removeListener(warm);
      const start = performance.now();
      port.onMessage.addListener(() => {
        if (++received === count) {
          const ms = performance.now() - start;
          port.disconnect();
          resolve(ms);
        }
      });
      for (let i = 0; i < count; i++) port.postMessage(i);
    });
    port.postMessage(-1);
  });
}

// POSTs `data` to the bench's server as JSON, tagged with the browser.
const send = (data) =>
  fetch(BENCH.report, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ browser: BENCH.browser, ...data }) });

// Runs `run()` and reports its result (or its error) as the report `from`.
function reportRun(from, run) {
  run().then(
    (result) => send({ from, ...result, isolated: globalThis.crossOriginIsolated === true }),
    (error) => send({ from, error: String((error && error.stack) || error) }),
  );
}
