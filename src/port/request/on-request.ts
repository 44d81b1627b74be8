// The receiving side's registry of request handlers: one per type, per extension context. The first
// handler registered in a context starts listening for this extension's persistent ports (through
// onConnect()'s own path, so a background that also uses onConnect() shares each session with it)
// and sees each delivered message of every session before the session's onMessage listeners.
import { ConnectTypeError, describe } from '../../errors.js';
import { currentScope } from '../../scope.js';
import type { Scope } from '../../types.js';
import { listenIn } from '../on-connect.js';
import { sessionOf } from '../receiver.js';
import { checkArgument, checkType } from './check.js';
import { serve } from './serve.js';
import type { AnyProtocol, RequestHandler, RequestType } from './types.js';

const CALL = 'onRequest()';

// Per scope, the handlers by type; the listener that serves them is added with the first.
const registries = new WeakMap<Scope, Map<string, RequestHandler>>();

/** onRequest() in `scope`: the testable core of {@link onRequest}. */
export function onRequestIn(scope: Scope, type: unknown, handler: unknown): () => void {
  checkType(CALL, type);
  checkArgument(CALL, 'handler', 'a function', (value) => typeof value === 'function', handler);
  let handlers = registries.get(scope);
  if (!handlers) {
    const created = new Map<string, RequestHandler>();
    // Throws NO_EXTENSION_API where there is no runtime.onConnect, before anything is registered.
    listenIn(scope, 'onConnect', (port) => sessionOf(port)?.intercept((message) => serve(message, port, created)));
    registries.set(scope, (handlers = created));
  }
  if (handlers.has(type)) throw new ConnectTypeError('type', 'a type with no handler yet', describe(type), CALL);
  handlers.set(type, handler as RequestHandler);
  const registered = handlers;
  return () => {
    if (registered.get(type) === handler) registered.delete(type);
  };
}

// P, the protocol map, and K, the type: `onRequest<Protocol, 'add'>('add', …)`, or once per file
// `const on: OnRequest<Protocol> = onRequest;` and then `on('add', …)` with K inferred.
/** Answers requests of `type` from this extension's persistent ports with `handler`'s reply; returns a function that removes the handler. Register at the top level of the background. */
export function onRequest<P = AnyProtocol, K extends RequestType<P> = RequestType<P>>(type: K, handler: RequestHandler<P, K>): () => void {
  return onRequestIn(currentScope(), type, handler);
}
