// The stress test's background: receives through webext-connect's onConnect() and writes one log
// line per message, synchronously, tagged with an id drawn once per background lifetime
// (Chromium: console.log, which --enable-logging=stderr puts on the browser's stderr; Firefox:
// dump(), which browser.dom.window.dump.enabled puts on its stdout), with the time (Date.now()) of each
// delivery and the time the tab posted the message. The driver counts those lines.
// The other direction: every `replyEvery`-th message is answered with {life, k, n}, k counting per
// session in this lifetime, n the message's own number, and logged as sent; the tab records what
// arrives (and waits for the answer to its last such message before it reports).
const life = Math.random().toString(36).slice(2, 8);
const out = typeof dump === 'function' ? (line) => dump(`${line}\n`) : (line) => console.log(line);
const log = (line) => out(`wxs ${life} ${line}`);
const text = (value) => String(value && (value.stack || value.message) || value).replace(/\s+/g, ' ').slice(0, 300);
log('start');
addEventListener('error', (event) => log(`err ${text(event.error || event.message)}`));
addEventListener('unhandledrejection', (event) => log(`err unhandled ${text(event.reason)}`));

const api = globalThis.browser || chrome;
// Firefox's event page: the driver resumes the paused tabs once this line says it is going.
api.runtime.onSuspend?.addListener(() => log('suspend'));
// The latest native port of each tab, so a tab can ask this side to close it (as Chromium does for
// the back/forward cache) while the session and this lifetime go on. Added before onConnect(), so
// it runs first for each native port.
const natives = new Map();
api.runtime.onConnect.addListener((native) => {
  const key = native.name.split('\u0000')[0];
  natives.set(key, native);
  native.onDisconnect.addListener(() => natives.get(key) === native && natives.delete(key));
});
// Answers whether there was a native port to close (the tab's may be closed by a suspension).
api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (!message || !message.wxsCut) return;
  const native = natives.get(message.wxsCut);
  natives.delete(message.wxsCut);
  native?.disconnect();
  sendResponse(!!native);
});

webextConnect.onConnect((port) => {
  const tab = port.name.slice('stress:'.length);
  let k = 0;
  log(`session ${tab}`);
  port.onMessage.addListener((message) => {
    log(`m ${tab} ${message.n} ${Date.now()} ${message.p}`);
    if (message.n % WXS_BG.replyEvery === 0) {
      log(`b ${tab} ${k}`);
      port.postMessage({ life, k: k++, n: message.n });
    }
  });
});
