// port.request() and onRequest() in the shared scenario list: a content script's requests to the
// main extension's background, which registers its handlers at its top level (responders.ts), in
// the real browsers and in the fakes alike. What a stopped or suspended background does to a request
// (BACKGROUND_RESTARTED, retry) needs a harness that acts on the browser: test/e2e/requests.test.ts.
import assert from 'node:assert/strict';
import type { Json, Lib, Scenario } from './scenarios.js';
import { attempt, describeError } from './util.js';

/** The handlers every main background registers (responders.ts): the scenarios below ask them. */
export function answerRequests(lib: Lib): void {
  lib.onRequest('echo', (data, context) => ({ echo: data, name: context.name, fromTab: !!(context.sender && context.sender.tab) }));
  lib.onRequest('fail', () => {
    throw new RangeError('the handler says no');
  });
  lib.onRequest('failLater', async () => Promise.reject(new Error('no, later')));
  lib.onRequest('slow', (ms: number) => new Promise((resolve) => setTimeout(() => resolve(`after ${ms} ms`), ms)));
  // A function and a BigInt: JSON (Chromium) refuses the BigInt, structured clone (Firefox) the function.
  lib.onRequest('unsendable', () => ({ f: () => 1, b: BigInt(10) }));
}

type Port = ReturnType<Lib['persistentPort']>;

/** What a request came to: its reply, or its error as JSON (code, name, message). */
function outcome(promise: Promise<unknown>, lib: Lib): Promise<Json> {
  return promise.then(
    (reply) => ({ reply: reply as Json }),
    (error: unknown) => ({ error: describeError(error, lib) }),
  );
}

const error = (code: string, message: string, isTypeError = false) => ({ error: { name: isTypeError ? 'TypeError' : 'WebextConnectError', message: `webext-connect: ${message}`, code, isTypeError, isConnectTypeError: false, isWebextConnectError: !isTypeError } });

/** Runs `body` on a fresh persistent port and disconnects it afterwards. */
async function withPort(lib: Lib, name: string, body: (port: Port) => Promise<Json>, options: object = {}): Promise<Json> {
  const port = lib.persistentPort({ name, ...options });
  try {
    return await body(port);
  } finally {
    port.disconnect();
  }
}

