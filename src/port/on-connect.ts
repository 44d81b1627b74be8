import { detectNamespace } from '../detect/namespace.js';
import { describe, noExtensionApi, typeMessage } from '../errors.js';
import { read } from '../read.js';
import { currentScope } from '../scope.js';
import type { ExtensionEvent, NativePort, PortLike, Scope } from '../types.js';
// Every port onConnect() hands out passes the persistent-port receiver, so a background delivers
// persistent ports once and in order without importing more than onConnect().
import { receivePort } from './receiver.js';
import type { ConnectedPort } from '../native/port.js';

/** The receiving side's listener: gets the connecting Port, normalized like connect()'s; `M` types its messages. */
export type ConnectListener<M = any> = (port: ConnectedPort<M>) => void;

/** Adds `listener` to `runtime[event]` in `scope`; the testable core of onConnect()/onConnectExternal(). */
export function listenIn<P extends PortLike = ConnectedPort>(scope: Scope, event: 'onConnect' | 'onConnectExternal', listener: (port: P) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError(typeMessage(`runtime.${event}.addListener()`, 'listener', 'a function', describe(listener)));
  const { api } = detectNamespace(scope);
  const runtime = api && api.runtime;
  const target: ExtensionEvent<(port: NativePort) => void> | undefined = read(runtime, event);
  if (!runtime || !target) throw noExtensionApi(`runtime.${event}`);
  // P is the caller's name for the browser's own Port (see connect()); the object is that Port. A
  // cast in place, not an alias: an alias would cost bytes in every bundle that imports onConnect.
  // Every listener of a native port gets the same object; a persistent port's session is handed out
  // once, not again for each native port that resumes it.
  const wrapped = (native: NativePort) => {
    const port = receivePort(native, runtime, scope);
    if (port) (listener as (port: PortLike) => void)(port);
  };
  target.addListener(wrapped);
  return () => target.removeListener(wrapped);
}

// P, inferred from the listener's parameter (chrome.runtime.Port, say), as for connect().
/** Listens for connections from this extension; returns a function that stops listening. `M` types the messages. */
export function onConnect<M = any, P extends PortLike = ConnectedPort<M>>(listener: (port: P) => void): () => void {
  return listenIn(currentScope(), 'onConnect', listener);
}

/** Listens for connections from other extensions and web pages; returns a function that stops listening. `M` types the messages. */
export function onConnectExternal<M = any, P extends PortLike = ConnectedPort<M>>(listener: (port: P) => void): () => void {
  return listenIn(currentScope(), 'onConnectExternal', listener);
}
