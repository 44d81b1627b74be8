// The receiving side of persistentPort(), which every port onConnect() hands out passes through.
// A native port whose name carries the mark belongs to a session (one persistent port of one
// sender): the first native port of a session becomes one port, handed to the onConnect() listeners
// once; the native ports that follow (after the back/forward cache, a port closed by this side) are
// absorbed into it. Per session, both ways: exactly once and in order while this background lives.
// Any other port is handed on as it is.
//
// Internal extension point (src/port/request/ builds on it; nothing here is exported from
// src/index.ts):
//   receivePort(nativePort, runtime, scope)  what a runtime.onConnect listener of this library gives
//        its own listener: the same object for every listener of the same native port (one receiver
//        per native port), or undefined when the native port resumed a session already handed out.
//        A layer with its own runtime.onConnect listener calls it too, and so shares the session.
//   sessionOf(port)  the Session behind a port receivePort() returned, or undefined for a plain port:
//     session.port               that port: the caller's name, `sender` (of its latest native port),
//                                postMessage() with the guarantees above, onMessage, onDisconnect;
//     session.intercept(filter)  `filter(message)` sees every delivered message of the session
//                                before the port's onMessage listeners, and consumes it by returning true.
import { WebextConnectError } from '../errors.js';
import { normalizePort, type ConnectedPort, type MessageInfo, type MessageSender } from '../native/port.js';
import type { NativePort, NativeRuntime, Scope } from '../types.js';
import { read } from '../read.js';
import { createEvent, reportListenerError } from './event.js';
import { createInbox } from './persistent/inbox.js';
import { createOutbox } from './persistent/outbox.js';
import { refusalIn } from './persistent/sendable.js';
import { control, kindOf, parseName, type Control, type ControlKind } from './protocol.js';

/** How long a session whose native port closed is remembered, waiting for its sender to come back. */
export const SESSION_MS = 60_000;

/** Internal: one persistent port as the receiving side holds it (see the comment at the top of this file). */
export interface Session {
  readonly port: ConnectedPort;
  intercept(filter: (message: unknown) => boolean): void;
}

interface Lifetime {
  /** Drawn once per background lifetime (a restarted worker or page has a new runtime, so a new one). */
  id: string;
  /** Live sessions, and (null) sessions this side ended, remembered so a returning sender learns it. */
  sessions: Map<string, OpenSession | null>;
}

const lifetimes = new WeakMap<object, Lifetime>();
const handed = new WeakMap<object, ConnectedPort | null>();
const sessions = new WeakMap<ConnectedPort, Session>();

/** What a listener of this library gets for `port`: the same for every listener, undefined for a resumed session (see above). */
export function receivePort(port: NativePort, runtime: NativeRuntime, scope: Scope): ConnectedPort | undefined {
  if (handed.has(port)) return handed.get(port) ?? undefined;
  const result = acceptPort(normalizePort(port, runtime), runtime, scope);
  handed.set(port, result ?? null);
  return result;
}

/** The Session behind a port receivePort() returned, or undefined for a plain port. */
export function sessionOf(port: ConnectedPort): Session | undefined {
  return sessions.get(port);
}

/** The receiving side for one normalized native port: the session's port when the session is new, undefined when it resumed, the port itself when it is not a persistent port's. */
export function acceptPort(port: ConnectedPort, runtime: object, scope: Scope): ConnectedPort | undefined {
  const wire = parseName(port.name);
  if (!wire) return port;
  let life = lifetimes.get(runtime);
  if (!life) lifetimes.set(runtime, (life = newLifetime(runtime)));
  const known = life.sessions.get(wire.session);
  if (known === null) {
    // This side ended the session while the sender was away: tell it so now.
    try {
      port.postMessage(control('end'));
      port.disconnect();
    } catch {
      // gone already
    }
    return undefined;
  }
  const session = known ?? openSession(life, wire.session, wire.name, scope);
  life.sessions.set(wire.session, session);
  session.attach(port, wire.first, wire.next, !known);
  return known ? undefined : session.port;
}

interface OpenSession extends Session {
  attach(port: ConnectedPort, first: number, next: number, fresh: boolean): void;
  /** Acknowledges at once what was delivered and not acknowledged yet. */
  acknowledge(): void;
}

function newLifetime(runtime: object): Lifetime {
  const life: Lifetime = { id: Math.random().toString(36).slice(2), sessions: new Map() };
  // Firefox suspends an idle event page a few milliseconds after it delivered what woke it (seen
  // with a short idle timeout), before the acknowledgement timer runs: the sender would send the
  // same messages to every new lifetime for ever. runtime.onSuspend comes first: acknowledge then.
  const onSuspend = read(runtime, 'onSuspend');
  if (typeof read(onSuspend, 'addListener') === 'function') {
    (onSuspend as { addListener(listener: () => void): void }).addListener(() => {
      for (const session of life.sessions.values()) session?.acknowledge();
    });
  }
  return life;
}

