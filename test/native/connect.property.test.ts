// Property tests of connect() against a spy native API: whatever the arguments, the native
// runtime.connect is called at most once per connect() call (twice only for the documented retry
// when a schema rejects includeTlsChannelId), and only with arguments Chromium's schema accepts,
// in a fresh object. The recipes and the oracle come from the normalizeConnectArgs property suite.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { connectIn } from '../../src/native/connect.js';
import { normalizeConnectArgs } from '../../src/native/normalize-args.js';
import { ConnectTypeError, WebextConnectError } from '../../src/errors.js';
import { OWN_ID, USER_AGENTS } from '../helpers/fake-browsers.js';
import { assertBuiltinsUnchanged, assertLibraryTypeError, assertValidConnectInfo, build, generated, hostileArgs, plainArgs, sameSnapshot, snapshot, type Recipe } from '../helpers/hostile-values.js';

/** How the spy native API behaves. */
const BEHAVIOURS = ['chromium', 'firefox', 'oldChrome', 'rejectsTls', 'invalidated', 'otherError', 'externalPage'] as const;
type Behaviour = (typeof BEHAVIOURS)[number];

interface Spy {
  scope: object;
  runtime: object;
  /** Each native call: `this`, the arguments, and a copy of them taken during the call (connect() may edit its own object afterwards). */
  calls: Array<{ self: unknown; args: unknown[]; copies: unknown[] }>;
  port: object;
  thrown: Error | null;
}

const TLS_REJECTION = "Error in invocation of runtime.connect(optional string extensionId, optional object connectInfo): Error at parameter 'connectInfo': Unexpected property: 'includeTlsChannelId'.";

// A light spy (no sinon: tens of thousands are built) with a fresh scope, so detection and the
// per-runtime memory of a rejected includeTlsChannelId start clean every case.
function spyApi(behaviour: Behaviour): Spy {
  const calls: Spy['calls'] = [];
  const event = () => ({ addListener() {}, removeListener() {} });
  const port: Record<string, unknown> = { name: '', postMessage() {}, disconnect() {}, onMessage: event(), onDisconnect: event() };
  if (behaviour === 'firefox') port.error = null;
  const spy: Spy = { scope: {}, runtime: {}, calls, port, thrown: null };
  const runtime: Record<string, unknown> = {
    id: behaviour === 'externalPage' ? undefined : OWN_ID,
    connect(this: unknown, ...args: unknown[]) {
      const copies = args.map((arg) => (typeof arg === 'object' && arg !== null ? Object.create(Object.getPrototypeOf(arg), Object.getOwnPropertyDescriptors(arg)) : arg));
      calls.push({ self: this, args, copies });
      if (behaviour === 'invalidated') throw (spy.thrown = new Error('Extension context invalidated.'));
      if (behaviour === 'otherError') throw (spy.thrown = new Error('Something else went wrong.'));
      const info = args[args.length - 1];
      if (behaviour === 'rejectsTls' && typeof info === 'object' && info !== null && 'includeTlsChannelId' in info) throw new TypeError(TLS_REJECTION);
      return port;
    },
  };
  const api = { runtime };
  const userAgent = behaviour === 'firefox' ? USER_AGENTS.firefox : behaviour === 'oldChrome' || behaviour === 'rejectsTls' ? USER_AGENTS.oldChrome : USER_AGENTS.chromium;
  spy.scope = behaviour === 'firefox' ? { browser: api, chrome: api, navigator: { userAgent } } : { chrome: api, navigator: { userAgent } };
  spy.runtime = runtime;
  return spy;
}

// The shapes every browser accepts: (), (id), (info), (id, info), with id a non-empty string and
// info a plain object that only has name: string and includeTlsChannelId: boolean.
function assertValidNativeCall(args: unknown[]): { extensionId?: string; info?: Record<string, unknown> } {
  assert.ok(args.length <= 2, `at most two native arguments, got ${args.length}`);
  assert.ok(!args.includes(undefined) && !args.includes(null), 'no undefined or null placeholder reaches the native call');
  let extensionId: string | undefined;
  let info: Record<string, unknown> | undefined;
  if (args.length === 2) [extensionId, info] = args as [string, Record<string, unknown>];
  else if (args.length === 1 && typeof args[0] === 'string') extensionId = args[0];
  else if (args.length === 1) info = args[0] as Record<string, unknown>;
  if (extensionId !== undefined) assert.ok(typeof extensionId === 'string' && extensionId !== '', 'extensionId is a non-empty string');
  if (info !== undefined) assertValidConnectInfo(info, 'native connectInfo');
  return { extensionId, info };
}

