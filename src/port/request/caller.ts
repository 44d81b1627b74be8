// The caller's side of requests: port.request() on the object persistentPort() returns, built on the
// port's internal extension point (persistent/persistent-port.ts). Requests travel as the port's own
// messages, so the outbox numbers, keeps and resends them; this side adds what only requests need:
// the reply, the timeout, the signal, and what a background restart means for a request it got.
import { currentScope } from '../../scope.js';
import { persistentPortIn, type PersistentPort, type PortInternals } from '../persistent/persistent-port.js';
import type { PersistentPortOptions } from '../persistent/options.js';
import { checkType, resolveRequestOptions } from './check.js';
import { createPendingTable, endError } from './pending.js';
import type { AnyProtocol, RequestPort } from './types.js';
import { replyOf } from './wire.js';

const CALL = 'port.request()';

/** Puts request() on the port of `internals` (persistentPortIn's `extend`). */
export function addRequests(internals: PortInternals): void {
  const { port } = internals;
  const table = createPendingTable(internals.send);
  internals.intercept((message) => {
    const reply = replyOf(message);
    if (!reply) return false;
    // The reply proves the background delivered the request: it must not be sent to a new one.
    const seq = table.answer(reply);
    if (seq !== undefined) internals.delivered(seq);
    return true;
  });
  // A request in flight needs the background: after a loss the port reopens for it, lazy or not.
  internals.awaits(() => table.size > 0);
  internals.onLifetime.addListener(({ acknowledged }) => table.restarted(acknowledged));
  port.onDisconnect.addListener(() => table.end(port.error));
  const request: RequestPort['request'] = (type: unknown, data?: unknown, options?: unknown) => {
    checkType(CALL, type);
    const resolved = resolveRequestOptions(CALL, options);
    if (port.state === 'closed') return Promise.reject(endError(type, port.error));
    return table.open(type, data, resolved) as Promise<any>;
  };
  (port as PersistentPort & RequestPort).request = request;
}

/** A port to the extension that reconnects when the background stops, queues while it is away, ends only for a reason it names, and carries requests that always settle; `M` types its messages, `P` is the protocol map of its requests. */
export function persistentPort<M = any, P = AnyProtocol>(options?: PersistentPortOptions): PersistentPort<M> & RequestPort<P> {
  return persistentPortIn(currentScope(), options, addRequests) as PersistentPort<M> & RequestPort<P>;
}
