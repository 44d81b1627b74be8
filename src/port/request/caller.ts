// The caller's side of requests: port.request() on the object persistentPort() returns, built on the
// port's internal extension point (persistent/persistent-port.ts). Requests travel as the port's own
// messages, so the outbox numbers, keeps and resends them; this side adds what only requests need:
// the reply, the timeout, the signal, and what a background restart means for a request it got.
import { currentScope } from '../../scope.js';
import type { PortLike } from '../../types.js';
import { persistentPortIn, type PersistentPort, type PortInternals } from '../persistent/persistent-port.js';
import type { PersistentPortOptions } from '../persistent/options.js';
import { checkType, resolveRequestOptions } from './check.js';
import { createPendingTable, endError } from './pending.js';
import type { RequestPort } from './types.js';
import { replyOf } from './wire.js';

const CALL = 'port.request()';

/** Puts request() on the port of `internals` (persistentPortIn's `extend`). */
export function addRequests(internals: PortInternals): void {
  const { port } = internals;
  const table = createPendingTable(internals.send);
  internals.intercept((message) => {
    const reply = replyOf(message);
    if (reply) table.answer(reply);
    return !!reply;
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

// As persistent/persistent-port.ts's persistentPort(), with request() on the port: P, inferred from
// where the port goes (`const port: PersistentPort & RequestPort<Protocol> = persistentPort()`), types it.
/** A port to the extension that reconnects when the background stops, queues while it is away, ends only for a reason it names, and carries requests that always settle; `M` types its messages. */
export function persistentPort<M = any, P extends PortLike = PersistentPort<M> & RequestPort>(options?: PersistentPortOptions): P;
// Never chosen by a call (the one above accepts the same arguments): ReturnType<typeof persistentPort> reads it.
/** persistentPort(options): the overload type queries see. */
export function persistentPort(options?: PersistentPortOptions): PersistentPort & RequestPort;
export function persistentPort(options?: PersistentPortOptions): PortLike {
  return persistentPortIn(currentScope(), options, addRequests);
}
