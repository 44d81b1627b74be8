import { read } from '../read.js';
import type { Scope } from '../types.js';
import { parseUserAgent, type BrowserName } from './user-agent.js';

/** Which browser this is; both fields null when it cannot be told. */
export interface BrowserInfo {
  readonly name: BrowserName | null;
  readonly version: string | null;
}

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

// Features only some engines have, checked before the user agent, which anyone can spoof: each
// names the families it fits (space-separated), the user agent picks among them (and tells Android
// and iOS apart), or else the first is taken without a version. ORDER MATTERS: Edge and Opera list
// the "Chromium" brand too.
const FEATURE_CHECKS: ReadonlyArray<readonly [string, (scope: Scope) => boolean]> = [
  // runtime.getBrowserInfo exists only in Firefox, but not in its content scripts.
  ['firefox', (s) => typeof read(read(read(s, 'browser'), 'runtime'), 'getBrowserInfo') === 'function'],
  // Firefox and Safari make `chrome` the very object `browser` is (Chromium keeps two, with one runtime).
  ['firefox safari', (s) => isObject(read(s, 'browser')) && read(s, 'browser') === read(s, 'chrome')],
  ['opera', (s) => isObject(read(s, 'opr'))],
  ['edge', brand('Microsoft Edge')],
  ['opera', brand('Opera')],
  ['chrome', brand('Google Chrome')],
  ['chrome', brand('Chromium')],
];

/**
 * Which browser `scope` belongs to: engine features first (Firefox's `runtime.getBrowserInfo`, the
 * `browser === chrome` alias of Firefox and Safari, Opera's `opr`,
 * `navigator.userAgentData.brands`), the user-agent string for the version and for what features
 * cannot tell (Firefox for Android, Safari on iOS, legacy Edge); iPadOS's desktop-class user agent
 * by its touch points.
 */
export function detectBrowser(scope: Scope): BrowserInfo {
  const navigator = read(scope, 'navigator');
  const found = parseUserAgent(read(navigator, 'userAgent'));
  // Macs report no touch points; an iPad asking for desktop sites sends the Mac's user agent.
  if (found && found.name === 'safari' && read(navigator, 'maxTouchPoints') > 1) found.name = 'safari_ios';
  for (const [families, check] of FEATURE_CHECKS) {
    // A name's first five letters are its family's (firef-ox_android, safar-i_ios, chrom-e, edge,
    // opera), and a slice costs less than a split on this path, which isSupported() walks per call.
    if (check(scope)) return found && families.indexOf(found.name.slice(0, 5)) >= 0 ? found : { name: families.split(' ')[0] as BrowserName, version: null };
  }
  return found || { name: null, version: null };
}
