// persistentPort(): the state machine that wires the modules of this folder (options, outbox and
// inbox, backoff, page lifecycle) to the native ports it opens one after the other.
//
// Internal extension point (src/port/request/ builds on it; nothing here is exported from
// src/index.ts). persistentPortIn(scope, options, extend) calls `extend(internals)` once, after the
// first native port opened and before it returns the port, with:
//   internals.port        the PersistentPort being returned: a layer may add methods to it (request());
//   internals.send(m)     posts `m` exactly as port.postMessage(m) does (same checks and throws) and
//                         returns its sequence number: its stable id on this port (0, 1, 2, ...);
//   internals.awaits(busy)  while `busy()` is true the port reopens after a loss even when lazy (the
//                         request layer: a request in flight waits for an answer from the background);
//   internals.intercept(filter)  `filter(message)` sees every message from the background before the
//                         port's onMessage listeners, and consumes it by returning true;
//   internals.delivered(seq)  the background delivered the message numbered `seq` (a reply to it came):
//                         it and every message before it leave memory and are never sent again, as
//                         an acknowledgement would do (which may still be on its way when the
//                         background stops: the handler would run again in the new one);
//   internals.onLifetime  fires when a new background lifetime answers (it restarted, or forgot this
//                         port's session), before onReconnect, with {acknowledged}: every message
//                         numbered below it was delivered to an earlier lifetime (the request layer
//                         rejects those still unanswered, or resends them), those from it on are sent
//                         again to the new one by the outbox.
// The port's end is port.onDisconnect and port.error (null after the caller's disconnect()).
import { detectNamespace } from '../../detect/namespace.js';
import { WebextConnectError, type ErrorCode } from '../../errors.js';
import { connectNamedIn } from '../../native/connect.js';
import type { ConnectedPort } from '../../native/port.js';
import { read } from '../../read.js';
import { currentScope } from '../../scope.js';
import type { Scope } from '../../types.js';
import { createEvent, reportListenerError, type PortEvent } from '../event.js';
import { control, kindOf, wireName, type Control, type ControlKind } from '../protocol.js';
import { ALIVE_MS, HELLO_MS, RECHECK_MS, retryDelay } from './backoff.js';
import { createInbox } from './inbox.js';
import { CALL, resolveOptions, type PersistentPortOptions } from './options.js';
import { createOutbox } from './outbox.js';
import { watchPage } from './page-lifecycle.js';
import { refusalIn } from './sendable.js';

export type { PersistentPortOptions } from './options.js';

/** The state of a persistent port. */
export type PersistentPortState = 'connecting' | 'open' | 'waiting' | 'closed';

/** What onReconnect tells its listener besides the port. */
export interface ReconnectInfo {
  /** true: a new background lifetime answered (it restarted, forgot the session, or is not this library's receiver), so what the old one held is gone; false: the same one came back after the native port closed (back/forward cache, the receiver closed it). */
  readonly restarted: boolean;
}

/** A logical connection that outlives the native ports beneath it; `M` types its messages. */
export interface PersistentPort<M = any> {
  readonly name: string;
  readonly state: PersistentPortState;
  /** Why the port ended (a WebextConnectError with a code), or null while it lives or after disconnect() handed everything over. */
  readonly error: WebextConnectError | null;
  /** Messages postMessage() accepted that the background has not acknowledged yet, sent or waiting (as WebSocket's bufferedAmount, in messages). */
  readonly bufferedAmount: number;
  /** Sends `message`, or keeps it until a native port opens; returns false once bufferedAmount reached highWaterMark (wait for onDrain). Throws UNSENDABLE_MESSAGE for what this browser cannot send, and the port's error once it is closed. */
  postMessage(message: M): boolean;
  /** Hands what postMessage() accepted to the background, then ends the port: error null, or PORT_DISCONNECTED when it could not. */
  disconnect(): void;
  readonly onMessage: PortEvent<(message: M, port: PersistentPort<M>) => void>;
  readonly onDisconnect: PortEvent<(port: PersistentPort<M>) => void>;
  /** A native port opened again and the background answered on it; `info.restarted` says whether it is a new lifetime. */
  readonly onReconnect: PortEvent<(port: PersistentPort<M>, info: ReconnectInfo) => void>;
  /** bufferedAmount fell to 0 after postMessage() returned false. */
  readonly onDrain: PortEvent<(port: PersistentPort<M>) => void>;
}

/** Internal: what onLifetime tells a layer built on the port (see the comment at the top of this file). */
export interface LifetimeInfo {
  /** Messages numbered below this were delivered to an earlier background lifetime. */
  readonly acknowledged: number;
}

