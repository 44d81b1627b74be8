import { supports } from '../compat/support.js';
import { INCLUDE_TLS_CHANNEL_ID } from '../compat/table.js';
import { browserOf } from '../detect/browser.js';
import { detectNamespace } from '../detect/namespace.js';
import { contextInvalidated, ConnectTypeError, describe, messageOf, noExtensionApi } from '../errors.js';
import { read } from '../read.js';
import { currentScope } from '../scope.js';
import type { NativePort, NativeRuntime, Scope } from '../types.js';
import { normalizeConnectArgs, type ConnectArgs, type ConnectInfo } from './normalize-args.js';
import { normalizePort, type ConnectedPort, type DroppableOption } from './port.js';

const TLS = 'includeTlsChannelId';
// Runtimes whose schema rejected includeTlsChannelId once: not offered again while this page or
// worker lives. Made on first use: loading the library constructs nothing.
let rejectsTls: WeakSet<object> | undefined;

function callNative(runtime: NativeRuntime, { extensionId, connectInfo }: ConnectArgs): NativePort {
  // The shapes every browser accepts: no leading undefined, no trailing undefined.
  if (extensionId !== undefined) return connectInfo ? runtime.connect(extensionId, connectInfo) : runtime.connect(extensionId);
  return connectInfo ? runtime.connect(connectInfo) : runtime.connect();
}

function translate(error: unknown, extensionId?: string): unknown {
  const message = messageOf(error);
  // Chromium checks the id's form (32 letters a-p) itself; Firefox ids are free-form, so only this translates.
  if (/Invalid extension id/.test(message)) return new ConnectTypeError('extensionId', 'a valid extension id', describe(extensionId));
  return contextInvalidated(error, message) || error;
}

// Whether the compat table says the running browser takes includeTlsChannelId (Chrome 32-71, Opera
// 33-58); a schema that still rejects it is caught by the retry below.
function offersTls(scope: Scope): boolean {
  const { name, version } = browserOf(scope);
  return supports(INCLUDE_TLS_CHANNEL_ID, name, version);
}

// The runtime to connect with from `scope`, or connect()'s error for why there is none.
function runtimeIn(scope: Scope, extensionId: string | undefined): NativeRuntime {
  const { api } = detectNamespace(scope);
  if (!api) throw noExtensionApi('runtime.connect');
  const runtime = api.runtime;
  if (extensionId === undefined && !read(runtime, 'id')) {
    // Chromium clears runtime.id when the context is invalidated; web pages never have getManifest.
    if (typeof read(runtime, 'getManifest') === 'function') throw translate(new Error('Extension context invalidated.'));
    throw new ConnectTypeError('extensionId', 'an id, as a web page must name the extension', 'none');
  }
  return runtime;
}

/** connect() against the extension API found in `scope`: the testable core of {@link connect}. */
export function connectIn(scope: Scope, args: unknown[]): ConnectedPort {
  const resolved = normalizeConnectArgs(...args);
  const runtime = runtimeIn(scope, resolved.extensionId);
  const info = resolved.connectInfo;
  const dropped: DroppableOption[] = [];
  const drop = () => {
    delete (info as ConnectInfo)[TLS];
    dropped.push(TLS);
  };
  if (info && info[TLS] !== undefined && ((rejectsTls && rejectsTls.has(runtime)) || !offersTls(scope))) drop();
  let port: NativePort;
  // At most two attempts: the second without includeTlsChannelId, if a schema rejected it.
  for (;;) {
    try {
      port = callNative(runtime, resolved);
      break;
    } catch (error) {
      if (!info || info[TLS] === undefined || messageOf(error).indexOf(TLS) < 0) throw translate(error, resolved.extensionId);
      if (!rejectsTls) rejectsTls = new WeakSet();
      rejectsTls.add(runtime);
      drop();
    }
  }
  return normalizePort(port, runtime, dropped);
}

/**
 * connect(extensionId, { name }) for a caller that checked both itself (persistentPort()): the same
 * native call, errors and Port as connectIn(), without resolving connect()'s arguments and without
 * the includeTlsChannelId decision, so that an application importing only persistentPort() does not
 * carry them (nor the compat table and version comparison that decision reads).
 */
export function connectNamedIn(scope: Scope, extensionId: string | undefined, name: string): ConnectedPort {
  const runtime = runtimeIn(scope, extensionId);
  let port: NativePort;
  try {
    port = callNative(runtime, { extensionId, connectInfo: { name } });
  } catch (error) {
    throw translate(error, extensionId);
  }
  return normalizePort(port, runtime);
}

/** runtime.connect(extensionId?, connectInfo?) with the same overloads, errors and Port in every browser; `M` types the messages. */
export function connect<M = any>(extensionId?: string | null, connectInfo?: ConnectInfo | null): ConnectedPort<M>;
/** runtime.connect(connectInfo) with the same overloads, errors and Port in every browser; `M` types the messages. */
export function connect<M = any>(connectInfo?: ConnectInfo): ConnectedPort<M>;
export function connect(...args: unknown[]): ConnectedPort {
  return connectIn(currentScope(), args);
}
