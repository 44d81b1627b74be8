import { read } from '../read.js';
import type { ExtensionApi } from '../types.js';
import type { BrowserInfo } from './browser.js';
import type { NamespaceName } from './namespace.js';

/**
 * Whether async methods of `api` return promises, decided without calling any of them:
 * legacy Edge's `browser` takes callbacks; every other `browser` (Firefox, Safari, Chromium's alias)
 * returns promises; `chrome` does where the manifest is version 3 or later (Chromium's rule), or
 * where it is Firefox's or Safari's `browser` under another name.
 */
export function detectPromises(namespace: NamespaceName | null, api: ExtensionApi | null, browser: BrowserInfo, manifest: unknown): boolean {
  if (!api) return false;
  if (browser.name === 'edge' && parseInt(browser.version || '', 10) < 79) return false;
  if (namespace === 'browser' || /^(firefox|safari)/.test(browser.name!)) return true;
  const version = read(manifest, 'manifest_version');
  return typeof version === 'number' && version >= 3;
}
