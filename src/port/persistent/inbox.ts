// The receiving half of a persistent conversation, used by both ends: which sequence number the
// next message on the current native port carries, which ones were delivered already (dropped as
// repeats), and when to acknowledge.

/** Acknowledge after this many deliveries... */
export const ACK_EVERY = 16;
/** ...or this many milliseconds after the first unacknowledged one, whichever comes first. */
export const ACK_MS = 20;

/** Sequence counting, repeat dropping and acknowledgement for one direction of a conversation. */
export interface Inbox {
  /** The next sequence number to deliver: everything below it was delivered. */
  next: number;
  /** The next message on a new native port carries `seq`. */
  start(seq: number): void;
  /** Counts one message (or skip) off the port: true when it is new and must be delivered. */
  take(): boolean;
  /** Called after a delivery: acknowledges every ACK_EVERY deliveries or ACK_MS after the first one not acknowledged. */
  delivered(): void;
  /** Acknowledges now what was delivered and not acknowledged yet, if anything. */
  flush(): void;
  /** Stops the acknowledgement timer. */
  stop(): void;
}

/** A new Inbox; `ack(next)` sends the acknowledgement (and must not throw). */
export function createInbox(ack: (next: number) => void): Inbox {
  let seq = 0;
  let owed = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    owed = 0;
    ack(inbox.next);
  };
  const inbox: Inbox = {
    next: 0,
    start(first) {
      seq = first;
    },
    take() {
      if (seq++ < inbox.next) return false;
      inbox.next = seq;
      return true;
    },
    // A count, not only a timer: a busy receiver runs timers late (Chromium's worker starved its
    // per-task acknowledgements under a stream), and every message delivered but not acknowledged
    // when a background stops is delivered again to the next one.
    delivered() {
      if (++owed >= ACK_EVERY) send();
      else timer ??= setTimeout(send, ACK_MS);
    },
    flush() {
      if (owed) send();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      owed = 0;
    },
  };
  return inbox;
}
