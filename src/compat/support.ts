import type { FeatureSupport } from './types.js';
import { compareVersions } from './version.js';

// Own properties only, so "__proto__" or "toString" find nothing; a non-string key is refused before
// hasOwnProperty could run its toString.
export function own(table: object | undefined, key: unknown): any {
  return typeof key === 'string' && table && Object.prototype.hasOwnProperty.call(table, key) ? (table as any)[key] : undefined;
}

/** Whether one feature's `row` says it works in `browser` at `version` (nullish: current releases); the core of isSupported(). */
export function supports(row: FeatureSupport | undefined, browser: unknown, version: unknown): boolean {
  const statement = own(row, browser);
  const added = statement && statement.version_added;
  if (!added) return false;
  const removed = statement.version_removed;
  if (version == null) return !removed;
  // '0' makes `true` a floor that every parseable version clears; NaN (unparseable) fails it.
  return compareVersions(version as string, added === true ? '0' : added) >= 0 && (!removed || compareVersions(version as string, removed) < 0);
}
