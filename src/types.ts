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

/** A `browser` or `chrome` object that has a callable `runtime.connect`. */
export interface ExtensionApi {
  readonly runtime: NativeRuntime;
}

/** A global scope as detection sees it: any object whose properties may be read (and may throw). */
export type Scope = object;
