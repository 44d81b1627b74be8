import assert from 'node:assert/strict';
import sinon from 'sinon';
import { listenIn } from '../../../src/port/on-connect.js';
import { WebextConnectError } from '../../../src/errors.js';
import { persistentPortIn, type PersistentPort } from '../../../src/port/persistent/persistent-port.js';
import { HELLO_MS } from '../../../src/port/persistent/backoff.js';
import { KEY } from '../../../src/port/protocol.js';
import { createFakeExtension } from '../../helpers/fake-browsers.js';

type Received = { name: string; message: unknown; lifetime: number };

// A background that receives through this library's onConnect and records what its listeners got.
function libraryBackground(received: Received[], onPort?: (port: any) => void) {
  let lifetime = 0;
  return (scope: Record<string, unknown>) => {
    const mine = ++lifetime;
    listenIn(scope, 'onConnect', (port) => {
      onPort?.(port);
      port.onMessage.addListener((message: unknown) => received.push({ name: port.name, message, lifetime: mine }));
    });
  };
}

const code = (port: PersistentPort) => (port.error as WebextConnectError | null)?.code;

describe('persistentPort', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  describe('options', () => {
    const bad: unknown[] = [null, 'x', { reconnect: 'sometimes' }, { maxAttempts: 0 }, { maxAttempts: 1.5 }, { maxQueue: -1 }, { maxAge: 'soon' }, { name: 3 }, { extensionId: '' }, { colour: 'red' }];
    for (const options of bad) {
      it(`rejects ${JSON.stringify(options)} with a TypeError before connecting`, () => {
        const ext = createFakeExtension(() => {});
        assert.throws(() => persistentPortIn(ext.content, options as never), (error: unknown) => error instanceof TypeError && /persistentPort\(\)/.test((error as Error).message) && (error as { code?: string }).code === 'INVALID_ARGUMENT');
        assert.equal(ext.runtime.connect.callCount, 0);
      });
    }
    it('throws NO_EXTENSION_API where there is no extension API', () => {
      assert.throws(() => persistentPortIn({}, {}), (error: unknown) => error instanceof WebextConnectError && error.code === 'NO_EXTENSION_API');
    });
  });

  it('keeps the caller\'s name, marks the native one, and restores it on the receiving side', async () => {
    const received: Received[] = [];
    const ext = createFakeExtension(libraryBackground(received));
    const port = persistentPortIn(ext.content, { name: 'feed' });
    assert.equal(port.name, 'feed');
    assert.equal(port.state, 'open');
    assert.match(ext.ports[0]!.name, /^feed\u0000wxc:[a-z0-9]+:0:0$/);
    port.postMessage({ hello: 1 });
    await clock.tickAsync(10);
    assert.deepEqual(received, [{ name: 'feed', message: { hello: 1 }, lifetime: 1 }]);
  });

  it('delivers a numbered stream once and in order across a background stop, and fires onReconnect once', async () => {
    const received: Received[] = [];
    const ext = createFakeExtension(libraryBackground(received), 3);
    const port = persistentPortIn(ext.content);
    const reconnects = sinon.spy();
    port.onReconnect.addListener(reconnects);
    for (let i = 0; i < 200; i++) {
      port.postMessage(i);
      if (i === 120) ext.stop(); // mid-stream, with messages in flight
      await clock.tickAsync(1);
    }
    await clock.tickAsync(100);
    assert.ok(ext.lost.length > 0, 'the stop lost messages in flight');
    // Once per background lifetime, in order; the second lifetime starts at the first unacknowledged message.
    const lifetime = (n: number) => received.filter((r) => r.lifetime === n).map((r) => r.message as number);
    const [first, second] = [lifetime(1), lifetime(2)];
    assert.deepEqual(first, [...Array(first.length).keys()]);
    assert.ok(second[0]! <= first.length, 'no gap between lifetimes');
    assert.deepEqual(second, [...Array(200 - second[0]!).keys()].map((i) => i + second[0]!));
    assert.equal(ext.starts, 2);
    assert.equal(reconnects.callCount, 1);
    assert.equal(port.state, 'open');
  });

  it('filters control messages out of onMessage and passes the background\'s own messages', async () => {
    const ext = createFakeExtension(libraryBackground([], (port) => port.postMessage({ welcome: true })));
    const port = persistentPortIn(ext.content);
    const got: unknown[] = [];
    port.onMessage.addListener((message) => got.push(message));
    port.postMessage(1);
    await clock.tickAsync(20);
    assert.deepEqual(got, [{ welcome: true }]);
  });

  it('against a raw runtime.onConnect: plain messages, no control messages, no resends', async () => {
    const raw: unknown[] = [];
    const ext = createFakeExtension((scope: any) => scope.browser.runtime.onConnect.addListener((p: any) => p.onMessage.addListener((m: unknown) => raw.push(m))));
    const port = persistentPortIn(ext.content);
    for (let i = 0; i < 50; i++) {
      port.postMessage(i);
      if (i === 30) ext.stop();
      await clock.tickAsync(1);
    }
    await clock.tickAsync(100);
    assert.ok(raw.every((m) => typeof m === 'number'), 'only user messages on the wire');
    assert.equal(new Set(raw).size, raw.length, 'no repeats');
    assert.equal(raw.length + ext.lost.length, 50, 'what was lost in flight is not resent');
    assert.ok(ext.lost.length > 0);
  });

  it('lazy (default): after a stop, no new port until there is something to send', async () => {
    const ext = createFakeExtension(libraryBackground([]));
    const port = persistentPortIn(ext.content);
    await clock.tickAsync(10);
    ext.stop();
    await clock.tickAsync(5000);
    assert.equal(ext.runtime.connect.callCount, 1);
    assert.equal(port.state, 'waiting');
    port.postMessage('wake');
    assert.equal(ext.runtime.connect.callCount, 2);
    assert.equal(port.state, 'open');
  });

  it('eager: reconnects after a stop without waiting for a message', async () => {
    const ext = createFakeExtension(libraryBackground([]));
    const port = persistentPortIn(ext.content, { reconnect: 'eager' });
    await clock.tickAsync(10);
    ext.stop();
    assert.equal(port.state, 'connecting');
    await clock.tickAsync(25);
    assert.equal(ext.runtime.connect.callCount, 2);
    assert.equal(port.state, 'open');
  });

  it('backs off 100 ms doubling to 5 s while the receiving end does not exist, then ends with RECONNECT_FAILED', async () => {
    const ext = createFakeExtension(() => {}); // a background that never listens
    const port = persistentPortIn(ext.content, { maxAttempts: 8 });
    const ended = sinon.spy();
    port.onDisconnect.addListener(ended);
    port.postMessage('x');
    const times: number[] = [0]; // the first attempt, at once
    const original = ext.runtime.connect;
    ext.runtime.connect = (...args: unknown[]) => (times.push(Date.now()), original(...args));
    await clock.tickAsync(60_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Each gap: the fake's 1 ms until the failure, then the backoff; 8 attempts after the first.
    assert.deepEqual(gaps.map((g) => g - 1), [100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    assert.equal(code(port), 'RECONNECT_FAILED');
    assert.equal(ended.callCount, 1);
    assert.equal(port.state, 'closed');
  });

  it('ends with ENDED_BY_OTHER_SIDE when the background disconnects a received persistent port', async () => {
    const ext = createFakeExtension(libraryBackground([], (port) => setTimeout(() => port.disconnect(), 5)));
    const port = persistentPortIn(ext.content);
    const ended = sinon.spy();
    port.onDisconnect.addListener(ended);
    await clock.tickAsync(50);
    assert.equal(code(port), 'ENDED_BY_OTHER_SIDE');
    assert.equal(ended.callCount, 1);
    await clock.tickAsync(10_000);
    assert.equal(ext.runtime.connect.callCount, 1);
  });

  it('ends with CONTEXT_INVALIDATED at once after an extension reload, and never connects again', async () => {
    const ext = createFakeExtension(libraryBackground([]));
    const port = persistentPortIn(ext.content, { reconnect: 'eager' });
    await clock.tickAsync(10);
    ext.invalidate();
    await clock.tickAsync(25);
    assert.equal(code(port), 'CONTEXT_INVALIDATED');
    await clock.tickAsync(60_000);
    assert.equal(ext.runtime.connect.callCount, 1);
    assert.throws(() => port.postMessage(1), (error: unknown) => (error as WebextConnectError).code === 'CONTEXT_INVALIDATED');
  });

  it('CONTEXT_INVALIDATED when connect() throws it (Safari keeps runtime.id)', async () => {
    const ext = createFakeExtension(libraryBackground([]));
    const port = persistentPortIn(ext.content);
    await clock.tickAsync(10);
    ext.stop();
    ext.runtime.connect = () => {
      throw new Error('Extension context invalidated.');
    };
    await clock.tickAsync(25);
    port.postMessage(1);
    assert.equal(code(port), 'CONTEXT_INVALIDATED');
  });

  it('a port whose postMessage throws a coded CONTEXT_INVALIDATED (a zombie port) ends the persistent port with it', async () => {
    const ext = createFakeExtension(libraryBackground([]));
    const port = persistentPortIn(ext.content);
    await clock.tickAsync(10);
    ext.ports[0]!.postMessage = sinon.spy(() => {
      throw new WebextConnectError('CONTEXT_INVALIDATED', 'the extension was reloaded, updated or disabled.');
    });
    port.postMessage(1);
    assert.equal(code(port), 'CONTEXT_INVALIDATED');
  });

  it('ends with QUEUE_OVERFLOW naming the count when more than maxQueue messages wait', async () => {
    const ext = createFakeExtension(libraryBackground([]));
    const target = new EventTarget();
    Object.assign(ext.content, { addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target) });
    const port = persistentPortIn(ext.content, { maxQueue: 5 });
    await clock.tickAsync(10);
    target.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: true }));
    for (let i = 0; i < 6; i++) port.postMessage(i);
    assert.equal(code(port), 'QUEUE_OVERFLOW');
    assert.match(port.error!.message, /6 messages not sent/);
  });

  it('ends with QUEUE_OVERFLOW when a message waits longer than maxAge', async () => {
    const ext = createFakeExtension(() => {});
    const port = persistentPortIn(ext.content, { maxAge: 1000, maxAttempts: 100 });
    port.postMessage('a');
    port.postMessage('b');
    await clock.tickAsync(999);
    assert.notEqual(port.state, 'closed');
    await clock.tickAsync(2);
    assert.equal(code(port), 'QUEUE_OVERFLOW');
    assert.match(port.error!.message, /2 messages not sent/);
  });

  it('back/forward cache: drops the native port on pagehide, reconnects on pageshow, nothing lost', async () => {
    const received: Received[] = [];
    const ext = createFakeExtension(libraryBackground(received));
    const target = new EventTarget();
    Object.assign(ext.content, { addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target) });
    const port = persistentPortIn(ext.content, { reconnect: 'eager' });
    const reconnects = sinon.spy();
    port.onReconnect.addListener(reconnects);
    port.postMessage(1);
    await clock.tickAsync(10);
    target.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: true }));
    assert.equal(ext.ports[0]!.open, false);
    assert.equal(port.state, 'waiting');
    port.postMessage(2);
    await clock.tickAsync(1000);
    assert.equal(port.state, 'waiting');
    assert.equal(ext.runtime.connect.callCount, 1);
    target.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    await clock.tickAsync(20);
    assert.equal(port.state, 'open');
    assert.deepEqual(received.map((r) => r.message), [1, 2]);
    assert.equal(reconnects.callCount, 1);
  });

  it('disconnect(): closed, error null, onDisconnect once, postMessage throws, the receiver forgets the session', async () => {
    const ext = createFakeExtension(libraryBackground([]));
    const port = persistentPortIn(ext.content);
    const ended = sinon.spy();
    port.onDisconnect.addListener(ended);
    port.postMessage(1);
    await clock.tickAsync(10);
    port.disconnect();
    port.disconnect();
    assert.deepEqual([port.state, port.error, ended.callCount], ['closed', null, 1]);
    assert.throws(() => port.postMessage(2), Error);
    assert.deepEqual(ext.ports[0]!.posted.lastCall.args[0], { [KEY]: 'end' });
  });

  it('disconnect() in the same task as postMessage() while the first port connects: the messages arrive, then the end, and a plain receiver still gets them', async () => {
    const received: Received[] = [];
    const ended = sinon.spy();
    const ext = createFakeExtension(libraryBackground(received, (port) => port.onDisconnect.addListener(ended)));
    const port = persistentPortIn(ext.content, { name: 'quick' });
    port.postMessage(1);
    port.postMessage(2);
    port.disconnect();
    assert.deepEqual([port.state, port.error], ['closed', null]);
    await clock.tickAsync(10);
    assert.deepEqual(received.map((r) => r.message), [1, 2]);
    assert.equal(ended.callCount, 1, 'the background learned the end');
    await clock.tickAsync(1000);
    assert.equal(ext.ports[0]!.open, false, 'the native port is closed');

    const raw: unknown[] = [];
    const plain = createFakeExtension((scope: any) => scope.browser.runtime.onConnect.addListener((p: any) => p.onMessage.addListener((m: unknown) => raw.push(m))));
    const other = persistentPortIn(plain.content);
    other.postMessage('a');
    other.disconnect();
    await clock.tickAsync(1000);
    assert.deepEqual(raw, ['a'], 'no control message for a receiver that never said hello');
    assert.equal(plain.ports[0]!.open, false);
  });

  it('the receiver drops a resent message its lifetime already delivered (the acknowledgement was lost)', async () => {
    const received: Received[] = [];
    const ext = createFakeExtension(libraryBackground(received));
    const target = new EventTarget();
    Object.assign(ext.content, { addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target) });
    const port = persistentPortIn(ext.content);
    await clock.tickAsync(5); // hello received
    port.postMessage('once');
    await clock.tickAsync(2); // delivered; not acknowledged yet (ACK_MS)
    target.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: true }));
    await clock.tickAsync(10);
    target.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    await clock.tickAsync(10);
    assert.equal(ext.runtime.connect.callCount, 2, 'a second port');
    assert.ok(ext.ports[1]!.posted.args.some(([m]) => m === 'once'), 'resent on it');
    assert.deepEqual(received.map((r) => r.message), ['once']);
  });

  it('a raw receiver that never answers: nothing kept for resending after maxAge', async () => {
    const raw: unknown[] = [];
    const ext = createFakeExtension((scope: any) => scope.browser.runtime.onConnect.addListener((p: any) => p.onMessage.addListener((m: unknown) => raw.push(m))));
    const port = persistentPortIn(ext.content, { maxAge: 1000 });
    for (let i = 0; i < 5; i++) port.postMessage(i);
    await clock.tickAsync(1001);
    ext.stop();
    await clock.tickAsync(30);
    assert.equal(port.state, 'waiting', 'lazy, and nothing left to send');
    assert.deepEqual(raw, [0, 1, 2, 3, 4]);
  });

  it('eager against a background that hangs up at once: backoff, never a tight loop', async () => {
    const ext = createFakeExtension((scope: any) => scope.browser.runtime.onConnect.addListener((p: any) => p.disconnect()));
    const port = persistentPortIn(ext.content, { reconnect: 'eager', maxAttempts: 5 });
    await clock.tickAsync(1000);
    assert.ok(ext.runtime.connect.callCount <= 5, `${ext.runtime.connect.callCount} connects in 1 s`);
    await clock.tickAsync(10_000);
    assert.equal(code(port), 'RECONNECT_FAILED');
    assert.equal(ext.runtime.connect.callCount, 6);
  });

  it('onMessage/onDisconnect/onReconnect have addListener, removeListener and hasListener', () => {
    const port = persistentPortIn(createFakeExtension(() => {}).content);
    const listener = () => {};
    for (const event of [port.onMessage, port.onDisconnect, port.onReconnect]) {
      event.addListener(listener);
      assert.equal(event.hasListener(listener), true);
      event.removeListener(listener);
      assert.equal(event.hasListener(listener), false);
    }
  });
});

