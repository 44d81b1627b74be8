// The caller's table of requests in flight on one port. Each entry settles exactly once: with its
// reply, or with the first of its timeout, its signal, a background restart, or the port's end;
// whatever comes after that (a late reply, a second reply) finds no entry and is dropped.
import { read } from '../../read.js';
import { describe, UnsendableMessageError, WebextConnectError, type ErrorCode } from '../../errors.js';
import type { ResolvedRequestOptions } from './check.js';
import { ask, type WireReply } from './wire.js';

type FailureCode = Exclude<ErrorCode, 'INVALID_ARGUMENT' | 'UNSENDABLE_MESSAGE'>;

interface Entry {
  type: string;
  /** The sequence number the port gave the request's message when it was last posted. */
  seq: number;
  /** Kept only when the request may be sent again (`retry`). */
  message: object | undefined;
  resolve(reply: unknown): void;
  reject(error: unknown): void;
}

/** Posts a message on the port and returns its sequence number; throws what the port's postMessage throws. */
export type Post = (message: object) => number;

/** The requests in flight on one port. */
export interface PendingTable {
  /** How many requests are in flight. */
  readonly size: number;
  /** Sends a request and returns the promise of its reply (see RequestPort.request). */
  open(type: string, data: unknown, options: ResolvedRequestOptions): Promise<unknown>;
  /** Settles the request a reply names, if it is still in flight. */
  answer(reply: WireReply): void;
  /** A new background lifetime answered: requests posted below `acknowledged` reached the old one, which will never answer them. */
  restarted(acknowledged: number): void;
  /** The port ended: every request in flight rejects with `error`'s code (PORT_DISCONNECTED when there is none). */
  end(error: { code?: unknown } | null): void;
}

const callOf = (type: string) => `port.request(${JSON.stringify(type.length > 40 ? type.slice(0, 40) + '…' : type)})`;

/** A request's error: `code` with `text` after the call's name. */
const failure = (type: string, code: FailureCode, text: string, cause?: unknown) => new WebextConnectError(code, `${callOf(type)}: ${text}`, cause);

/** The error of a request on a port that ended with `error`: its code, or PORT_DISCONNECTED after disconnect(). */
export function endError(type: string, error: unknown): WebextConnectError {
  const code = read(error, 'code');
  if (typeof code !== 'string') return failure(type, 'PORT_DISCONNECTED', 'the port was disconnected.');
  return failure(type, code as FailureCode, 'the port ended.', error);
}

/** The pending-request table of one port that posts with `post`. */
export function createPendingTable(post: Post): PendingTable {
  const entries = new Map<number, Entry>();
  let nextId = 0;

  // Removes the entry and settles it; a request that settled already has no entry, so nothing happens.
  const settle = (id: number, outcome: (entry: Entry) => void) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    outcome(entry);
  };
  const fail = (id: number, code: FailureCode, text: string, cause?: unknown) => settle(id, (entry) => entry.reject(failure(entry.type, code, text, cause)));

  // Posts the entry's message; when the port refuses it, the request fails instead.
  const send = (id: number, entry: Entry, message: object, data: unknown) => {
    try {
      entry.seq = post(message);
    } catch (error) {
      // What the browser cannot carry is the data's fault; anything else is the port's own error.
      const refused = read(error, 'code') === 'UNSENDABLE_MESSAGE';
      settle(id, () => entry.reject(refused ? new UnsendableMessageError(describe(data), error, callOf(entry.type), 'data') : error));
    }
  };

  return {
    get size() {
      return entries.size;
    },

    open(type, data, { timeout, signal, retry }) {
      return new Promise((resolve, reject) => {
        if (signal && signal.aborted) return reject(failure(type, 'ABORTED', 'aborted before it was sent.', read(signal, 'reason')));
        const id = nextId++;
        const message = ask(id, type, data);
        // The timer starts now, queueing included.
        const timer = setTimeout(() => fail(id, 'REQUEST_TIMEOUT', `no reply within ${timeout} ms.`), timeout);
        const onAbort = () => fail(id, 'ABORTED', 'aborted.', read(signal, 'reason'));
        const done = () => {
          clearTimeout(timer);
          if (signal) signal.removeEventListener('abort', onAbort);
        };
        const entry: Entry = {
          type,
          seq: -1,
          message: retry ? message : undefined,
          resolve: (reply) => (done(), resolve(reply)),
          reject: (error) => (done(), reject(error)),
        };
        entries.set(id, entry);
        if (signal) signal.addEventListener('abort', onAbort);
        send(id, entry, message, data);
      });
    },

    answer({ id, data, code, text }) {
      settle(id, (entry) => {
        if (!code) return entry.resolve(data);
        if (code === 'UNSENDABLE_MESSAGE') return entry.reject(new UnsendableMessageError(String(text), undefined, callOf(entry.type), 'reply'));
        entry.reject(failure(entry.type, code, code === 'NO_HANDLER' ? 'the receiver has no handler for this type.' : `the handler failed: ${text}`));
      });
    },

    restarted(acknowledged) {
      for (const [id, entry] of entries) {
        if (entry.seq >= acknowledged) continue;
        if (entry.message) send(id, entry, entry.message, undefined);
        else fail(id, 'BACKGROUND_RESTARTED', 'the background restarted before it answered.');
      }
    },

    end(error) {
      for (const [id, entry] of entries) settle(id, () => entry.reject(endError(entry.type, error)));
    },
  };
}
