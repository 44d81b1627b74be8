// The persistent-port wire protocol, shared by the sending side (persistent/persistent-port.ts) and
// the receiving side (receiver.ts). User messages travel unchanged and are numbered by their place
// on a native port: the k-th user message on a port carries sequence number `first + k`, where
// `first` is named when the port opens (in the native port's name one way, in the hello the other
// way). Everything else is a control message: an object whose one marker key no user message is
// expected to use.
//
//   native port name   <caller's name> MARK <session> ':' <first> ':' <next expected from the receiver>
//   receiver → sender  hello {n: next expected from the sender, f: first of the receiver's messages on
//                      this port, l: id of the background lifetime, r: 1 when the session is new to it}
//   either way         ack {n: next expected}   skip {}: the next sequence number carries no message
//                      (the browser refused it after it was accepted)   end {}: the conversation is over

/** Separates the caller's port name from `<session>:<first>:<next>` in the native port name. */
export const MARK = '\u0000wxc:';

/** The key of a control message: its value is the kind. */
export const KEY = '\u0000wxc';

/** The kinds of control message. */
export type ControlKind = 'hello' | 'ack' | 'skip' | 'end';

/** A control message's fields, as the other end of this library wrote them (each kind uses some). */
export interface Control {
  n: number;
  f: number;
  l: string;
  r: 0 | 1;
}

/** The kind of a control message, or undefined for a user message. */
export function kindOf(message: unknown): ControlKind | undefined {
  const kind = message && typeof message === 'object' ? (message as Record<string, unknown>)[KEY] : undefined;
  return typeof kind === 'string' ? (kind as ControlKind) : undefined;
}

/** A control message of `kind` with its fields. */
export function control(kind: ControlKind, fields?: Partial<Control>): object {
  return { [KEY]: kind, ...fields };
}

/** The native port name that opens (or resumes) `session`. */
export function wireName(name: string, session: string, first: number, next: number): string {
  return `${name}${MARK}${session}:${first}:${next}`;
}

/** What a native port name says: undefined for a port that is not a persistent port's. */
export function parseName(wire: string): { name: string; session: string; first: number; next: number } | undefined {
  const at = wire.indexOf(MARK);
  if (at < 0) return undefined;
  const [session = '', first, next] = wire.slice(at + MARK.length).split(':');
  return { name: wire.slice(0, at), session, first: Number(first) || 0, next: Number(next) || 0 };
}
