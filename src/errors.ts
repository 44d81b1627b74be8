import { read } from './read.js';

/** Stable codes of the errors webext-connect throws. */
export type ErrorCode = 'INVALID_ARGUMENT' | 'UNSENDABLE_MESSAGE' | 'NO_EXTENSION_API' | 'CONTEXT_INVALIDATED' | 'PORT_DISCONNECTED' | 'ENDED_BY_OTHER_SIDE' | 'RECONNECT_FAILED' | 'QUEUE_OVERFLOW' | 'NO_RECEIVER' | 'UNSUPPORTED_OPTION'
  | 'REQUEST_TIMEOUT' | 'NO_HANDLER' | 'HANDLER_FAILED' | 'ABORTED' | 'BACKGROUND_RESTARTED';

const PREFIX = 'webext-connect: ';

/** "webext-connect: <call>: <parameter> expected <what>, received <what>.": the one TypeError format. */
export const typeMessage = (call: string, parameter: string, expected: string, received: string) => `${PREFIX}${call}: ${parameter} expected ${expected}, received ${received}.`;

/** A bad argument to connect(), onConnect() or persistentPort(): a TypeError naming the call, the parameter, what was expected and what was received. */
export class ConnectTypeError extends TypeError {
  /** Always 'INVALID_ARGUMENT'. */
  readonly code = 'INVALID_ARGUMENT' as const;
  /** What was wrong: 'arguments', 'extensionId', 'connectInfo' or 'connectInfo.<property>' (onConnect(): 'listener'; persistentPort(): 'options' or 'options.<option>'). */
  readonly parameter: string;
  constructor(parameter: string, expected: string, received: string, call = 'runtime.connect()') {
    // name is TypeError's own, inherited: a subclass of TypeError is reported as one.
    super(typeMessage(call, parameter, expected, received));
    this.parameter = parameter;
  }
}

/** A message the browser refused to send (or no message at all), in the same TypeError format; the native error is its `cause`. */
export class UnsendableMessageError extends TypeError {
  /** Always 'UNSENDABLE_MESSAGE'. */
  readonly code = 'UNSENDABLE_MESSAGE' as const;
  constructor(received: string, cause?: unknown, call = 'port.postMessage()', parameter = 'message') {
    super(typeMessage(call, parameter, 'a value this browser can serialize', received));
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** The environment or the port cannot do what was asked: no extension API here, the extension context is gone, or the port is disconnected. */
export class WebextConnectError extends Error {
  /** 'NO_EXTENSION_API', 'CONTEXT_INVALIDATED', 'PORT_DISCONNECTED', 'UNSUPPORTED_OPTION', or why a persistent port ended: 'ENDED_BY_OTHER_SIDE', 'RECONNECT_FAILED', 'QUEUE_OVERFLOW', or why a request failed: 'REQUEST_TIMEOUT', 'NO_HANDLER', 'HANDLER_FAILED', 'ABORTED', 'BACKGROUND_RESTARTED'. */
  readonly code: Exclude<ErrorCode, 'INVALID_ARGUMENT' | 'UNSENDABLE_MESSAGE'>;
  constructor(code: Exclude<ErrorCode, 'INVALID_ARGUMENT' | 'UNSENDABLE_MESSAGE'>, message: string, cause?: unknown) {
    super(PREFIX + message);
    this.name = 'WebextConnectError';
    this.code = code;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

// The argument and message errors stay TypeErrors (name 'TypeError', as Node's ERR_* errors keep
// the standard name), so they cannot share a base class with WebextConnectError: this guard is the
// one way to tell the library's errors from others.
/** True for an error webext-connect threw or rejected with, whose `code` then says which; false for the browser's own errors and anything else. */
export function isWebextConnectError(error: unknown): error is ConnectTypeError | UnsendableMessageError | WebextConnectError {
  return error instanceof WebextConnectError || error instanceof ConnectTypeError || error instanceof UnsendableMessageError;
}

/** The NO_EXTENSION_API error for `call` (e.g. 'runtime.connect'). */
export function noExtensionApi(call: string): WebextConnectError {
  return new WebextConnectError('NO_EXTENSION_API', `${call} is not available here: use it in an extension's scripts or pages, or in a web page its externally_connectable lists.`);
}

/** The message of a thrown value, or '' when it has none that is a string (never throws). */
export function messageOf(error: unknown): string {
  const message = read(error, 'message');
  return typeof message === 'string' ? message : '';
}

/** CONTEXT_INVALIDATED when `error` says "Extension context invalidated." (the extension was reloaded, updated or disabled); otherwise undefined. */
export function contextInvalidated(error: unknown, message = messageOf(error)): WebextConnectError | undefined {
  if (/context invalidated/i.test(message)) return new WebextConnectError('CONTEXT_INVALIDATED', 'the extension was reloaded, updated or disabled: reload the page.', error);
}

/** Describes any value for an error message without running the caller's code (no toString, no getters). */
export function describe(value: unknown): string {
  const type = typeof value;
  if (type === 'string') {
    const text = value as string;
    return text.length > 40 ? `a string of length ${text.length}` : `the string ${JSON.stringify(text)}`;
  }
  if (value === null || value === undefined) return String(value);
  if (type === 'object') {
    try {
      return Array.isArray(value) ? 'an array' : 'an object';
    } catch {
      return 'an object'; // a revoked Proxy
    }
  }
  return type === 'symbol' || type === 'function' ? 'a ' + type : `${type} ${String(value)}`;
}
