// The ten defects of issue 22 ("persistentPort keeps every promise under stress"), one test each,
// against the fakes of test/helpers/fake-browsers.ts (a content script and a background that stops).
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { listenIn } from '../../../src/port/on-connect.js';
import { persistentPortIn } from '../../../src/port/persistent/persistent-port.js';
import { ACK_EVERY } from '../../../src/port/persistent/inbox.js';
import { KEY } from '../../../src/port/protocol.js';
import { WebextConnectError, UnsendableMessageError } from '../../../src/errors.js';
import type { MessageInfo } from '../../../src/native/port.js';
import { createFakeExtension, type FakeExtension } from '../../helpers/fake-browsers.js';

type Got = { message: unknown; lifetime: number; listener: number };

// A background with `listeners` onConnect() listeners (one per feature, as backgrounds do), each
// recording what it got; `onPort` sees each port the first listener gets.
function background(got: Got[], listeners = 1, onPort?: (port: any) => void) {
  let lifetime = 0;
  return (scope: Record<string, unknown>) => {
    const mine = ++lifetime;
    for (let listener = 0; listener < listeners; listener++) {
      listenIn(scope, 'onConnect', (port) => {
        if (listener === 0) onPort?.(port);
        port.onMessage.addListener((message: unknown) => got.push({ message, lifetime: mine, listener }));
      });
    }
  };
}

// What one listener got in one lifetime.
const of = (got: Got[], lifetime: number, listener = 0) => got.filter((g) => g.lifetime === lifetime && g.listener === listener).map((g) => g.message);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const code = (error: unknown) => (error as { code?: unknown } | null)?.code;

// The page's window, for the back/forward cache.
function withPage(ext: FakeExtension): EventTarget {
  const target = new EventTarget();
  Object.assign(ext.content, { addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target) });
  return target;
}
const pageEvent = (type: string) => Object.assign(new Event(type), { persisted: true });

