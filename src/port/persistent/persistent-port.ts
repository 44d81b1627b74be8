import { connectIn } from '../../native/connect.js';
import type { ConnectedPort } from '../../native/port.js';
import { detectNamespace } from '../../detect/namespace.js';
import { ConnectTypeError, describe, WebextConnectError } from '../../errors.js';
import { read } from '../../read.js';
import { currentScope } from '../../scope.js';
import type { Scope } from '../../types.js';
import { createEvent, type PortEvent } from '../event.js';
import { control, controlOf, MARK } from '../protocol.js';

/** What persistentPort() takes: connect()'s extensionId and name, and the lifecycle settings. */
export interface PersistentPortOptions {
  extensionId?: string;
  name?: string;
  /** 'lazy' (default): reopen when there is something to send; 'eager': at once (keeps the background awake). */
  reconnect?: 'lazy' | 'eager';
  /** Failed connection attempts in a row before the port ends with RECONNECT_FAILED; default 10. */
  maxAttempts?: number;
  /** Messages that may wait for a native port; one more ends the port with QUEUE_OVERFLOW; default 1000. */
  maxQueue?: number;
  /** Milliseconds a message may wait for a native port before the port ends with QUEUE_OVERFLOW; default 60000. */
  maxAge?: number;
}

/** The state of a persistent port. */
export type PersistentPortState = 'connecting' | 'open' | 'waiting' | 'closed';

/** A logical connection that outlives the native ports beneath it. */
export interface PersistentPort {
  readonly name: string;
  readonly state: PersistentPortState;
  /** Why the port ended (a WebextConnectError with a code), or null while it lives or after disconnect(). */
  readonly error: WebextConnectError | null;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: PortEvent<(message: any, port: PersistentPort) => void>;
  readonly onDisconnect: PortEvent<(port: PersistentPort) => void>;
  readonly onReconnect: PortEvent<(port: PersistentPort) => void>;
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

const positive = (value: unknown) => typeof value === 'number' && value > 0 && value <= Number.MAX_SAFE_INTEGER;
const integer = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;
// connect()'s TypeError, naming this call instead.
const optionError = (parameter: string, expected: string, received: string) => new ConnectTypeError(parameter, expected, received, CALL);
const ended = (code: 'CONTEXT_INVALIDATED' | 'ENDED_BY_OTHER_SIDE' | 'RECONNECT_FAILED' | 'QUEUE_OVERFLOW', text: string, cause?: unknown) => new WebextConnectError(code, `${CALL}: ${text}`, cause);

// Each option and what it must be; normalizeConnectArgs then resolves extensionId and name as connect() does.
const OPTION_CHECKS: Record<string, [string, (value: unknown) => boolean]> = {
  extensionId: ['a non-empty string', (value) => typeof value === 'string' && !!value],
  name: ['a string', (value) => typeof value === 'string'],
  reconnect: ["'lazy' or 'eager'", (value) => value === 'lazy' || value === 'eager'],
  maxAttempts: ['a positive integer', integer],
  maxQueue: ['a positive integer', integer],
  maxAge: ['a positive number', positive],
};

const CALL = 'persistentPort()';
const GONE = 'the extension was reloaded, updated or disabled.';
// After a clean disconnect, Chromium clears runtime.id of an orphaned content script 1-6 ms later (a
// port opened before that is a zombie): no new port before this delay has passed.
const SETTLE_MS = 20;
// A port that lived this long proved the background was there, even without any message back.
const ALIVE_MS = 1000;

function check(options: unknown): PersistentPortOptions & Required<Omit<PersistentPortOptions, 'extensionId'>> {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) throw optionError('options', 'an object', describe(options));
  const given = options as Record<string, unknown>;
  // extensionId and name as connect() resolves them: no id, or a non-empty one; a name, '' by default.
  const result = { name: '', reconnect: 'lazy' as const, maxAttempts: 10, maxQueue: 1000, maxAge: 60_000 };
  for (const key of Object.keys(given)) {
    const rule = Object.prototype.hasOwnProperty.call(OPTION_CHECKS, key) && OPTION_CHECKS[key];
    if (!rule) throw optionError('options', `only ${Object.keys(OPTION_CHECKS).join(', ')}`, `property '${key.slice(0, 40)}'`);
    const value = given[key];
    if (value === undefined) continue;
    if (!rule[1](value)) throw optionError(`options.${key}`, rule[0], describe(value));
    (result as Record<string, unknown>)[key] = value;
  }
  return result;
}

