import { detectNamespace } from '../detect/namespace.js';
import { describe, noExtensionApi, typeMessage } from '../errors.js';
import { read } from '../read.js';
import { currentScope } from '../scope.js';
import type { ExtensionEvent, NativePort, Scope } from '../types.js';
import { normalizePort, type ConnectedPort } from './port.js';

/** The receiving side's listener: gets the connecting Port, normalized like connect()'s. */
export type ConnectListener = (port: ConnectedPort) => void;

/** Adds `listener` to `runtime[event]` in `scope`; the testable core of onConnect()/onConnectExternal(). */
export function listenIn(scope: Scope, event: 'onConnect' | 'onConnectExternal', listener: ConnectListener): () => void {
  if (typeof listener !== 'function') throw new TypeError(typeMessage(`runtime.${event}.addListener()`, 'listener', 'a function', describe(listener)));
  const { api } = detectNamespace(scope);
  const runtime = api && api.runtime;
  const target: ExtensionEvent<(port: NativePort) => void> | undefined = read(runtime, event);
  if (!runtime || !target) throw noExtensionApi(`runtime.${event}`);
  const wrapped = (port: NativePort) => listener(normalizePort(port, runtime));
  target.addListener(wrapped);
  return () => target.removeListener(wrapped);
}

/** Listens for connections from this extension; returns a function that stops listening. */
export function onConnect(listener: ConnectListener): () => void {
  return listenIn(currentScope(), 'onConnect', listener);
}

/** Listens for connections from other extensions and web pages; returns a function that stops listening. */
export function onConnectExternal(listener: ConnectListener): () => void {
  return listenIn(currentScope(), 'onConnectExternal', listener);
}
