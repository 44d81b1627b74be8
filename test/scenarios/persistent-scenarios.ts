// persistentPort() in the shared scenario list: what a content script sees of a persistent port to
// backgrounds that receive through this library (responders.ts), in the real browsers and in the
// fakes alike. The lifecycle itself (a worker stopped, an event page suspended, a reload, the
// back/forward cache) needs a harness that acts on the browser: test/e2e/persistent.test.ts.
import assert from 'node:assert/strict';
import type { Json, Lib, Scenario } from './scenarios.js';
import { attempt, describeError, mixedSerialization, NO_RECEIVER, SERIALIZATION_MISMATCH } from './util.js';

type Persistent = ReturnType<Lib['persistentPort']>;
type Message = { [key: string]: any };

/** Ports whose name starts with this get the commands of answerPersistent() below. */
const COMMANDS = 'commands:';
/** A port name answerPersistent() acts on, unique per run. */
const commandName = (what: string) => `${COMMANDS}${what}:${Math.random().toString(36).slice(2)}`;
/** Closes the lists: delivery is in order, so nothing sent before it (a repeat included) comes after its replies. */
const LAST = { last: true };
const isLast = (message: Message) => !!message && (message.last === true || (!!message.echo && message.echo.last === true) || (!!message.second && message.second.last === true));

/**
 * The main background's own onConnect() listener for these scenarios (responders.ts calls it), beside
 * respond()'s: on a port named by commandName(), `{cut: true}` closes the latest native port from this
 * side (as Chromium does for the back/forward cache) while the session goes on; `{stream: count, cutAt}`
 * posts `{k}` for k below count, cutting before k = cutAt; a port named `...twice...` gets `{second:
 * message, calls}` for each message, `calls` counting how often this listener was handed that port.
 * The request 'ledger' answers, once the named port ended, with every message it delivered.
 */
export function answerPersistent(lib: Lib): void {
  const runtime = (lib.detect().api as { runtime: { onConnect: { addListener(listener: (port: { name: string; disconnect(): void }) => void): void } } }).runtime;
  // By the caller's name (the native name without the library's mark), the latest native port.
  const natives = new Map<string, { disconnect(): void }>();
  runtime.onConnect.addListener((native) => natives.set(native.name.split('\u0000')[0]!, native));
  const ledgers = new Map<string, Json[]>();
  const asked = new Map<string, Array<(ledger: Json[]) => void>>();
  const calls = new Map<string, number>();
  lib.onRequest('ledger', (name: string) => new Promise((resolve) => (ledgers.has(name) ? resolve(ledgers.get(name)) : asked.set(name, [...(asked.get(name) ?? []), resolve]))));
  lib.onConnect((port) => {
    if (!port.name.startsWith(COMMANDS)) return;
    const seen: Json[] = [];
    calls.set(port.name, (calls.get(port.name) ?? 0) + 1);
    const cut = () => natives.get(port.name)!.disconnect();
    port.onMessage.addListener((message: Message) => {
      seen.push(message);
      if (message.cut) cut();
      for (let k = 0; k < (message.stream ?? 0); k++) {
        if (k === message.cutAt) cut();
        port.postMessage({ k });
      }
      if (port.name.includes('twice')) port.postMessage({ second: message, calls: calls.get(port.name)! });
    });
    port.onDisconnect.addListener(() => {
      ledgers.set(port.name, seen);
      for (const resolve of asked.get(port.name) ?? []) resolve(seen);
      asked.delete(port.name);
    });
  });
}

