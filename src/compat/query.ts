import { detectBrowser } from '../detect/browser.js';
import type { BrowserName } from '../detect/user-agent.js';
import { read } from '../read.js';
import { currentScope } from '../scope.js';
import { COMPAT_NOTES } from './notes.js';
import { own, supports } from './support.js';
import { COMPAT_TABLE } from './table.js';

/** One browser's support for one feature, as @mdn/browser-compat-data states it. */
export interface SupportStatement {
  /** The first version with the feature, true for every version, false for none. */
  readonly version_added: string | boolean;
  /** The first version without the feature again. */
  readonly version_removed?: string;
}

/** One feature's support in every browser webext-connect knows. */
export type FeatureSupport = { readonly [B in BrowserName]: SupportStatement };

/** The name of a feature in the compat table; a typo is a compile error. */
export type FeatureName = keyof typeof COMPAT_TABLE;

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

/** The compat table, deeply frozen: feature → browser → support statement. */
export const compatTable: { readonly [F in FeatureName]: FeatureSupport } = /*#__PURE__*/ deepFreeze(COMPAT_TABLE);

/** Why a value of the compat table is what it is, deeply frozen: feature → browser → note, where not obvious. */
export const compatNotes: { readonly [F in FeatureName]: { readonly [B in BrowserName]?: string } } = /*#__PURE__*/ deepFreeze(COMPAT_NOTES);

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
  const { name, version } = target === undefined ? detectBrowser(currentScope()) : { name: read(target, 'browser'), version: read(target, 'version') };
  // The same objects as compatTable, which freezes them in place: reading them here spares an
  // application that imports only isSupported() the freezing.
  return supports(own(COMPAT_TABLE, feature), name, version);
}
