// The sending half of a persistent conversation, used the same way by both ends (the content side's
// persistent port and the background's session): sequence numbers, the window of messages not yet
// acknowledged, what the current native port has carried, and resending on a new one.
//
// Exactly once, in order, per background lifetime: a message keeps its sequence number until it is
// acknowledged, and every native port starts again from the oldest one not acknowledged, so the
// other end (an Inbox) drops what it already delivered. A message the browser refuses after it was
// accepted still owns its number: it travels as a `skip`, so the numbers of the others stay true.
import type { ConnectedPort } from '../../native/port.js';
import { read } from '../../read.js';
import { control } from '../protocol.js';

interface Entry {
  seq: number;
  message: unknown;
  /** The browser refused it after it was accepted: sent as a skip. */
  refused?: true;
}

/** Messages accepted and not acknowledged, and what the current native port has carried. */
export interface Outbox {
  /** Whether the other end speaks the protocol: true (it acknowledges), false (a plain receiver: nothing is kept once sent), undefined (not known yet: a skip waits). */
  peer: boolean | undefined;
  /** Messages accepted and not yet acknowledged, sent or not. */
  readonly size: number;
  /** Of those, the ones the current native port has not carried. */
  readonly waiting: number;
  /** The sequence number of the oldest message not acknowledged (the next one's when none). */
  readonly first: number;
  /** Accepts `message` and returns its sequence number; flush() sends it. */
  push(message: unknown): number;
  /** Sends on `port` what it has not carried; returns the coded error that stopped it, if any (see flush's comment). `own`: the caller is postMessage() sending the newest message. */
  flush(port: ConnectedPort, refused: (error: unknown, seq: number) => void, own?: boolean): unknown;
  /** The other end delivered every message numbered below `next`: they leave memory. */
  acknowledge(next: number): void;
  /** A new native port: it has carried nothing yet. */
  rewind(): void;
  /** Forgets what the current native port carried (a plain receiver got it, or it is lost). */
  dropSent(): void;
  /** Drops everything (the conversation ended). */
  clear(): void;
}

/** A new, empty Outbox. */
export function createOutbox(): Outbox {
  let entries: Entry[] = [];
  let sent = 0;
  let next = 0;
  const outbox: Outbox = {
    peer: undefined,
    get size() {
      return entries.length;
    },
    get waiting() {
      return entries.length - sent;
    },
    get first() {
      return entries.length ? entries[0]!.seq : next;
    },
    push(message) {
      entries.push({ seq: next, message });
      return next++;
    },
    // A refusal of the message postMessage() is sending (`own`, the newest) takes it back (no number
    // consumed) and returns the error for postMessage() to throw; a refusal of one that waited for a
    // port turns it into a skip and reports it through `refused`. PORT_DISCONNECTED,
    // CONTEXT_INVALIDATED and anything else are returned, with the message still waiting.
    flush(port, refused, own) {
      while (sent < entries.length) {
        const entry = entries[sent]!;
        if (entry.refused && !outbox.peer) {
          // Only a receiver that counts needs the skip; one not known yet may still turn out to count.
          if (outbox.peer === undefined) return;
          entries.splice(sent, 1);
          continue;
        }
        try {
          port.postMessage(entry.refused ? control('skip') : entry.message);
        } catch (error) {
          if (read(error, 'code') !== 'UNSENDABLE_MESSAGE' || entry.refused) return error;
          if (own && sent === entries.length - 1) {
            entries.pop();
            next--;
            return error;
          }
          entry.refused = true;
          entry.message = undefined;
          refused(error, entry.seq);
          continue;
        }
        if (outbox.peer === false) entries.splice(sent, 1);
        else sent++;
      }
    },
    acknowledge(upTo) {
      let done = 0;
      while (done < entries.length && entries[done]!.seq < upTo) done++;
      entries.splice(0, done);
      sent = Math.max(0, sent - done);
    },
    rewind() {
      sent = 0;
    },
    dropSent() {
      entries.splice(0, sent);
      sent = 0;
    },
    clear() {
      entries = [];
      sent = 0;
    },
  };
  return outbox;
}
