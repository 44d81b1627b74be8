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

/**
 * What @types/chrome's port events require and Chromium 156's and Firefox 153's port events lack
 * (hasListeners: Chromium only): declared uncallable, so a port fits that Port type and no code
 * can call them.
 */
export interface UncallableEventMethods {
  /** Not on every browser's port events: uncallable. */
  hasListeners(this: never): boolean;
  /** Not on port events: uncallable. */
  getRules(this: never, ...args: never[]): void;
  /** Not on port events: uncallable. */
  addRules(this: never, ...args: never[]): void;
  /** Not on port events: uncallable. */
  removeRules(this: never, ...args: never[]): void;
}

/** A port's `onMessage` or `onDisconnect` as a real Port has it. */
export interface NativePortEvent<L extends (...args: any[]) => void> extends UncallableEventMethods {
  addListener(listener: L): void;
  removeListener(listener: L): void;
  hasListener(listener: L): boolean;
}

/** A `browser` or `chrome` object that has a callable `runtime.connect`. */
export interface ExtensionApi {
  readonly runtime: NativeRuntime;
}

/** A global scope as detection sees it: any object whose properties may be read (and may throw). */
export type Scope = object;
