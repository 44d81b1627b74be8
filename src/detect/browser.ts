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

// Whether navigator.userAgentData.brands (Chromium browsers) lists `name`.
function hasBrand(scope: Scope, name: string): boolean {
  const brands = read(read(read(scope, 'navigator'), 'userAgentData'), 'brands');
  try {
    return Array.isArray(brands) && brands.some((entry) => read(entry, 'brand') === name);
  } catch {
    return false; // a revoked or hostile Proxy
  }
}

// Features only some engines have, checked before the user agent, which anyone can spoof: each
// names the browsers it fits; the user agent picks among them (and tells Android and iOS apart),
// or else the first is taken, without a version. ORDER MATTERS: Edge and Opera list the "Chromium"
// brand too.
const FEATURE_CHECKS: ReadonlyArray<{ readonly names: readonly BrowserName[]; readonly test: (scope: Scope) => boolean }> = [
  // runtime.getBrowserInfo exists only in Firefox, but not in its content scripts.
  { names: ['firefox', 'firefox_android'], test: (s) => typeof read(read(read(s, 'browser'), 'runtime'), 'getBrowserInfo') === 'function' },
  // Firefox and Safari make `chrome` the very object `browser` is (Chromium keeps two, with one runtime).
  { names: ['firefox', 'firefox_android', 'safari', 'safari_ios'], test: (s) => isObject(read(s, 'browser')) && read(s, 'browser') === read(s, 'chrome') },
  { names: ['opera'], test: (s) => isObject(read(s, 'opr')) },
  { names: ['edge'], test: (s) => hasBrand(s, 'Microsoft Edge') },
  { names: ['opera'], test: (s) => hasBrand(s, 'Opera') },
  { names: ['chrome'], test: (s) => hasBrand(s, 'Google Chrome') },
  { names: ['chrome'], test: (s) => hasBrand(s, 'Chromium') },
];

/**
 * Which browser `scope` belongs to: engine features first (Firefox's `runtime.getBrowserInfo`, the
 * `browser === chrome` alias of Firefox and Safari, Opera's `opr`,
 * `navigator.userAgentData.brands`), the user-agent string for the version and for what features
 * cannot tell (Firefox for Android, Safari on iOS, legacy Edge); iPadOS's desktop-class user agent
 * by its touch points. Pure and uncached: the library itself asks {@link browserOf}.
 */
export function detectBrowser(scope: Scope): BrowserInfo {
  const navigator = read(scope, 'navigator');
  const found = parseUserAgent(read(navigator, 'userAgent'));
  // Macs report no touch points; an iPad asking for desktop sites sends the Mac's user agent.
  if (found && found.name === 'safari' && read(navigator, 'maxTouchPoints') > 1) found.name = 'safari_ios';
  for (const { names, test } of FEATURE_CHECKS) {
    if (test(scope)) return found && names.includes(found.name) ? found : { name: names[0]!, version: null };
  }
  return found || { name: null, version: null };
}

// Made on first use: loading the library constructs nothing.
let cache: WeakMap<object, BrowserInfo> | undefined;

/** The browser `scope` belongs to, frozen and cached per scope object: the one way detect(), isSupported() and connect() learn it. */
export function browserOf(scope: Scope): BrowserInfo {
  if (typeof scope !== 'object' || scope === null) return Object.freeze(detectBrowser(scope));
  if (!cache) cache = new WeakMap();
  let found = cache.get(scope);
  if (!found) cache.set(scope, (found = Object.freeze(detectBrowser(scope))));
  return found;
}
