// connect(), onConnect() and port.error under the Safari fakes: Safari 18+ ('safari', WebKit's own
// Port with `error`) and Safari 14–17 ('oldSafari'), plus a web page Safari lets connect. The fakes
// follow WebKit's source and bug reports, not a real Safari (none runs here); what the library
// cannot change about Safari is asserted as such, so the README's claims have a test behind them.
import assert from 'node:assert/strict';
import { connectIn } from '../../src/native/connect.js';
import { listenIn } from '../../src/port/on-connect.js';
import { ConnectTypeError, WebextConnectError } from '../../src/errors.js';
import { createFakeBrowser, OTHER_ID, OWN_ID, SAFARI_NO_RECEIVER, type FakeKind, type FakePort } from '../helpers/fake-browsers.js';
import { BAD_INPUTS, MESSAGE_PREFIX, OVERLOADS } from './cases.js';

const MISSING_ID = 'aaaabbbbccccddddeeeeffffgggghhhh';
const SAFARIS = ['safari', 'oldSafari'] as const satisfies readonly FakeKind[];

/** onDisconnect as a listener added after connect() saw it: the port's error message, or null; [] when it never fired. */
function watch(port: { error: Error | null; onDisconnect: { addListener(listener: () => void): void } }): Array<string | null> {
  const seen: Array<string | null> = [];
  port.onDisconnect.addListener(() => seen.push(port.error ? port.error.message : null));
  return seen;
}

for (const kind of SAFARIS) {
  describe(`connect() in a ${kind === 'safari' ? 'Safari 18.4' : 'Safari 17.6'} fake`, () => {
    for (const { label, args, expected } of OVERLOADS) {
      it(`overload ${label}: one native call in the shape every browser accepts, includeTlsChannelId dropped`, () => {
        const fake = createFakeBrowser(kind);
        const port = connectIn(fake.scope, args);
        assert.equal(port, fake.ports[0], 'the native port itself');
        const info = expected.connectInfo && { ...expected.connectInfo };
        if (info) delete info.includeTlsChannelId;
        assert.deepEqual(fake.connect.firstCall.args, [expected.extensionId, info].filter((value) => value !== undefined));
        assert.deepEqual(port.droppedOptions, expected.connectInfo && 'includeTlsChannelId' in expected.connectInfo ? ['includeTlsChannelId'] : []);
      });
    }

    for (const { label, args, message } of BAD_INPUTS) {
      it(`bad input (${label}): the library TypeError before any native call`, () => {
        const fake = createFakeBrowser(kind);
        assert.throws(() => connectIn(fake.scope, args()), (error: unknown) => error instanceof ConnectTypeError && error.message === MESSAGE_PREFIX + message);
        assert.equal(fake.connect.callCount, 0);
      });
    }

    it('a clean disconnect by the other side: onDisconnect fires, port.error stays null', () => {
      const fake = createFakeBrowser(kind);
      const port = connectIn(fake.scope, [{ name: 'clean' }]);
      const seen = watch(port);
      fake.disconnectFromOtherSide(fake.ports[0]!);
      assert.deepEqual(seen, [null]);
    });

    it('the context invalidated: runtime.id is still set, yet connect() throws CONTEXT_INVALIDATED with the native error as cause', () => {
      const fake = createFakeBrowser(kind);
      fake.invalidate();
      assert.equal(fake.runtime.id, OWN_ID, 'Safari keeps runtime.id');
      assert.throws(() => connectIn(fake.scope, [{ name: 'orphan' }]), (error: unknown) =>
        error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED' && /context invalidated/.test(String((error as { cause?: Error }).cause?.message)));
    });
  });
}

describe('port.error in Safari', () => {
  it('Safari 18+: a missing receiver sets Safari\'s own port.error, which every onDisconnect listener sees; postMessage then throws', async () => {
    const fake = createFakeBrowser('safari');
    const port = connectIn(fake.scope, [MISSING_ID, { name: 'gone' }]);
    assert.equal(port.error, null);
    assert.ok(Object.prototype.hasOwnProperty.call(fake.ports[0], 'error'), 'WebKit\'s port has its own error');
    const seen = watch(port);
    await fake.settle();
    assert.deepEqual(seen, [SAFARI_NO_RECEIVER]);
    assert.ok((port.error as unknown) instanceof Error);
    assert.throws(() => port.postMessage('late'), /disconnected/);
  });

  it('Safari before 18: a missing receiver never fires onDisconnect, port.error stays null and postMessage does nothing (the library cannot tell)', async () => {
    const fake = createFakeBrowser('oldSafari');
    const port = connectIn(fake.scope, [MISSING_ID, { name: 'gone' }]);
    assert.equal(port.error, null, 'the library gives the port an error property');
    const seen = watch(port);
    await fake.settle();
    assert.deepEqual(seen, []);
    assert.equal(port.error, null);
    assert.doesNotThrow(() => port.postMessage('into the void'));
  });

  it('Safari before 18: a port that failed on the other side stays silent too; one the other side disconnects on purpose fires', () => {
    const fake = createFakeBrowser('oldSafari');
    const failed = connectIn(fake.scope, [{ name: 'a' }]);
    const clean = connectIn(fake.scope, [{ name: 'b' }]);
    const [seenFailed, seenClean] = [watch(failed), watch(clean)];
    fake.disconnectFromOtherSide(fake.ports[0]!, 'the page went away');
    fake.disconnectFromOtherSide(fake.ports[1]!);
    assert.deepEqual([seenFailed, seenClean], [[], [null]]);
  });

  for (const kind of SAFARIS) {
    it(`${kind}: onConnect() hands over ports whose error behaves as connect()'s`, () => {
      const fake = createFakeBrowser(kind);
      const received: Array<Error | null> = [];
      const stop = listenIn(fake.scope, 'onConnect', (port) => received.push(port.error));
      const native: FakePort = fake.deliverConnection('onConnect', 'incoming');
      assert.deepEqual(received, [null]);
      stop();
      assert.equal('error' in native, true);
    });
  }

  it('Chromium for contrast: invalidation clears runtime.id, and connect() says CONTEXT_INVALIDATED without calling the native connect', () => {
    const fake = createFakeBrowser('chromium');
    fake.invalidate();
    assert.equal(fake.runtime.id, undefined);
    assert.throws(() => connectIn(fake.scope, []), (error: unknown) => error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED');
    assert.equal(fake.connect.callCount, 0);
  });
});

describe('a web page Safari lets connect (externally_connectable)', () => {
  it('needs the extension id, like any web page, and connects with it', () => {
    const fake = createFakeBrowser('safariPage');
    assert.throws(() => connectIn(fake.scope, [{ name: 'web' }]), (error: unknown) => error instanceof ConnectTypeError && error.parameter === 'extensionId');
    assert.equal(fake.connect.callCount, 0);
    const port = connectIn(fake.scope, [OTHER_ID, { name: 'web' }]);
    assert.deepEqual(fake.connect.firstCall.args, [OTHER_ID, { name: 'web' }]);
    assert.equal(port.name, 'web');
  });

  it('has no receiving events', () => {
    assert.throws(() => listenIn(createFakeBrowser('safariPage').scope, 'onConnectExternal', () => {}), (error: unknown) => error instanceof WebextConnectError && error.code === 'NO_EXTENSION_API');
  });
});
