// The fake counterpart of the real-browser set-up in test/e2e/scenarios.test.ts: one fake scope per
// context (content script, the divs page, background, extension page, plain page, web page) plus the second
// extension, wired so a port opened in one reaches runtime.onConnect / onConnectExternal of the
// other, messages cross asynchronously (copied as each engine does) and a missing receiver disconnects with the
// browser's error. Built on test/helpers/fake-browsers.ts, which it does not change.
import sinon from 'sinon';
import { isSupported } from '../../src/compat/query.js';
import { connectIn } from '../../src/native/connect.js';
import { connectTabIn } from '../../src/native/connect-tab.js';
import { normalizeConnectArgs } from '../../src/native/normalize-args.js';
import { listenIn } from '../../src/port/on-connect.js';
import { checkMessage } from '../../src/message/check-message.js';
import { persistentPortIn, type PersistentPortOptions } from '../../src/port/persistent/persistent-port.js';
import { addRequests } from '../../src/port/request/caller.js';
import { onRequestIn } from '../../src/port/request/on-request.js';
import type { RequestHandler } from '../../src/port/request/types.js';
import { detect } from '../../src/detect/detect.js';
import { ConnectTypeError, WebextConnectError } from '../../src/errors.js';
import {
  createEmptyScope,
  createFakeBrowser,
  createPlainChromePage,
  FakeEvent,
  NO_RECEIVER,
  OTHER_ID,
  OWN_ID,
  USER_AGENTS,
  type FakeBrowser,
  type FakeFrame,
  type FakeOptions,
  type FakePort,
} from '../helpers/fake-browsers.js';
import { respond } from './responders.js';
import { answerTabs, BARE_PAGE, TAB_FRAME_PAGE, TAB_PAGE, type TabEnv } from './tab-scenarios.js';
import { SERIALIZATION_MISMATCH } from './util.js';
import { runScenarios, type Ctx, type Env, type Lib, type Outcome, type Where, WHERES } from './scenarios.js';

export type FakeWorldKind = 'chromium' | 'firefox';

/** What a world's main extension asks for: Chromium's manifest key `message_serialization`, or nothing. */
export type Asked = 'structured_clone' | undefined;

/** The ctx expect() gets for a fake: the major version its user agent reports. */
export function fakeCtx(kind: FakeWorldKind, asked?: Asked): Ctx {
  return { browser: kind, major: parseInt(/(?:Chrome|Firefox)\/(\d+)/.exec(USER_AGENTS[kind])![1]!, 10), fake: true, serialization: kind === 'firefox' ? 'structured_clone' : (asked ?? 'json') };
}

// Well-formed (32 letters a-p: Chromium throws "Invalid extension id" synchronously for anything else) and installed nowhere.
export const MISSING_ID = 'aaaabbbbccccddddeeeeffffgggghhhh';

/** The public API over a fake scope, as the `webextConnect` global would be in that scope. */
export function libFor(scope: Record<string, unknown>): Lib {
  return {
    connect: ((...args: unknown[]) => connectIn(scope, args)) as Lib['connect'],
    connectTab: ((...args: unknown[]) => connectTabIn(scope, args)) as Lib['connectTab'],
    onConnect: (listener) => listenIn(scope, 'onConnect', listener),
    onConnectExternal: (listener) => listenIn(scope, 'onConnectExternal', listener),
    detect: ((s: object = scope) => detect(s)) as Lib['detect'],
    isSupported: (feature, target) => {
      const { name, version } = detect(scope).browser;
      return isSupported(feature, target ?? { browser: name, version });
    },
    normalizeConnectArgs,
    ConnectTypeError,
    WebextConnectError,
    checkMessage,
    persistentPort: ((options?: PersistentPortOptions) => persistentPortIn(scope, options, addRequests)) as Lib['persistentPort'],
    onRequest: ((type: string, handler: RequestHandler) => onRequestIn(scope, type, handler)) as Lib['onRequest'],
  };
}

const later = (fn: () => void) => void setTimeout(fn, 0);

