/** Stable codes of the errors webext-connect throws. */
export type ErrorCode = 'INVALID_ARGUMENT' | 'NO_EXTENSION_API' | 'CONTEXT_INVALIDATED';

const PREFIX = 'webext-connect: ';

/** A bad argument to connect(): a TypeError naming the call, the parameter, what was expected and what was received. */
export class ConnectTypeError extends TypeError {
  /** Always 'INVALID_ARGUMENT'. */
  readonly code = 'INVALID_ARGUMENT' as const;
  /** What was wrong: 'arguments', 'extensionId', 'connectInfo' or 'connectInfo.<property>'. */
  readonly parameter: string;
  constructor(parameter: string, expected: string, received: string) {
    super(`${PREFIX}runtime.connect(): ${parameter} expected ${expected}, received ${received}.`);
    this.name = 'TypeError';
    this.parameter = parameter;
  }
}

/** The environment cannot connect: no extension API here, or the extension context is gone. */
export class WebextConnectError extends Error {
  /** 'NO_EXTENSION_API' or 'CONTEXT_INVALIDATED'. */
  readonly code: Exclude<ErrorCode, 'INVALID_ARGUMENT'>;
  constructor(code: Exclude<ErrorCode, 'INVALID_ARGUMENT'>, message: string, cause?: unknown) {
    super(PREFIX + message);
    this.name = 'WebextConnectError';
    this.code = code;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** The NO_EXTENSION_API error for `call` (e.g. 'runtime.connect'). */
export function noExtensionApi(call: string): WebextConnectError {
  return new WebextConnectError('NO_EXTENSION_API', `${call} is not available here: use it in an extension's scripts or pages, or in a web page its externally_connectable lists.`);
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
