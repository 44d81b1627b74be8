// port.request() and onRequest() together, over the fake content script ↔ background pair whose
// background can stop (test/helpers/fake-browsers.ts): every outcome, and what a stop does to it.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { WebextConnectError } from '../../../src/errors.js';
import { listenIn } from '../../../src/port/on-connect.js';
import { persistentPortIn, type PersistentPort } from '../../../src/port/persistent/persistent-port.js';
import { addRequests } from '../../../src/port/request/caller.js';
import { onRequestIn } from '../../../src/port/request/on-request.js';
import { ASK } from '../../../src/port/request/wire.js';
import type { RequestHandler, RequestPort } from '../../../src/port/request/types.js';
import { createFakeExtension, type FakeExtension } from '../../helpers/fake-browsers.js';

type Port = PersistentPort & RequestPort;

const open = (ext: FakeExtension, options = {}) => persistentPortIn(ext.content, options, addRequests) as Port;

/** How a promise settled, counting settlements: ['resolved', value] or ['rejected', code]. */
function watch(promise: Promise<unknown>) {
  const seen: { settled?: [string, unknown]; times: number } = { times: 0 };
  promise.then(
    (value) => ((seen.settled = ['resolved', value]), seen.times++),
    (error) => ((seen.settled = ['rejected', (error as { code?: string }).code]), seen.times++),
  );
  return seen;
}

// A background that registers `handlers` with onRequest at its top level, on every start.
const background = (handlers: Record<string, RequestHandler>, also?: (scope: Record<string, unknown>) => void) => (scope: Record<string, unknown>) => {
  for (const [type, handler] of Object.entries(handlers)) onRequestIn(scope, type, handler);
  also?.(scope);
};

