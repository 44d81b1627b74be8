import type { ExtensionApi } from '../types.js';

/** `runtime.getManifest()` of `api`, or undefined where there is none or it throws (an invalidated context). */
export function manifestOf(api: ExtensionApi | null): unknown {
  try {
    return api && api.runtime.getManifest ? api.runtime.getManifest() : undefined;
  } catch {
    return undefined;
  }
}