describe('issue 22: persistentPort keeps every promise under stress', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  // An eager port whose background stopped: it is connecting again.
  async function stoppedWhileOpen() {
    const got: Got[] = [];
    const ext = createFakeExtension(background(got));
    const port = persistentPortIn(ext.content, { reconnect: 'eager' });
    await clock.tickAsync(5);
    ext.stop();
    assert.equal(port.state, 'connecting');
    return { got, ext, port };
  }

  it('1. a refused message consumes no sequence number: nothing is delivered twice after the receiver closes the native port', async () => {
    const got: Got[] = [];
    const ext = createFakeExtension(background(got));
    const port = persistentPortIn(ext.content);
    await clock.tickAsync(5);
    for (const n of range(0, 10)) port.postMessage(n);
    assert.throws(() => port.postMessage(() => {}), (error: unknown) => code(error) === 'UNSENDABLE_MESSAGE');
    for (const n of range(10, 20)) port.postMessage(n);
    await clock.tickAsync(5);
    ext.ports[0]!.peer!.disconnect(); // the receiver's side closes the native port; the background lives on
    await clock.tickAsync(5);
    for (const n of range(20, 30)) port.postMessage(n);
    await clock.tickAsync(50);
    assert.equal(ext.starts, 1);
    assert.equal(ext.runtime.connect.callCount, 2);
    assert.deepEqual(of(got, 1), range(0, 30));
  });

  it('2. a refused message posted while the port waits is refused by postMessage itself, and nothing is thrown later', async () => {
    const { got, port } = await stoppedWhileOpen();
    port.postMessage('before');
    assert.throws(() => port.postMessage(() => {}), (error: unknown) => error instanceof UnsendableMessageError && code(error) === 'UNSENDABLE_MESSAGE');
    port.postMessage('after');
    await clock.tickAsync(100); // a throw from a timer would reject here
    assert.deepEqual(of(got, 2), ['before', 'after']);
    assert.equal(port.state, 'open');
  });

  it('3. flow control, not death: 3,000 posted at once, then a stop: all delivered with default options; postMessage() said when to wait and onDrain when to go on', async () => {
    const got: Got[] = [];
    const ext = createFakeExtension(background(got));
    const port = persistentPortIn(ext.content);
    const drained = sinon.spy();
    port.onDrain.addListener(drained);
    await clock.tickAsync(5);
    const accepted = range(0, 3000).map((n) => port.postMessage(n));
    assert.equal(accepted.indexOf(false), 999, 'false from the 1,000th message on (highWaterMark)');
    assert.equal(port.bufferedAmount, 3000);
    ext.stop(); // everything in flight is lost
    await clock.tickAsync(200);
    assert.equal(port.error, null);
    assert.equal(port.state, 'open');
    assert.deepEqual(of(got, 2), range(0, 3000));
    assert.equal(port.bufferedAmount, 0, 'acknowledged messages leave memory');
    assert.equal(drained.callCount, 1);
  });

  it(`4. repeats are bounded: the receiver acknowledges after ${ACK_EVERY} deliveries at once, without waiting for a timer a busy background runs late`, async () => {
    const ext = createFakeExtension(background([]));
    persistentPortIn(ext.content);
    await clock.tickAsync(5);
    const bg = ext.ports[0]!.peer!;
    const acks = () => ext.ports[0]!.onMessage.listeners.length && bg.posted.args.filter(([m]) => m && m[KEY] === 'ack').map(([m]) => m.n);
    // Delivered in one task, as a busy background drains its queue: no timer runs in between.
    for (const n of range(0, ACK_EVERY * 2)) bg.onMessage.dispatch(n, bg);
    assert.deepEqual(acks(), [ACK_EVERY, ACK_EVERY * 2]);
  });

  it('4. the receiver\'s listener gets a stable id per message, to drop repeats itself: a message delivered again to a restarted background has the id it had', async () => {
    const seen: Array<{ message: unknown; id: string | undefined; lifetime: number }> = [];
    let lifetimes = 0;
    const ext = createFakeExtension((scope) => {
      const lifetime = ++lifetimes;
      listenIn(scope, 'onConnect', (port) => port.onMessage.addListener((message: unknown, _port: unknown, info?: MessageInfo) => seen.push({ message, id: info?.id, lifetime })));
    });
    const port = persistentPortIn(ext.content);
    await clock.tickAsync(5);
    for (const n of range(0, 5)) port.postMessage(n);
    await clock.tickAsync(3); // delivered, not yet acknowledged
    ext.stop();
    await clock.tickAsync(500);
    const inLifetime = (lifetime: number) => seen.filter((s) => s.lifetime === lifetime);
    assert.deepEqual(inLifetime(2).map((s) => s.message), range(0, 5), 'delivered again to the new lifetime');
    assert.deepEqual(inLifetime(2).map((s) => s.id), inLifetime(1).map((s) => s.id));
    assert.equal(new Set(inLifetime(1).map((s) => s.id)).size, 5, 'one id per message');
    assert.ok(inLifetime(1).every((s) => typeof s.id === 'string'));
  });

  it('4. a Firefox event page suspended right after it delivered what woke it acknowledged it first (runtime.onSuspend): the same messages are not sent to every new lifetime', async () => {
    const got: Got[] = [];
    const ext = createFakeExtension(background(got));
    const port = persistentPortIn(ext.content);
    await clock.tickAsync(5);
    for (const n of range(0, 5)) port.postMessage(n);
    await clock.tickAsync(3); // delivered; the acknowledgement timer (ACK_MS) has not run
    ext.suspend();
    await clock.tickAsync(500);
    assert.equal(port.bufferedAmount, 0, 'acknowledged before the suspension');
    assert.deepEqual(of(got, 1), range(0, 5));
    assert.equal(ext.starts, 1, 'nothing left to send, so no new lifetime (lazy)');
  });

  it('5. postMessage(m); disconnect() in one task while connecting delivers m; postMessage() afterwards throws PORT_DISCONNECTED', async () => {
    const { got, port } = await stoppedWhileOpen();
    port.postMessage('m');
    port.disconnect();
    await clock.tickAsync(50);
    assert.deepEqual(of(got, 2), ['m']);
    assert.deepEqual([port.state, port.error], ['closed', null]);
    assert.throws(() => port.postMessage('late'), (error: unknown) => error instanceof WebextConnectError && error.code === 'PORT_DISCONNECTED');
  });

  it('6. onReconnect says whether the background restarted: false after the back/forward cache, true after a stop', async () => {
    const ext = createFakeExtension(background([]));
    const page = withPage(ext);
    const port = persistentPortIn(ext.content, { reconnect: 'eager' });
    const seen: unknown[] = [];
    port.onReconnect.addListener((p, info) => seen.push([p === port, info.restarted]));
    await clock.tickAsync(5);
    page.dispatchEvent(pageEvent('pagehide'));
    page.dispatchEvent(pageEvent('pageshow'));
    await clock.tickAsync(10);
    ext.stop();
    await clock.tickAsync(50);
    assert.deepEqual(seen, [[true, false], [true, true]]);
  });

  it('7. the receiver forgets a session whose port closed without "end" (a closed tab) after SESSION_MS', async () => {
    const got: Got[] = [];
    const ended = sinon.spy();
    const ext = createFakeExtension(background(got, 1, (port) => port.onDisconnect.addListener(ended)));
    const port = persistentPortIn(ext.content, { reconnect: 'eager' });
    port.postMessage('a');
    await clock.tickAsync(5);
    ext.ports[0]!.disconnect(); // the tab goes away: its native port closes, no "end"
    await clock.tickAsync(59_000);
    assert.equal(ended.callCount, 0, 'remembered for a while');
    await clock.tickAsync(2_000);
    assert.equal(ended.callCount, 1, 'then forgotten: the background\'s port ends');
    port.disconnect();
  });

  it('8. the background\'s direction: exactly once and in order across a native port closed by the receiver', async () => {
    let bgPort: any;
    const ext = createFakeExtension(background([], 1, (port) => (bgPort = port)));
    const port = persistentPortIn(ext.content, { reconnect: 'eager' });
    const got: unknown[] = [];
    port.onMessage.addListener((message) => got.push(message));
    await clock.tickAsync(5);
    for (const n of range(0, 100)) {
      bgPort.postMessage(n); // the same port object all along: the session's
      if (n === 50) ext.ports[0]!.peer!.disconnect();
      await clock.tickAsync(1);
    }
    await clock.tickAsync(100);
    assert.equal(ext.starts, 1);
    assert.equal(ext.runtime.connect.callCount, 2);
    assert.deepEqual(got, range(0, 100));
  });

  it('9. two onConnect() listeners each get every message once, in order', async () => {
    const got: Got[] = [];
    const ext = createFakeExtension(background(got, 2));
    const port = persistentPortIn(ext.content);
    for (const n of range(0, 20)) port.postMessage(n);
    await clock.tickAsync(50);
    assert.deepEqual([of(got, 1, 0), of(got, 1, 1)], [range(0, 20), range(0, 20)]);
    const hellos = ext.ports[0]!.peer!.posted.args.filter(([m]) => m && m[KEY] === 'hello');
    assert.equal(hellos.length, 1, 'one receiver: one hello');
  });

  describe('10. errors are told apart by code, never by their text', () => {
    it('a refused message whose description says "invalidated" is an UNSENDABLE_MESSAGE for the caller, and the port lives', async () => {
      const ext = createFakeExtension(background([]));
      const port = persistentPortIn(ext.content);
      await clock.tickAsync(5);
      ext.ports[0]!.postMessage = sinon.spy(() => {
        throw new UnsendableMessageError('the string "context invalidated"');
      });
      assert.throws(() => port.postMessage('context invalidated'), (error: unknown) => code(error) === 'UNSENDABLE_MESSAGE');
      assert.equal(port.state, 'open');
    });

    it('an error connect() throws with a code of no fatal kind is a failed attempt, retried, not the end', async () => {
      const ext = createFakeExtension(background([]));
      const port = persistentPortIn(ext.content, { reconnect: 'eager' });
      await clock.tickAsync(5);
      const native = ext.runtime.connect;
      ext.runtime.connect = sinon.spy(() => {
        throw Object.assign(new Error('busy'), { code: 'EBUSY' });
      });
      ext.stop();
      await clock.tickAsync(50);
      assert.equal(port.state, 'connecting');
      ext.runtime.connect = native;
      await clock.tickAsync(500);
      assert.equal(port.state, 'open');
    });
  });
});