function openSession(life: Lifetime, id: string, name: string, scope: Scope): OpenSession {
  const outbox = createOutbox();
  // The sender always speaks the protocol: it acknowledges.
  outbox.peer = true;
  const inbox = createInbox((next) => post(control('ack', { n: next })));
  const onMessage = createEvent<(message: any, port: ConnectedPort, info?: MessageInfo) => void>();
  const onDisconnect = createEvent<(port: ConnectedPort) => void>();
  const filters: Array<(message: unknown) => boolean> = [];
  let refusal: ReturnType<typeof refusalIn> | undefined;
  let native: ConnectedPort | undefined;
  let forget: ReturnType<typeof setTimeout> | undefined;
  let over = false;

  const post = (message: object) => {
    try {
      native?.postMessage(message);
    } catch {
      // the port is gone: its onDisconnect says so, and the sender resends what this would have covered
    }
  };
  // Sends what waits. The native layer gives its errors codes: a refusal of the message postMessage()
  // is sending (`own`) is thrown to the caller; one of a message that waited has no caller left, so
  // it goes to the platform's error report; a closed port waits for the sender to come back.
  const flush = (own?: boolean) => {
    const thrown = native && outbox.flush(native, reportListenerError, own);
    if (read(thrown, 'code') === 'UNSENDABLE_MESSAGE') throw thrown;
  };

  // Ends the session: by the sender ('end'), by time (its port never came back), or by this side.
  const end = (byThisSide: boolean) => {
    if (over) return;
    over = true;
    clearTimeout(forget);
    inbox.stop();
    outbox.clear();
    if (byThisSide) {
      life.sessions.set(id, null);
      setTimeout(() => life.sessions.delete(id), SESSION_MS);
      post(control('end'));
      native?.disconnect();
    } else {
      life.sessions.delete(id);
      // The sender leaves closing the native port to this side, after what it posted before "end".
      native?.disconnect();
      onDisconnect.emit(port);
    }
    native = undefined;
  };

  const port: ConnectedPort = {
    name,
    get sender() {
      return sender;
    },
    error: null,
    droppedOptions: [],
    postMessage(message: unknown) {
      if (over) throw new WebextConnectError('PORT_DISCONNECTED', 'port.postMessage(): the port is disconnected.');
      if (!native || outbox.waiting) {
        const refused = (refusal ??= refusalIn(scope))(message);
        if (refused) throw refused;
      }
      outbox.push(message);
      flush(true);
    },
    disconnect: () => end(true),
    onMessage,
    onDisconnect,
  };
  let sender: MessageSender | undefined;

  // What each control message from the sender does.
  const CONTROL: Partial<Record<ControlKind, (command: Control) => void>> = {
    ack: ({ n }) => outbox.acknowledge(n),
    skip: () => void inbox.take(),
    end: () => end(false),
  };

  const receive = (message: unknown) => {
    const kind = kindOf(message);
    if (kind) return CONTROL[kind]?.(message as Control);
    // A port delivers in order, so the k-th user message on it carries sequence number first + k.
    if (!inbox.take()) return;
    // The sender's session and its number for the message: a repeat after a restart has the same.
    if (!filters.some((filter) => filter(message))) onMessage.emit(message, port, { id: `${id}:${inbox.next - 1}` });
    // After the listeners: an acknowledged message was handled, not only received.
    inbox.delivered();
  };

  const session: OpenSession = {
    port,
    intercept: (filter) => void filters.push(filter),
    acknowledge: () => inbox.flush(),
    attach(next, first, theirNext, fresh) {
      clearTimeout(forget);
      const old = native;
      native = next;
      sender = next.sender;
      // The sender left the old port (its close has not reached this side yet): what was in flight on
      // it comes again on this one.
      try {
        old?.disconnect();
      } catch {
        // gone already
      }
      inbox.start(first);
      outbox.acknowledge(theirNext);
      outbox.rewind();
      post(control('hello', { n: inbox.next, f: outbox.first, l: life.id, r: fresh ? 1 : 0 }));
      flush();
      next.onMessage.addListener((message: unknown) => next === native && receive(message));
      next.onDisconnect.addListener(() => {
        if (next !== native) return;
        native = undefined;
        port.error = next.error;
        forget = setTimeout(() => end(false), SESSION_MS);
      });
    },
  };
  sessions.set(port, session);
  return session;
}
