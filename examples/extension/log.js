// Logging for the example: every line goes to the console and, when config.js names a report URL
// (as `npm run demo` does), is also POSTed there so the demo can print the conversation.
// A classic script that also works as an ES module: it only reads and writes globalThis.
(() => {
  const config = globalThis.EXAMPLE_CONFIG || {};
  // Reporting order and a shared clock across the content script and the background.
  const now = () => performance.timeOrigin + performance.now();

  function send(entry) {
    if (!config.report) return;
    fetch(config.report, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ browser: config.browser, t: now(), ...entry }),
    }).catch(() => {});
  }

  /** Logs one line of the conversation: who ('content' | 'background'), what ('sent' | 'received' | 'note'), the text. */
  globalThis.exampleLog = (who, what, text) => {
    console.log(`[${who}] ${what}: ${text}`);
    send({ kind: 'log', who, what, text });
  };

  /** Reports what webext-connect sees in this context: detect(), isSupported() and probeSupport(). */
  globalThis.exampleReportEnvironment = (who) => {
    const { detect, isSupported, probeSupport, compatTable } = globalThis.webextConnect;
    const { namespace, promises, browser, extensionId } = detect();
    const detected = { namespace, promises, browser, extensionId };
    const features = Object.keys(compatTable);
    const supported = {};
    for (const feature of features) supported[feature] = isSupported(feature);
    const probed = probeSupport();
    console.log(`[${who}] detect():`, detected, 'isSupported():', supported, 'probeSupport():', probed);
    send({ kind: 'environment', who, detected, isSupported: supported, probeSupport: probed });
  };
})();
