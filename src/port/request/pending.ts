// The caller's table of requests in flight on one port. Each entry settles exactly once: with its
// reply, or with the first of its timeout, its signal, a background restart, or the port's end;
// whatever comes after that (a late reply, a second reply) finds no entry and is dropped.
import { describe, UnsendableMessageError, WebextConnectError, type ErrorCode } from '../../errors.js';
import { read } from '../../read.js';
import type { ResolvedRequestOptions } from './check.js';
import { ask, type WireReply } from './wire.js';

type FailureCode = Exclude<ErrorCode, 'INVALID_ARGUMENT' | 'UNSENDABLE_MESSAGE'>;

// What each failure says after the call; a code not listed is the port's end (RECONNECT_FAILED, …).
const TEXTS: Partial<Record<FailureCode, string>> = {
  REQUEST_TIMEOUT: 'no reply within ',
  ABORTED: 'aborted.',
  BACKGROUND_RESTARTED: 'the background restarted.',
  NO_HANDLER: 'no handler for this type.',
  HANDLER_FAILED: 'the handler failed: ',
  PORT_DISCONNECTED: 'the port was disconnected.',
};

interface Entry {
  type: string;
  /** The sequence number the port gave the request's message when it was last posted. */
  seq: number;
  /** Kept only when the request may be sent again (`retry`). */
  message: object | undefined;
  /** The REQUEST_TIMEOUT error once the timeout has passed, else false: a held-back timer (Firefox, a background tab) must not let a late reply through. */
  late(): unknown;
  /** Settles the promise (a rejection when `error` is set) and stops its timer and abort listener. */
  settle(error: unknown, reply?: unknown): void;
}

/** Posts a message on the port and returns its sequence number; throws what the port's postMessage throws. */
export type Post = (message: object) => number;

/** The requests in flight on one port. */
export interface PendingTable {
  /** How many requests are in flight. */
  readonly size: number;
  /** Sends a request and returns the promise of its reply (see RequestPort.request). */
  open(type: string, data: unknown, options: ResolvedRequestOptions): Promise<unknown>;
  /** Settles the request a reply names, if it is still in flight, and returns the sequence number of its message (undefined for a reply to nothing in flight). */
  answer(reply: WireReply): number | undefined;
  /** A new background lifetime answered: requests posted below `acknowledged` reached the old one, which will never answer them. */
  restarted(acknowledged: number): void;
  /** The port ended with `error` (null after disconnect()): every request in flight rejects with its code. */
  end(error: unknown): void;
}

const callOf = (type: string) => `port.request(${JSON.stringify(type)})`;

/** A request's WebextConnectError with `code`: its text, `detail` after it (the handler's message as it is), and the cause. */
const failure = (type: string, code: FailureCode, detail = '', cause?: unknown) => new WebextConnectError(code, `${callOf(type)}: ${TEXTS[code] ?? 'the port ended.'}${detail}`, cause);

/** The error of a request on a port that ended with `error`: its code, or PORT_DISCONNECTED after disconnect(). */
export function endError(type: string, error: unknown): WebextConnectError {
  const code = read(error, 'code');
  return typeof code === 'string' ? failure(type, code as FailureCode, '', error) : failure(type, 'PORT_DISCONNECTED');
}

/** The pending-request table of one port that posts with `post`. */
export function createPendingTable(post: Post): PendingTable {
  const entries = new Map<number, Entry>();
  let nextId = 0;

  // Removes the entry and settles it, and returns it; a request that settled already has no entry, so
  // nothing happens.
  const settle = (id: number, error: (entry: Entry) => unknown, reply?: unknown) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    entry.settle(error(entry), reply);
    return entry;
  };

  // Posts the entry's message; when the port refuses it, the request fails instead: what the browser
  // cannot carry is the data's fault, anything else is the port's own error.
  const send = (id: number, entry: Entry, message: object, data?: unknown) => {
    try {
      entry.seq = post(message);
    } catch (error) {
      settle(id, () => (read(error, 'code') === 'UNSENDABLE_MESSAGE' ? new UnsendableMessageError(describe(data), error, callOf(entry.type), 'data') : error));
    }
  };

  return {
    get size() {
      return entries.size;
    },

    open(type, data, { timeout, signal, retry }) {
      return new Promise((resolve, reject) => {
        const aborted = () => failure(type, 'ABORTED', '', read(signal, 'reason'));
        if (signal && signal.aborted) return reject(aborted());
        const id = nextId++;
        const message = ask(id, type, data);
        // The timer starts now, queueing included.
        const timedOut = () => failure(type, 'REQUEST_TIMEOUT', `${timeout} ms.`);
        const deadline = Date.now() + timeout;
        const timer = setTimeout(() => settle(id, timedOut), timeout);
        const onAbort = () => settle(id, aborted);
        const entry: Entry = {
          type,
          seq: -1,
          message: retry ? message : undefined,
          late: () => Date.now() > deadline && timedOut(),
          settle(error, reply) {
            clearTimeout(timer);
            if (signal) signal.removeEventListener('abort', onAbort);
            if (error) reject(error);
            else resolve(reply);
          },
        };
        entries.set(id, entry);
        if (signal) signal.addEventListener('abort', onAbort);
        send(id, entry, message, data);
      });
    },

    answer({ id, data, code, text }) {
      const entry = settle(id, ({ type, late }) => late() || (code && (code === 'UNSENDABLE_MESSAGE' ? new UnsendableMessageError(text!, undefined, callOf(type), 'reply') : failure(type, code, text))), data);
      return entry && entry.seq;
    },

    restarted(acknowledged) {
      for (const [id, entry] of entries) {
        if (entry.seq >= acknowledged) continue;
        if (entry.message) send(id, entry, entry.message);
        else settle(id, () => failure(entry.type, 'BACKGROUND_RESTARTED'));
      }
    },

    end(error) {
      for (const [id, entry] of entries) settle(id, () => endError(entry.type, error));
    },
  };
}
