// The environment matrix: hostile or unusual global scopes, each a named test with the outcome the
// documentation gives (docs/errors.md's "Hostile environments" table is checked against ENVIRONMENTS
// below). Every case ends in a correct result or the library's documented error, never in a stray
// exception.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { probeSupport } from '../src/compat/probe.js';
import { connectIn } from '../src/native/connect.js';
import { listenIn } from '../src/port/on-connect.js';
import { detect, detectScope } from '../src/detect/detect.js';
import { parseUserAgent } from '../src/detect/user-agent.js';
import { ConnectTypeError, WebextConnectError } from '../src/errors.js';
import { createFakeBrowser, createPlainChromePage, OWN_ID, USER_AGENTS } from './helpers/fake-browsers.js';

/** Each environment and its documented outcome, exactly as docs/errors.md's table shows them. */
export const ENVIRONMENTS = {
  noGlobals: ['No globals at all (empty object, null-prototype object, a fresh `node:vm` global)', '`detect()`: every field `null`/`false`; `connect()`, `onConnect()`: `WebextConnectError` `NO_EXTENSION_API`'],
  plainChromePage: ['`chrome` without `runtime` (a plain Chrome page)', '`namespace: null`, browser still `chrome`; `connect()`: `NO_EXTENSION_API`'],
  domElements: ['`browser` / `chrome` are DOM elements (`<div id="browser">`)', 'an element without `runtime` is skipped (the other namespace is used, else `NO_EXTENSION_API`); one with `runtime.connect` hung on it (Chromium content scripts) works'],
  throwingRuntime: ['A `runtime` getter that throws (or a scope whose every read throws)', 'treated as absent: the other namespace, else `NO_EXTENSION_API`; the getter\'s error never escapes'],
  connectNotFunction: ['`runtime.connect` that is not a function', 'treated as absent: `NO_EXTENSION_API`'],
  invalidated: ['`runtime.connect` throwing "Extension context invalidated."', '`WebextConnectError` `CONTEXT_INVALIDATED`, the native error as `cause`, also when Chromium has already cleared `runtime.id`'],
  frozen: ['Frozen `chrome` (and frozen scope, runtime and port)', 'works: detection and `connect()` never write to the API objects'],
  noNavigator: ['`navigator` missing', 'works; browser `{ name: null, version: null }` unless an engine feature tells it; `includeTlsChannelId` dropped'],
  garbageUserAgent: ['Empty, garbage, non-string or 100k-character user agent', 'works; browser `null` unless an engine feature or `userAgentData` tells it; parsing stays linear'],
  userAgentData: ['`navigator.userAgentData` missing or lying', 'missing: the user agent decides; malformed `brands` are ignored; engine features (Firefox, Opera) beat lying brands; on Chromium the brands beat the user-agent string'],
  otherRealm: ['API object from another realm (`node:vm` context)', 'works: detection, `connect()`, `onConnect()` and error translation do not rely on `instanceof`'],
} as const;

type Name = keyof typeof ENVIRONMENTS;
const title = (name: Name) => `${ENVIRONMENTS[name][0]} → ${ENVIRONMENTS[name][1]}`;

const isNoApi = (error: unknown) => error instanceof WebextConnectError && error.code === 'NO_EXTENSION_API';

function assertNoApi(scope: object, label: string): void {
  const found = detectScope(scope);
  assert.equal(found.namespace, null, `${label}: namespace`);
  assert.equal(found.api, null, `${label}: api`);
  assert.equal(found.promises, false, `${label}: promises`);
  assert.equal(found.extensionId, null, `${label}: extensionId`);
  assert.throws(() => connectIn(scope, [{ name: 'x' }]), isNoApi, `${label}: connect()`);
  assert.throws(() => listenIn(scope, 'onConnect', () => {}), isNoApi, `${label}: onConnect()`);
  assert.equal(probeSupport(scope)['runtime.connect'].live, false, `${label}: probeSupport`);
}

