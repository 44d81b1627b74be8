import { read } from '../read.js';
import type { Scope } from '../types.js';
import { parseUserAgent, type BrowserName } from './user-agent.js';

/** Which browser this is; both fields null when it cannot be told. */
export interface BrowserInfo {
  readonly name: BrowserName | null;
  readonly version: string | null;
}

type Family = 'chrome' | 'edge' | 'firefox' | 'opera';

// Brands as Chromium browsers report them in navigator.userAgentData; ORDER MATTERS, since Edge
// and Opera list "Chromium" too.
const BRANDS: ReadonlyArray<readonly [string, Family]> = [
  ['Microsoft Edge', 'edge'],
  ['Opera', 'opera'],
  ['Google Chrome', 'chrome'],
  ['Chromium', 'chrome'],
];

function brandsOf(scope: Scope): Array<{ brand: unknown; version: unknown }> {
  const brands = read(read(read(scope, 'navigator'), 'userAgentData'), 'brands');
  try {
    return Array.isArray(brands) ? brands.slice() : [];
  } catch {
    return []; // a revoked Proxy makes Array.isArray throw
  }
}

function fromBrands(scope: Scope): { family: Family; version: string | null } | null {
  const brands = brandsOf(scope);
  for (const [brand, family] of BRANDS) {
    for (const entry of brands) {
      if (read(entry, 'brand') !== brand) continue;
      const version = read(entry, 'version');
      return { family, version: typeof version === 'string' && /^\d/.test(version) ? version : null };
    }
  }
  return null;
}

// Features that only one engine has, checked before anything the page or user can spoof.
const FEATURE_CHECKS: ReadonlyArray<readonly [Family, (scope: Scope) => boolean]> = [
  // runtime.getBrowserInfo exists only in Firefox; content scripts lack it, so also: Firefox makes
  // `chrome` the very same object as `browser`, Chromium keeps two objects.
  ['firefox', (s) => typeof read(read(read(s, 'browser'), 'runtime'), 'getBrowserInfo') === 'function'],
  ['firefox', (s) => { const b = read(s, 'browser'); return typeof b === 'object' && b !== null && b === read(s, 'chrome'); }],
  ['opera', (s) => { const opr = read(s, 'opr'); return typeof opr === 'object' && opr !== null; }],
];

function familyOf(name: BrowserName): Family {
  return name === 'firefox_android' ? 'firefox' : name;
}

/**
 * Which browser `scope` belongs to: engine features first (Firefox's `runtime.getBrowserInfo`,
 * Opera's `opr`, `navigator.userAgentData.brands`), the user-agent string for the version and for
 * what features cannot tell (Firefox for Android, legacy Edge).
 */
export function detectBrowser(scope: Scope): BrowserInfo {
  const fromUa = parseUserAgent(read(read(scope, 'navigator'), 'userAgent'));
  let family: Family | null = null;
  for (const [name, check] of FEATURE_CHECKS) {
    if (check(scope)) { family = name; break; }
  }
  const brand = fromBrands(scope);
  family = family || (brand && brand.family);
  if (!family) return fromUa || { name: null, version: null };
  if (fromUa && familyOf(fromUa.name) === family) return fromUa;
  return { name: family, version: brand && brand.family === family ? brand.version : null };
}
