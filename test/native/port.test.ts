import assert from 'node:assert/strict';
import sinon from 'sinon';
import { connectIn } from '../../src/native/connect.js';
import { listenIn } from '../../src/port/on-connect.js';
import { normalizePort, type ConnectedPort } from '../../src/native/port.js';
import { UnsendableMessageError, WebextConnectError } from '../../src/errors.js';
import { createFakeBrowser, NO_RECEIVER, SAFARI_NO_RECEIVER, type FakeKind, type FakePort } from '../helpers/fake-browsers.js';

const PREFIX = 'webext-connect: port.postMessage(): ';
const DISCONNECTED = `${PREFIX}the port is disconnected.`;
const unsendable = (received: string) => `${PREFIX}message expected a value this browser can serialize, received ${received}.`;

// What each engine's native postMessage throws for a message it cannot send (shared/notes/ports.md, section 1).
const NATIVE_REFUSALS: ReadonlyArray<readonly [string, () => Error]> = [
  ['Chromium: Could not serialize message.', () => new Error('Could not serialize message.')],
  ['Chromium: over 64 MiB', () => new Error('Message exceeded maximum allowed size of 64MiB.')],
  ['Firefox: DataCloneError', () => Object.assign(new Error('Function object could not be cloned.'), { name: 'DataCloneError' })],
  ['Firefox: a symbol', () => Object.assign(new Error('An exception was thrown'), { name: 'InvalidStateError' })],
];

// A Chromium-style port whose native postMessage throws `native`, normalized.
function refusing(native: Error): ConnectedPort {
  const fake = createFakeBrowser('chromium');
  const port = fake.runtime.connect({ name: 'r' });
  port.postMessage = sinon.stub().throws(native);
  return normalizePort(port, fake.runtime as never);
}

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return 'did not throw';
}

const KINDS: FakeKind[] = ['chromium', 'firefox'];

