/**
 * The performance budgets of webext-connect, in one place: bench/run.ts prints the targets in its
 * "target" column; test/size.test.ts fails when a size grows past its limit.
 */
export const budgets = {
  /** gzip -9 of dist/webext-connect.umd.min.js, bytes: the UMD file carries everything. */
  umdMinGzipBytes: 1500,
  /** gzip -9 of the UMD min file at most this fraction of webextension-polyfill's browser-polyfill.min.js. */
  umdMinVsPolyfill: 0.5,
  /** What an application importing each of these adds, gzip -9 bytes (bench/size.ts, importCosts()). */
  importGzipBytes: {
    connect: 1000,
    /** connect's target plus the 10% connectTab may cost beyond connect. */
    connectTab: 1100,
    onConnect: 800,
    detect: 800,
    isSupported: 1200,
    /** connect's target plus the 1,500 B persistentPort may add beyond it. */
    persistentPort: 2500,
    checkMessage: 700,
    core: 2400,
  },
  /** What importing connectTab alone adds / what importing connect alone adds: at most 10% more. */
  connectTabVsConnect: 1.1,
  /** What importing persistentPort adds to an application that already imports connect, gzip -9 bytes. */
  persistentPortBeyondConnectGzipBytes: 1500,
  /** What port.request() adds to an application that imports persistentPort, gzip -9 bytes (bench/size.ts, requestCosts()). */
  requestBeyondPersistentPortGzipBytes: 700,
  /** What onRequest adds to a background that imports onConnect, gzip -9 bytes. */
  onRequestBeyondOnConnectGzipBytes: 900,
  /** The core, as one minified classic script: what the core adds at most as a fraction of the polyfill. */
  coreVsPolyfill: 0.8,
  /** Evaluating the core (and the UMD min file) / evaluating browser-polyfill.min.js (node:vm and a Chromium content script). */
  startupVsPolyfill: 0.5,
  /** connect() plus the first round trip, webext-connect / raw runtime.connect, in Chromium and Firefox. */
  connectFirstRoundTripVsRaw: 1.05,
  /** 10,000 postMessage round trips on a port from connect() / on a raw port. */
  postMessageStreamVsRaw: 1.02,
  /** A port.request() round trip / a raw runtime.sendMessage round trip with a reply, in Chromium and Firefox. */
  requestRoundTripVsSendMessage: 1.1,
  /** 10,000 pipelined round trips through a persistentPort() / through a raw runtime.connect port. */
  persistentStreamVsRaw: 1.1,
  /** A background stop to a queued message delivered to the restarted background: persistentPort() / a hand-written raw reconnect. */
  persistentRestartVsRaw: 1.05,
} as const;

/**
 * What the test command enforces where a size target above is NOT met yet (see BENCHMARKS.md): each
 * import's size as measured on 2026-12-04 plus 10%, rounded up to 10 B (persistentPort: the 4,400 B
 * its issue allows), so clear code has room; a growth past 5% is explained in CHANGELOG.md. A target
 * that is met has no ceiling here (test/size.test.ts fails on a ceiling that is no longer needed).
 */
export const sizeCeilings = {
  /** dist/webext-connect.umd.min.js: 10,354 B. */
  umdMinGzipBytes: 11390,
  /**
   * Per import ("What each import costs" in docs/sizes-and-benchmarks.md), as measured on 2026-12-04
   * after issues 19, 20, 22 and 23 landed, plus 10% rounded up: connect 2,787 B, connectTab 2,399 B,
   * onConnect 3,482 B, detect 1,137 B, isSupported 1,460 B, persistentPort 6,525 B (port.request()
   * included), checkMessage 716 B, the core 5,414 B. CHANGELOG.md says why each grew past 5%.
   */
  importGzipBytes: {
    connect: 3070,
    connectTab: 2640,
    onConnect: 3830,
    detect: 1260,
    isSupported: 1610,
    persistentPort: 7180,
    checkMessage: 790,
    core: 5960,
  } as { readonly [K in keyof typeof budgets.importGzipBytes]?: number },
  /** port.request() beyond persistentPort: 1,012 B. */
  requestBeyondPersistentPortGzipBytes: 1120,
  /** persistentPort (port.request() included) beyond connect: 3,738 B. */
  persistentPortBeyondConnectGzipBytes: 4120,
} as const;

export type Budgets = typeof budgets;
