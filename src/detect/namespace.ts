import { read } from '../read.js';
import type { ExtensionApi, Scope } from '../types.js';

/** The global name under which the extension API was found. */
export type NamespaceName = 'browser' | 'chrome';

// `browser` first: where both work (Firefox, Chromium 156's alias) it is the promise-based one.
const NAMESPACES: readonly NamespaceName[] = ['browser', 'chrome'];

/** True when `api.runtime.connect` is callable: the only sign of an extension API worth trusting. */
export function hasConnect(api: unknown): api is ExtensionApi {
  return typeof read(read(api, 'runtime'), 'connect') === 'function';
}

/**
 * The first of `browser`, `chrome` in `scope` with a callable `runtime.connect`. `typeof` alone
 * would be fooled by a plain Chrome page (a `chrome` without `runtime`) and by DOM named access
 * (`<div id="browser">` leaks into Chromium content scripts).
 */
export function detectNamespace(scope: Scope): { namespace: NamespaceName | null; api: ExtensionApi | null } {
  for (const namespace of NAMESPACES) {
    const api = read(scope, namespace);
    if (hasConnect(api)) return { namespace, api };
  }
  return { namespace: null, api: null };
}
