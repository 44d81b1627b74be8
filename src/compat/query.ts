import { browserOf } from '../detect/browser.js';
import type { BrowserName } from '../detect/user-agent.js';
import { read } from '../read.js';
import { currentScope } from '../scope.js';
import { COMPAT_NOTES } from './notes.js';
import { own, supports } from './support.js';
import { COMPAT_TABLE } from './table.js';
import type { FeatureName, FeatureSupport, SupportStatement } from './types.js';

/** Which browser to ask about: any name (unknown ones are unsupported) and optionally a version; no version means current releases. */
export interface CompatTarget {
  readonly browser: string | null;
  readonly version?: string | null;
}

// Object.isFrozen() is true for anything that is not an object, so strings and booleans stop here.
function deepFreeze<T>(value: T): T {
  if (!Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value as object)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

// The traps of the tables' proxies: each deep-freezes the table before doing what the table itself
// does, so whatever is read is frozen and whatever is written fails as on a frozen object, while
// loading the library freezes nothing. (Traps that cannot reach a row or change the table are left out.)
const FREEZE_ON_FIRST_USE: ProxyHandler<object> = {
  get: (table, key) => Reflect.get(deepFreeze(table), key),
  getOwnPropertyDescriptor: (table, key) => Reflect.getOwnPropertyDescriptor(deepFreeze(table), key),
  isExtensible: (table) => Reflect.isExtensible(deepFreeze(table)),
  set: (table, key, value) => Reflect.set(deepFreeze(table), key, value),
  defineProperty: (table, key, descriptor) => Reflect.defineProperty(deepFreeze(table), key, descriptor),
  deleteProperty: (table, key) => Reflect.deleteProperty(deepFreeze(table), key),
  setPrototypeOf: (table, prototype) => Reflect.setPrototypeOf(deepFreeze(table), prototype),
};

/** The compat table, deeply immutable: feature → browser → support statement. */
export const compatTable: { readonly [F in FeatureName]: FeatureSupport } = /*#__PURE__*/ new Proxy<typeof COMPAT_TABLE>(COMPAT_TABLE, FREEZE_ON_FIRST_USE);

/** Why a value of the compat table is what it is, deeply immutable: feature → browser → note, where not obvious. */
export const compatNotes: { readonly [F in FeatureName]: { readonly [B in BrowserName]?: string } } = /*#__PURE__*/ new Proxy<typeof COMPAT_NOTES>(COMPAT_NOTES, FREEZE_ON_FIRST_USE);

/** A feature's row of the table, or one browser's statement for it; undefined for an unknown feature or browser. */
export function getSupport(feature: FeatureName): FeatureSupport;
export function getSupport(feature: FeatureName, browser: string | null): SupportStatement | undefined;
export function getSupport(feature: FeatureName, browser?: string | null): FeatureSupport | SupportStatement | undefined {
  const row = own(compatTable, feature);
  return browser === undefined ? row : own(row, browser);
}

/**
 * Whether the table says `feature` works in `target` (default: the running browser as detect()
 * sees it). False for an unknown browser or feature and for a version that does not start with a
 * digit; never throws.
 */
export function isSupported(feature: FeatureName, target?: CompatTarget): boolean {
  const { name, version } = target === undefined ? browserOf(currentScope()) : { name: read(target, 'browser'), version: read(target, 'version') };
  // The objects behind compatTable, read without its proxy: an application that imports only
  // isSupported() carries no freezing code.
  return supports(own(COMPAT_TABLE, feature), name, version);
}
