import { read } from '../read.js';
import { currentScope } from '../scope.js';
import type { ExtensionApi, Scope } from '../types.js';
import { browserOf, detectBrowser, type BrowserInfo } from './browser.js';
import { detectNamespace, type NamespaceName } from './namespace.js';
import { manifestOf } from './manifest.js';
import { detectPromises } from './promises.js';
import { detectSerialization, type Serialization } from './serialization.js';

/** What detect() found about the running environment. */
export interface Detection {
  /** The global under which a callable `runtime.connect` was found, or null where there is none. */
  readonly namespace: NamespaceName | null;
  /** That namespace object (`browser` or `chrome`), or null. */
  readonly api: ExtensionApi | null;
  /** Whether the namespace's async methods return promises rather than take callbacks. */
  readonly promises: boolean;
  /** Which browser and version this is. */
  readonly browser: BrowserInfo;
  /** `runtime.id`: the running extension's id; null in a web page, even one that may connect. */
  readonly extensionId: string | null;
  /** How port messages are serialized here ('json' or 'structured_clone'), or null without an extension API. */
  readonly serialization: Serialization | null;
}

// Made on first use, like every cache of the library: loading it constructs nothing.
let cache: WeakMap<Scope, Detection> | undefined;

/** Detects namespace, promise style and browser from `scope` (a global object), without caching (unless `browser` is given). */
export function detectScope(scope: Scope, browser: BrowserInfo = detectBrowser(scope)): Detection {
  const { namespace, api } = detectNamespace(scope);
  const id = read(read(api, 'runtime'), 'id');
  const manifest = manifestOf(api);
  return Object.freeze({
    namespace,
    api,
    promises: detectPromises(namespace, api, browser, manifest),
    browser: Object.freeze(browser),
    extensionId: typeof id === 'string' && id !== '' ? id : null,
    serialization: detectSerialization(api, browser, manifest, read(read(scope, 'navigator'), 'userAgent')),
  });
}

/** What this environment offers: namespace, promise style, browser. Cached per scope object; `scope` defaults to the global object. */
export function detect(scope: Scope = currentScope()): Detection {
  if (typeof scope !== 'object' || scope === null) return detectScope(scope, browserOf(scope));
  if (!cache) cache = new WeakMap();
  let found = cache.get(scope);
  if (!found) cache.set(scope, (found = detectScope(scope, browserOf(scope))));
  return found;
}
