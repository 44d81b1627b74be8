import { read } from '../read.js';
import type { ExtensionApi } from '../types.js';
import type { BrowserInfo } from './browser.js';

/** How port messages travel: as JSON text, or by the structured clone algorithm. */
export type Serialization = 'json' | 'structured_clone';

/**
 * Which serialization port messages use here: structured clone in Firefox; JSON elsewhere, except in
 * Chromium 148+ when the manifest says `"message_serialization": "structured_clone"` (the engine's
 * version is the user agent's `Chrome/`, which Edge and Opera carry too). Null without an extension API.
 */
export function detectSerialization(api: ExtensionApi | null, browser: BrowserInfo, manifest: unknown, userAgent: unknown): Serialization | null {
  if (!api) return null;
  if (browser.name === 'firefox' || browser.name === 'firefox_android') return 'structured_clone';
  const engine = /Chrome\/(\d+)/.exec(typeof userAgent === 'string' ? userAgent.slice(0, 1000) : '');
  return read(manifest, 'message_serialization') === 'structured_clone' && engine && +engine[1]! >= 148 ? 'structured_clone' : 'json';
}