/** Internal: what persistentPortIn() hands its `extend` argument (see the comment at the top of this file). */
export interface PortInternals<M = any> {
  readonly port: PersistentPort<M>;
  send(message: M): number;
  intercept(filter: (message: unknown) => boolean): void;
  delivered(seq: number): void;
  awaits(busy: () => boolean): void;
  readonly onLifetime: PortEvent<(info: LifetimeInfo) => void>;
}

type Transition = 'port' | 'retry' | 'lost' | 'end';

// The state machine: what each transition leads to from each state; a transition missing from a row
// is not taken. open = a native port is up; connecting = an attempt is scheduled; waiting = no
// native port and none scheduled (lazy with nothing to send, or the page is in the back/forward cache).
const NEXT: Record<PersistentPortState, Partial<Record<Transition, PersistentPortState>>> = {
  connecting: { port: 'open', lost: 'waiting', retry: 'connecting', end: 'closed' },
  open: { retry: 'connecting', lost: 'waiting', end: 'closed' },
  waiting: { port: 'open', retry: 'connecting', end: 'closed' },
  closed: {},
};

// Codes of errors connect() throws that no later attempt can cure: the port ends with them.
const FATAL: readonly unknown[] = ['CONTEXT_INVALIDATED', 'NO_EXTENSION_API'];

const GONE = 'the extension was reloaded, updated or disabled.';
const ended = (code: Exclude<ErrorCode, 'INVALID_ARGUMENT' | 'UNSENDABLE_MESSAGE'>, text: string, cause?: unknown) => new WebextConnectError(code, `${CALL}: ${text}`, cause);

