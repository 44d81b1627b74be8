// THE scenario list: every scenario runs both in real browsers (test/e2e/scenarios.test.ts, bundled
// into the test extensions' scripts) and against the sinon fakes (test/native/scenarios.test.ts).
// run() may use only the public API object `lib` and `env`, and returns JSON; expect() runs in Node.
//
// This file is bundled for the browser too: keep run() free of Node APIs. (The browser bundle stubs
// node:assert, which only expect() uses.)
import assert from 'node:assert/strict';
import { isSupported } from '../../src/compat/query.js';
import type * as Api from '../../src/index.js';
import { checkMessage } from '../../src/message/check-message.js';
import { BAD_INPUTS, MESSAGE_PREFIX, OVERLOADS } from '../native/cases.js';
import { PERSISTENT } from './persistent-scenarios.js';
import { REQUESTS } from './request-scenarios.js';
import { TABS, type TabEnv } from './tab-scenarios.js';
import { ask, attempt, deliver, describeError, mixedSerialization, NO_RECEIVER, SERIALIZATION_MISMATCH, settleDisconnect, shape, type Reply } from './util.js';

/** The public API as a context sees it: the `webextConnect` global, the .mjs namespace, or one built over a fake scope. */
export type Lib = Pick<
  typeof Api,
  'connect' | 'connectTab' | 'onConnect' | 'onConnectExternal' | 'detect' | 'isSupported' | 'normalizeConnectArgs' | 'ConnectTypeError' | 'WebextConnectError' | 'checkMessage' | 'persistentPort' | 'onRequest'
>;

/**
 * Where a scenario runs. content: content script on a plain test page, library from the UMD file;
 * content-divs: the same on a page holding `<div id="browser">` and `<div id="chrome">`;
 * background: Chromium module service worker (.mjs) / Firefox background page (UMD);
 * module-page: an extension page whose `<script type="module">` imports the .mjs;
 * plain-page: a web page without the extension that loads the UMD file with a script tag;
 * web-page: the same, on a page the second extension's externally_connectable lists (Chromium).
 */
export type Where = 'content' | 'content-divs' | 'background' | 'module-page' | 'plain-page' | 'web-page';
export const WHERES: readonly Where[] = ['content', 'content-divs', 'background', 'module-page', 'plain-page', 'web-page'];

export interface Env {
  /** This extension's id (null on the plain page and the web page). */
  ownId: string | null;
  /** The second installed extension, which listens with onConnectExternal. */
  otherId: string;
  /** An id no installed extension has. */
  missingId: string;
  /** Errors the plain page saw while loading the UMD file. */
  loadErrors: string[];
  /** Tabs to connect to (the background only). */
  tabs?: TabEnv;
}

