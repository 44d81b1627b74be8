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

// A frozen object with one getter per key of `table` that deep-freezes the whole table the first
// time any of them is read: users get a deeply immutable table, and loading the library freezes
// nothing but this one object.
function frozenOnRead<T extends object>(table: T): T {
  const view = {} as T;
  for (const key of Object.keys(table) as Array<keyof T>) {
    Object.defineProperty(view, key, { enumerable: true, get: () => deepFreeze(table)[key] });
  }
  return Object.freeze(view);
}

/** The compat table, deeply immutable: feature → browser → support statement. */
export const compatTable: { readonly [F in FeatureName]: FeatureSupport } = /*#__PURE__*/ frozenOnRead(COMPAT_TABLE);

/** Why a value of the compat table is what it is, deeply immutable: feature → browser → note, where not obvious. */
export const compatNotes: { readonly [F in FeatureName]: { readonly [B in BrowserName]?: string } } = /*#__PURE__*/ frozenOnRead(COMPAT_NOTES);

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
  // The objects behind compatTable, read without its getters: an application that imports only
  // isSupported() carries no freezing code.
  return supports(own(COMPAT_TABLE, feature), name, version);
}
