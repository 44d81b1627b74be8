// Background of the persistent-port bench: echoes every message, on a persistent port through this
// library's onConnect() (ports named 'ours') and on a raw port through runtime.onConnect (ports named
// 'raw'); both listeners are registered at the top level, so a restarted background has them at once.
// A restart probe (a message with `trial`) is timed on arrival, before anything else is done with it,
// and reported to the bench's server with this lifetime's id.
const LIFE = Math.random().toString(36).slice(2);

function echo(port, kind) {
  port.onMessage.addListener((message) => {
    if (message && message.trial !== undefined) {
      const received = performance.timeOrigin + performance.now();
      const wall = Date.now();
      fetch(BENCH.report, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ browser: BENCH.browser, from: 'probe', kind, life: LIFE, received, wall, ...message }),
      });
    }
    port.postMessage(message);
  });
}

webextConnect.onConnect((port) => port.name === 'ours' && echo(port, 'ours'));
chrome.runtime.onConnect.addListener((port) => port.name === 'raw' && echo(port, 'raw'));