/** What expect() knows about the browser: its kind and the major version read from the binary (or the fake's). */
export interface Ctx {
  browser: 'chromium' | 'firefox';
  major: number;
  fake: boolean;
  /** What the main extension's ports use: structured clone in Firefox; in Chromium JSON, unless its manifest says `"message_serialization": "structured_clone"`. */
  serialization: 'json' | 'structured_clone';
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Scenario {
  name: string;
  where: Where;
  run(lib: Lib, env: Env): Promise<Json>;
  expect(result: any, ctx: Ctx): void;
}

/** Not 32 letters a-p, so not a Chromium extension id. */
export const MALFORMED_ID = 'not-an-extension-id';
const PORT_DISCONNECTED_MESSAGE = 'webext-connect: port.postMessage(): the port is disconnected.';
const TLS = 'runtime.connect.connectInfo.includeTlsChannelId' as const;
const compatName = (ctx: Ctx) => (ctx.browser === 'chromium' ? 'chrome' : 'firefox');

function detection(lib: Lib): Json {
  const d = lib.detect();
  return {
    namespace: d.namespace,
    hasApi: !!d.api,
    promises: d.promises,
    browser: d.browser.name,
    major: d.browser.version === null ? null : parseInt(d.browser.version, 10),
    extensionId: d.extensionId,
    serialization: d.serialization,
  };
}

function expectDetection(result: any, ctx: Ctx, extensionId: string | null | 'any') {
  assert.equal(result.browser, compatName(ctx), 'browser name');
  assert.equal(result.major, ctx.major, 'major version');
  if (extensionId === null) {
    assert.deepEqual([result.namespace, result.hasApi, result.promises, result.extensionId, result.serialization], [null, false, false, null, null]);
    return;
  }
  // Both browsers expose `browser` with a callable runtime.connect (Chromium 156's alias), and it returns promises.
  assert.deepEqual([result.namespace, result.hasApi, result.promises], ['browser', true, true]);
  assert.equal(result.serialization, ctx.serialization, 'serialization');
  assert.equal(typeof result.extensionId, 'string');
}

async function roundTrip(lib: Lib, args: unknown[], message: Json): Promise<Json> {
  const port = (lib.connect as (...a: unknown[]) => ReturnType<Lib['connect']>)(...args);
  const reply = await ask(port, message);
  return { portName: port.name, error: port.error === null ? null : String(port.error), droppedOptions: (port.droppedOptions ?? 'absent') as Json, reply };
}

function expectEcho(result: any, name: string, message: Json, ctx: Ctx) {
  const reply: Reply = result.reply;
  assert.ok(!('disconnected' in reply), `no reply: ${JSON.stringify(reply)}`);
  assert.deepEqual(
    { portName: result.portName, error: result.error, droppedOptions: result.droppedOptions, echo: reply.echo, name: reply.name, via: reply.via },
    { portName: name, error: null, droppedOptions: [], echo: message, name, via: 'onConnect' },
    ctx.browser,
  );
  assert.equal(reply.senderId, reply.by, 'the sender is this extension');
}

function missingReceiver(where: Where, label: string): Scenario {
  return {
    name: `connect to a missing extension from ${label}: onDisconnect sees port.error`,
    where,
    async run(lib, env) {
      const port = lib.connect(env.missingId, { name: 'gone' });
      const before = port.error;
      const seen = await settleDisconnect(port);
      let late: Json = 'did not throw';
      try {
        port.postMessage('late');
      } catch (error) {
        late = describeError(error, lib);
      }
      return { before: before === null ? null : String(before), ...seen, late };
    },
    expect(result, ctx) {
      assert.equal(result.before, null, 'port.error is null until the disconnect');
      assert.deepEqual(
        { message: result.message, code: result.code, isError: result.isError, still: result.still },
        { message: NO_RECEIVER, code: 'NO_RECEIVER', isError: true, still: NO_RECEIVER },
        ctx.browser,
      );
      assert.deepEqual([result.late.code, result.late.message], ['PORT_DISCONNECTED', PORT_DISCONNECTED_MESSAGE], ctx.browser);
    },
  };
}


const NO_ARGUMENT = Symbol('no argument');
// Values every browser refuses to send, whatever its serialization (shared/notes/ports.md, section 1).
const UNSENDABLE: ReadonlyArray<readonly [string, typeof NO_ARGUMENT | (() => unknown)]> = [
  ['no argument', NO_ARGUMENT],
  ['function', () => () => 1],
  ['symbol', () => Symbol('s')],
];


const disconnectedError = () => ({
  name: 'WebextConnectError',
  message: PORT_DISCONNECTED_MESSAGE,
  code: 'PORT_DISCONNECTED',
  isTypeError: false,
  isConnectTypeError: false,
  isWebextConnectError: true,
});

const unsendableError = (received: string) => ({
  name: 'TypeError',
  message: `webext-connect: port.postMessage(): message expected a value this browser can serialize, received ${received}.`,
  code: 'UNSENDABLE_MESSAGE',
  isTypeError: true,
  isConnectTypeError: false,
  isWebextConnectError: false,
});

const ownIdInCases = OVERLOADS.find((row) => row.label === '(id)')!.args[0];
const ROUND_TRIP_OVERLOADS = ['()', '(null, info)', '(undefined, info)', '(info with name undefined)', '(id, info)', '(id, null)', '(frozen info)'];

// ---------------------------------------------------------------------------------------------
// Portability: the values of shared/notes/ports.md section 1 posted through a real port to the
// background, each with what arrives under JSON (Chromium) and under structured clone (Firefox), as
// shape() describes it, or THROWS when postMessage refuses it. Each browser must deliver its own
// serialization's expectation, and checkMessage must find problems exactly when one of the two does
// not deliver the value as sent.

const THROWS = 'postMessage throws';
type Arrival = Json | typeof THROWS;

interface Portable {
  label: string;
  make: () => unknown;
  json: Arrival;
  structured_clone: Arrival;
}

function cyclic(): object {
  const node: Record<string, unknown> = { name: 'o' };
  node.self = node;
  return node;
}

const ISO_0 = '1970-01-01T00:00:00.000Z';
const PORTABLE: readonly Portable[] = [
  { label: 'plain JSON data', make: () => ({ a: 1, s: 'x', list: [1, 'two', null, { b: true }] }), json: { a: 1, s: 'x', list: [1, 'two', null, { b: true }] }, structured_clone: { a: 1, s: 'x', list: [1, 'two', null, { b: true }] } },
  { label: 'a Date', make: () => ({ when: new Date(0) }), json: { when: ISO_0 }, structured_clone: { when: { '<Date>': 0 } } },
  { label: 'a Map', make: () => new Map([[1, 2]]), json: {}, structured_clone: { '<Map>': [[1, 2]] } },
  { label: 'a Set', make: () => new Set([1]), json: {}, structured_clone: { '<Set>': [1] } },
  { label: 'a RegExp', make: () => /re/g, json: {}, structured_clone: { '<RegExp>': '/re/g' } },
  { label: 'an Error', make: () => new Error('boom'), json: {}, structured_clone: { '<Error>': { name: 'Error', message: 'boom' } } },
  { label: 'an ArrayBuffer', make: () => new ArrayBuffer(2), json: {}, structured_clone: { '<ArrayBuffer>': 2 } },
  { label: 'a Uint8Array', make: () => new Uint8Array([1, 2]), json: { 0: 1, 1: 2 }, structured_clone: { '<Uint8Array>': [1, 2] } },
  { label: '{a: undefined}', make: () => ({ a: undefined, b: 1 }), json: { b: 1 }, structured_clone: { a: '<undefined>', b: 1 } },
  { label: 'undefined in an array', make: () => [undefined], json: [null], structured_clone: ['<undefined>'] },
  { label: 'undefined', make: () => undefined, json: null, structured_clone: '<undefined>' },
  { label: 'NaN', make: () => NaN, json: null, structured_clone: '<NaN>' },
  { label: '±Infinity', make: () => [Infinity, -Infinity], json: [null, null], structured_clone: ['<Infinity>', '<-Infinity>'] },
  { label: '-0', make: () => -0, json: 0, structured_clone: '<-0>' },
  { label: 'a sparse array', make: () => [1, , 3], json: [1, null, 3], structured_clone: [1, '<hole>', 3] },
  { label: 'an object with toJSON', make: () => ({ toJSON: () => 'J' }), json: 'J', structured_clone: THROWS },
  { label: 'a function as a property', make: () => ({ f() {}, n: 1 }), json: { n: 1 }, structured_clone: THROWS },
  { label: 'a symbol as a property', make: () => ({ s: Symbol('s'), n: 1 }), json: { n: 1 }, structured_clone: THROWS },
  { label: 'a BigInt', make: () => BigInt(10), json: THROWS, structured_clone: '<bigint 10>' },
  { label: 'a BigInt as a property', make: () => ({ b: BigInt(10) }), json: THROWS, structured_clone: { b: '<bigint 10>' } },
  { label: 'a cycle', make: cyclic, json: THROWS, structured_clone: { name: 'o', self: '<cycle>' } },
];

function expectRefusal(thrown: any, serialization: 'json' | 'structured_clone') {
  assert.ok(thrown, 'postMessage threw');
  // The library's translation (UNSENDABLE_MESSAGE) or the browser's own error.
  if (thrown.code === 'UNSENDABLE_MESSAGE') return assert.equal(thrown.isTypeError, true, 'UNSENDABLE_MESSAGE is a TypeError');
  if (serialization === 'json') assert.deepEqual([thrown.name, thrown.message], ['Error', 'Could not serialize message.']);
  else assert.equal(thrown.name, 'DataCloneError');
}

const arrivesAsSent = (arrival: Arrival, sent: Json) => arrival !== THROWS && JSON.stringify(arrival) === JSON.stringify(sent);

const PORTABILITY: Scenario[] = PORTABLE.map(
  ({ label, make, json, structured_clone }): Scenario => ({
    name: `portability: ${label} arrives as the serialization says, and checkMessage agrees`,
    where: 'content',
    async run(lib) {
      const value = make();
      const detected = lib.detect() as { serialization?: unknown };
      const { thrown, reply } = await deliver(lib.connect({ name: 'portable' }), value, lib);
      return {
        thrown,
        received: reply && typeof reply === 'object' && 'shape' in reply ? (reply as unknown as Reply).shape : { noReply: reply },
        verdict: lib.checkMessage(value) as unknown as Json,
        serialization: 'serialization' in detected ? (detected.serialization as Json) : 'absent',
      };
    },
    expect(result, ctx) {
      const { serialization } = ctx;
      if (result.serialization !== 'absent') assert.equal(result.serialization, serialization, 'detect().serialization');
      const expected = serialization === 'json' ? json : structured_clone;
      if (expected === THROWS) expectRefusal(result.thrown, serialization);
      else assert.deepEqual({ thrown: result.thrown, received: result.received }, { thrown: null, received: expected }, `${ctx.browser} delivers what ${serialization} does`);
      const sent = shape(make());
      const portable = arrivesAsSent(json, sent) && arrivesAsSent(structured_clone, sent);
      assert.equal(result.verdict.length === 0, portable, `checkMessage: ${JSON.stringify(result.verdict)}`);
      assert.deepEqual(result.verdict, checkMessage(make()), 'the bundle in the browser judges as the source does');
    },
  }),
);

export const SCENARIOS: readonly Scenario[] = [
  // 5. detect() in each context.
  ...(
    [
      ['content', 'a content script (UMD)'],
      ['background', 'the background'],
      ['module-page', 'an extension page (ES module)'],
    ] as const
  ).map(
    ([where, label]): Scenario => ({
      name: `detect() in ${label}`,
      where,
      run: async (lib) => detection(lib),
      expect: (result, ctx) => expectDetection(result, ctx, 'any'),
    }),
  ),

  // 1. Round trips through connect()/onConnect(), UMD and ES module.
  {
    name: 'content script ↔ background round trip (UMD)',
    where: 'content',
    run: (lib) => roundTrip(lib, [{ name: 'echo-umd' }], { ping: 1 }),
    expect: (result, ctx) => {
      expectEcho(result, 'echo-umd', { ping: 1 }, ctx);
      assert.equal(result.reply.hasTab, true, 'a content script sender has a tab');
    },
  },
  {
    name: 'extension page ↔ background round trip (ES module)',
    where: 'module-page',
    run: (lib) => roundTrip(lib, [{ name: 'echo-esm' }], { ping: 'esm' }),
    expect: (result, ctx) => expectEcho(result, 'echo-esm', { ping: 'esm' }, ctx),
  },

  // A few overloads, for real: resolved as normalizeConnectArgs says, and the port reaches the background.
  ...ROUND_TRIP_OVERLOADS.map((label): Scenario => {
    const row = OVERLOADS.find((r) => r.label === label)!;
    const expectedName = row.expected.connectInfo?.name ?? '';
    return {
      name: `overload ${label} reaches the background`,
      where: 'content',
      async run(lib, env) {
        const normalized = lib.normalizeConnectArgs(...row.args) as Json;
        const args = row.args.map((a) => (a === ownIdInCases ? env.ownId : a));
        return { normalized, ...((await roundTrip(lib, args, { overload: label })) as object) };
      },
      expect(result, ctx) {
        assert.deepEqual(result.normalized, row.expected);
        expectEcho(result, expectedName, { overload: label }, ctx);
      },
    };
  }),

  // 2. includeTlsChannelId to a second extension listening with onConnectExternal.
  {
    name: 'connect(otherId, { includeTlsChannelId: true }) reaches onConnectExternal, the drop is observable',
    where: 'background',
    async run(lib, env) {
      const port = lib.connect(env.otherId, { name: 'tls', includeTlsChannelId: true });
      const reply = await ask(port, { hello: 'other' });
      return { hasDroppedOptions: 'droppedOptions' in port, droppedOptions: (port.droppedOptions ?? 'absent') as Json, error: port.error === null ? null : String(port.error), reply, otherId: env.otherId };
    },
    expect(result, ctx) {
      const supported = isSupported(TLS, { browser: compatName(ctx), version: String(ctx.major) });
      assert.equal(result.hasDroppedOptions, true, 'port.droppedOptions is set');
      assert.deepEqual(result.droppedOptions, supported ? [] : ['includeTlsChannelId']);
      if (mixedSerialization(ctx)) return assert.deepEqual([result.error, result.reply], [`Error: ${SERIALIZATION_MISMATCH}`, { disconnected: true, error: SERIALIZATION_MISMATCH }]);
      assert.equal(result.error, null);
      const { echo, name, via, by, senderId, tlsChannelId } = result.reply;
      assert.deepEqual({ echo, name, via, by, tlsChannelId }, { echo: { hello: 'other' }, name: 'tls', via: 'onConnectExternal', by: result.otherId, tlsChannelId: null });
      assert.equal(typeof senderId, 'string');
      assert.notEqual(senderId, result.otherId);
    },
  },

  {
    name: 'connect(otherId) from a content script reaches onConnectExternal, unless the two extensions serialize messages differently',
    where: 'content',
    async run(lib, env) {
      const port = lib.connect(env.otherId, { name: 'content-to-other' });
      return { error: port.error === null ? null : String(port.error), reply: await ask(port, { from: 'content' }), otherId: env.otherId };
    },
    expect(result, ctx) {
      if (mixedSerialization(ctx)) return assert.deepEqual(result.reply, { disconnected: true, error: SERIALIZATION_MISMATCH });
      const { echo, name, via, by, hasTab } = result.reply;
      assert.deepEqual({ error: result.error, echo, name, via, by, hasTab }, { error: null, echo: { from: 'content' }, name: 'content-to-other', via: 'onConnectExternal', by: result.otherId, hasTab: true });
    },
  },

  // 3. A missing receiver.
  missingReceiver('background', 'the background'),
  missingReceiver('content', 'a content script'),

  // An id of the wrong shape: Chromium checks the format synchronously (the library turns that into its
  // TypeError); Firefox ids are free-form, so there it is just an extension that is not installed.
  {
    name: 'connect to a malformed extension id: the library TypeError in Chromium, a missing receiver in Firefox',
    where: 'background',
    async run(lib) {
      let port: ReturnType<Lib['connect']>;
      try {
        port = lib.connect(MALFORMED_ID, { name: 'malformed' });
      } catch (error) {
        return { threw: describeError(error, lib) } as Json;
      }
      return { disconnect: await settleDisconnect(port) } as Json;
    },
    expect(result, ctx) {
      if (ctx.browser === 'chromium') {
        assert.deepEqual(result, {
          threw: {
            name: 'TypeError',
            message: `webext-connect: runtime.connect(): extensionId expected a valid extension id, received the string "${MALFORMED_ID}".`,
            code: 'INVALID_ARGUMENT',
            isTypeError: true,
            isConnectTypeError: true,
            isWebextConnectError: false,
          },
        });
      } else {
        assert.equal(result.threw, undefined, JSON.stringify(result));
        assert.equal(result.disconnect.message, NO_RECEIVER);
      }
    },
  },

  // 4. Every bad input throws the library's TypeError with the same message.
  ...BAD_INPUTS.map(
    ({ label, args, message }): Scenario => ({
      name: `bad input (${label}) throws the library TypeError`,
      where: 'content',
      async run(lib) {
        try {
          (lib.connect as (...a: unknown[]) => unknown)(...args());
        } catch (error) {
          return describeError(error, lib);
        }
        return 'did not throw';
      },
      expect(result) {
        assert.deepEqual(result, {
          name: 'TypeError',
          message: MESSAGE_PREFIX + message,
          code: 'INVALID_ARGUMENT',
          isTypeError: true,
          isConnectTypeError: true,
          isWebextConnectError: false,
        });
      },
    }),
  ),

  // 6. <div id="browser"> and <div id="chrome"> on the page.
  {
    name: 'detect() with <div id="browser"> and <div id="chrome"> on the page',
    where: 'content-divs',
    run: async (lib) => detection(lib),
    expect: (result, ctx) => expectDetection(result, ctx, 'any'),
  },
  {
    name: 'round trip with <div id="browser"> and <div id="chrome"> on the page',
    where: 'content-divs',
    run: (lib) => roundTrip(lib, [{ name: 'echo-divs' }], { divs: true }),
    expect: (result, ctx) => expectEcho(result, 'echo-divs', { divs: true }, ctx),
  },

  // The Port after the call: one error for a disconnected port, one for a message that cannot be sent.
  {
    name: 'postMessage after the port’s own disconnect(): PORT_DISCONNECTED, one text',
    where: 'content',
    async run(lib) {
      const port = lib.connect({ name: 'own-disconnect' });
      port.disconnect();
      return attempt(lib, () => port.postMessage('late'));
    },
    expect: (result, ctx) => assert.deepEqual(result, disconnectedError(), ctx.browser),
  },
  {
    name: 'postMessage after the other side disconnected: PORT_DISCONNECTED, one text',
    where: 'content',
    async run(lib) {
      const port = lib.connect({ name: 'hang-up' });
      await new Promise<void>((resolve) => {
        port.onDisconnect.addListener(() => resolve());
        port.postMessage({ hangUp: true });
      });
      return { error: port.error === null ? null : String(port.error), late: attempt(lib, () => port.postMessage('late')) };
    },
    expect: (result, ctx) => assert.deepEqual(result, { error: null, late: disconnectedError() }, ctx.browser),
  },
  ...UNSENDABLE.map(
    ([label, value]): Scenario => ({
      name: `postMessage(${label}): UNSENDABLE_MESSAGE in every browser, the port stays open`,
      where: 'content',
      async run(lib) {
        const port = lib.connect({ name: 'unsendable' });
        const thrown = attempt(lib, () => (value === NO_ARGUMENT ? (port.postMessage as () => void)() : port.postMessage(value())));
        // The port still works after the refusal.
        const reply = await ask(port, { after: label });
        return { thrown, echo: (reply as { echo?: Json }).echo ?? reply };
      },
      expect(result, ctx) {
        assert.deepEqual(result.thrown, unsendableError(label === 'no argument' ? 'no argument' : `a ${label}`), ctx.browser);
        assert.deepEqual(result.echo, { after: label }, ctx.browser);
      },
    }),
  ),

  // 7. A plain web page.
  {
    name: 'plain page: the UMD file loads and connect() throws NO_EXTENSION_API',
    where: 'plain-page',
    async run(lib, env) {
      let thrown: Json = 'did not throw';
      try {
        lib.connect({ name: 'x' });
      } catch (error) {
        thrown = describeError(error, lib);
      }
      return { loadErrors: env.loadErrors, thrown };
    },
    expect(result) {
      assert.deepEqual(result.loadErrors, []);
      expectNoExtensionApi(result.thrown);
    },
  },
  {
    name: 'plain page: detect() finds no namespace but the right browser',
    where: 'plain-page',
    run: async (lib) => detection(lib),
    expect: (result, ctx) => expectDetection(result, ctx, null),
  },

  // Portability (checkMessage): see PORTABLE above.
  ...PORTABILITY,

  // 8. A web page that an extension's externally_connectable lists: Chromium gives it
  // runtime.connect, Firefox no runtime at all (the compat table's manifest.externally_connectable).
  // Helpers at the end of the file.
  {
    name: 'web page: connect(otherId) reaches onConnectExternal where externally_connectable lets it, NO_EXTENSION_API where pages have no runtime',
    where: 'web-page',
    async run(lib, env) {
      let port: ReturnType<Lib['connect']>;
      try {
        port = lib.connect(env.otherId, { name: 'from-page' });
      } catch (error) {
        return { threw: describeError(error, lib) } as Json;
      }
      const reply = await ask(port, { page: 'hello' });
      return { error: port.error === null ? null : String(port.error), droppedOptions: port.droppedOptions as Json, reply, otherId: env.otherId } as Json;
    },
    expect(result, ctx) {
      if (!webPageConnects(ctx)) return expectNoExtensionApi(result.threw);
      assert.equal(result.threw, undefined, JSON.stringify(result.threw));
      const { echo, name, via, by, senderId, hasTab } = result.reply;
      assert.deepEqual(
        { error: result.error, droppedOptions: result.droppedOptions, echo, name, via, by, senderId, hasTab },
        { error: null, droppedOptions: [], echo: { page: 'hello' }, name: 'from-page', via: 'onConnectExternal', by: result.otherId, senderId: null, hasTab: true },
        ctx.browser,
      );
    },
  },
  {
    name: 'web page: connect() without an extension id throws the library TypeError where pages may connect, NO_EXTENSION_API elsewhere',
    where: 'web-page',
    run: async (lib) => attempt(lib, () => lib.connect({ name: 'no-id' })),
    expect(result, ctx) {
      if (!webPageConnects(ctx)) return expectNoExtensionApi(result);
      assert.deepEqual(result, {
        name: 'TypeError',
        message: `${MESSAGE_PREFIX}runtime.connect(): extensionId expected an id, as a web page must name the extension, received none.`,
        code: 'INVALID_ARGUMENT',
        isTypeError: true,
        isConnectTypeError: true,
        isWebextConnectError: false,
      });
    },
  },
  {
    name: 'web page: detect() finds runtime.connect but no extension id where pages may connect, nothing elsewhere',
    where: 'web-page',
    run: async (lib) => detection(lib),
    expect(result, ctx) {
      if (!webPageConnects(ctx)) return expectDetection(result, ctx, null);
      assert.deepEqual(
        { hasApi: result.hasApi, extensionId: result.extensionId, browser: result.browser, major: result.major },
        { hasApi: true, extensionId: null, browser: compatName(ctx), major: ctx.major },
      );
      assert.notEqual(result.namespace, null);
    },
  },
  {
    name: 'web page: onConnectExternal() is for extensions, not pages: NO_EXTENSION_API',
    where: 'web-page',
    run: async (lib) => attempt(lib, () => lib.onConnectExternal(() => undefined)),
    expect(result) {
      assert.deepEqual([result.code, result.isWebextConnectError], ['NO_EXTENSION_API', true]);
    },
  },

  // 9. persistentPort() (persistent-scenarios.ts).
  ...PERSISTENT,

  // 10. connectTab() (tab-scenarios.ts).
  ...TABS,

  // 11. port.request() and onRequest() (request-scenarios.ts).
  ...REQUESTS,
];

export interface Outcome {
  name: string;
  result?: Json;
  error?: string;
}

/** Runs the scenarios of `where` one after another, each within timeoutMs; results are JSON round-tripped. */
export async function runScenarios(where: Where, lib: Lib, env: Env, timeoutMs = 5000): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const scenario of SCENARIOS) {
    if (scenario.where !== where) continue;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)));
      const result = await Promise.race([scenario.run(lib, env), timeout]);
      outcomes.push({ name: scenario.name, result: JSON.parse(JSON.stringify(result === undefined ? null : result)) });
    } catch (error) {
      outcomes.push({ name: scenario.name, error: String(error && (error as Error).stack ? (error as Error).stack : error) });
    } finally {
      clearTimeout(timer);
    }
  }
  return outcomes;
}

// Helpers of the page scenarios (7. and 8.).

// What a web page gets, decided by the compat table for the browser at hand.
function webPageConnects(ctx: Ctx): boolean {
  return isSupported('manifest.externally_connectable', { browser: compatName(ctx), version: String(ctx.major) });
}

function expectNoExtensionApi(thrown: Json) {
  assert.deepEqual(thrown, {
    name: 'WebextConnectError',
    message: `${MESSAGE_PREFIX}runtime.connect is not available here: use it in an extension's scripts or pages, or in a web page its externally_connectable lists.`,
    code: 'NO_EXTENSION_API',
    isTypeError: false,
    isConnectTypeError: false,
    isWebextConnectError: true,
  });
}

