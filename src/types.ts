// The slice of the WebExtensions API that webext-connect touches, typed without @types/chrome so
// the library has no type dependency.

/** An extension event such as `port.onMessage` or `runtime.onConnect`. */
export interface ExtensionEvent<L extends (...args: any[]) => unknown> {
  addListener(listener: L): void;
  removeListener(listener: L): void;
  hasListener?(listener: L): boolean;
}

/** The browser's own `runtime.Port`. */
export interface NativePort {
  readonly name: string;
  readonly sender?: unknown;
  error?: Error | null;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: ExtensionEvent<(message: any, port: NativePort) => void>;
  readonly onDisconnect: ExtensionEvent<(port: NativePort) => void>;
}

/** The `runtime` namespace, as far as connect() needs it. */
export interface NativeRuntime {
  readonly id?: string;
  readonly lastError?: { message?: string } | null;
  connect(...args: unknown[]): NativePort;
  readonly onConnect?: ExtensionEvent<(port: NativePort) => void>;
  readonly onConnectExternal?: ExtensionEvent<(port: NativePort) => void>;
  getManifest?(): { manifest_version?: number };
  getBrowserInfo?(): unknown;
}

/** Any `runtime.Port` type (the library's, @types/chrome's, webextension-polyfill's, @types/firefox-webext-browser's): what a caller may name as a port's type. */
export interface PortLike {
  readonly name: string;
  postMessage(message: any): void;
  disconnect(): void;
  readonly onMessage: PortLikeEvent<(message: any, port: any) => void>;
  readonly onDisconnect: PortLikeEvent<(port: any) => void>;
}

// What every browser's port events and every ecosystem's event types share: hasListener is left out
// because NativePort (lookalike environments) may lack it, and so are @types/chrome's hasListeners
// (absent in Firefox) and rule methods (absent from port events in Chromium 156 and Firefox 153 alike).
interface PortLikeEvent<L> {
  addListener(listener: L): void;
  removeListener(listener: L): void;
}

/** A `browser` or `chrome` object that has a callable `runtime.connect`. */
export interface ExtensionApi {
  readonly runtime: NativeRuntime;
}

/** A global scope as detection sees it: any object whose properties may be read (and may throw). */
export type Scope = object;
