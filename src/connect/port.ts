import { read } from '../read.js';
import type { NativePort, NativeRuntime } from '../types.js';

/** connectInfo options connect() may drop because the running browser does not support them. */
export type DroppableOption = 'includeTlsChannelId';

/** The browser's own Port, with `error` set the same way in every browser and what connect() dropped. */
export type ConnectedPort = NativePort & {
  /** After a disconnect caused by an error, that error (the browser's message); otherwise null. */
  error: Error | null;
  /** connectInfo options connect() removed before the native call because this browser does not support them. */
  readonly droppedOptions: readonly DroppableOption[];
};

const NONE: readonly DroppableOption[] = Object.freeze([]);

// The runtime objects whose ports showed an `error` property (true) or lacked one (false), for probeSupport().
const portErrorSeen = new WeakMap<object, boolean>();

/** Whether ports of `runtime` came with their own `error` property; undefined until one was seen. */
export function nativePortHasError(runtime: object): boolean | undefined {
  return portErrorSeen.get(runtime);
}

function define(port: NativePort, key: string, value: unknown, writable: boolean): void {
  try {
    Object.defineProperty(port, key, { value, writable, configurable: true, enumerable: false });
  } catch {
    // A non-extensible port keeps its native shape; nothing else is lost.
  }
}

/**
 * Makes `port.error` behave as in Firefox everywhere: Chromium reports a failed connection only
 * through `runtime.lastError` while `onDisconnect` runs, so a listener registered before any of the
 * caller's copies it into `port.error` (reading it also silences "Unchecked runtime.lastError").
 */
export function normalizePort(port: NativePort, runtime: NativeRuntime, dropped: readonly DroppableOption[] = NONE): ConnectedPort {
  let hasError: boolean | undefined;
  try {
    hasError = 'error' in port;
    portErrorSeen.set(runtime, hasError);
  } catch {
    // a revoked Proxy throws on `in`: keep the port as it is, and learn nothing
  }
  if (hasError === false) {
    define(port, 'error', null, true);
    port.onDisconnect.addListener(() => {
      const lastError = read(runtime, 'lastError');
      if (lastError) port.error = new Error(String(read(lastError, 'message')));
    });
  }
  define(port, 'droppedOptions', dropped, false);
  return port as ConnectedPort;
}