/** Every message from the background until `done(got)`; onReconnect's `restarted` flags meanwhile. */
function gather(port: Persistent, done: (got: Message[]) => boolean): Promise<{ got: Message[]; reconnects: boolean[] }> {
  const got: Message[] = [];
  const reconnects: boolean[] = [];
  port.onReconnect.addListener((_: unknown, info: { restarted: boolean }) => reconnects.push(info.restarted));
  return new Promise((resolve) => {
    port.onMessage.addListener((message: Message) => {
      got.push(message);
      if (done(got)) resolve({ got, reconnects });
    });
  });
}

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
const PORT_DISCONNECTED = { name: 'WebextConnectError', message: 'webext-connect: persistentPort(): postMessage() after disconnect().', code: 'PORT_DISCONNECTED', isTypeError: false, isConnectTypeError: false, isWebextConnectError: true };

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
  {
    name: 'persistentPort: the background closing the native port (as Chromium does for the back/forward cache): onReconnect once with restarted false, every reply once and in order',
    where: 'content',
    async run(lib) {
      const port = lib.persistentPort({ name: commandName('cut') });
      const all = gather(port, (got) => isLast(got[got.length - 1]!));
      // What follows the cut arrives at a closed native port: the outbox sends it again on the next one.
      for (const message of [{ n: 0 }, { n: 1 }, { cut: true }, { n: 2 }, { n: 3 }, LAST]) port.postMessage(message);
      const { got, reconnects } = await all;
      const result = { echoes: got.map((reply) => reply.echo), reconnects, state: port.state, error: port.error && String(port.error) };
      port.disconnect();
      return result;
    },
    expect(result) {
      assert.deepEqual(result, { echoes: [{ n: 0 }, { n: 1 }, { cut: true }, { n: 2 }, { n: 3 }, LAST], reconnects: [false], state: 'open', error: null });
    },
  },
  {
    name: 'persistentPort: two onConnect() listeners in one background each get the port once and every message once, in order, across a native port the background closed',
    where: 'content',
    async run(lib) {
      const port = lib.persistentPort({ name: commandName('twice') });
      const sent = [...NUMBERS.slice(0, 5).map((n) => ({ n })), { cut: true }, ...NUMBERS.slice(5).map((n) => ({ n })), LAST];
      const all = gather(port, (got) => got.filter(isLast).length === 2);
      for (const message of sent) port.postMessage(message);
      const { got, reconnects } = await all;
      port.disconnect();
      const second = got.filter((reply) => 'second' in reply);
      return { sent, first: got.filter((reply) => 'echo' in reply).map((reply) => reply.echo), second: second.map((reply) => reply.second), calls: [...new Set(second.map((reply) => reply.calls))], reconnects };
    },
    expect(result) {
      const { sent, ...rest } = result;
      assert.deepEqual(rest, { first: sent, second: sent, calls: [1], reconnects: [false] });
    },
  },
  {
    name: 'persistentPort: the background\'s messages arrive once and in order across a native port it closed mid-stream (lazy: on the next native port)',
    where: 'content',
    async run(lib) {
      const port = lib.persistentPort({ name: commandName('stream') });
      const all = gather(port, (got) => isLast(got[got.length - 1]!));
      // LAST is posted at once: it reaches the background after the cut, so this side has a message to send and opens the next native port.
      port.postMessage({ stream: 40, cutAt: 20 });
      port.postMessage(LAST);
      const { got, reconnects } = await all;
      port.disconnect();
      return { ks: got.filter((m) => 'k' in m).map((m) => m.k), echoes: got.filter((m) => 'echo' in m).map((m) => m.echo), reconnects };
    },
    expect(result) {
      assert.deepEqual(result, { ks: Array.from({ length: 40 }, (_, k) => k), echoes: [{ stream: 40, cutAt: 20 }, LAST], reconnects: [false] });
    },
  },
  {
    name: 'persistentPort: postMessage() after disconnect() throws PORT_DISCONNECTED at once, whether the port was still connecting or open',
    where: 'content',
    async run(lib) {
      const connecting = lib.persistentPort({ name: 'gone-early' });
      connecting.disconnect();
      const early = { state: connecting.state, error: connecting.error && describeError(connecting.error, lib), thrown: attempt(lib, () => connecting.postMessage({ late: true })) };
      const open = lib.persistentPort({ name: 'gone-later' });
      await collect(open, [{ before: 1 }]);
      open.disconnect();
      return { early, open: { state: open.state, error: open.error && describeError(open.error, lib), thrown: attempt(lib, () => open.postMessage({ late: true })) } };
    },
    expect(result) {
      const after = { state: 'closed', error: null, thrown: PORT_DISCONNECTED };
      assert.deepEqual(result, { early: after, open: after });
    },
  },
  {
    name: 'persistentPort: disconnect() in the same task as postMessage(), while the first native port is connecting: the background gets the messages, then the end',
    where: 'content',
    async run(lib) {
      const name = commandName('quick');
      const port = lib.persistentPort({ name });
      port.postMessage({ quick: 1 });
      port.postMessage({ quick: 2 });
      port.disconnect();
      const asker = lib.persistentPort({ name: 'asker' });
      try {
        return { state: port.state, error: port.error && describeError(port.error, lib), ledger: (await asker.request('ledger', name)) as Json };
      } finally {
        asker.disconnect();
      }
    },
    expect(result) {
      assert.deepEqual(result, { state: 'closed', error: null, ledger: [{ quick: 1 }, { quick: 2 }] });
    },
  },
];