describe('port.postMessage', () => {
  for (const kind of KINDS) {
    describe(`in a ${kind}-style fake`, () => {
      const open = (): { port: ConnectedPort; native: FakePort } => {
        const fake = createFakeBrowser(kind);
        const port = connectIn(fake.scope, [{ name: 'p' }]);
        return { port, native: fake.ports[0]! };
      };

      it('passes the message to the native postMessage unchanged, with the port as `this`', () => {
        const { port, native } = open();
        const message = { a: 1 };
        port.postMessage(message);
        assert.equal(native.posted.callCount, 1);
        assert.equal(native.posted.firstCall.args[0], message);
        assert.equal(native.posted.firstCall.thisValue, port);
      });

      it('stays the browser’s own object: an own, non-enumerable postMessage', () => {
        const { port, native } = open();
        assert.equal(port, native);
        const own = Object.getOwnPropertyDescriptor(port, 'postMessage')!;
        assert.equal(own.enumerable, false);
        assert.notEqual(own.value, native.posted);
      });

      it('after its own disconnect(): PORT_DISCONNECTED, one text, the native error as cause', () => {
        const { port } = open();
        port.disconnect();
        const error = thrown(() => port.postMessage('late')) as WebextConnectError & { cause: Error };
        assert.ok(error instanceof WebextConnectError, String(error));
        assert.deepEqual([error.code, error.message, error.name], ['PORT_DISCONNECTED', DISCONNECTED, 'WebextConnectError']);
        assert.match(error.cause.message, /disconnected port/);
      });

      it('postMessage() without a message: UNSENDABLE_MESSAGE in every engine, nothing sent', () => {
        const { port, native } = open();
        const error = thrown(() => (port.postMessage as () => void)()) as UnsendableMessageError;
        assert.ok(error instanceof UnsendableMessageError && error instanceof TypeError, String(error));
        assert.ok(!('cause' in error), 'no native error to carry');
        assert.deepEqual([error.code, error.name, error.message], ['UNSENDABLE_MESSAGE', 'TypeError', unsendable('no argument')]);
        assert.equal(native.posted.callCount, 0);
      });

      it('postMessage(undefined) is a message like any other', () => {
        const { port, native } = open();
        port.postMessage(undefined);
        assert.deepEqual(native.posted.firstCall.args, [undefined]);
      });
    });
  }

  for (const [label, make] of NATIVE_REFUSALS) {
    it(`a refused message (${label}): UNSENDABLE_MESSAGE naming port.postMessage(), the native error as cause`, () => {
      const native = make();
      const port = refusing(native);
      const error = thrown(() => port.postMessage(() => 1)) as UnsendableMessageError & { cause: unknown };
      assert.ok(error instanceof UnsendableMessageError && error instanceof TypeError, String(error));
      assert.deepEqual([error.code, error.message, error.cause], ['UNSENDABLE_MESSAGE', unsendable('a function'), native]);
    });
  }

  it('"Extension context invalidated." from postMessage: CONTEXT_INVALIDATED', () => {
    const native = new Error('Extension context invalidated.');
    const port = refusing(native);
    const error = thrown(() => port.postMessage('x')) as WebextConnectError & { cause: unknown };
    assert.ok(error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED' && error.cause === native, String(error));
  });

  it('ports received by onConnect() translate the same way, after the other side went away', () => {
    const fake = createFakeBrowser('firefox');
    let received: ConnectedPort | undefined;
    listenIn(fake.scope, 'onConnect', (port) => (received = port));
    const native = fake.deliverConnection('onConnect', 'in');
    fake.disconnectFromOtherSide(native);
    const error = thrown(() => received!.postMessage({})) as WebextConnectError;
    assert.deepEqual([error.code, error.message], ['PORT_DISCONNECTED', DISCONNECTED]);
  });

  it('a frozen port keeps its native postMessage (nothing can be defined on it)', () => {
    const fake = createFakeBrowser('chromium');
    const native = Object.freeze(fake.runtime.connect({ name: 'f' }));
    const port = normalizePort(native, fake.runtime as never);
    assert.equal(port.postMessage, native.postMessage);
  });

  it('a postMessage getter that throws leaves the port as it is', () => {
    const fake = createFakeBrowser('chromium');
    const native = fake.runtime.connect({ name: 'g' });
    Object.defineProperty(native, 'postMessage', {
      get() {
        throw new Error('hostile');
      },
      configurable: true,
    });
    assert.doesNotThrow(() => normalizePort(native, fake.runtime as never));
  });
});

describe('port.error NO_RECEIVER and port.name', () => {
  const MISSING = 'aaaabbbbccccddddeeeeffffgggghhhh';
  // Chromium via lastError, Firefox and Safari 18 their own port.error, each with its own text.
  for (const kind of ['chromium', 'firefox', 'safari'] as const) {
    it(`${kind}: nobody listening: port.error is an Error with the browser's message and code NO_RECEIVER, seen by listeners added later`, async () => {
      const fake = createFakeBrowser(kind);
      const port = connectIn(fake.scope, [MISSING, { name: 'gone' }]);
      const seen: Array<[string | undefined, string | undefined]> = [];
      port.onDisconnect.addListener((p) => seen.push([p.error?.message, p.error?.code]));
      await fake.settle();
      const text = kind === 'safari' ? SAFARI_NO_RECEIVER : NO_RECEIVER;
      assert.deepEqual(seen, [[text, 'NO_RECEIVER']]);
      assert.ok(port.error instanceof Error);
      assert.equal(Object.keys(port.error).length, 0, 'code is not enumerable, as message is not');
    });

    it(`${kind}: any other error disconnect keeps its message and gets no code`, () => {
      const fake = createFakeBrowser(kind);
      const port = connectIn(fake.scope, [{ name: 'x' }]);
      fake.disconnectFromOtherSide(fake.ports[0]!, 'The page keeping the extension port is moved into back/forward cache, so the message channel is closed.');
      assert.equal(port.error?.code, undefined);
      assert.match(String(port.error?.message), /back\/forward cache/);
    });
  }

  it("a frozen native error keeps its message; the code is left off rather than thrown", () => {
    const fake = createFakeBrowser('firefox');
    const port = connectIn(fake.scope, [{ name: 'x' }]);
    const native = fake.ports[0]!;
    native.error = Object.freeze(new Error(NO_RECEIVER));
    assert.doesNotThrow(() => native.onDisconnect.dispatch(native));
    assert.equal(port.error?.message, NO_RECEIVER);
  });

  it("a native port named null (Firefox's unnamed tabs.connect) reaches the onConnect() listener named ''", () => {
    const fake = createFakeBrowser('firefox');
    const names: unknown[] = [];
    listenIn(fake.scope, 'onConnect', (port) => names.push(port.name));
    fake.deliverConnection('onConnect', null as never);
    assert.deepEqual(names, ['']);
  });

  it("a native port without a name gets the name ''", () => {
    const fake = createFakeBrowser('chromium');
    const native = fake.runtime.connect({}) as Partial<FakePort>;
    delete native.name;
    assert.equal(normalizePort(native as never, fake.runtime as never).name, '');
  });

  it('a frozen port named null stays as it is, without throwing', () => {
    const fake = createFakeBrowser('firefox');
    const native = Object.freeze({ ...fake.runtime.connect({}), name: null }) as never;
    assert.doesNotThrow(() => normalizePort(native, fake.runtime as never));
  });
});
