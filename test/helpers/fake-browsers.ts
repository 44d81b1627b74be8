// Fakes of the WebExtensions API, built from sinon stubs and modelled on what real browsers were
// seen to do (shared/notes/browsers.md: Chromium 156 and Firefox 153 ESR, 2026-11). Each fake is a
// global scope object to inject into detect()/connectIn()/listenIn(); nothing is patched globally.
// The Safari fakes were never checked against a real Safari: they follow WebKit's source, its bug
// reports and shared/notes/ports.md, and say so where they guess.
import sinon from 'sinon';

export const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
/** Safari's missing receiver, as reports quote it; the text WebKit wraps around it is not reproduced. */
export const SAFARI_NO_RECEIVER = 'No runtime.onConnect listeners found.';
const CHROMIUM_SIGNATURE = 'Error in invocation of runtime.connect(optional string extensionId, optional object connectInfo)';

/** The user-agent strings the fakes report. */
export const USER_AGENTS = {
  chromium: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  oldChrome: 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/50.0.2661.102 Safari/537.36',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  legacyEdge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.17763',
  opera: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0',
  safari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15',
  oldSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
} as const;

/**
 * The browsers the fakes model. safari: Safari 18+ (WebKit's own Port, with `error`); oldSafari:
 * Safari 14–17, whose failed ports may never fire onDisconnect; safariPage: a web page Safari lets
 * connect (externally_connectable), which has `browser` but no `chrome`.
 */
export type FakeKind = 'chromium' | 'firefox' | 'legacyEdge' | 'opera' | 'externalPage' | 'tlsRejecting' | 'oldChrome' | 'safari' | 'oldSafari' | 'safariPage';

type Listener = (...args: any[]) => void;

/** A fake extension event: sinon-spied addListener/removeListener plus dispatch() for the test. */
export class FakeEvent {
  readonly listeners: Listener[] = [];
  readonly addListener = sinon.spy((listener: Listener) => void this.listeners.push(listener));
  readonly removeListener = sinon.spy((listener: Listener) => {
    const at = this.listeners.indexOf(listener);
    if (at >= 0) this.listeners.splice(at, 1);
  });
  hasListener(listener: Listener): boolean {
    return this.listeners.includes(listener);
  }
  dispatch(...args: unknown[]): void {
    for (const listener of this.listeners.slice()) listener(...args);
  }
}

/** A fake runtime.Port in the style of one browser engine. */
export interface FakePort {
  name: string;
  error?: Error | null;
  postMessage: sinon.SinonSpy;
  /** The native postMessage spy, still there after the library defines its own postMessage on the port. */
  readonly posted: sinon.SinonSpy;
  disconnect: sinon.SinonSpy;
  onMessage: FakeEvent;
  onDisconnect: FakeEvent;
}

/** What a fake browser exposes to a test. */
export interface FakeBrowser {
  kind: FakeKind;
  /** The global scope to inject. */
  scope: Record<string, unknown>;
  /** The native runtime.connect stub. */
  connect: sinon.SinonSpy;
  runtime: Record<string, any>;
  /** Ports the native connect returned, oldest first. */
  ports: FakePort[];
  /** Simulates another context connecting to this one (runtime.onConnect or onConnectExternal). */
  deliverConnection(event: 'onConnect' | 'onConnectExternal', name?: string): FakePort;
  /** Simulates the other end disconnecting `port`, with an error message or cleanly. */
  disconnectFromOtherSide(port: FakePort, errorMessage?: string): void;
  /** Resolves after pending fake timers (the ~1–3 ms before onDisconnect fires for a missing receiver). */
  settle(): Promise<void>;
  /**
   * The extension was reloaded under this context: runtime.connect throws "Extension context
   * invalidated."; Chromium clears runtime.id, Safari keeps it (fregante/webext-events#13).
   */
  invalidate(): void;
  /** The tabs API, present when createFakeBrowser() was asked for it (an extension page or background). */
  tabs?: FakeTabs;
}

