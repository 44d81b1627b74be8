// Small helpers the scenarios and responders share; bundled for the browser, so no Node APIs.
import type { Json, Lib } from './scenarios.js';

/** What a responder sends back for each message (see responders.ts). */
export interface Reply {
  echo: Json;
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