// The serialization a context's extension asked for (a web page has no manifest: JSON).
const formatOf = (fake: FakeBrowser): unknown => (fake.runtime.getManifest as (() => Record<string, unknown>) | undefined)?.().message_serialization ?? 'json';

// How each engine copies a message (shared/notes/ports.md section 1), synchronously, throwing as it
// does: Chromium writes JSON text, sends undefined as null and refuses what JSON.stringify throws on
// or writes as nothing (BigInt, cycles, a function or symbol as the message) and text over 64 MiB;
// Firefox uses structured clone (Node's), which refuses functions and symbols.
const SERIALIZE: Record<FakeWorldKind, (message: unknown) => unknown> = {
  chromium(message) {
    let text: string | undefined;
    try {
      text = JSON.stringify(message);
    } catch {
      text = undefined;
    }
    if (text === undefined && message !== undefined) throw new Error('Could not serialize message.');
    // The limit is on the UTF-8 bytes of the text; counting UTF-16 units is enough for these tests.
    if (text !== undefined && text.length > 2 ** 26) throw new Error('Message exceeded maximum allowed size of 64MiB.');
    return text === undefined ? null : JSON.parse(text);
  },
  firefox(message) {
    if (typeof message === 'symbol') throw new DOMException('An exception was thrown', 'InvalidStateError');
    return structuredClone(message);
  },
};

// A receiving-side port in the style of the engine, as runtime.onConnect hands it out; link() wires
// postMessage and disconnect.
function receiverPort(kind: FakeWorldKind, name: string, sender: object) {
  return {
    name,
    sender,
    onMessage: new FakeEvent(),
    onDisconnect: new FakeEvent(),
    postMessage: sinon.spy(),
    disconnect: sinon.spy(),
    ...(kind === 'firefox' ? { error: null } : {}), // Firefox: an own property, null until an error
  };
}

interface Context {
  fake: FakeBrowser;
  /** Sender as the receiving side sees this context. */
  sender: object;
}