/** A frame of a fake tab, as tabs.connect finds it: its ids and the runtime.onConnect of its content script (none: no content script). */
export interface FakeFrame {
  frameId: number;
  documentId: string;
  onConnect?: FakeEvent;
}

/** The fake tabs API: tabs.connect and the tabs it can reach. */
export interface FakeTabs {
  /** The native tabs.connect stub. */
  connect: sinon.SinonSpy;
  /** Open tabs by id, each with its frames. */
  frames: Map<number, FakeFrame[]>;
  /**
   * Called with the port tabs.connect returned and the frames it reaches (at least one with a
   * listener); without it nothing is delivered. The fake world sets it to link the two ends.
   */
  route?: (port: FakePort, frames: FakeFrame[]) => void;
}

/** Options of createFakeBrowser(). */
export interface FakeOptions {
  /** Give the namespace a tabs API; `documentId: false` makes its schema refuse connectInfo.documentId, as Firefox 140 does. */
  tabs?: { documentId: boolean };
}

type Engine = 'chromium' | 'gecko' | 'webkit';

const ENGINE: Record<FakeKind, Engine> = {
  chromium: 'chromium', oldChrome: 'chromium', opera: 'chromium', externalPage: 'chromium', tlsRejecting: 'chromium', legacyEdge: 'chromium',
  firefox: 'gecko',
  safari: 'webkit', oldSafari: 'webkit', safariPage: 'webkit',
};

// Web pages that may connect: no id, no receiving events, no getManifest.
const WEB_PAGES: readonly FakeKind[] = ['externalPage', 'safariPage'];
const USER_AGENT_OF: Partial<Record<FakeKind, keyof typeof USER_AGENTS>> = { externalPage: 'chromium', tlsRejecting: 'oldChrome', safariPage: 'safari' };

// What postMessage on a dead port does: Chromium and Firefox throw their texts; WebKit since Safari
// 18 refuses it ("the port is disconnected", WebExtensionAPIPortCocoa.mm; the wording around that
// phrase is not reproduced); Safari before 18 did nothing (lapcat/SafariExtensions#40).
function deadPortError(kind: FakeKind, engine: Engine): Error | null {
  if (engine === 'webkit') return kind === 'oldSafari' ? null : new Error('The port is disconnected.');
  return new Error(engine === 'gecko' ? 'Attempt to postMessage on disconnected port' : 'Attempting to use a disconnected port object');
}

/** The extension ids a fake can reach: its own and one other installed extension. */
export const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const OTHER_ID = 'ponmlkjihgfedcbaponmlkjihgfedcba';

// How each engine rejects bad arguments natively: different error types and texts (browsers.md).
function nativeArgumentError(engine: Engine, args: unknown[]): Error | null {
  const [first, second] = args;
  const idOk = first === undefined || first === null || typeof first === 'string';
  const infoArg = typeof first === 'object' && first !== null && args.length === 1 ? first : second;
  const infoOk = infoArg === undefined || infoArg === null || typeof infoArg === 'object';
  if (args.length > 2 || !(idOk || (typeof first === 'object' && args.length === 1)) || !infoOk) {
    return engine === 'chromium' ? new TypeError(`${CHROMIUM_SIGNATURE}: No matching signature.`) : new Error('Incorrect argument types for runtime.connect.');
  }
  if (!infoArg) return null;
  for (const [key, value] of Object.entries(infoArg as object)) {
    const expected = key === 'name' ? 'string' : key === 'includeTlsChannelId' ? 'boolean' : null;
    if (!expected) {
      return engine === 'chromium'
        ? new TypeError(`${CHROMIUM_SIGNATURE}: Error at parameter 'connectInfo': Unexpected property: '${key}'.`)
        : new Error(`Type error for parameter connectInfo (Unexpected property "${key}") for runtime.connect.`);
    }
    if (typeof value !== expected) {
      return engine === 'chromium'
        ? new TypeError(`${CHROMIUM_SIGNATURE}: Error at parameter 'connectInfo': Error at property '${key}': Invalid type: expected ${expected}, found ${typeof value === 'number' ? 'integer' : typeof value}.`)
        : new Error(`Type error for parameter connectInfo (Error processing ${key}: Expected ${expected} instead of ${String(value)}) for runtime.connect.`);
    }
  }
  return null;
}