/** persistentPort() against the extension API found in `scope`: the testable core of {@link persistentPort}. */
export function persistentPortIn(scope: Scope, options?: PersistentPortOptions): PersistentPort {
  const { extensionId, name, reconnect, maxAttempts, maxQueue, maxAge } = check(options);
  const session = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const onMessage = createEvent<(message: any, port: PersistentPort) => void>();
  const onDisconnect = createEvent<(port: PersistentPort) => void>();
  const onReconnect = createEvent<(port: PersistentPort) => void>();
  let state: PersistentPortState = 'waiting';
  let error: WebextConnectError | null = null;
  let native: ConnectedPort | undefined;
  // Messages not yet acknowledged, oldest first; the first `posted` went out on the current native port.
  let out: Array<{ m: unknown; s: number; t: number }> = [];
  let posted = 0;
  let nextSeq = 0;
  // Whether the receiver speaks the protocol: undefined until its hello, or until a sign it does not.
  let speaks: boolean | undefined;
  let failures = 0;
  let ports = 0;
  let owed = false;
  let openedAt = 0;
  let alive = false;
  let hidden = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ageTimer: ReturnType<typeof setTimeout> | undefined;
  let helloTimer: ReturnType<typeof setTimeout> | undefined;

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
  const page = read(scope, 'addEventListener') ? (scope as EventTarget) : undefined;

  const api: PersistentPort = {
    name,
    get state() {
      return state;
    },
    get error() {
      return error;
    },
    postMessage(message) {
      if (state === 'closed') throw error || new Error(`webext-connect: ${CALL}: postMessage() after disconnect().`);
      out.push({ m: message, s: nextSeq++, t: Date.now() });
      if (native) return flush();
      if (!checkQueue() && state === 'waiting' && !hidden && !timer) attempt();
    },
    disconnect: () => close(null),
    onMessage,
    onDisconnect,
    onReconnect,
  };

  function close(reason: WebextConnectError | null): void {
    if (!go('end')) return;
    error = reason;
    for (const t of [timer, ageTimer, helloTimer]) clearTimeout(t);
    if (page) {
      page.removeEventListener('pagehide', onPageHide);
      page.removeEventListener('pageshow', onPageShow);
    }
    const port = native;
    native = undefined;
    out = [];
    if (port) {
      try {
        // Lets this library's receiver forget the session; a raw receiver never sees a control message.
        if (speaks && !reason) port.postMessage(control('end'));
        port.disconnect();
      } catch {
        // already gone
      }
    }
    onDisconnect.emit(api);
  }

  function fail(cause: unknown): void {
    if (++failures > maxAttempts) {
      return close(ended('RECONNECT_FAILED', `${maxAttempts} attempts failed.`, cause));
    }
    go('retry');
    // 100 ms doubling to 5 s: a background that is starting gets time, and there is never a tight loop.
    later(attempt, Math.min(100 * 2 ** (failures - 1), 5000));
  }

  const wireName = () => name + MARK + session + ':' + (out.length ? out[0]!.s : nextSeq);

  function attempt(): void {
    if (state === 'closed') return;
    // Chromium clears runtime.id of an invalidated context (web pages name an extensionId instead);
    // Safari keeps it, and there connectIn's own throw decides.
    if (!extensionId && !read(read(detectNamespace(scope).api, 'runtime'), 'id')) return close(ended('CONTEXT_INVALIDATED', GONE));
    if (hidden || (reconnect === 'lazy' && !out.length)) return void go('lost');
    let port: ConnectedPort;
    try {
      port = connectIn(scope, [extensionId, { name: wireName() }]);
    } catch (thrown) {
      // connect()'s own errors (CONTEXT_INVALIDATED, NO_EXTENSION_API) carry a code and will not pass.
      return typeof read(thrown, 'code') === 'string' ? close(thrown as WebextConnectError) : fail(thrown);
    }
    attach(port);
  }

  function attach(port: ConnectedPort): void {
    native = port;
    go('port');
    openedAt = Date.now();
    alive = false;
    posted = 0;
    clearTimeout(ageTimer);
    ageTimer = undefined;
    port.onMessage.addListener((message: unknown) => port === native && receive(message));
    port.onDisconnect.addListener(() => port === native && lost(port.error));
    if (speaks === undefined) {
      clearTimeout(helloTimer);
      // No hello within maxAge: a raw receiver, so nothing is kept for resending.
      helloTimer = setTimeout(() => void (speaks ??= forget(false)), maxAge);
    }
    if (ports++) owed = true;
    flush();
    if (!speaks) reconnected();
  }

  // Drops the messages kept for resending; returns `speaking` for the caller to store.
  function forget(speaking: boolean): boolean {
    out.splice(0, posted);
    posted = 0;
    return speaking;
  }

  function reconnected(): void {
    if (!owed) return;
    owed = false;
    onReconnect.emit(api);
  }

  function flush(): void {
    let thrown: unknown;
    while (native && posted < out.length) {
      try {
        native.postMessage(out[posted]!.m);
      } catch (error) {
        // The code where the port translates its errors (CONTEXT_INVALIDATED, PORT_DISCONNECTED), else the browser's text.
        const message = `${read(error, 'code')} ${read(error, 'message')}`;
        if (/invalidated/i.test(message)) return close(ended('CONTEXT_INVALIDATED', GONE, error));
        if (/disconnected/i.test(message)) return lost(null);
        // Not serializable: the caller's mistake, reported as connect()'s port would, and not kept.
        out.splice(posted, 1);
        thrown ??= error;
        continue;
      }
      // Against a raw receiver nothing is kept: it cannot acknowledge.
      if (speaks === false) out.splice(posted, 1);
      else posted++;
    }
    if (thrown) throw thrown;
  }

  function acknowledge(next: number): void {
    let done = 0;
    while (done < posted && out[done]!.s < next) done++;
    out.splice(0, done);
    posted -= done;
  }

  function receive(message: unknown): void {
    alive = true;
    failures = 0;
    const command = controlOf(message);
    if (!command) {
      // The receiver's hello always comes first: a user message before it means a raw receiver.
      speaks ??= forget(false);
      return onMessage.emit(message, api);
    }
    if (command.k === 'end') return close(ended('ENDED_BY_OTHER_SIDE', 'the other side ended it.'));
    if (command.k === 'hello') {
      speaks = true;
      clearTimeout(helloTimer);
      reconnected();
    }
    acknowledge(command.n);
  }

  function lost(reason: Error | null | undefined): void {
    native = undefined;
    // A failed connection delivered nothing, so its messages are sent again even to a raw receiver;
    // after a clean disconnect only a receiver that acknowledges can say what it got.
    if (!speaks && !reason) forget(false);
    posted = 0;
    if (alive || Date.now() - openedAt >= ALIVE_MS) failures = 0;
    else if (!reason) reason = new Error('closed before any answer');
    armAge();
    if (reason) return fail(reason);
    // The background stopped or was suspended: come back after the settle delay, if there is a reason to.
    go('retry');
    later(attempt, SETTLE_MS);
  }

  // Ends the port when what waits for a native port is too much or too old; true if it did.
  function checkQueue(): boolean {
    const count = out.length;
    if (count > maxQueue || (count && Date.now() - out[0]!.t >= maxAge)) {
      close(ended('QUEUE_OVERFLOW', `${count} messages not sent: too many or too old.`));
      return true;
    }
    armAge();
    return false;
  }

  function armAge(): void {
    if (ageTimer || native || !out.length || state === 'closed') return;
    ageTimer = setTimeout(() => {
      ageTimer = undefined;
      if (!native) checkQueue();
    }, out[0]!.t + maxAge - Date.now());
  }

  // The back/forward cache: no native port kept while the page is hidden, a new one when it returns.
  function onPageHide(event: Event): void {
    if (!read(event, 'persisted')) return;
    hidden = true;
    const port = native;
    if (port) {
      alive = true;
      lost(null);
      port.disconnect();
    }
    // Timers are frozen in the cache: nothing is scheduled, pageshow decides.
    clearTimeout(timer);
    timer = undefined;
    go('lost');
  }
  function onPageShow(event: Event): void {
    if (!read(event, 'persisted') || !hidden) return;
    hidden = false;
    if (state === 'waiting') attempt();
  }
  // The first port opens at once, whatever `reconnect` says; connect()'s errors are thrown from here.
  attach(connectIn(scope, [extensionId, { name: wireName() }]));
  if (page) {
    page.addEventListener('pagehide', onPageHide);
    page.addEventListener('pageshow', onPageShow);
  }
  return api;
}

/** A port to the extension that reconnects when the background stops, queues while it is away, and ends only for a reason it names. */
export function persistentPort(options?: PersistentPortOptions): PersistentPort {
  return persistentPortIn(currentScope(), options);
}