/** Builds the fake world of one engine and runs every scenario in it; outcomes keyed by where. */
export async function runAgainstFakes(kind: FakeWorldKind, asked?: Asked): Promise<Record<Where, Outcome[]>> {
  const make = (id: string, sender: object, options?: FakeOptions): Context => {
    const fake = createFakeBrowser(kind, options);
    fake.runtime.id = id;
    if (asked && id === OWN_ID) fake.runtime.getManifest = () => ({ manifest_version: 3, message_serialization: asked });
    return { fake, sender: { id, ...sender } };
  };
  const contexts = {
    content: make(OWN_ID, { tab: { id: 1 }, url: 'http://127.0.0.1/page.html' }),
    'content-divs': make(OWN_ID, { tab: { id: 2 }, url: 'http://127.0.0.1/divs.html' }),
    // Firefox 153 and Chromium 156 both take connectInfo.documentId.
    background: make(OWN_ID, {}, { tabs: { documentId: true } }),
    'module-page': make(OWN_ID, { tab: { id: 3 }, url: 'extension-page' }),
    other: make(OTHER_ID, {}),
    // The page the second extension's externally_connectable lists: Chromium gives it a runtime with
    // connect and no id; a page's sender has no id either.
    'web-page': { fake: createFakeBrowser('externalPage'), sender: { tab: { id: 4 }, url: 'http://127.0.0.1/web-chromium.html', origin: 'http://127.0.0.1' } },
  };
  // Chromium 156 hangs the same runtime on a `browser` alias in the web page too.
  contexts['web-page'].fake.scope.browser = { runtime: contexts['web-page'].fake.runtime };
  if (kind === 'chromium') {
    // DOM named access: in a Chromium content script `browser` and `chrome` are the page's divs,
    // with the extension API hung on them (shared/notes/browsers.md). Firefox does not leak them.
    const { scope, runtime } = contexts['content-divs'].fake;
    scope.browser = { tagName: 'DIV', id: 'browser', runtime };
    scope.chrome = { tagName: 'DIV', id: 'chrome', runtime };
  }

  const background = contexts.background.fake;
  const other = contexts.other.fake;
  for (const [where, context] of Object.entries(contexts)) {
    const { fake, sender } = context;
    const native = fake.runtime.connect as (...args: unknown[]) => FakePort;
    fake.runtime.connect = function (this: unknown, ...args: unknown[]) {
      const id = typeof args[0] === 'string' ? args[0] : undefined;
      const port = native.apply(this, args);
      const own = id === undefined || id === fake.runtime.id;
      const target = own
        ? where === 'background' ? undefined : (background.runtime.onConnect as FakeEvent)
        : id === OTHER_ID
          ? (other.runtime.onConnectExternal as FakeEvent)
          : null; // an unknown id: the fake itself disconnects with NO_RECEIVER
      // Chromium 156 refuses a port between two ends whose message_serialization differs.
      if (target !== null && formatOf(fake) !== formatOf(own ? background : other)) later(() => fake.disconnectFromOtherSide(port, SERIALIZATION_MISMATCH));
      else if (target !== null) link(fake, port, [{ event: target, sender }]);
      return port;
    };
  }

  const clone = SERIALIZE[fakeCtx(kind, asked).serialization === 'json' ? kind : 'firefox'];
  // The receiving ends of each tab frame, so that a frame navigating away can end them.
  const endsOf = new Map<FakeFrame, Array<() => void>>();

  // Links `caller` to a receiving port at each end (one for runtime.connect; every frame reached for
  // tabs.connect): everything crosses with setTimeout(0), first the connection, then messages in
  // order (FIFO). With no listener at any end the caller fails with NO_RECEIVER. The caller ends when
  // its last receiver does; `frames` (same order as `ends`) lets a frame's navigation end its receiver.
  function link(callerFake: FakeBrowser, caller: FakePort, ends: ReadonlyArray<{ event: FakeEvent | undefined; sender: object }>, frames: readonly FakeFrame[] = []) {
    const receivers = ends.map(({ sender }) => ({ port: receiverPort(kind, caller.name, sender), open: true }));
    const callerPost = caller.postMessage;
    const callerDisconnect = caller.disconnect;
    const deliver = (dispatch: (port: ReturnType<typeof receiverPort>) => void) => {
      for (const receiver of receivers) if (receiver.open) dispatch(receiver.port);
    };
    (caller as any).postMessage = (message: unknown) => {
      callerPost(message); // throws once disconnected, as the engine's port does
      const copy = clone(message);
      later(() => deliver((port) => port.onMessage.dispatch(copy, port)));
    };
    (caller as any).disconnect = () => {
      callerDisconnect();
      later(() =>
        deliver((port) => {
          receivers.find((r) => r.port === port)!.open = false;
          port.onDisconnect.dispatch(port);
        }),
      );
    };
    // The receiver at `at` is gone; the caller ends with it when it was the last, with `error`.
    const close = (at: number, error?: string) => {
      if (!receivers[at]!.open) return;
      receivers[at]!.open = false;
      if (!receivers.some((r) => r.open)) later(() => callerFake.disconnectFromOtherSide(caller, error));
    };
    receivers.forEach((receiver, at) => {
      receiver.port.postMessage = sinon.spy((message: unknown) => {
        if (!receiver.open) throw new Error(kind === 'firefox' ? 'Attempt to postMessage on disconnected port' : 'Attempting to use a disconnected port object');
        const copy = clone(message);
        later(() => caller.onMessage.dispatch(copy, caller));
      });
      receiver.port.disconnect = sinon.spy(() => close(at));
      const frame = frames[at];
      // Its frame navigating away: Firefox ends the whole port, Chromium this receiver (BFCACHE for a top frame).
      const leave = () => (kind === 'firefox' ? receivers.forEach((_, i) => close(i)) : close(at, frame!.frameId === 0 ? BFCACHE : undefined));
      if (frame) endsOf.set(frame, [...(endsOf.get(frame) ?? []), leave]);
    });
    later(() => {
      const listening = ends.filter(({ event }, at) => {
        const yes = !!event && event.listeners.length > 0;
        if (!yes) receivers[at]!.open = false;
        return yes;
      });
      if (listening.length === 0) return callerFake.disconnectFromOtherSide(caller, NO_RECEIVER);
      ends.forEach(({ event }, at) => receivers[at]!.open && event!.dispatch(receivers[at]!.port));
    });
  }

  background.tabs!.route = (port, frames) => link(background, port, frames.map((frame) => ({ event: frame.onConnect, sender: senderOf.get(frame)! })), frames);
  const senderOf = new WeakMap<FakeFrame, object>();
  const tabs = fakeTabs(kind, background, senderOf, endsOf);

  respond('main', libFor(background.scope));
  respond('other', libFor(other.scope));

  const env: Env = { ownId: OWN_ID, otherId: OTHER_ID, missingId: MISSING_ID, loadErrors: [] };
  const plain = kind === 'chromium' ? createPlainChromePage() : createEmptyScope(USER_AGENTS.firefox);
  const outcomes = {} as Record<Where, Outcome[]>;
  for (const where of WHERES) {
    const page = where === 'plain-page' || where === 'web-page';
    // Firefox gives web pages no runtime, whatever a manifest lists.
    const scope = where === 'plain-page' || (page && kind === 'firefox') ? plain : contexts[where as Exclude<Where, 'plain-page'>].fake.scope;
    outcomes[where] = await runScenarios(where, libFor(scope), page ? { ...env, ownId: null } : where === 'background' ? { ...env, tabs } : env);
  }
  return outcomes;
}

