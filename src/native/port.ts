import { contextInvalidated, describe, messageOf, UnsendableMessageError, WebextConnectError } from '../errors.js';
import { read } from '../read.js';
import type { NativePort, NativePortEvent, NativeRuntime } from '../types.js';

/** connectInfo options connect() may drop because the running browser does not support them. */
export type DroppableOption = 'includeTlsChannelId';

/** Who opened a port, on a port a listener received, as the browsers set it (fields vary by browser and version: see the compat table). */
export interface MessageSender {
  /** The sending extension's id. */
  readonly id?: string;
  /** The sending page's or frame's URL. */
  readonly url?: string;
  /** The sending page's origin. */
  readonly origin?: string;
  /** The browser's tabs.Tab of the sending tab, typed by whichever WebExtensions types you use. */
  readonly tab?: any;
  readonly frameId?: number;
  readonly documentId?: string;
  readonly documentLifecycle?: 'prerender' | 'active' | 'cached' | 'pending_deletion';
  readonly tlsChannelId?: string;
}

/** The browser's own Port, with `error` set the same way in every browser, postMessage's errors made the same, and what connect() dropped; `M` types its messages. */
export interface ConnectedPort<M = any> {
  readonly name: string;
  /** On a port an onConnect listener received, who opened it; absent on the connecting side. */
  readonly sender?: MessageSender;
  /** After a disconnect caused by an error, that error (the browser's message; `code` 'NO_RECEIVER' when nothing was listening); otherwise null. */
  error: PortError | null;
  /** connectInfo options connect() removed before the native call because this browser does not support them. */
  readonly droppedOptions: readonly DroppableOption[];
  postMessage(message: M): void;
  disconnect(): void;
  /** `info` is given on a persistent port's messages as onConnect() hands them out, undefined on others. */
  readonly onMessage: NativePortEvent<(message: M, port: ConnectedPort<M>, info?: MessageInfo) => void>;
  readonly onDisconnect: NativePortEvent<(port: ConnectedPort<M>) => void>;
}

/** What the background's listener learns of a message from a persistent port. */
export interface MessageInfo {
  /** The same for every delivery of this message, across background restarts: a background that must not act twice on one message records the ids it handled. */
  readonly id: string;
}

/** The error that ended a port: the browser's own message, and `code` 'NO_RECEIVER' when nothing was listening at the other end. */
export type PortError = Error & { readonly code?: 'NO_RECEIVER' };

// "Nobody is listening" (no listener, no content script in that tab or frame, a closed tab), as
// Chromium and Firefox say it and as Safari does.
const NO_RECEIVER_TEXT = /Receiving end does not exist|No runtime\.onConnect listeners/;

function define(target: object, key: string, value: unknown, writable: boolean): void {
  try {
    Object.defineProperty(target, key, { value, writable, configurable: true, enumerable: false });
  } catch {
    // A non-extensible port (or error) keeps its native shape; nothing else is lost.
  }
}

// What a native postMessage threw, in the library's terms: the texts differ by browser
// ("Attempting to use a disconnected port object" in Chromium, "Attempt to postMessage on
// disconnected port" in Firefox); anything else it throws is a message it cannot serialize
// (Chromium's "Could not serialize message." and 64 MiB limit, Firefox's DataCloneError).
function translatePost(error: unknown, message: unknown): unknown {
  const text = messageOf(error);
  if (/disconnected/.test(text)) return new WebextConnectError('PORT_DISCONNECTED', 'port.postMessage(): the port is disconnected.', error);
  return contextInvalidated(error, text) || new UnsendableMessageError(describe(message), error);
}

/**
 * Makes the native port behave the same in every browser, keeping it the browser's own object:
 * `port.error` as in Firefox (Chromium reports a failed connection only through `runtime.lastError`
 * while `onDisconnect` runs, so a listener registered before any of the caller's copies it; reading
 * it also silences "Unchecked runtime.lastError"), `code` 'NO_RECEIVER' on that error when nothing
 * was listening, a string `name` (Firefox gives null for an unnamed tabs.connect), and an own
 * `postMessage` that calls the native one and only translates what it throws.
 */
export function normalizePort(port: NativePort, runtime: NativeRuntime, dropped: DroppableOption[] = []): ConnectedPort {
  let hasError: boolean | undefined;
  try {
    hasError = 'error' in port;
  } catch {
    // a revoked Proxy throws on `in`: keep the port as it is, and learn nothing
  }
  if (hasError === false) define(port, 'error', null, true);
  if (hasError !== undefined) {
    port.onDisconnect.addListener(() => {
      const lastError = !hasError && read(runtime, 'lastError');
      if (lastError) define(port, 'error', new Error(String(read(lastError, 'message'))), true);
      const error = read(port, 'error');
      if (NO_RECEIVER_TEXT.test(messageOf(error))) define(error, 'code', 'NO_RECEIVER', false);
    });
  }
  if (read(port, 'name') == null) define(port, 'name', '', false);
  const post = read(port, 'postMessage');
  if (typeof post === 'function') {
    define(
      port,
      'postMessage',
      // Chromium refuses a call without a message and Firefox sends undefined: refused everywhere.
      function postMessage(message: unknown) {
        if (!arguments.length) throw new UnsendableMessageError('no argument');
        try {
          post.call(port, message);
        } catch (error) {
          throw translatePost(error, message);
        }
      },
      true,
    );
  }
  define(port, 'droppedOptions', Object.freeze(dropped), false);
  return port as ConnectedPort;
}