const RUNS = 20_000;

describe('connect (property, fast-check)', () => {
  it(`${RUNS} argument lists × spy APIs: native connect called at most once, only with valid arguments`, function () {
    this.timeout(60_000);
    const args = fc.oneof(hostileArgs.map((recipes) => ({ recipes })), plainArgs.map((plain) => ({ plain })));
    fc.assert(
      fc.property(args, fc.constantFrom(...BEHAVIOURS), (input, behaviour) => {
        generated.connect++;
        // Built twice: once for the reference answer, once for connect(), so nothing is shared.
        const make = () => ('recipes' in input ? (input.recipes as Recipe[]).map(build) : input.plain.slice());
        let reference: ReturnType<typeof normalizeConnectArgs> | null = null;
        try {
          reference = normalizeConnectArgs(...make());
        } catch {
          // a rejected list: connect() must reject it too, before any native call
        }
        const spy = spyApi(behaviour);
        const callArgs = make();
        const callerObjects = new Set<object>();
        const before = snapshot(callArgs, callerObjects);
        let port: unknown;
        let error: unknown = null;
        try {
          port = connectIn(spy.scope, callArgs);
        } catch (caught) {
          error = caught;
        }

        const maxCalls = behaviour === 'rejectsTls' ? 2 : 1;
        assert.ok(spy.calls.length <= maxCalls, `native connect called ${spy.calls.length} times`);
        const natives = spy.calls.map(({ self, args: nativeArgs, copies }) => {
          assert.equal(self, spy.runtime, 'called on runtime');
          for (const arg of nativeArgs) if (typeof arg === 'object' && arg !== null) assert.ok(!callerObjects.has(arg), 'the native call never gets the caller’s own object');
          return assertValidNativeCall(copies);
        });
        if (spy.calls.length === 2) {
          assert.ok(natives[0].info && 'includeTlsChannelId' in natives[0].info, 'a retry only follows an offered includeTlsChannelId');
          assert.ok(natives[1].info && !('includeTlsChannelId' in natives[1].info), 'the retry drops it');
        }
        // normalizeConnectArgs reads each caller property once, so a fresh build of the same recipe
        // (even a Proxy that answers differently on every read) resolves the same way both times.
        if (reference === null) {
          assert.equal(spy.calls.length, 0, 'a rejected list never reaches the native API');
          assertLibraryTypeError(error);
        } else if (behaviour === 'externalPage' && reference.extensionId === undefined) {
          assert.equal(spy.calls.length, 0, 'a web page without an extension id never reaches the native API');
          assertLibraryTypeError(error);
          assert.equal((error as ConnectTypeError).parameter, 'extensionId');
        } else {
          assert.ok(spy.calls.length >= 1, 'an accepted list reaches the native API');
          const last = natives[natives.length - 1];
          assert.equal(last.extensionId, reference.extensionId, 'the resolved extensionId');
          assert.equal(last.info && last.info.name, reference.connectInfo && reference.connectInfo.name, 'the resolved name');
          if (behaviour === 'invalidated') {
            assert.ok(error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED' && (error as { cause?: unknown }).cause === spy.thrown);
          } else if (behaviour === 'otherError') {
            assert.equal(error, spy.thrown, 'other native errors pass through untouched');
          } else {
            assert.equal(error, null, `no error: ${String(error)}`);
            assert.equal(port, spy.port, 'the native port itself');
            const dropped = (port as { droppedOptions: readonly string[] }).droppedOptions;
            const offered = reference.connectInfo !== undefined && reference.connectInfo.includeTlsChannelId !== undefined;
            const delivered = last.info !== undefined && 'includeTlsChannelId' in last.info;
            assert.equal(dropped.includes('includeTlsChannelId'), offered && !delivered, 'droppedOptions names exactly what was offered and not delivered');
            if (behaviour === 'chromium' || behaviour === 'firefox') assert.ok(!delivered, 'no current browser gets includeTlsChannelId');
          }
        }
        assert.ok(sameSnapshot(snapshot(callArgs), before), 'the caller’s objects are unchanged');
        assertBuiltinsUnchanged();
      }),
      { numRuns: RUNS },
    );
    assertBuiltinsUnchanged(true);
  });
});
