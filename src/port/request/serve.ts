// The receiving side of requests: answers each request of a session with its handler's reply, or
// with the code of why there is none. A reply travels on the session's port, so it reaches the
// caller once and in order while this background lives.
import { describe, messageOf } from '../../errors.js';
import { read } from '../../read.js';
import type { RequestContext, RequestHandler } from './types.js';
import { answer, requestOf } from './wire.js';

/** The port a session's requests come on and its replies go out on. */
export interface ServedPort {
  readonly name: string;
  readonly sender?: unknown;
  postMessage(message: unknown): void;
}

// Posts a reply; a reply the browser refuses becomes the caller's UNSENDABLE_MESSAGE, and a port
// that is gone takes nothing (the caller learns from its own side what happened).
function reply(port: ServedPort, id: number, data: unknown, code?: 'NO_HANDLER' | 'HANDLER_FAILED', text?: string): void {
  try {
    port.postMessage(answer(id, data, code, text));
  } catch (error) {
    if (read(error, 'code') !== 'UNSENDABLE_MESSAGE') return;
    try {
      port.postMessage(answer(id, undefined, 'UNSENDABLE_MESSAGE', describe(data)));
    } catch {
      // gone
    }
  }
}

/** If `message` is a request, answers it with the handler `handlers` has for its type and returns true (the message is consumed); otherwise false. */
export function serve(message: unknown, port: ServedPort, handlers: ReadonlyMap<string, RequestHandler>): boolean {
  const request = requestOf(message);
  if (!request) return false;
  const { id, type, data } = request;
  const handler = handlers.get(type);
  if (!handler) {
    reply(port, id, undefined, 'NO_HANDLER');
    return true;
  }
  const context: RequestContext = { sender: port.sender, name: port.name };
  // The handler's error crosses as its message alone: no stack, nothing the caller could not clone.
  new Promise((resolve) => resolve(handler(data, context))).then(
    (value) => reply(port, id, value),
    (error) => reply(port, id, undefined, 'HANDLER_FAILED', typeof error === 'string' ? error : messageOf(error)),
  );
  return true;
}