/** Builds a fake browser of `kind`: a scope with `chrome`/`browser`/`navigator` as that browser has them. */
export function createFakeBrowser(kind: FakeKind, options: FakeOptions = {}): FakeBrowser {
  const engine = ENGINE[kind];
  const ports: FakePort[] = [];
  const pending: Array<Promise<void>> = [];
  let invalidated = false;
  const runtime: Record<string, any> = {
    id: WEB_PAGES.includes(kind) ? undefined : OWN_ID,
    lastError: engine === 'chromium' ? undefined : null,
    onConnect: new FakeEvent(),
    onConnectExternal: new FakeEvent(),
    getManifest: () => ({ manifest_version: 3 }),
  };
  if (WEB_PAGES.includes(kind)) {
    delete runtime.id;
    delete runtime.onConnect;
    delete runtime.onConnectExternal;
    delete runtime.getManifest;
  }
  if (engine === 'gecko') runtime.getBrowserInfo = sinon.stub().resolves({ name: 'Firefox', version: '153.7.0' });

  function makePort(name: string): FakePort {
    let disconnected = false;
    const posted = sinon.spy(function (...args: unknown[]) {
      // Chromium's bindings refuse a call without the message; Firefox sends undefined.
      if (args.length === 0 && engine === 'chromium') throw new TypeError('Insufficient number of arguments.');
      const dead = disconnected && deadPortError(kind, engine);
      if (dead) throw dead;
    });
    const port: FakePort = {
      name,
      postMessage: posted,
      posted,
      disconnect: sinon.spy(() => void (disconnected = true)),
      onMessage: new FakeEvent(),
      onDisconnect: new FakeEvent(),
    };
    if (engine === 'gecko' || kind === 'safari') port.error = null; // Firefox, Safari 18+: null until an error
    (port as any).markDisconnected = () => void (disconnected = true);
    return port;
  }

  function fireDisconnect(port: FakePort, message?: string): void {
    (port as any).markDisconnected();
    // Safari before 18: a port that failed (no receiver, the other page gone) never fires
    // onDisconnect; one the other side disconnect()s on purpose does (lapcat/SafariExtensions#40).
    if (kind === 'oldSafari') {
      if (!message) port.onDisconnect.dispatch(port);
      return;
    }
    // Safari 18+ sets port.error, then fires onDisconnect; lastError is set only while it logs the
    // error, before that (WebExtensionAPIRuntime.cpp), so listeners never see it.
    if (engine === 'gecko' || engine === 'webkit') {
      if (message) port.error = new Error(message);
      port.onDisconnect.dispatch(port);
      return;
    }
    // Chromium: lastError is a plain object, set only while onDisconnect listeners run.
    runtime.lastError = message ? { message } : undefined;
    try {
      port.onDisconnect.dispatch(port);
    } finally {
      runtime.lastError = undefined;
    }
  }

  const connect = sinon.spy(function (this: unknown, ...args: unknown[]) {
    if (invalidated) throw new Error('Extension context invalidated.');
    const argumentError = nativeArgumentError(engine, args);
    if (argumentError) throw argumentError;
    const [first, second] = args;
    const id = typeof first === 'string' ? first : undefined;
    // Chromium 156 checks an id's form before any port exists; Firefox ids are free-form.
    if (engine === 'chromium' && id !== undefined && !/^[a-p]{32}$/.test(id)) throw new TypeError(`${CHROMIUM_SIGNATURE}: Invalid extension id: '${id}'`);
    const info = (typeof first === 'object' && first !== null ? first : second) as { name?: string; includeTlsChannelId?: boolean } | undefined;
    if (WEB_PAGES.includes(kind) && id === undefined) {
      throw new TypeError('chrome.runtime.connect() called from a webpage must specify an Extension ID (string) for its first argument.');
    }
    if (kind === 'tlsRejecting' && info && 'includeTlsChannelId' in info) {
      throw new TypeError(`${CHROMIUM_SIGNATURE}: Error at parameter 'connectInfo': Unexpected property: 'includeTlsChannelId'.`);
    }
    const port = makePort(info && info.name !== undefined ? info.name : '');
    ports.push(port);
    if (id !== undefined && id !== OWN_ID && id !== OTHER_ID) {
      pending.push(new Promise((resolve) => setTimeout(() => resolve(fireDisconnect(port, engine === 'webkit' ? SAFARI_NO_RECEIVER : NO_RECEIVER)), engine === 'gecko' ? 2 : 1)));
    }
    return port;
  });
  runtime.connect = connect;

  // Whom a tabs.connect reaches: the frame by frameId, the document by documentId, else every frame
  // with a listener. Given both, Firefox 153 goes by documentId alone; Chromium needs both to match
  // (shared/notes/browsers.md, tabs.connect).
  const tabsApi: FakeTabs | undefined = options.tabs && {
    frames: new Map(),
    connect: sinon.spy(function (tabId: number, info?: { name?: string; frameId?: number; documentId?: string }) {
      if (info && info.documentId !== undefined && !options.tabs!.documentId) {
        throw engine === 'chromium'
          ? new TypeError("Error in invocation of tabs.connect(integer tabId, optional object connectInfo): Error at parameter 'connectInfo': Unexpected property: 'documentId'.")
          : new Error('Type error for parameter connectInfo (Unexpected property "documentId") for tabs.connect.');
      }
      // Firefox names an unnamed port null, on both sides; Chromium ''.
      const port = makePort(info && info.name !== undefined ? info.name : engine === 'gecko' ? (null as never) : '');
      ports.push(port);
      const byDocument = info && info.documentId !== undefined;
      const reached = (tabsApi!.frames.get(tabId) ?? []).filter(
        (frame) =>
          (!byDocument || frame.documentId === info!.documentId) &&
          (info?.frameId === undefined || (byDocument && engine === 'gecko') || frame.frameId === info.frameId),
      );
      if (reached.some((frame) => frame.onConnect && frame.onConnect.listeners.length > 0)) tabsApi!.route?.(port, reached);
      else pending.push(new Promise((resolve) => setTimeout(() => resolve(fireDisconnect(port, engine === 'webkit' ? SAFARI_NO_RECEIVER : NO_RECEIVER)), engine === 'gecko' ? 2 : 1)));
      return port;
    }),
  };

  const api: { runtime: Record<string, any>; tabs?: FakeTabs } = { runtime };
  if (tabsApi) api.tabs = tabsApi;
  const scope: Record<string, unknown> = { navigator: { userAgent: USER_AGENTS[USER_AGENT_OF[kind] ?? (kind as keyof typeof USER_AGENTS)] } };
  if (engine === 'webkit') {
    // Safari: `chrome` is `browser` itself (w3c/webextensions#532), but web pages get only `browser`
    // (w3c/webextensions#459); a Mac has no touch points.
    scope.browser = api;
    if (kind !== 'safariPage') scope.chrome = api;
    (scope.navigator as any).maxTouchPoints = 0;
  } else if (kind === 'firefox') {
    scope.browser = api;
    scope.chrome = api; // Firefox: browser === chrome
  } else if (kind === 'legacyEdge') {
    scope.browser = api; // callback-style browser.*, no chrome.*
  } else if (kind === 'chromium') {
    scope.chrome = api;
    scope.browser = { runtime, tabs: api.tabs }; // Chromium 156's alias: a different object with the same APIs
    (scope.navigator as any).userAgentData = { brands: [{ brand: 'Chromium', version: '156' }, { brand: 'Not)A;Brand', version: '24' }] };
  } else {
    scope.chrome = api;
  }
  if (kind === 'opera') scope.opr = { addons: {} };

  return {
    kind,
    scope,
    connect,
    runtime,
    ports,
    deliverConnection(event, name = '') {
      const port = makePort(name);
      (runtime[event] as FakeEvent).dispatch(port);
      return port;
    },
    disconnectFromOtherSide: fireDisconnect,
    async settle() {
      await Promise.all(pending.splice(0));
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
    invalidate() {
      invalidated = true;
      if (engine !== 'webkit') runtime.id = undefined;
    },
    tabs: tabsApi,
  };
}

/** A scope with no extension API at all, as in Node or a Firefox web page. */
export function createEmptyScope(userAgent = USER_AGENTS.firefox): Record<string, unknown> {
  return { navigator: { userAgent } };
}

/** A plain Chrome web page: a `chrome` object with loadTimes/csi/app but no runtime. */
export function createPlainChromePage(): Record<string, unknown> {
  return { chrome: { loadTimes() {}, csi() {}, app: {} }, navigator: { userAgent: USER_AGENTS.chromium } };
}

/** A fake content-script port or background port of a FakeExtension (Firefox-style `error`). */
export interface LinkedPort extends FakePort {
  /** The port at the other end. */
  peer?: LinkedPort;
  /** False once either end disconnected or the background stopped. */
  open: boolean;
}

/** A content script and its extension's background, linked by ports, with a background that can stop. */
export interface FakeExtension {
  /** The content script's global scope. */
  content: Record<string, unknown> & { addEventListener?: unknown };
  /** The content script's runtime; `connect` is a sinon spy. */
  runtime: Record<string, any>;
  /** The current background's global scope (a new one after each stop and restart), or null while stopped. */
  background: Record<string, unknown> | null;
  /** How many background lifetimes started. */
  starts: number;
  /** Stops the background: every port disconnects without error, messages in flight are lost, its state is gone. */
  stop(): void;
  /** Suspends the background as Firefox's idle timeout does an event page: runtime.onSuspend, then (what it posted there delivered first) the stop. */
  suspend(): void;
  /** Invalidates the content script's context (an extension reload): runtime.id goes, connect throws. */
  invalidate(): void;
  /**
   * An extension reload as Chromium does it to a content script (shared/notes/ports.md §3b): every
   * port disconnects without error while runtime.id stays set for `after` ms; a port connected in
   * that time is a zombie (accepts messages, delivers none, never disconnects, and throws "Extension
   * context invalidated." once runtime.id is gone); then runtime.id goes and connect throws.
   */
  orphan(after?: number): void;
  /**
   * The next `count` connects return a port that never reaches the background and never
   * disconnects (messages lost). Not seen directly: what the bench's Firefox probes without an echo
   * in 10 s look like from the content side.
   */
  hang(count?: number): void;
  /** Content-side ports, oldest first. */
  ports: LinkedPort[];
  /** Messages lost in flight (posted, never delivered). */
  lost: unknown[];
}

/**
 * A content script ↔ background pair modelled on Chromium's MV3 worker (shared/notes/ports.md §3):
 * runtime.connect starts a stopped background (running `setup(backgroundScope)` again, as a worker
 * runs its script), a background without an onConnect listener makes the port fail with
 * NO_RECEIVER, messages take `latency` ms (fake timers advance them) and those in flight when the
 * background stops are lost.
 */
export function createFakeExtension(setup: (scope: Record<string, unknown>) => void, latency = 1): FakeExtension {
  const ext = { background: null, starts: 0, ports: [], lost: [] } as unknown as FakeExtension;
  let bgRuntime: Record<string, any> | null = null;
  let bgPorts: LinkedPort[] = [];

  function makeLinked(name: string): LinkedPort {
    const posted = sinon.spy((message: unknown) => {
      if (!port.open) throw new Error('Attempt to postMessage on disconnected port');
      // Structured clone, as Firefox does; JSON would do for these tests too.
      const copy = structuredClone(message);
      const peer = port.peer!;
      setTimeout(() => (peer.open ? peer.onMessage.dispatch(copy, peer) : ext.lost.push(copy)), latency);
    });
    const port: LinkedPort = {
      name,
      error: null,
      open: true,
      onMessage: new FakeEvent(),
      onDisconnect: new FakeEvent(),
      postMessage: posted,
      posted,
      disconnect: sinon.spy(() => {
        if (!port.open) return;
        port.open = false;
        const peer = port.peer!;
        // Messages already sent arrive first, as in both engines.
        setTimeout(() => {
          if (!peer.open) return;
          peer.open = false;
          peer.onDisconnect.dispatch(peer);
        }, latency + 1);
      }),
    };
    return port;
  }

  function start(): void {
    bgRuntime = { id: OWN_ID, onConnect: new FakeEvent(), onConnectExternal: new FakeEvent(), onSuspend: new FakeEvent(), getManifest: () => ({ manifest_version: 3 }), connect: () => undefined };
    bgPorts = [];
    const api = { runtime: bgRuntime };
    ext.background = { browser: api, chrome: api, navigator: { userAgent: USER_AGENTS.firefox } };
    ext.starts++;
    setup(ext.background);
  }

  // Between an orphaning disconnect and the moment runtime.id goes, connect() makes zombies; so
  // do the connects hang() asks for.
  let orphaned = false;
  let hanging = 0;
  function zombie(name: string): LinkedPort {
    const posted = sinon.spy((message: unknown) => {
      if (!runtime.id) throw new Error('Extension context invalidated.');
      ext.lost.push(message);
    });
    // Once runtime.id is gone, disconnect() throws too (Chromium 156, the e2e extension-reload test).
    const disconnect = sinon.spy(() => {
      if (!runtime.id) throw new Error('Extension context invalidated.');
      port.open = false;
    });
    const port: LinkedPort = { name, error: null, open: true, onMessage: new FakeEvent(), onDisconnect: new FakeEvent(), postMessage: posted, posted, disconnect };
    return port;
  }

  const runtime: Record<string, any> = {
    id: OWN_ID,
    getManifest: () => ({ manifest_version: 3 }),
    connect: sinon.spy((info?: { name?: string }) => {
      if (!runtime.id) throw new Error('Extension context invalidated.');
      if (orphaned || hanging > 0) {
        if (!orphaned) hanging--;
        const port = zombie(info && info.name !== undefined ? info.name : '');
        ext.ports.push(port);
        return port;
      }
      const port = makeLinked(info && info.name !== undefined ? info.name : '');
      const other = makeLinked(port.name);
      port.peer = other;
      other.peer = port;
      ext.ports.push(port);
      if (!bgRuntime) start();
      const lifetime = bgRuntime!;
      setTimeout(() => {
        if (lifetime !== bgRuntime || !port.open) return;
        if (!(lifetime.onConnect as FakeEvent).listeners.length) {
          port.open = other.open = false;
          port.error = new Error(NO_RECEIVER);
          return port.onDisconnect.dispatch(port);
        }
        bgPorts.push(other);
        (lifetime.onConnect as FakeEvent).dispatch(other);
      }, latency);
      return port;
    }),
  };
  ext.runtime = runtime;
  const api = { runtime };
  // Firefox content scripts have structuredClone (Firefox 94+), the algorithm their ports use.
  ext.content = { browser: api, chrome: api, navigator: { userAgent: USER_AGENTS.firefox }, structuredClone };
  ext.stop = () => {
    bgRuntime = null;
    ext.background = null;
    for (const port of ext.ports) {
      if (!port.open) continue;
      port.open = false;
      port.peer!.open = false;
      port.onDisconnect.dispatch(port);
    }
    for (const port of bgPorts) port.open = false;
  };
  ext.suspend = () => {
    (bgRuntime!.onSuspend as FakeEvent).dispatch();
    setTimeout(() => ext.stop(), latency + 1);
  };
  ext.invalidate = () => {
    delete runtime.id;
    ext.stop();
  };
  ext.hang = (count = 1) => {
    hanging = count;
  };
  ext.orphan = (after = 3) => {
    orphaned = true;
    ext.stop();
    setTimeout(() => delete runtime.id, after);
  };
  return ext;
}