/** persistentPort() against the extension API found in `scope`: the testable core of {@link persistentPort}; `extend` is internal (see the comment at the top of this file). */
export function persistentPortIn<M = any>(scope: Scope, options?: PersistentPortOptions, extend?: (internals: PortInternals<M>) => void): PersistentPort<M> {
  const { extensionId, name, reconnect, maxAttempts, maxAge, maxQueue, highWaterMark } = resolveOptions(options);
  const session = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const refusal = refusalIn(scope);
  const outbox = createOutbox();
  const inbox = createInbox((next) => post(control('ack', { n: next })));
  const onMessage = createEvent<(message: M, port: PersistentPort<M>) => void>();
  const onDisconnect = createEvent<(port: PersistentPort<M>) => void>();
  const onReconnect = createEvent<(port: PersistentPort<M>, info: ReconnectInfo) => void>();
  const onDrain = createEvent<(port: PersistentPort<M>) => void>();
  const onLifetime = createEvent<(info: LifetimeInfo) => void>();
  const filters: Array<(message: unknown) => boolean> = [];
  const waits: Array<() => boolean> = [];
  let state: PersistentPortState = 'waiting';
  let error: WebextConnectError | null = null;
  let native: ConnectedPort | undefined;
  // Failed attempts in a row; native ports opened; whether onReconnect is owed for the latest one.
  let failures = 0;
  let ports = 0;
  let owed = false;
  let openedAt = 0;
  let alive = false;
  let hidden = false;
  let draining = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ageTimer: ReturnType<typeof setTimeout> | undefined;
  let helloTimer: ReturnType<typeof setTimeout> | undefined;
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;

  const go = (transition: Transition) => {
    const to = NEXT[state][transition];
    if (to) state = to;
    return !!to;
  };
  const later = (run: () => void, ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, ms);
  };
  // Closes a native port; one of an invalidated context throws (it is gone anyway): never from here.
  const drop = (port: ConnectedPort) => {
    try {
      port.disconnect();
    } catch {
      // already gone
    }
  };
  // `run` in a microtask where the scope has queueMicrotask (every browser with MV3), else in a task.
  const soon = (run: () => void) => {
    const microtask = read(scope, 'queueMicrotask');
    if (typeof microtask === 'function') microtask.call(scope, run);
    else setTimeout(run, 0);
  };
  // Control messages of this side: never thrown, a lost one is covered by the next.
  const post = (message: object) => {
    try {
      native?.postMessage(message);
    } catch {
      // the port is gone: its onDisconnect (or the next flush) says so
    }
  };

  const api: PersistentPort<M> = {
    name,
    get state() {
      return state;
    },
    get error() {
      return error;
    },
    get bufferedAmount() {
      return outbox.size;
    },
    postMessage(message) {
      if (state === 'closed') throw error || ended('PORT_DISCONNECTED', 'postMessage() after disconnect().');
      send(message);
      // Backpressure, as a stream's write(): false asks the caller to wait for onDrain.
      return outbox.size < highWaterMark || !(draining = true);
    },
    disconnect() {
      if (state === 'closed') return;
      // What postMessage() accepted goes first: on the open native port, or on one opened for it now.
      if (!native && outbox.size) attempt(true);
      if (native) flush();
      const left = native ? outbox.waiting : outbox.size;
      close(left ? ended('PORT_DISCONNECTED', `disconnect(): ${left} messages could not be handed to the background.`) : null);
    },
    onMessage,
    onDisconnect,
    onReconnect,
    onDrain,
  };

  function send(message: M): number {
    // An open port with nothing waiting refuses through the browser itself (below); a message that
    // must wait is checked now, so postMessage() refuses it in both cases.
    if (!native || outbox.waiting) {
      const refused = refusal(message);
      if (refused) throw refused;
    }
    const seq = outbox.push(message);
    if (native) {
      const thrown = flush(true);
      if (thrown) throw thrown;
    } else queued();
    return seq;
  }

  // Sends what waits on the native port; returns a refusal of the message postMessage() is sending
  // (`own`) for it to throw. Other errors are told apart by their code, which the native layer gives them.
  function flush(own?: boolean): unknown {
    // One that waited and that the browser refused after all (its check passed) has no caller left:
    // it goes to the platform's error report, and the others go on.
    const thrown = native && outbox.flush(native, reportListenerError, own);
    if (!thrown) return;
    const code = read(thrown, 'code');
    if (code === 'UNSENDABLE_MESSAGE') return thrown;
    if (code === 'CONTEXT_INVALIDATED') close(ended('CONTEXT_INVALIDATED', GONE, thrown));
    else lost(code === 'PORT_DISCONNECTED' ? null : (thrown as Error));
  }

  // A message waits for a native port: too many ends the port, else an attempt if none is under way.
  function queued(): void {
    if (outbox.size > maxQueue) return overflow();
    armAge();
    if (state === 'waiting' && !hidden && !timer) attempt();
  }

  const overflow = () => close(ended('QUEUE_OVERFLOW', `${outbox.size} messages not sent: too many or too old.`));

  // The limit for a background that does not come back: messages waited maxAge since the native port
  // was lost (or since they were queued without one), and no native port answered in that time.
  function armAge(): void {
    if (ageTimer || !outbox.size || state === 'closed') return;
    ageTimer = setTimeout(() => {
      ageTimer = undefined;
      if (outbox.size) overflow();
    }, maxAge);
  }

  function close(reason: WebextConnectError | null): void {
    if (!go('end')) return;
    error = reason;
    for (const t of [timer, ageTimer, helloTimer, recheckTimer]) clearTimeout(t);
    unwatch();
    inbox.stop();
    const port = native;
    native = undefined;
    outbox.clear();
    if (port) {
      const end = () => {
        try {
          port.postMessage(control('end'));
        } catch {
          // already gone
        }
      };
      // This library's receiver learns the session is over and closes the native port itself, after
      // what was posted before: a native port closed by this side before the browser established it
      // drops what it carried. A plain receiver never sees a control message; one not known yet (the
      // port is still connecting) gets the end once its hello says it counts.
      if (reason || outbox.peer === false) drop(port);
      else {
        if (outbox.peer) end();
        else port.onMessage.addListener((message: unknown) => kindOf(message) === 'hello' && end());
        setTimeout(() => drop(port), ALIVE_MS);
      }
    }
    onDisconnect.emit(api);
  }

  function fail(cause: unknown): void {
    if (++failures > maxAttempts) return close(ended('RECONNECT_FAILED', `${maxAttempts} attempts failed.`, cause));
    go('retry');
    later(attempt, retryDelay(failures));
  }

  // Opens a native port if there is a reason to; `now`: disconnect() needs one even when lazy.
  function attempt(now?: boolean): void {
    if (state === 'closed') return;
    if (invalidated()) return close(ended('CONTEXT_INVALIDATED', GONE));
    if (hidden || (!now && reconnect === 'lazy' && !outbox.size && !waits.some((busy) => busy()))) return void go('lost');
    let port: ConnectedPort;
    try {
      port = connectNamedIn(scope, extensionId, wireName(name, session, outbox.first, inbox.next));
    } catch (thrown) {
      return FATAL.includes(read(thrown, 'code')) ? close(thrown as WebextConnectError) : fail(thrown);
    }
    attach(port);
  }

  // Chromium clears runtime.id of an invalidated context (web pages name an extensionId instead);
  // Safari keeps it, and there connectNamedIn's own throw decides.
  function invalidated(): boolean {
    return !extensionId && !read(read(detectNamespace(scope).api, 'runtime'), 'id');
  }

  function attach(port: ConnectedPort): void {
    native = port;
    go('port');
    openedAt = Date.now();
    alive = false;
    outbox.rewind();
    port.onMessage.addListener((message: unknown) => port === native && receive(message));
    port.onDisconnect.addListener(() => port === native && lost(port.error));
    clearTimeout(helloTimer);
    // No hello within maxAge: a plain receiver, so nothing is kept for resending. A receiver known
    // to speak the protocol answers every native port: one silent for HELLO_MS hangs, and is
    // replaced rather than stall the stream until maxAge.
    if (outbox.peer === undefined) helloTimer = setTimeout(() => outbox.peer === undefined && plain(), maxAge);
    else if (outbox.peer) helloTimer = setTimeout(() => port === native && silent(port), HELLO_MS);
    if (ports++) owed = true;
    flush();
    if (outbox.peer === false) announce(true);
  }

  function silent(port: ConnectedPort): void {
    drop(port);
    lost(new Error(`no hello within ${HELLO_MS} ms`));
  }

  // The receiver does not speak the protocol: nothing it got can be acknowledged, so nothing is kept.
  function plain(): void {
    outbox.peer = false;
    outbox.dropSent();
    flush();
    announce(true);
  }

  function announce(restarted: boolean): void {
    if (!owed) return;
    owed = false;
    onReconnect.emit(api, { restarted });
  }

  function drained(): void {
    if (!draining || outbox.size) return;
    draining = false;
    onDrain.emit(api);
  }

  // What each control message from the receiver does.
  const CONTROL: Record<ControlKind, (command: Control) => void> = {
    hello({ n, f, r }) {
      clearTimeout(helloTimer);
      const acknowledged = outbox.first;
      outbox.peer = true;
      // A new session numbers the background's messages from its hello on.
      if (r) inbox.next = f;
      inbox.start(f);
      outbox.acknowledge(n);
      flush();
      if (r && owed) onLifetime.emit({ acknowledged });
      announce(!!r);
      drained();
    },
    ack({ n }) {
      acknowledge(n);
    },
    skip() {
      inbox.take();
    },
    end() {
      close(ended('ENDED_BY_OTHER_SIDE', 'the other side ended it.'));
    },
  };

  function acknowledge(next: number): void {
    outbox.acknowledge(next);
    drained();
  }

  function receive(message: unknown): void {
    alive = true;
    failures = 0;
    clearTimeout(ageTimer);
    ageTimer = undefined;
    const kind = kindOf(message);
    if (kind) return CONTROL[kind]?.(message as Control);
    // The receiver's hello always comes first: a user message before it means a plain receiver.
    if (outbox.peer === undefined) plain();
    if (outbox.peer && !inbox.take()) return;
    if (!filters.some((filter) => filter(message))) onMessage.emit(message as M, api);
    if (outbox.peer) inbox.delivered();
  }

  function lost(reason: Error | null | undefined): void {
    native = undefined;
    // A failed connection delivered nothing, so its messages are sent again even to a plain
    // receiver; after a clean disconnect only a receiver that acknowledges can say what it got.
    if (!outbox.peer && !reason) outbox.dropSent();
    outbox.rewind();
    if (alive || Date.now() - openedAt >= ALIVE_MS) failures = 0;
    else if (!reason) reason = new Error('closed before any answer');
    armAge();
    if (reason) return fail(reason);
    // The background stopped or was suspended: come back at once if there is a reason to, in a
    // microtask (as a raw reconnect in onDisconnect would, yet outside the caller of lost()); not on
    // a timer, which browsers run once a second in a hidden tab. An extension reload looks the same
    // here, and Chromium clears runtime.id only 1-6 ms later: a port opened before that is a zombie
    // that never disconnects, so runtime.id is checked again after RECHECK_MS.
    go('retry');
    clearTimeout(timer);
    timer = undefined;
    // Skipped if something else opened, hid or ended the port meanwhile.
    soon(() => state === 'connecting' && !native && !timer && attempt());
    clearTimeout(recheckTimer);
    recheckTimer = setTimeout(() => invalidated() && close(ended('CONTEXT_INVALIDATED', GONE)), RECHECK_MS);
  }

  // The back/forward cache: no native port kept while the page is hidden, a new one when it returns.
  function hide(): void {
    hidden = true;
    const port = native;
    if (port) {
      alive = true;
      lost(null);
      drop(port);
    }
    // Timers are frozen in the cache: nothing is scheduled, pageshow decides.
    clearTimeout(timer);
    timer = undefined;
    go('lost');
  }
  function show(): void {
    if (!hidden) return;
    hidden = false;
    if (state === 'waiting') attempt();
  }

  // The first port opens at once, whatever `reconnect` says; connect()'s errors are thrown from here.
  attach(connectNamedIn(scope, extensionId, wireName(name, session, 0, 0)));
  const unwatch = watchPage(scope, hide, show);
  extend?.({ port: api, send, intercept: (filter) => void filters.push(filter), delivered: (seq) => acknowledge(seq + 1), awaits: (busy) => void waits.push(busy), onLifetime });
  return api;
}

/** A port to the extension that reconnects when the background stops, queues while it is away, and ends only for a reason it names; `M` types its messages. */
export function persistentPort<M = any>(options?: PersistentPortOptions): PersistentPort<M> {
  return persistentPortIn(currentScope(), options);
}
