// Small helpers the scenarios and responders share; bundled for the browser, so no Node APIs.
import type { Ctx, Json, Lib } from './scenarios.js';

export const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
/** Chromium 156's lastError for a port between an extension that asked for structured clone and one that did not. */
export const SERIALIZATION_MISMATCH = 'Could not establish connection. Receiving end uses different message serialization format.';
/** Only a world's main extension asks for structured clone: in Chromium, its ports to the other extension fail. */
export const mixedSerialization = (ctx: Ctx) => ctx.browser === 'chromium' && ctx.serialization === 'structured_clone';

/** What a responder sends back for each message (see responders.ts). */
export interface Reply {
  echo: Json;
  /** What the responder received, described by shape() before anything is sent back. */
  shape: Json;
  name: string;
  via: 'onConnect' | 'onConnectExternal';
  /** The responding extension's id, from detect(). */
  by: string | null;
  senderId: string | null;
  hasTab: boolean;
  tlsChannelId: string | null;
}

type AnyPort = ReturnType<Lib['connect']>;

/** Posts `message` and resolves with the first reply, or with what the disconnect said; disconnects after a reply. */
export function ask(port: AnyPort, message: Json): Promise<Json> {
  return new Promise((resolve) => {
    port.onMessage.addListener((reply: Json) => {
      resolve(reply);
      port.disconnect();
    });
    port.onDisconnect.addListener(() => resolve({ disconnected: true, error: port.error ? String(port.error.message) : null }));
    port.postMessage(message);
  });
}

/** Resolves once onDisconnect fires (listener added now, after connect() returned) with what it saw of port.error. */
export function settleDisconnect(port: AnyPort): Promise<{ [key: string]: Json }> {
  return new Promise((resolve) => {
    port.onDisconnect.addListener((p) => {
      const error = (p as AnyPort).error;
      setTimeout(() =>
        resolve({
          message: error ? String(error.message) : null,
          code: error && typeof error.code === 'string' ? error.code : null,
          isError: error instanceof Error,
          tag: Object.prototype.toString.call(error),
          samePort: p === port,
          // Still there once the listeners have run.
          still: port.error ? String(port.error.message) : null,
        }),
      );
    });
  });
}

/** A thrown value as JSON: its name, message, code, and which of the library's classes it is. */
export function describeError(error: unknown, lib: Lib): { [key: string]: Json } {
  const e = error as { name?: unknown; message?: unknown; code?: unknown } | null;
  return {
    name: e && typeof e.name === 'string' ? e.name : String(e),
    message: e && typeof e.message === 'string' ? e.message : null,
    code: e && typeof e.code === 'string' ? e.code : null,
    isTypeError: error instanceof TypeError,
    isConnectTypeError: error instanceof lib.ConnectTypeError,
    isWebextConnectError: error instanceof lib.WebextConnectError,
  };
}

/** What fn threw, as JSON, or 'did not throw'. */
export function attempt(lib: Lib, fn: () => unknown): Json {
  try {
    fn();
  } catch (error) {
    return describeError(error, lib);
  }
  return 'did not throw';
}

// shape()'s marks, so the report can carry what JSON cannot: '<undefined>', '<NaN>', '<Infinity>',
// '<-Infinity>', '<-0>', '<bigint 10>', '<function>', '<symbol>', '<hole>' in arrays, '<cycle>' for an
// object met again inside itself, and { '<Tag>': contents } for objects other than plain objects and
// arrays (a Date's time, a Map's entries, a Set's values, a RegExp's text, an ArrayBuffer's byte
// length, an Error's name and message, a typed array's items, a boxed value's primitive).
/** What a port delivered, as JSON: plain data as itself, everything else marked (see above). */
export function shape(value: unknown, open: readonly object[] = []): Json {
  if (value === undefined) return '<undefined>';
  if (typeof value === 'number') return Object.is(value, -0) ? '<-0>' : Number.isFinite(value) ? value : `<${value}>`;
  if (typeof value === 'bigint') return `<bigint ${value}>`;
  if (typeof value === 'function' || typeof value === 'symbol') return `<${typeof value}>`;
  if (value === null || typeof value !== 'object') return value as Json;
  if (open.includes(value)) return '<cycle>';
  const inner = [...open, value];
  const of = (v: unknown) => shape(v, inner);
  const any = value as any;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => (i in value ? of(value[i]) : '<hole>'));
  if (tag === 'Object') return Object.fromEntries(Object.keys(value).map((key) => [key, of(any[key])]));
  const contents: Record<string, () => Json> = {
    Date: () => of(any.getTime()),
    Map: () => Array.from(any as Map<unknown, unknown>, ([k, v]) => [of(k), of(v)]),
    Set: () => Array.from(any as Set<unknown>, of),
    RegExp: () => String(value),
    ArrayBuffer: () => any.byteLength,
    Error: () => ({ name: of(any.name), message: of(any.message) }),
    String: () => of(any.valueOf()),
    Number: () => of(any.valueOf()),
    Boolean: () => of(any.valueOf()),
  };
  const describe = contents[tag] ?? (ArrayBuffer.isView(value) ? () => Array.from(any as ArrayLike<unknown>, of) : () => shape({ ...any }, inner));
  return { [`<${tag}>`]: describe() };
}

/** Posts `value` (any value, sendable or not): resolves with what postMessage threw, or the first reply; disconnects either way. */
export function deliver(port: AnyPort, value: unknown, lib: Lib): Promise<{ thrown: Json; reply: Json }> {
  return new Promise((resolve) => {
    port.onMessage.addListener((reply: Json) => {
      resolve({ thrown: null, reply });
      port.disconnect();
    });
    port.onDisconnect.addListener(() => resolve({ thrown: null, reply: { disconnected: true, error: port.error ? String(port.error.message) : null } }));
    try {
      port.postMessage(value as Json);
    } catch (error) {
      resolve({ thrown: describeError(error, lib), reply: null });
      port.disconnect();
    }
  });
}
