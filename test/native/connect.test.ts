import assert from 'node:assert/strict';
import { connectIn } from '../../src/native/connect.js';
import { listenIn } from '../../src/port/on-connect.js';
import { ConnectTypeError, messageOf, WebextConnectError } from '../../src/errors.js';
import { createEmptyScope, createFakeBrowser, createPlainChromePage, NO_RECEIVER, OTHER_ID, OWN_ID, type FakeKind } from '../helpers/fake-browsers.js';
import { BAD_INPUTS, MESSAGE_PREFIX, OVERLOADS } from './cases.js';

const EXTENSION_KINDS: FakeKind[] = ['chromium', 'firefox', 'legacyEdge', 'opera'];

describe('connect', () => {
  for (const kind of EXTENSION_KINDS) {
    describe(`in a ${kind}-style fake`, () => {
      for (const { label, args, expected } of OVERLOADS) {
        it(`overload ${label} calls the native connect once, in the shape every browser accepts`, () => {
          const fake = createFakeBrowser(kind);
          const port = connectIn(fake.scope, args);
          assert.equal(fake.connect.callCount, 1);
          assert.equal(port, fake.ports[0], 'the native port itself is returned');
          const nativeArgs = fake.connect.firstCall.args;
          // None of these browsers supports includeTlsChannelId today, so it never reaches them.
          const info = expected.connectInfo && { ...expected.connectInfo };
          if (info) delete info.includeTlsChannelId;
          const shape = [expected.extensionId, info].filter((value) => value !== undefined);
          assert.deepEqual(nativeArgs, shape);
          assert.equal(fake.connect.firstCall.thisValue, fake.runtime);
        });
      }

      for (const { label, args, message } of BAD_INPUTS) {
        it(`bad input (${label}) throws the library TypeError before any native call`, () => {
          const fake = createFakeBrowser(kind);
          assert.throws(() => connectIn(fake.scope, args()), (error: unknown) => error instanceof ConnectTypeError && error.message === MESSAGE_PREFIX + message);
          assert.equal(fake.connect.callCount, 0);
        });
      }

      it('a missing receiver: onDisconnect listeners added after connect() see port.error with the browser message', async () => {
        const fake = createFakeBrowser(kind);
        const port = connectIn(fake.scope, ['aaaabbbbccccddddeeeeffffgggghhhh', { name: 'gone' }]);
        assert.equal(port.error, null);
        const seen: Array<string | undefined> = [];
        port.onDisconnect.addListener((p) => seen.push((p as typeof port).error?.message));
        await fake.settle();
        assert.deepEqual(seen, [NO_RECEIVER]);
        assert.ok((port.error as unknown) instanceof Error);
        assert.throws(() => port.postMessage('late'), (error: unknown) => error instanceof WebextConnectError && error.code === 'PORT_DISCONNECTED' && /disconnected port/.test(messageOf((error as { cause?: unknown }).cause)));
      });

      it('a clean disconnect leaves port.error null', () => {
        const fake = createFakeBrowser(kind);
        const port = connectIn(fake.scope, [{ name: 'clean' }]);
        let error: unknown = 'not called';
        port.onDisconnect.addListener(() => (error = port.error));
        fake.disconnectFromOtherSide(fake.ports[0]);
        assert.equal(error, null);
      });

      it('connect to another installed extension works', () => {
        const fake = createFakeBrowser(kind);
        const port = connectIn(fake.scope, [OTHER_ID, { name: 'other' }]);
        assert.equal(port.name, 'other');
        assert.deepEqual(fake.connect.firstCall.args, [OTHER_ID, { name: 'other' }]);
      });
    });
  }

  describe('includeTlsChannelId', () => {
    it('is dropped where the table says unsupported (Chromium 156, Firefox), observably and without throwing', () => {
      for (const kind of ['chromium', 'firefox', 'legacyEdge', 'opera'] as const) {
        const fake = createFakeBrowser(kind);
        const port = connectIn(fake.scope, [OTHER_ID, { name: 't', includeTlsChannelId: true }]);
        assert.deepEqual(fake.connect.firstCall.args, [OTHER_ID, { name: 't' }], kind);
        assert.deepEqual(port.droppedOptions, ['includeTlsChannelId'], kind);
      }
    });

    it('is passed through where the table says supported (Chrome 50)', () => {
      const fake = createFakeBrowser('oldChrome');
      const port = connectIn(fake.scope, [{ name: 't', includeTlsChannelId: true }]);
      assert.deepEqual(fake.connect.firstCall.args, [{ name: 't', includeTlsChannelId: true }]);
      assert.deepEqual(port.droppedOptions, []);
    });

    it('a schema that rejects it: retried once without it, and remembered for later calls', () => {
      const fake = createFakeBrowser('tlsRejecting');
      const port = connectIn(fake.scope, [{ name: 't', includeTlsChannelId: true }]);
      assert.equal(fake.connect.callCount, 2);
      assert.deepEqual(fake.connect.secondCall.args, [{ name: 't' }]);
      assert.deepEqual(port.droppedOptions, ['includeTlsChannelId']);
      const again = connectIn(fake.scope, [{ name: 'u', includeTlsChannelId: false }]);
      assert.equal(fake.connect.callCount, 3, 'no second rejected attempt');
      assert.deepEqual(fake.connect.thirdCall.args, [{ name: 'u' }]);
      assert.deepEqual(again.droppedOptions, ['includeTlsChannelId']);
    });

    it('ports without the flag report nothing dropped', () => {
      assert.deepEqual(connectIn(createFakeBrowser('chromium').scope, []).droppedOptions, []);
    });
  });

  describe('environments', () => {
    it('an externally connectable web page: an id is required, and works when given', () => {
      const fake = createFakeBrowser('externalPage');
      assert.throws(() => connectIn(fake.scope, [{ name: 'x' }]), (error: unknown) =>
        error instanceof ConnectTypeError && error.parameter === 'extensionId' && /a web page must name the extension/.test(error.message));
      assert.equal(fake.connect.callCount, 0);
      const port = connectIn(fake.scope, [OWN_ID, { name: 'x' }]);
      assert.equal(port.name, 'x');
    });

    for (const [label, scope] of [['no extension API (Node, Firefox page)', createEmptyScope()], ['a plain Chrome page', createPlainChromePage()]] as const) {
      it(`${label}: WebextConnectError NO_EXTENSION_API`, () => {
        assert.throws(() => connectIn(scope, [{ name: 'x' }]), (error: unknown) =>
          error instanceof WebextConnectError && error.code === 'NO_EXTENSION_API' && /externally_connectable/.test(error.message));
      });
    }

    it('bad arguments are reported before a missing API', () => {
      assert.throws(() => connectIn(createEmptyScope(), [5]), ConnectTypeError);
    });

    it('"Extension context invalidated." becomes WebextConnectError CONTEXT_INVALIDATED with the cause', () => {
      const fake = createFakeBrowser('chromium');
      const native = new Error('Extension context invalidated.');
      fake.runtime.connect = () => { throw native; };
      assert.throws(() => connectIn(fake.scope, []), (error: unknown) =>
        error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED' && (error as { cause?: unknown }).cause === native && /reload the page/.test(error.message));
    });

    it("Chromium's \"Invalid extension id\" becomes the library TypeError; Firefox's free-form ids connect", () => {
      const chromium = createFakeBrowser('chromium');
      assert.throws(() => connectIn(chromium.scope, ['not-an-extension-id']), (error: unknown) =>
        error instanceof ConnectTypeError && error.message === `webext-connect: runtime.connect(): extensionId expected a valid extension id, received the string "not-an-extension-id".`);
      assert.equal(connectIn(createFakeBrowser('firefox').scope, ['not-an-extension-id']).name, '');
    });

    it('other native errors pass through untouched', () => {
      const fake = createFakeBrowser('firefox');
      const native = new Error('something else');
      fake.runtime.connect = () => { throw native; };
      assert.throws(() => connectIn(fake.scope, []), (error: unknown) => error === native);
    });

    it('a frozen (non-extensible) native port is returned as is', () => {
      const fake = createFakeBrowser('chromium');
      const frozen = Object.freeze({ name: 'f', postMessage() {}, disconnect() {}, onMessage: { addListener() {}, removeListener() {} }, onDisconnect: { addListener() {}, removeListener() {} } });
      fake.runtime.connect = () => frozen;
      assert.equal(connectIn(fake.scope, []), frozen);
    });
  });
});

describe('onConnect / onConnectExternal', () => {
  for (const kind of ['chromium', 'firefox'] as const) {
    for (const event of ['onConnect', 'onConnectExternal'] as const) {
      it(`${kind}: ${event} hands the listener a normalized port and returns a remover`, () => {
        const fake = createFakeBrowser(kind);
        const received: Array<{ name: string; error: Error | null }> = [];
        const stop = listenIn(fake.scope, event, (port) => received.push({ name: port.name, error: port.error }));
        const native = fake.deliverConnection(event, 'incoming');
        assert.deepEqual(received, [{ name: 'incoming', error: null }]);
        fake.disconnectFromOtherSide(native, 'the other side crashed');
        assert.equal((native as { error?: Error | null }).error?.message, 'the other side crashed');
        stop();
        fake.deliverConnection(event);
        assert.equal(received.length, 1);
        assert.equal((fake.runtime[event] as { listeners: unknown[] }).listeners.length, 0);
      });
    }
  }

  it('the seed example background is expressible: reply on connect, log messages', () => {
    const fake = createFakeBrowser('chromium');
    const log: unknown[] = [];
    listenIn(fake.scope, 'onConnect', (port) => {
      port.postMessage({ greeting: 'hi there content script!' });
      port.onMessage.addListener((message) => log.push(message));
    });
    const native = fake.deliverConnection('onConnect', 'port-from-cs');
    assert.deepEqual(native.posted.firstCall.args, [{ greeting: 'hi there content script!' }]);
    native.onMessage.dispatch({ greeting: 'hello from content script' });
    assert.deepEqual(log, [{ greeting: 'hello from content script' }]);
  });

  it('rejects a listener that is not a function, and a scope without the event', () => {
    const fake = createFakeBrowser('chromium');
    assert.throws(() => listenIn(fake.scope, 'onConnect', 'nope' as never), TypeError);
    assert.throws(() => listenIn(createFakeBrowser('externalPage').scope, 'onConnect', () => {}), (error: unknown) => error instanceof WebextConnectError && error.code === 'NO_EXTENSION_API');
    assert.throws(() => listenIn(createEmptyScope(), 'onConnectExternal', () => {}), WebextConnectError);
  });
});
