// The persistent-port protocol, shared by the sending side (persistent-port.ts) and the receiving
// side (receiver.ts). User messages travel unchanged; only the native port's name and a few control
// messages, objects whose one marker key no user message is expected to use, carry the protocol.

/** Separates the caller's port name from `<session>:<first sequence number>` in the native port name. */
export const MARK = '\u0000wxc:';

/** The key of a control message: `{[KEY]: 'hello' | 'ack' | 'end', n?: next expected sequence number}`. */
export const KEY = '\u0000wxc';

/** A control message's kind and number, or undefined for a user message. */
export function controlOf(message: unknown): { k: string; n: number } | undefined {
  const kind = message && typeof message === 'object' ? (message as Record<string, unknown>)[KEY] : undefined;
  return typeof kind === 'string' ? { k: kind, n: Number((message as { n?: unknown }).n) } : undefined;
}

/** A control message of `kind`. */
export function control(kind: string, n?: number): object {
  return { [KEY]: kind, n };
}
