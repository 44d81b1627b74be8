// persistentPort() in the shared scenario list: what a content script sees of a persistent port to
// backgrounds that receive through this library (responders.ts), in the real browsers and in the
// fakes alike. The lifecycle itself (a worker stopped, an event page suspended, a reload, the
// back/forward cache) needs a harness that acts on the browser: test/e2e/persistent.test.ts.
import assert from 'node:assert/strict';
import type { Json, Lib, Scenario } from './scenarios.js';
import { attempt, describeError, mixedSerialization, NO_RECEIVER, SERIALIZATION_MISMATCH } from './util.js';

type Persistent = ReturnType<Lib['persistentPort']>;

/** Resolves when onDisconnect has fired, with what the port says then (after a task, to count repeats). */
function ending(port: Persistent, lib: Lib): Promise<{ [key: string]: Json }> {
  let calls = 0;
  return new Promise((resolve) => {
    port.onDisconnect.addListener(() => {
      calls++;
      setTimeout(() => {
        const error = port.error as (Error & { code?: string; cause?: unknown }) | null;
        resolve({
          calls,
          state: port.state,
          error: error && describeError(error, lib),
          cause: error && error.cause !== undefined ? String((error.cause as Error).message) : null,
          late: attempt(lib, () => port.postMessage({ late: true })),
        });
      });
    });
  });
}

/** Posts each message and resolves with the first `count` messages that come back. */
function collect(port: Persistent, messages: Json[], count = messages.length): Promise<Json[]> {
  const got: Json[] = [];
  return new Promise((resolve) => {
    port.onMessage.addListener((message: unknown) => {
      got.push(message as Json);
      if (got.length === count) resolve(got);
    });
    for (const message of messages) port.postMessage(message);
  });
}

const NUMBERS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

export const PERSISTENT: Scenario[] = [
  {
    name: 'persistentPort: messages reach the background\'s onConnect() in order and once, under the caller\'s name, and its replies come back',
    where: 'content',
    async run(lib) {
      const port = lib.persistentPort({ name: 'persist' });
      const first = port.state;
      const replies = (await collect(port, NUMBERS.map((n) => ({ n })))) as { [key: string]: any }[];
      const result = { name: port.name, first, open: port.state, replies: replies.map((r) => [r.echo.n, r.name, r.via]) as Json, error: port.error && String(port.error) };
      port.disconnect();
      return result;
    },
    expect(result) {
      assert.deepEqual(result, { name: 'persist', first: 'open', open: 'open', replies: NUMBERS.map((n) => [n, 'persist', 'onConnect']), error: null });
    },
  },
  {
    name: 'persistentPort: the background ending it on purpose: onDisconnect once, ENDED_BY_OTHER_SIDE, closed, and postMessage then throws that error',
    where: 'content',
    async run(lib) {
      const port = lib.persistentPort({ name: 'ended' });
      const [reply] = (await collect(port, [{ before: 1 }])) as { [key: string]: any }[];
      const end = ending(port, lib);
      port.postMessage({ hangUp: true });
      return { echo: reply!.echo, ...(await end) };
    },
    expect(result) {
      const error = { name: 'WebextConnectError', message: 'webext-connect: persistentPort(): the other side ended it.', code: 'ENDED_BY_OTHER_SIDE', isTypeError: false, isConnectTypeError: false, isWebextConnectError: true };
      assert.deepEqual(result, { echo: { before: 1 }, calls: 1, state: 'closed', error, cause: null, late: error });
    },
  },
  {
    name: 'persistentPort: disconnect() by the caller: onDisconnect once, error null, closed, and postMessage then throws',
    where: 'content',
    async run(lib) {
      const port = lib.persistentPort({ name: 'mine' });
      await collect(port, [{ before: 1 }]);
      const end = ending(port, lib);
      port.disconnect();
      port.disconnect();
      return end;
    },
    expect(result) {
      const late = { name: 'WebextConnectError', message: 'webext-connect: persistentPort(): postMessage() after disconnect().', code: 'PORT_DISCONNECTED', isTypeError: false, isConnectTypeError: false, isWebextConnectError: true };
      assert.deepEqual(result, { calls: 1, state: 'closed', error: null, cause: null, late });
    },
  },
  {
    name: 'persistentPort: an extension that is not there: maxAttempts failed attempts, then RECONNECT_FAILED with the browser\'s error as cause',
    where: 'content',
    async run(lib, env) {
      const port = lib.persistentPort({ extensionId: env.missingId, name: 'missing', maxAttempts: 2 });
      const end = ending(port, lib);
      port.postMessage({ queued: true });
      return end;
    },
    expect(result) {
      const error = { name: 'WebextConnectError', message: 'webext-connect: persistentPort(): 2 attempts failed.', code: 'RECONNECT_FAILED', isTypeError: false, isConnectTypeError: false, isWebextConnectError: true };
      assert.deepEqual(result, { calls: 1, state: 'closed', error, cause: NO_RECEIVER, late: error });
    },
  },
  {
    name: 'persistentPort: to another extension\'s onConnectExternal(), unless the two serialize messages differently',
    where: 'content',
    async run(lib, env): Promise<Json> {
      const port = lib.persistentPort({ extensionId: env.otherId, name: 'external', maxAttempts: 1 });
      const end = ending(port, lib);
      const replies = (await Promise.race([collect(port, [{ to: 'other' }]), end])) as { [key: string]: any }[] | { [key: string]: Json };
      if (!Array.isArray(replies)) return { ended: replies };
      port.disconnect();
      return { reply: [replies[0]!.echo, replies[0]!.name, replies[0]!.via, replies[0]!.by === env.otherId] };
    },
    expect(result, ctx) {
      if (!mixedSerialization(ctx)) return assert.deepEqual(result, { reply: [{ to: 'other' }, 'external', 'onConnectExternal', true] });
      assert.deepEqual([result.ended.error.code, result.ended.cause], ['RECONNECT_FAILED', SERIALIZATION_MISMATCH]);
    },
  },
  {
    name: 'persistentPort: a bad option is connect()\'s TypeError, naming persistentPort()',
    where: 'content',
    async run(lib) {
      return [attempt(lib, () => lib.persistentPort({ maxQueue: 0 })), attempt(lib, () => lib.persistentPort({ name: 7 } as never)), attempt(lib, () => lib.persistentPort('feed' as never))];
    },
    expect(result) {
      const error = (message: string) => ({ name: 'TypeError', message: `webext-connect: persistentPort(): ${message}.`, code: 'INVALID_ARGUMENT', isTypeError: true, isConnectTypeError: true, isWebextConnectError: false });
      assert.deepEqual(result, [error('options.maxQueue expected a positive integer, received number 0'), error('options.name expected a string, received number 7'), error('options expected an object, received the string "feed"')]);
    },
  },
];