/** Chromium 156's error when the page holding a port enters the back/forward cache (as a top frame navigating away does). */
const BFCACHE = 'The page keeping the extension port is moved into back/forward cache, so the message channel is closed.';

// The fake counterpart of browser-entry.ts's tabEnv(): tabs on tab.html with a top frame and an
// iframe, each a content-script scope answering with answerTabs(); navigating a frame away ends its
// receivers (Chromium: the port ends when no frame is left, with BFCACHE for the top frame; Firefox
// 153 ends it at once, without an error) and leaves a frame without the content script.
function fakeTabs(kind: FakeWorldKind, background: FakeBrowser, senderOf: WeakMap<FakeFrame, object>, endsOf: Map<FakeFrame, Array<() => void>>): TabEnv {
  const api = background.tabs!;
  let nextTab = 100;
  let nextDocument = 0;
  const frame = (tabId: number, frameId: number, path: string | null): FakeFrame => {
    const documentId = `DOC${++nextDocument}`;
    const made: FakeFrame = { frameId, documentId };
    senderOf.set(made, { id: OWN_ID, tab: { id: tabId }, frameId, documentId, url: `http://127.0.0.1${path ?? BARE_PAGE}` });
    if (path === null) return made;
    const content = createFakeBrowser(kind);
    made.onConnect = content.runtime.onConnect as FakeEvent;
    answerTabs(libFor(content.scope), path, () => {
      const frames = api.frames.get(tabId)!;
      frames[frames.indexOf(made)] = frame(tabId, frameId, null);
      const ends = endsOf.get(made) ?? [];
      endsOf.delete(made);
      // Firefox ends a port when one of its frames navigates; Chromium when none is left.
      for (const end of ends) end();
    });
    return made;
  };
  return {
    async open() {
      const tabId = ++nextTab;
      const top = frame(tabId, 0, TAB_PAGE);
      const iframe = frame(tabId, 4, TAB_FRAME_PAGE);
      api.frames.set(tabId, [top, iframe]);
      const announced = (f: FakeFrame, path: string) => ({ frameId: f.frameId, documentId: f.documentId, path });
      return { tabId, top: announced(top, TAB_PAGE), frame: announced(iframe, TAB_FRAME_PAGE) };
    },
    async openBare() {
      const tabId = ++nextTab;
      api.frames.set(tabId, [frame(tabId, 0, null)]);
      return tabId;
    },
    async closed() {
      return ++nextTab;
    },
  };
}
