import assert from 'node:assert/strict';
import sinon from 'sinon';
import { UnsendableMessageError, WebextConnectError } from '../../../src/errors.js';
import { createPendingTable } from '../../../src/port/request/pending.js';
import { ASK, requestOf } from '../../../src/port/request/wire.js';

const DEFAULTS = { timeout: 30_000, signal: undefined, retry: false };

// A port that numbers what it posts, as the persistent port's outbox does.
function recorder() {
  const posted: object[] = [];
  const post = sinon.spy((message: object) => posted.push(message) - 1);
  return { posted, post };
}

/** How a promise settled, once it has: ['resolved', value] or ['rejected', code]. */
function outcome(promise: Promise<unknown>) {
  const seen: { settled?: [string, unknown] } = {};
  promise.then(
    (value) => (seen.settled = ['resolved', value]),
    (error) => (seen.settled = ['rejected', (error as { code?: string }).code]),
  );
  return seen;
}

describe('the pending-request table', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('posts each request with its own id, type and data, and resolves it with the reply that names its id, in any order', async () => {
    const { posted, post } = recorder();
    const table = createPendingTable(post);
    const promises = [0, 1, 2].map((n) => table.open('add', { n }, DEFAULTS));
    assert.deepEqual(posted.map(requestOf), [0, 1, 2].map((n) => ({ id: n, type: 'add', data: { n } })));
    for (const id of [2, 0, 1]) table.answer({ id, data: `reply ${id}` });
    assert.deepEqual(await Promise.all(promises), ['reply 0', 'reply 1', 'reply 2']);
    assert.equal(table.size, 0);
  });

  it('settles once: a second reply, a late reply and a reply to an unknown id are dropped silently', async () => {
    const { post } = recorder();
    const table = createPendingTable(post);
    const first = outcome(table.open('t', 1, DEFAULTS));
    table.answer({ id: 0, data: 'first' });
    table.answer({ id: 0, data: 'second' });
    table.answer({ id: 0, code: 'HANDLER_FAILED', text: 'late' });
    table.answer({ id: 99, data: 'nobody' });
    await clock.tickAsync(0);
    assert.deepEqual(first.settled, ['resolved', 'first']);
  });

  it('rejects with REQUEST_TIMEOUT when no reply comes within the timeout, counted from open(), and drops the reply after it', async () => {
    const table = createPendingTable(recorder().post);
    const seen = outcome(table.open('slow', undefined, { ...DEFAULTS, timeout: 500 }));
    await clock.tickAsync(499);
    assert.equal(seen.settled, undefined);
    await clock.tickAsync(1);
    assert.deepEqual(seen.settled, ['rejected', 'REQUEST_TIMEOUT']);
    table.answer({ id: 0, data: 'too late' });
    await clock.tickAsync(0);
    assert.deepEqual(seen.settled, ['rejected', 'REQUEST_TIMEOUT']);
    assert.equal(clock.countTimers(), 0);
  });

  // Firefox runs a background tab's timers at most once a second: the stress test saw a 300 ms
  // request's reply arrive at 865 ms, before its timer fired, and resolve.
  it('rejects with REQUEST_TIMEOUT a reply that arrives after the timeout while the timer is held back', async () => {
    const table = createPendingTable(recorder().post);
    const seen = outcome(table.open('slow', undefined, { ...DEFAULTS, timeout: 300 }));
    clock.setSystemTime(Date.now() + 865);
    table.answer({ id: 0, data: 'too late' });
    await clock.tickAsync(0);
    assert.deepEqual(seen.settled, ['rejected', 'REQUEST_TIMEOUT']);
    assert.equal(clock.countTimers(), 0);
  });

  it('an already-aborted signal rejects at once with ABORTED, its reason as cause, and posts nothing', async () => {
    const { posted, post } = recorder();
    const table = createPendingTable(post);
    const controller = new AbortController();
    controller.abort('changed my mind');
    await assert.rejects(table.open('t', 1, { ...DEFAULTS, signal: controller.signal }), (error: unknown) => error instanceof WebextConnectError && error.code === 'ABORTED' && (error as { cause?: unknown }).cause === 'changed my mind');
    assert.deepEqual(posted, []);
    assert.equal(clock.countTimers(), 0);
  });

  it('aborting later rejects with ABORTED, clears the timer and removes its listener; the reply after it is dropped', async () => {
    const table = createPendingTable(recorder().post);
    const controller = new AbortController();
    const remove = sinon.spy(controller.signal, 'removeEventListener');
    const seen = outcome(table.open('t', 1, { ...DEFAULTS, signal: controller.signal }));
    controller.abort();
    table.answer({ id: 0, data: 'after abort' });
    await clock.tickAsync(0);
    assert.deepEqual(seen.settled, ['rejected', 'ABORTED']);
    assert.equal(remove.callCount, 1);
    assert.equal(clock.countTimers(), 0);
  });

  it('a reply removes the abort listener and the timer', async () => {
    const table = createPendingTable(recorder().post);
    const controller = new AbortController();
    const remove = sinon.spy(controller.signal, 'removeEventListener');
    const promise = table.open('t', 1, { ...DEFAULTS, signal: controller.signal });
    table.answer({ id: 0, data: 'ok' });
    assert.equal(await promise, 'ok');
    controller.abort();
    assert.equal(remove.callCount, 1);
    assert.equal(clock.countTimers(), 0);
  });

  it('turns each failure code of a reply into its error: NO_HANDLER, HANDLER_FAILED with the handler\'s message, UNSENDABLE_MESSAGE as a TypeError about the reply', async () => {
    const table = createPendingTable(recorder().post);
    const promises = [0, 1, 2].map((n) => table.open('getX', n, DEFAULTS).catch((error: unknown) => error));
    table.answer({ id: 0, code: 'NO_HANDLER', text: '' });
    table.answer({ id: 1, code: 'HANDLER_FAILED', text: 'no settings yet' });
    table.answer({ id: 2, code: 'UNSENDABLE_MESSAGE', text: 'an object' });
    const [none, failed, unsendable] = (await Promise.all(promises)) as Error[];
    assert.ok(none instanceof WebextConnectError && failed instanceof WebextConnectError);
    assert.deepEqual([none.code, none.message], ['NO_HANDLER', 'webext-connect: port.request("getX"): no handler for this type.']);
    assert.deepEqual([failed.code, failed.message], ['HANDLER_FAILED', 'webext-connect: port.request("getX"): the handler failed: no settings yet']);
    assert.ok(unsendable instanceof UnsendableMessageError);
    assert.deepEqual([unsendable.name, unsendable.message], ['TypeError', 'webext-connect: port.request("getX"): reply expected a value this browser can serialize, received an object.']);
  });

  it('data the port refuses rejects with UNSENDABLE_MESSAGE naming the data, the refusal as cause; any other throw of the port rejects as it is', async () => {
    const refusal = Object.assign(new TypeError('refused'), { code: 'UNSENDABLE_MESSAGE' });
    const closed = new WebextConnectError('QUEUE_OVERFLOW', 'full');
    const post = sinon.stub();
    post.onFirstCall().throws(refusal).onSecondCall().throws(closed);
    const table = createPendingTable(post);
    await assert.rejects(table.open('t', () => 1, DEFAULTS), (error: unknown) => error instanceof UnsendableMessageError && /port.request\("t"\): data expected a value this browser can serialize, received a function/.test(error.message) && (error as { cause?: unknown }).cause === refusal);
    await assert.rejects(table.open('t', 1, DEFAULTS), (error: unknown) => error === closed);
    assert.equal(table.size, 0);
    assert.equal(clock.countTimers(), 0);
  });

  it('a background restart rejects with BACKGROUND_RESTARTED the requests posted below `acknowledged`; the others wait for their reply', async () => {
    const { post } = recorder();
    const table = createPendingTable(post);
    const seen = [0, 1, 2, 3].map((n) => outcome(table.open('t', n, DEFAULTS)));
    table.answer({ id: 0, data: 'answered before the stop' });
    table.restarted(2);
    table.answer({ id: 2, data: 'from the new background' });
    await clock.tickAsync(0);
    assert.deepEqual(seen.map((s) => s.settled), [['resolved', 'answered before the stop'], ['rejected', 'BACKGROUND_RESTARTED'], ['resolved', 'from the new background'], undefined]);
  });

  it('with retry, a request the old background got is posted again under the same id, and its reply from the new one resolves it', async () => {
    const { posted, post } = recorder();
    const table = createPendingTable(post);
    const retried = table.open('t', 'x', { ...DEFAULTS, retry: true });
    const plain = outcome(table.open('t', 'y', DEFAULTS));
    table.restarted(2);
    assert.deepEqual(posted.map(requestOf), [{ id: 0, type: 't', data: 'x' }, { id: 1, type: 't', data: 'y' }, { id: 0, type: 't', data: 'x' }]);
    // Posted again as number 2: a second restart that acknowledged only below 2 leaves it waiting.
    table.restarted(2);
    assert.equal(posted.length, 3);
    table.answer({ id: 0, data: 'second run' });
    assert.equal(await retried, 'second run');
    await clock.tickAsync(0);
    assert.deepEqual(plain.settled, ['rejected', 'BACKGROUND_RESTARTED']);
  });

  it('the port\'s end rejects every request in flight with its code, or PORT_DISCONNECTED after disconnect(), and clears every timer', async () => {
    const table = createPendingTable(recorder().post);
    const ended = new WebextConnectError('RECONNECT_FAILED', 'gone');
    const first = table.open('a', 1, DEFAULTS);
    table.end(ended);
    await assert.rejects(first, (error: unknown) => error instanceof WebextConnectError && error.code === 'RECONNECT_FAILED' && (error as { cause?: unknown }).cause === ended);
    const second = table.open('a', 1, DEFAULTS);
    table.end(null);
    await assert.rejects(second, (error: unknown) => error instanceof WebextConnectError && error.code === 'PORT_DISCONNECTED' && error.message === 'webext-connect: port.request("a"): the port was disconnected.');
    assert.equal(clock.countTimers(), 0);
  });

  it('holds 10,000 requests in flight and hands each reply, answered in reverse order, to its own request', async () => {
    const { posted, post } = recorder();
    const table = createPendingTable(post);
    const promises = Array.from({ length: 10_000 }, (_, n) => table.open('echo', n, DEFAULTS));
    assert.equal(table.size, 10_000);
    for (const message of [...posted].reverse()) {
      const { id, data } = requestOf(message)!;
      table.answer({ id, data: { echo: data } });
    }
    const replies = await Promise.all(promises);
    assert.ok(replies.every((reply, n) => (reply as { echo: number }).echo === n));
    assert.equal(table.size, 0);
    assert.equal(clock.countTimers(), 0);
    assert.ok(posted.every((message) => ASK in message));
  });
});