describe('persistentPort: what the mutants of issue 19 changed', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('close() removes the pagehide and pageshow listeners it added', () => {
    const ext = createFakeExtension(libraryBackground([]));
    const target = new EventTarget();
    const add = sinon.spy(target.addEventListener.bind(target));
    const remove = sinon.spy(target.removeEventListener.bind(target));
    Object.assign(ext.content, { addEventListener: add, removeEventListener: remove });
    const port = persistentPortIn(ext.content);
    assert.deepEqual(add.args.map(([type]) => type), ['pagehide', 'pageshow']);
    port.disconnect();
    assert.deepEqual(remove.args, add.args.map(([type, listener]) => [type, listener]));
  });

  it('after a clean disconnect, opens a new port at once: in a microtask after the native onDisconnect (a task where the scope has no queueMicrotask)', async () => {
    const ext = createFakeExtension(libraryBackground([]));
    const microtasks: Array<() => void> = [];
    ext.content.queueMicrotask = (run: () => void) => void microtasks.push(run);
    persistentPortIn(ext.content, { reconnect: 'eager' });
    await clock.tickAsync(10);
    ext.stop();
    assert.equal(ext.runtime.connect.callCount, 1, 'not inside the native onDisconnect');
    assert.equal(microtasks.length, 1);
    microtasks[0]!();
    assert.equal(ext.runtime.connect.callCount, 2);
    // Without queueMicrotask: in the next task, with no delay either.
    delete ext.content.queueMicrotask;
    await clock.tickAsync(10);
    ext.stop();
    await clock.tickAsync(0);
    assert.equal(ext.runtime.connect.callCount, 3);
  });

  it('a native port the known receiver never answers (no hello within HELLO_MS) is replaced, and what it swallowed is delivered on the next', async () => {
    const received: Received[] = [];
    const ext = createFakeExtension(libraryBackground(received));
    const port = persistentPortIn(ext.content);
    port.postMessage('before');
    await clock.tickAsync(30);
    ext.hang(1);
    ext.stop();
    port.postMessage('swallowed');
    await clock.tickAsync(0);
    assert.equal(ext.runtime.connect.callCount, 2);
    assert.deepEqual(ext.lost, ['swallowed']);
    await clock.tickAsync(HELLO_MS - 10);
    assert.equal(ext.runtime.connect.callCount, 2, 'not before HELLO_MS');
    await clock.tickAsync(200);
    assert.equal(ext.runtime.connect.callCount, 3);
    assert.equal(ext.ports[1]!.disconnect.callCount, 1, 'the silent port is let go');
    await clock.tickAsync(50);
    assert.equal(port.state, 'open');
    assert.equal(port.error, null);
    assert.deepEqual(received.map((r) => r.message), ['before', 'swallowed']);
    assert.equal(port.bufferedAmount, 0);
  });

  it('a zombie port opened after an extension reload, before Chromium cleared runtime.id, ends the port with CONTEXT_INVALIDATED 20 ms after the disconnect', async () => {
    const received: Received[] = [];
    const ext = createFakeExtension(libraryBackground(received));
    const port = persistentPortIn(ext.content);
    const ended = sinon.spy();
    port.onDisconnect.addListener(ended);
    port.postMessage('before');
    await clock.tickAsync(10);
    ext.orphan(3);
    port.postMessage('after');
    await clock.tickAsync(0);
    // The new native port is a zombie: it took the messages not acknowledged yet and will never disconnect.
    assert.equal(ext.runtime.connect.callCount, 2);
    assert.deepEqual(ext.lost, ['before', 'after']);
    await clock.tickAsync(18);
    assert.equal(port.state, 'open', 'runtime.id is checked again 20 ms after the disconnect, not before');
    await clock.tickAsync(2);
    assert.equal(code(port), 'CONTEXT_INVALIDATED');
    assert.equal(ended.callCount, 1);
    assert.equal(ext.ports[1]!.disconnect.callCount, 1, 'the zombie is let go');
    await clock.tickAsync(60_000);
    assert.equal(ext.runtime.connect.callCount, 2);
    assert.deepEqual(received.map((r) => r.message), ['before']);
  });

  it('the receiver forgets a session on "end": the same session id opens a new session afterwards', async () => {
    const got: Received[] = [];
    const opened = sinon.spy();
    const ext = createFakeExtension(libraryBackground(got, opened));
    const port = persistentPortIn(ext.content);
    port.postMessage('first');
    await clock.tickAsync(10);
    port.disconnect();
    await clock.tickAsync(10);
    // The same sender session comes back from the start (as a forged or replayed port would).
    const again = ext.runtime.connect({ name: ext.ports[0]!.name });
    again.postMessage('first');
    await clock.tickAsync(10);
    assert.equal(opened.callCount, 2, 'handed to onConnect() again: a new session');
    assert.deepEqual(got.map((r) => r.message), ['first', 'first']);
  });
});