describe('port.request() and onRequest()', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('resolves with the handler\'s reply, sync or async, and the handler gets the data, the sender and the port\'s name', async () => {
    const contexts: unknown[] = [];
    const ext = createFakeExtension(
      background({
        add: ([a, b]: [number, number], context) => (contexts.push(context), a + b),
        later: async (text: string) => text.toUpperCase(),
      }),
    );
    const port = open(ext, { name: 'calc' });
    const sum = port.request('add', [2, 3]);
    const upper = port.request('later', 'x');
    await clock.tickAsync(20);
    assert.deepEqual([await sum, await upper], [5, 'X']);
    assert.deepEqual(contexts, [{ sender: undefined, name: 'calc' }]);
  });

  it('NO_HANDLER for a type nobody registered; HANDLER_FAILED with the message of a throw or a rejection (no stack)', async () => {
    const ext = createFakeExtension(
      background({
        throws: () => {
          throw new Error('sync boom');
        },
        rejects: () => Promise.reject(new RangeError('async boom')),
        rejectsText: () => Promise.reject('just text'),
      }),
    );
    const port = open(ext);
    const outcomes = ['missing', 'throws', 'rejects', 'rejectsText'].map((type) => port.request(type).catch((error: WebextConnectError) => [error.code, error.message, /at /.test(String(error.stack).split('\n').slice(1).join('')) && /boom/.test(String(error.stack).split('\n').slice(1).join(''))]));
    await clock.tickAsync(20);
    assert.deepEqual(await Promise.all(outcomes), [
      ['NO_HANDLER', 'webext-connect: port.request("missing"): no handler for this type.', false],
      ['HANDLER_FAILED', 'webext-connect: port.request("throws"): the handler failed: sync boom', false],
      ['HANDLER_FAILED', 'webext-connect: port.request("rejects"): the handler failed: async boom', false],
      ['HANDLER_FAILED', 'webext-connect: port.request("rejectsText"): the handler failed: just text', false],
    ]);
  });

  it('a reply the browser cannot carry is the caller\'s UNSENDABLE_MESSAGE; data it cannot carry rejects without sending', async () => {
    const ext = createFakeExtension(background({ fn: () => () => 1, echo: (data) => data }));
    const port = open(ext);
    await clock.tickAsync(10);
    const requests = () => ext.ports[0]!.posted.getCalls().filter((call) => !call.exception && ASK in Object(call.args[0])).length;
    const reply = port.request('fn').catch((error) => error);
    const data = port.request('echo', Symbol('s')).catch((error) => error);
    await clock.tickAsync(20);
    const [r, d] = (await Promise.all([reply, data])) as (TypeError & { code: string })[];
    assert.deepEqual([r.name, r.code, r.message], ['TypeError', 'UNSENDABLE_MESSAGE', 'webext-connect: port.request("fn"): reply expected a value this browser can serialize, received a function.']);
    assert.deepEqual([d.name, d.code, d.message], ['TypeError', 'UNSENDABLE_MESSAGE', 'webext-connect: port.request("echo"): data expected a value this browser can serialize, received a symbol.']);
    assert.equal(requests(), 1, 'only the first request was posted');
  });

  it('REQUEST_TIMEOUT counts from the call, queueing included: a request waiting for a background that never answers settles at its timeout', async () => {
    const ext = createFakeExtension(background({ never: () => new Promise(() => {}) }), 400);
    const port = open(ext);
    const seen = watch(port.request('never', null, { timeout: 300 }));
    await clock.tickAsync(299);
    assert.equal(seen.times, 0);
    await clock.tickAsync(1);
    assert.deepEqual(seen.settled, ['rejected', 'REQUEST_TIMEOUT']);
    await clock.tickAsync(2000);
    assert.equal(seen.times, 1);
  });

  it('ABORTED: an already-aborted signal sends nothing; aborting in flight rejects, and the reply after it is dropped', async () => {
    const ext = createFakeExtension(background({ slow: () => new Promise((resolve) => setTimeout(() => resolve('done'), 50)) }));
    const port = open(ext);
    await clock.tickAsync(10);
    const posted = ext.ports[0]!.posted.callCount;
    await assert.rejects(port.request('slow', 1, { signal: AbortSignal.abort() }), (error: WebextConnectError) => error.code === 'ABORTED');
    assert.equal(ext.ports[0]!.posted.callCount, posted);
    const controller = new AbortController();
    const seen = watch(port.request('slow', 2, { signal: controller.signal }));
    await clock.tickAsync(5);
    controller.abort();
    await clock.tickAsync(200);
    assert.deepEqual([seen.settled, seen.times], [['rejected', 'ABORTED'], 1]);
  });

  it('BACKGROUND_RESTARTED for a request the stopped background got and did not answer; requests it never got go to the new one', async () => {
    let runs = 0;
    const ext = createFakeExtension(background({ slow: (n: number) => (runs++, new Promise((resolve) => setTimeout(() => resolve(n * 10), 200))) }));
    const port = open(ext);
    const first = watch(port.request('slow', 1));
    await clock.tickAsync(60); // delivered and acknowledged (after ACK_MS), not answered
    ext.stop();
    const second = watch(port.request('slow', 2));
    await clock.tickAsync(500);
    assert.deepEqual(first.settled, ['rejected', 'BACKGROUND_RESTARTED']);
    assert.deepEqual(second.settled, ['resolved', 20]);
    assert.equal(ext.starts, 2);
    assert.deepEqual([first.times, second.times, runs], [1, 1, 2]);
  });

  it('a request answered before a stop is not sent to the new background: its reply acknowledges it, so the handler runs once (the demo in CI under load)', async () => {
    // Each background lifetime counts the requests it answered, from 1.
    const ext = createFakeExtension((scope) => {
      let answered = 0;
      onRequestIn(scope, 'count', () => ++answered);
    });
    const port = open(ext);
    const before = watch(port.request('count'));
    // Answered at once; the receiver's own acknowledgement (every 16 messages or 20 ms) has not left.
    await clock.tickAsync(5);
    assert.deepEqual(before.settled, ['resolved', 1]);
    assert.equal(port.bufferedAmount, 0, 'the reply acknowledged the request');
    ext.stop();
    const after = watch(port.request('count'));
    await clock.tickAsync(500);
    assert.equal(ext.starts, 2);
    assert.deepEqual(after.settled, ['resolved', 1], 'the new background answered its first request: the old one was not sent again');
  });

  it('with retry: true the request goes again to the new background and resolves with its reply', async () => {
    const runs: number[] = [];
    const ext = createFakeExtension(background({ slow: (n: number) => (runs.push(n), new Promise((resolve) => setTimeout(() => resolve(n * 10), 200))) }));
    const port = open(ext);
    const seen = watch(port.request('slow', 7, { retry: true }));
    await clock.tickAsync(60);
    ext.stop();
    await clock.tickAsync(500);
    assert.deepEqual(seen.settled, ['resolved', 70]);
    assert.deepEqual(runs, [7, 7], 'the handler ran in each background');
  });

  it('the port\'s end rejects every request still pending with its code: RECONNECT_FAILED, CONTEXT_INVALIDATED, PORT_DISCONNECTED after disconnect(); and a request on a closed port too', async () => {
    const pending = () => new Promise(() => {});
    // A background that answers the first port, then never starts again with a listener.
    let lives = 0;
    const ext = createFakeExtension((scope) => void (++lives === 1 && onRequestIn(scope, 'wait', pending)));
    const port = open(ext, { maxAttempts: 1 });
    const failed = watch(port.request('wait'));
    await clock.tickAsync(20);
    ext.stop();
    await clock.tickAsync(5000);
    assert.deepEqual(failed.settled, ['rejected', 'RECONNECT_FAILED']);
    await assert.rejects(port.request('wait'), (error: WebextConnectError) => error.code === 'RECONNECT_FAILED');

    const ext2 = createFakeExtension(background({ wait: pending }));
    const port2 = open(ext2);
    const invalidated = watch(port2.request('wait'));
    await clock.tickAsync(20);
    ext2.invalidate();
    await clock.tickAsync(1000);
    assert.deepEqual(invalidated.settled, ['rejected', 'CONTEXT_INVALIDATED']);

    const ext3 = createFakeExtension(background({ wait: pending }));
    const port3 = open(ext3);
    const mine = watch(port3.request('wait'));
    await clock.tickAsync(20);
    port3.disconnect();
    await clock.tickAsync(0);
    assert.deepEqual(mine.settled, ['rejected', 'PORT_DISCONNECTED']);
    await assert.rejects(port3.request('wait'), (error: WebextConnectError) => error.code === 'PORT_DISCONNECTED' && error instanceof WebextConnectError);
  });

  it('messages and requests share the port: onMessage listeners on both sides see only messages, replies only their requests', async () => {
    const seenByBackground: unknown[] = [];
    const ext = createFakeExtension(
      background({ echo: (data) => data }, (scope) =>
        listenIn(scope, 'onConnect', (port) =>
          port.onMessage.addListener((message: unknown) => {
            seenByBackground.push(message);
            port.postMessage({ back: message });
          }),
        ),
      ),
    );
    const port = open(ext);
    const seenByContent: unknown[] = [];
    port.onMessage.addListener((message) => seenByContent.push(message));
    port.postMessage('m1');
    const reply = port.request('echo', 'r1');
    port.postMessage('m2');
    await clock.tickAsync(20);
    assert.equal(await reply, 'r1');
    assert.deepEqual(seenByBackground, ['m1', 'm2']);
    assert.deepEqual(seenByContent, [{ back: 'm1' }, { back: 'm2' }]);
  });

  it('10,000 requests in flight at once, answered out of order, each with its own reply', async () => {
    const ext = createFakeExtension(background({ echo: (n: number) => new Promise((resolve) => setTimeout(() => resolve({ n }), n % 7)) }));
    const port = open(ext);
    const replies = Array.from({ length: 10_000 }, (_, n) => port.request('echo', n));
    await clock.tickAsync(100);
    const all = (await Promise.all(replies)) as { n: number }[];
    assert.ok(all.every((reply, n) => reply.n === n));
  });

  it('bad arguments throw the library\'s TypeError before anything is sent', async () => {
    const ext = createFakeExtension(background({ other: () => 1 }));
    const port = open(ext);
    await clock.tickAsync(10);
    const before = ext.ports[0]!.posted.callCount;
    const cases: [unknown[], string][] = [
      [[], 'type expected a non-empty string, received undefined.'],
      [[''], 'type expected a non-empty string, received the string "".'],
      [[{}], 'type expected a non-empty string, received an object.'],
      [['t', 1, 'fast'], 'options expected an object, received the string "fast".'],
      [['t', 1, { timeout: 0 }], 'options.timeout expected a positive number up to 2147483647, received number 0.'],
      [['t', 1, { timeout: 2 ** 31 }], 'options.timeout expected a positive number up to 2147483647, received number 2147483648.'],
      [['t', 1, { timeout: NaN }], 'options.timeout expected a positive number up to 2147483647, received number NaN.'],
      [['t', 1, { signal: {} }], 'options.signal expected an AbortSignal, received an object.'],
      // Without removeEventListener the settled request could not let go of its signal.
      [['t', 1, { signal: { aborted: false, addEventListener() {} } }], 'options.signal expected an AbortSignal, received an object.'],
      [['t', 1, { retry: 'yes' }], 'options.retry expected a boolean, received the string "yes".'],
      [['t', 1, { timout: 5 }], "options expected only timeout, signal, retry, received property 'timout'."],
    ];
    for (const [args, message] of cases) {
      assert.throws(
        () => (port.request as (...a: unknown[]) => unknown)(...args),
        (error: TypeError & { code?: string }) => error instanceof TypeError && error.code === 'INVALID_ARGUMENT' && error.message === `webext-connect: port.request(): ${message}`,
        message,
      );
    }
    assert.equal(ext.ports[0]!.posted.callCount, before);
    assert.equal(await settleAfter(port.request('t', 1, { timeout: undefined, signal: undefined, retry: undefined }).catch((error: WebextConnectError) => error.code), clock), 'NO_HANDLER');
  });

  describe('onRequest()', () => {
    it('one handler per type: a second one is a TypeError; the returned function removes it (then NO_HANDLER), and only its own', async () => {
      let remove: () => void = () => {};
      const ext = createFakeExtension((scope) => {
        remove = onRequestIn(scope, 'x', () => 1);
        assert.throws(
          () => onRequestIn(scope, 'x', () => 2),
          (error: TypeError & { code?: string }) => error instanceof TypeError && error.code === 'INVALID_ARGUMENT' && error.message === 'webext-connect: onRequest(): type expected a type with no handler yet, received the string "x".',
        );
      });
      const port = open(ext);
      assert.equal(await settleAfter(port.request('x'), clock), 1);
      remove();
      await assert.rejects(settleAfter(port.request('x'), clock), (error: WebextConnectError) => error.code === 'NO_HANDLER');
      const scope = ext.background!;
      onRequestIn(scope, 'x', () => 3);
      remove(); // a stale remover leaves the new handler alone
      assert.equal(await settleAfter(port.request('x'), clock), 3);
    });

    it('checks its arguments in the library\'s TypeError format', () => {
      const ext = createFakeExtension(() => {});
      const scope = ext.content;
      const cases: [unknown, unknown, string][] = [
        ['', () => 1, 'type expected a non-empty string, received the string "".'],
        [5, () => 1, 'type expected a non-empty string, received number 5.'],
        ['t', 'not a function', 'handler expected a function, received the string "not a function".'],
      ];
      for (const [type, handler, message] of cases) {
        assert.throws(() => onRequestIn(scope, type, handler), (error: TypeError & { code?: string }) => error instanceof TypeError && error.code === 'INVALID_ARGUMENT' && error.message === `webext-connect: onRequest(): ${message}`);
      }
      assert.throws(() => onRequestIn({}, 't', () => 1), (error: WebextConnectError) => error.code === 'NO_EXTENSION_API');
    });
  });
});

/** The promise's outcome once the fake clock has run 20 ms (handled from the start, so a rejection is never reported as unhandled). */
async function settleAfter<T>(promise: Promise<T>, clock: sinon.SinonFakeTimers): Promise<T> {
  const outcome = promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  await clock.tickAsync(20);
  const settled = await outcome;
  if ('error' in settled) throw settled.error;
  return settled.value;
}
