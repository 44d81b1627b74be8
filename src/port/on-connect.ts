import { detectNamespace } from '../detect/namespace.js';
import { ConnectTypeError, describe, noExtensionApi } from '../errors.js';
import { read } from '../read.js';
import { currentScope } from '../scope.js';
import type { ExtensionEvent, NativePort, Scope } from '../types.js';
// Every port onConnect() hands out passes the persistent-port receiver, so a background delivers
// persistent ports once and in order without importing more than onConnect().
import { receivePort } from './receiver.js';
import type { ConnectedPort } from '../native/port.js';

/** The receiving side's listener: gets the connecting Port, normalized like connect()'s; `M` types its messages. */
export type ConnectListener<M = any> = (port: ConnectedPort<M>) => void;

/** Adds `listener` to `runtime[event]` in `scope`; the testable core of onConnect()/onConnectExternal(). */
export function listenIn(scope: Scope, event: 'onConnect' | 'onConnectExternal', listener: ConnectListener): () => void {
  if (typeof listener !== 'function') throw new ConnectTypeError('listener', 'a function', describe(listener), `runtime.${event}.addListener()`);
  const { api } = detectNamespace(scope);
  const runtime = api && api.runtime;
  const target: ExtensionEvent<(port: NativePort) => void> | undefined = read(runtime, event);
  if (!runtime || !target) throw noExtensionApi(`runtime.${event}`);
  // Every listener of a native port gets the same object; a persistent port's session is handed out
  // once, not again for each native port that resumes it.
  const wrapped = (native: NativePort) => {
    const port = receivePort(native, runtime, scope);
    if (port) listener(port);
  };
  target.addListener(wrapped);
  return () => target.removeListener(wrapped);
}

/** Listens for connections from this extension; returns a function that stops listening. `M` types the messages. */
export function onConnect<M = any>(listener: ConnectListener<M>): () => void {
  return listenIn(currentScope(), 'onConnect', listener);
}

/** Listens for connections from other extensions and web pages; returns a function that stops listening. `M` types the messages. */
export function onConnectExternal<M = any>(listener: ConnectListener<M>): () => void {
  return listenIn(currentScope(), 'onConnectExternal', listener);
}
