// The wire format of requests and replies. Both travel as ordinary messages of a persistent port (so
// they are numbered, acknowledged and resent like any other), told apart from the caller's own
// messages by one marker key no user message is expected to use, as protocol.ts does for control
// messages:
//
//   caller → receiver   {[ASK]: id, t: type, d: data}
//   receiver → caller   {[ANSWER]: id, d: reply}   or   {[ANSWER]: id, e: code, m: text}
//
// `id` is the caller's number for the request on its port; `e` is one of REPLY_CODES and `m` says
// more (the handler's error message, or what the reply was that the browser could not carry).

/** The marker key of a request. */
export const ASK = '\u0000wxq';

/** The marker key of a reply. */
export const ANSWER = '\u0000wxr';

/** The codes a receiver may answer with instead of a reply. */
export type ReplyCode = 'NO_HANDLER' | 'HANDLER_FAILED' | 'UNSENDABLE_MESSAGE';

/** A request as read off the wire. */
export interface WireRequest {
  id: number;
  type: string;
  data: unknown;
}

/** A reply as read off the wire: the data, or the code and text of a failure. */
export interface WireReply {
  id: number;
  data?: unknown;
  code?: ReplyCode;
  text?: string;
}

const fields = (message: unknown) => (message && typeof message === 'object' ? (message as Record<string, unknown>) : {});

/** The request `id` asks with. */
export const ask = (id: number, type: string, data: unknown): object => ({ [ASK]: id, t: type, d: data });

/** A reply carrying `data`, or the failure `code` with `text`. */
export const answer = (id: number, data: unknown, code?: ReplyCode, text?: string): object => (code ? { [ANSWER]: id, e: code, m: text } : { [ANSWER]: id, d: data });

/** The request in `message`, or undefined for any other message. */
export function requestOf(message: unknown): WireRequest | undefined {
  const body = fields(message);
  const id = body[ASK];
  return typeof id === 'number' && typeof body.t === 'string' ? { id, type: body.t, data: body.d } : undefined;
}

/** The reply in `message`, or undefined for any other message. */
export function replyOf(message: unknown): WireReply | undefined {
  const body = fields(message);
  const id = body[ANSWER];
  if (typeof id !== 'number') return undefined;
  return typeof body.e === 'string' ? { id, code: body.e as ReplyCode, text: typeof body.m === 'string' ? body.m : '' } : { id, data: body.d };
}