/** A scope with a working Chromium-style API under `chrome` and a spy connect. */
function workingChrome(extra: Record<string, unknown> = {}) {
  const calls: unknown[][] = [];
  const port = { name: 'p', postMessage() {}, disconnect() {}, onMessage: { addListener() {}, removeListener() {} }, onDisconnect: { addListener() {}, removeListener() {} } };
  const runtime = { id: OWN_ID, connect: (...args: unknown[]) => (calls.push(args), port), onConnect: { addListener() {}, removeListener() {} } };
  return { scope: { chrome: { runtime }, navigator: { userAgent: USER_AGENTS.chromium }, ...extra } as Record<string, unknown>, runtime, calls, port };
}

// A stand-in for an HTMLDivElement reached through DOM named access.
class FakeDivElement {
  readonly nodeType = 1;
  readonly tagName = 'DIV';
  readonly style = {};
  readonly childNodes: unknown[] = [];
  constructor(readonly id: string) {}
  getAttribute(name: string) { return name === 'id' ? this.id : null; }
}

describe('environments', () => {
  it(title('noGlobals'), () => {
    for (const [label, scope] of [
      ['{}', {}],
      ['Object.create(null)', Object.create(null)],
      ['a fresh vm global', vm.runInContext('globalThis', vm.createContext({}))],
    ] as const) {
      assertNoApi(scope, label);
      assert.deepEqual({ ...detectScope(scope).browser }, { name: null, version: null }, label);
    }
  });

  it(title('plainChromePage'), () => {
    const scope = createPlainChromePage();
    assertNoApi(scope, 'plain Chrome page');
    assert.equal(detectScope(scope).browser.name, 'chrome');
  });

  describe(title('domElements'), () => {
    it('both names are bare elements: NO_EXTENSION_API', () => {
      assertNoApi({ browser: new FakeDivElement('browser'), chrome: new FakeDivElement('chrome'), navigator: { userAgent: USER_AGENTS.chromium } }, 'two divs');
    });

    it('`browser` is an element, `chrome` the API: chrome is used', () => {
      const { scope, calls, port } = workingChrome({ browser: new FakeDivElement('browser') });
      assert.equal(detectScope(scope).namespace, 'chrome');
      assert.equal(connectIn(scope, [{ name: 'x' }]), port);
      assert.deepEqual(calls, [[{ name: 'x' }]]);
    });

    it('Chromium content script: the element carries runtime, and connect() works through it', () => {
      const { scope, runtime, calls, port } = workingChrome();
      const div = Object.assign(new FakeDivElement('browser'), { runtime });
      scope.browser = div;
      const found = detectScope(scope);
      assert.equal(found.namespace, 'browser');
      assert.equal(found.api, div);
      assert.equal(connectIn(scope, [OWN_ID]), port);
      assert.deepEqual(calls, [[OWN_ID]]);
    });
  });

  describe(title('throwingRuntime'), () => {
    const throwing = () => ({ get runtime(): never { throw new Error('runtime getter'); } });

    it('the only namespace: NO_EXTENSION_API', () => {
      assertNoApi({ chrome: throwing(), browser: throwing(), navigator: { userAgent: USER_AGENTS.chromium } }, 'throwing runtime');
    });

    it('`browser.runtime` throws, `chrome` works: chrome is used', () => {
      const { scope, port } = workingChrome({ browser: throwing() });
      assert.equal(detectScope(scope).namespace, 'chrome');
      assert.equal(connectIn(scope, []), port);
    });

    it('a scope (and a navigator) whose every property read throws', () => {
      const trap = () => { throw new Error('get trap'); };
      assertNoApi(new Proxy({}, { get: trap, has: trap, getOwnPropertyDescriptor: trap }), 'throwing scope');
      const { scope, port } = workingChrome({ navigator: new Proxy({}, { get: trap }) });
      assert.deepEqual({ ...detectScope(scope).browser }, { name: null, version: null });
      assert.equal(connectIn(scope, []), port);
    });

    it('a revoked Proxy as `chrome`, as `runtime` and as the scope', () => {
      const revoked = () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; };
      assertNoApi({ chrome: revoked() }, 'revoked chrome');
      assertNoApi({ chrome: { runtime: revoked() } }, 'revoked runtime');
      assertNoApi(revoked(), 'revoked scope');
    });
  });

  it(title('connectNotFunction'), () => {
    for (const value of [undefined, null, 'connect', 42, {}, [], Symbol('connect'), BigInt(10)]) {
      assertNoApi({ chrome: { runtime: { id: OWN_ID, connect: value } }, navigator: { userAgent: USER_AGENTS.chromium } }, `connect: ${String(value)}`);
    }
    assertNoApi({ chrome: { runtime: { get connect(): never { throw new Error('connect getter'); } } } }, 'connect getter that throws');
  });

  describe(title('invalidated'), () => {
    const invalidated = (clearId: boolean, native: unknown) => {
      const fake = createFakeBrowser('chromium');
      const calls: unknown[][] = [];
      fake.runtime.connect = (...args: unknown[]) => { calls.push(args); throw native; };
      if (clearId) delete fake.runtime.id;
      return { scope: fake.scope, calls };
    };
    const isInvalidated = (native: unknown) => (error: unknown) =>
      error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED' && (error as { cause?: unknown }).cause === native && /reload the page/.test(error.message);

    it('runtime.id still set (Firefox, or detection cached before the reload): CONTEXT_INVALIDATED, one native call', () => {
      for (const native of [new Error('Extension context invalidated.'), new TypeError('Extension context invalidated.'), { message: 'Extension context invalidated.' }]) {
        const { scope, calls } = invalidated(false, native);
        assert.throws(() => connectIn(scope, [{ name: 'x' }]), isInvalidated(native));
        assert.equal(calls.length, 1);
      }
    });

    it('Chromium clears runtime.id once the context is gone: with an explicit id, CONTEXT_INVALIDATED', () => {
      const native = new Error('Extension context invalidated.');
      const { scope } = invalidated(true, native);
      assert.throws(() => connectIn(scope, [OWN_ID, { name: 'x' }]), isInvalidated(native));
    });

    // BUG (reported): with runtime.id gone, connect() without an id is taken for a web page and
    // throws ConnectTypeError("a web page must name the extension") before calling the native API.
    it('Chromium clears runtime.id once the context is gone: without an id, CONTEXT_INVALIDATED too (not the web-page TypeError)', () => {
      const native = new Error('Extension context invalidated.');
      const { scope } = invalidated(true, native);
      assert.throws(() => connectIn(scope, [{ name: 'x' }]), (error: unknown) => {
        assert.ok(!(error instanceof ConnectTypeError), `got ConnectTypeError: ${(error as Error).message}`);
        assert.ok(error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED');
        return true;
      });
    });
  });

  it(title('frozen'), () => {
    const { scope, runtime, calls } = workingChrome();
    const frozenPort = Object.freeze({ name: 'f', postMessage() {}, disconnect() {}, onMessage: Object.freeze({ addListener() {}, removeListener() {} }), onDisconnect: Object.freeze({ addListener() {}, removeListener() {} }) });
    (runtime as { connect: unknown }).connect = (...args: unknown[]) => (calls.push(args), frozenPort);
    const deepFreeze = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
      Object.freeze(value);
      for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    };
    deepFreeze(scope);
    const found = detectScope(scope);
    assert.equal(found.namespace, 'chrome');
    assert.equal(found.extensionId, OWN_ID);
    assert.equal(connectIn(scope, [{ name: 'x', includeTlsChannelId: true }]), frozenPort);
    assert.deepEqual(calls, [[{ name: 'x' }]], 'includeTlsChannelId dropped from a fresh object, not from a frozen one');
    assert.equal(detect(scope), detect(scope), 'cached per (frozen) scope');
    assert.equal(typeof listenIn(scope, 'onConnect', () => {}), 'function');
  });

  it(title('noNavigator'), () => {
    const fake = createFakeBrowser('chromium');
    delete fake.scope.navigator;
    const found = detectScope(fake.scope);
    assert.deepEqual({ ...found.browser }, { name: null, version: null });
    assert.equal(found.namespace, 'browser');
    const port = connectIn(fake.scope, [{ name: 'n', includeTlsChannelId: true }]);
    assert.deepEqual(fake.connect.firstCall.args, [{ name: 'n' }]);
    assert.deepEqual(port.droppedOptions, ['includeTlsChannelId']);
    // An engine feature still tells Firefox without a navigator.
    const firefox = createFakeBrowser('firefox');
    delete firefox.scope.navigator;
    assert.deepEqual({ ...detectScope(firefox.scope).browser }, { name: 'firefox', version: null });
  });

  describe(title('garbageUserAgent'), () => {
    const GARBAGE: ReadonlyArray<readonly [string, unknown]> = [
      ['empty', ''], ['garbage', 'garbage'], ['bare Mozilla/5.0', 'Mozilla/5.0'], ['emoji', '🦊🦊/1.0'], ['Chrome/ without a version', 'Chrome/'],
      ['number', 42], ['object', {}], ['null', null], ['symbol', Symbol('ua')], ['100k characters', 'x'.repeat(100_000)],
    ];
    for (const [label, userAgent] of GARBAGE) {
      it(`${label}: browser null, connect() works`, () => {
        const fake = createFakeBrowser('chromium');
        delete (fake.scope.navigator as Record<string, unknown>).userAgentData;
        (fake.scope.navigator as Record<string, unknown>).userAgent = userAgent;
        assert.deepEqual({ ...detectScope(fake.scope).browser }, { name: null, version: null });
        assert.equal(connectIn(fake.scope, [{ name: 'g' }]), fake.ports[0]);
      });
    }

    it('a user agent getter that throws: browser null', () => {
      const scope = { navigator: { get userAgent(): never { throw new Error('ua getter'); } } };
      assert.deepEqual({ ...detectScope(scope).browser }, { name: null, version: null });
    });

    // BUG (reported): `\bOpera\b.*\bVersion/` and `\bAndroid\b.*\bFirefox/` backtrack over the whole
    // string from every "Opera"/"Android", so parsing is quadratic (120k chars: ~0.9 s, 1 MB: ~1 min).
    for (const [label, userAgent] of [['"Opera " × 20,000', 'Opera '.repeat(20_000)], ['"Android " × 15,000', 'Android '.repeat(15_000)]] as const) {
      it(`parsing stays linear: ${label} (${userAgent.length} chars) in under 100 ms`, () => {
        const started = performance.now();
        assert.equal(parseUserAgent(userAgent), null);
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 100, `took ${elapsed.toFixed(0)} ms`);
      });
    }
  });

  describe(title('userAgentData'), () => {
    const chromiumWith = (userAgentData: unknown) => {
      const fake = createFakeBrowser('chromium');
      (fake.scope.navigator as Record<string, unknown>).userAgentData = userAgentData;
      return fake.scope;
    };

    it('missing: the user agent decides', () => {
      assert.deepEqual({ ...detectScope(chromiumWith(undefined)).browser }, { name: 'chrome', version: '156.0.0.0' });
    });

    it('malformed brands are ignored', () => {
      const { proxy, revoke } = Proxy.revocable([], {});
      revoke();
      const MALFORMED: ReadonlyArray<readonly [string, unknown]> = [
        ['null', null], ['a string', 'brands'], ['no brands', {}], ['brands a string', { brands: 'Chromium' }], ['brands an object', { brands: {} }],
        ['brands a revoked Proxy', { brands: proxy }], ['brands getter that throws', { get brands(): never { throw new Error('brands getter'); } }],
        ['garbage entries', { brands: [null, 5, 'Chromium', { brand: 5 }, { get brand(): never { throw new Error('brand getter'); } }] }],
      ];
      for (const [label, userAgentData] of MALFORMED) {
        assert.deepEqual({ ...detectScope(chromiumWith(userAgentData)).browser }, { name: 'chrome', version: '156.0.0.0' }, label);
      }
    });

    it('a brand with a garbage version: the family counts, the version is null where the UA disagrees', () => {
      const scope = chromiumWith({ brands: [{ brand: 'Microsoft Edge', version: { toString: () => '1' } }] });
      assert.deepEqual({ ...detectScope(scope).browser }, { name: 'edge', version: null });
    });

    it('lying brands lose to engine features: Firefox and Opera', () => {
      const firefox = createFakeBrowser('firefox');
      (firefox.scope.navigator as Record<string, unknown>).userAgentData = { brands: [{ brand: 'Google Chrome', version: '156' }] };
      assert.equal(detectScope(firefox.scope).browser.name, 'firefox');
      const opera = createFakeBrowser('opera');
      (opera.scope.navigator as Record<string, unknown>).userAgentData = { brands: [{ brand: 'Microsoft Edge', version: '130' }] };
      assert.equal(detectScope(opera.scope).browser.name, 'opera');
    });

    it('on Chromium, brands beat the user-agent string (both can be spoofed; brands are the newer API); the version is only ever the UA’s', () => {
      assert.deepEqual({ ...detectScope(chromiumWith({ brands: [{ brand: 'Microsoft Edge', version: '999' }] })).browser }, { name: 'edge', version: null });
      // and connect() still works, with includeTlsChannelId dropped for Edge
      const fake = createFakeBrowser('chromium');
      (fake.scope.navigator as Record<string, unknown>).userAgentData = { brands: [{ brand: 'Microsoft Edge', version: '999' }] };
      const port = connectIn(fake.scope, [{ includeTlsChannelId: true }]);
      assert.deepEqual(port.droppedOptions, ['includeTlsChannelId']);
    });
  });

  describe(title('otherRealm'), () => {
    const realm = () => {
      const context = vm.createContext({});
      vm.runInContext(`
        var calls = [];
        var listeners = [];
        function makeEvent() { return { addListener: function (l) { listeners.push(l); }, removeListener: function () {} }; }
        var port = { name: '', postMessage: function () {}, disconnect: function () {}, onMessage: makeEvent(), onDisconnect: makeEvent() };
        var chrome = { runtime: {
          id: '${OWN_ID}',
          connect: function () { calls.push(Array.prototype.slice.call(arguments)); if (globalThis.invalidate) throw new Error('Extension context invalidated.'); return port; },
          onConnect: makeEvent(),
          getManifest: function () { return { manifest_version: 3 }; },
        } };
        var navigator = { userAgent: '${USER_AGENTS.chromium}' };
      `, context);
      return { context, scope: vm.runInContext('globalThis', context) as Record<string, any> };
    };

    it('detect() finds the foreign chrome', () => {
      const { scope } = realm();
      const found = detectScope(scope);
      assert.equal(found.namespace, 'chrome');
      assert.equal(found.api, scope.chrome);
      assert.equal(found.extensionId, OWN_ID);
      assert.equal(found.promises, true);
      assert.deepEqual({ ...found.browser }, { name: 'chrome', version: '156.0.0.0' });
    });

    it('connect() calls the foreign function with valid arguments and returns its port, normalized', () => {
      const { context, scope } = realm();
      const port = connectIn(scope, [{ name: 'r', includeTlsChannelId: true }]);
      assert.equal(port, scope.port);
      assert.equal(port.error, null, 'Chromium-style port gets error: null');
      assert.deepEqual(port.droppedOptions, ['includeTlsChannelId']);
      assert.equal(vm.runInContext('JSON.stringify(calls)', context), '[[{"name":"r"}]]');
    });

    it('arguments made in the foreign realm are accepted (no instanceof / prototype checks)', () => {
      const { context, scope } = realm();
      const foreignInfo = vm.runInContext('({ name: "made-there" })', context);
      connectIn(scope, [foreignInfo]);
      assert.throws(() => connectIn(scope, [vm.runInContext('[]', context)]), ConnectTypeError, 'a foreign array is still an array');
      assert.equal(vm.runInContext('JSON.stringify(calls)', context), '[[{"name":"made-there"}]]');
    });

    it('a foreign "Extension context invalidated." becomes CONTEXT_INVALIDATED; onConnect() works', () => {
      const { context, scope } = realm();
      let received: unknown = null;
      listenIn(scope, 'onConnect', (port) => (received = port));
      vm.runInContext('listeners[0](port)', context);
      assert.equal(received, scope.port);
      vm.runInContext('globalThis.invalidate = true', context);
      assert.throws(() => connectIn(scope, []), (error: unknown) => error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED');
    });
  });

  it('docs/errors.md lists every environment with its outcome, as here', () => {
    const readme = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const region = readme.slice(readme.indexOf('<!-- environments:start -->'), readme.indexOf('<!-- environments:end -->'));
    const rows = region.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| environment') && !line.startsWith('|---'));
    assert.deepEqual(rows, Object.values(ENVIRONMENTS).map(([environment, outcome]) => `| ${environment} | ${outcome} |`));
  });
});
