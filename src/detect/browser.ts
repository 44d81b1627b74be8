import { read } from '../read.js';
import type { Scope } from '../types.js';
import { parseUserAgent, type BrowserName } from './user-agent.js';

/** Which browser this is; both fields null when it cannot be told. */
export interface BrowserInfo {
  readonly name: BrowserName | null;
  readonly version: string | null;
}

type Family = 'chrome' | 'edge' | 'firefox' | 'opera';

// Object() returns objects and functions as they are and wraps anything else.
const isObject = (value: unknown): boolean => Object(value) === value;

// Whether navigator.userAgentData.brands (Chromium browsers) lists `brand`.
const brand = (name: string) => (scope: Scope): boolean => {
  const brands = read(read(read(scope, 'navigator'), 'userAgentData'), 'brands');
  try {
    return Array.isArray(brands) && brands.some((entry) => read(entry, 'brand') === name);
  } catch {
    return false; // a revoked or hostile Proxy
  }
};

// Features only one engine has, checked before the user agent, which anyone can spoof. ORDER
// MATTERS: Edge and Opera list the "Chromium" brand too.
const FEATURE_CHECKS: ReadonlyArray<readonly [Family, (scope: Scope) => boolean]> = [
  // runtime.getBrowserInfo exists only in Firefox, but not in its content scripts, where instead
  // `chrome` is the very object `browser` is (Chromium keeps two objects).
  ['firefox', (s) => typeof read(read(read(s, 'browser'), 'runtime'), 'getBrowserInfo') === 'function'],
  ['firefox', (s) => isObject(read(s, 'browser')) && read(s, 'browser') === read(s, 'chrome')],
  ['opera', (s) => isObject(read(s, 'opr'))],
  ['edge', brand('Microsoft Edge')],
  ['opera', brand('Opera')],
  ['chrome', brand('Google Chrome')],
  ['chrome', brand('Chromium')],
];

/**
 * Which browser `scope` belongs to: engine features first (Firefox's `runtime.getBrowserInfo`,
 * Opera's `opr`, `navigator.userAgentData.brands`), the user-agent string for the version and for
 * what features cannot tell (Firefox for Android, legacy Edge).
 */
export function detectBrowser(scope: Scope): BrowserInfo {
  const fromUa = parseUserAgent(read(read(scope, 'navigator'), 'userAgent'));
  for (const [family, check] of FEATURE_CHECKS) {
    if (!check(scope)) continue;
    const uaFamily = fromUa && (fromUa.name === 'firefox_android' ? 'firefox' : fromUa.name);
    return uaFamily === family ? fromUa! : { name: family, version: null };
  }
  return fromUa || { name: null, version: null };
}