export const REQUESTS: Scenario[] = [
  {
    name: 'request: the handler\'s reply, with the data, the port\'s name and the sender; many in flight at once, each with its own reply, messages alongside',
    where: 'content',
    run: (lib) =>
      withPort(lib, 'asker', async (port) => {
        const messages: Json[] = [];
        port.onMessage.addListener((message: Json) => messages.push(message));
        const many = Array.from({ length: 50 }, (_, n) => port.request('echo', { n }));
        port.postMessage({ plain: 1 });
        const first = await port.request('echo', { deep: [1, 'two', { three: null }] });
        const replies = (await Promise.all(many)) as { echo: { n: number } }[];
        return { first: first as Json, inOrder: replies.every((reply, n) => reply.echo.n === n), messages };
      }),
    expect(result) {
      assert.deepEqual(result.first, { echo: { deep: [1, 'two', { three: null }] }, name: 'asker', fromTab: true });
      assert.equal(result.inOrder, true);
      // The background's onConnect() listener answers plain messages; it never sees the requests.
      assert.deepEqual(result.messages.map((m: { echo: Json; via: string }) => [m.echo, m.via]), [[{ plain: 1 }, 'onConnect']]);
    },
  },
  {
    name: 'request: NO_HANDLER, HANDLER_FAILED with the handler\'s message (thrown or rejected), UNSENDABLE_MESSAGE for a reply or data the browser cannot carry',
    where: 'content',
    run: (lib) =>
      withPort(lib, 'failures', async (port) => {
        const [none, fail, failLater, reply, data] = await Promise.all([
          outcome(port.request('nobody'), lib),
          outcome(port.request('fail'), lib),
          outcome(port.request('failLater'), lib),
          outcome(port.request('unsendable'), lib),
          outcome(port.request('echo', { f: () => 1, b: BigInt(1) }), lib),
        ]);
        return { none, fail, failLater, reply, data };
      }),
    expect(result) {
      assert.deepEqual(result, {
        none: error('NO_HANDLER', 'port.request("nobody"): no handler for this type.'),
        fail: error('HANDLER_FAILED', 'port.request("fail"): the handler failed: the handler says no'),
        failLater: error('HANDLER_FAILED', 'port.request("failLater"): the handler failed: no, later'),
        reply: error('UNSENDABLE_MESSAGE', 'port.request("unsendable"): reply expected a value this browser can serialize, received an object.', true),
        data: error('UNSENDABLE_MESSAGE', 'port.request("echo"): data expected a value this browser can serialize, received an object.', true),
      });
    },
  },
  {
    name: 'request: REQUEST_TIMEOUT when the reply is later than the timeout, ABORTED by a signal (at once when already aborted), and the late reply is dropped',
    where: 'content',
    run: (lib) =>
      withPort(lib, 'clock', async (port) => {
        // A page in a background tab runs its timers up to 1 s late (Firefox): the reply comes well after that.
        const controller = new AbortController();
        const started = Date.now();
        const timedOut = outcome(port.request('slow', 2500, { timeout: 100 }), lib);
        const aborted = outcome(port.request('slow', 2500, { signal: controller.signal }), lib);
        const already = outcome(port.request('slow', 2500, { signal: AbortSignal.abort() }), lib);
        setTimeout(() => controller.abort(), 50);
        const settled = await Promise.all([timedOut, aborted, already]);
        const within = Date.now() - started < 2500;
        // The late replies arrive before this one and are dropped; this request still gets its own.
        const after = await port.request('slow', 2600);
        return { settled, within, after: after as Json };
      }),
    expect(result) {
      assert.deepEqual(result, {
        settled: [error('REQUEST_TIMEOUT', 'port.request("slow"): no reply within 100 ms.'), error('ABORTED', 'port.request("slow"): aborted.'), error('ABORTED', 'port.request("slow"): aborted.')],
        within: true,
        after: 'after 2600 ms',
      });
    },
  },
  {
    name: 'request: the port\'s end rejects what is pending with its code (RECONNECT_FAILED to a missing extension, PORT_DISCONNECTED after disconnect()), and so does a request after it',
    where: 'content',
    async run(lib, env) {
      const missing = lib.persistentPort({ extensionId: env.missingId, name: 'nowhere', maxAttempts: 1 });
      const failed = await outcome(missing.request('echo', 1), lib);
      const after = await outcome(missing.request('echo', 2), lib);
      const mine = lib.persistentPort({ name: 'mine' });
      const pending = outcome(mine.request('slow', 300), lib);
      mine.disconnect();
      return { failed, after, disconnected: await pending, later: await outcome(mine.request('echo', 3), lib) };
    },
    expect(result) {
      const ended = error('RECONNECT_FAILED', 'port.request("echo"): the port ended.');
      assert.deepEqual(result, {
        failed: ended,
        after: ended,
        disconnected: error('PORT_DISCONNECTED', 'port.request("slow"): the port was disconnected.'),
        later: error('PORT_DISCONNECTED', 'port.request("echo"): the port was disconnected.'),
      });
    },
  },
  {
    name: 'request and onRequest: bad arguments throw the library\'s TypeError before anything is sent, and so does a second handler for a type',
    where: 'content',
    async run(lib) {
      const port = lib.persistentPort({ name: 'args' });
      const call = (...args: unknown[]) => () => (port.request as (...a: unknown[]) => unknown)(...args);
      const thrown = [call(''), call('t', 1, { timeout: -1 }), call('t', 1, { signal: 'stop' }), call('t', 1, { again: true })].map((fn) => attempt(lib, fn));
      port.disconnect();
      lib.onRequest('dup', () => 1);
      return { thrown, again: attempt(lib, () => lib.onRequest('dup', () => 2)), handler: attempt(lib, () => lib.onRequest('other', 'no' as never)) };
    },
    expect(result) {
      const typeError = (call: string, message: string) => ({ name: 'TypeError', message: `webext-connect: ${call}: ${message}.`, code: 'INVALID_ARGUMENT', isTypeError: true, isConnectTypeError: true, isWebextConnectError: false });
      assert.deepEqual(result, {
        thrown: [
          typeError('port.request()', 'type expected a non-empty string, received the string ""'),
          typeError('port.request()', 'options.timeout expected a positive number up to 2147483647, received number -1'),
          typeError('port.request()', 'options.signal expected an AbortSignal, received the string "stop"'),
          typeError('port.request()', "options expected only timeout, signal, retry, received property 'again'"),
        ],
        again: typeError('onRequest()', 'type expected a type with no handler yet, received the string "dup"'),
        handler: typeError('onRequest()', 'handler expected a function, received the string "no"'),
      });
    },
  },
];
