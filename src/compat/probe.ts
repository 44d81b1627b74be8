import { detect } from '../detect/detect.js';
import type { Detection } from '../detect/detect.js';
import { currentScope } from '../scope.js';
import type { Scope } from '../types.js';
import { compatTable } from './query.js';
import { supports } from './support.js';
import type { FeatureName } from './types.js';

/** One feature as the table states it for this browser and as this environment shows it (null: cannot tell without connecting). */
export interface ProbedSupport {
  readonly table: boolean;
  readonly live: boolean | null;
}

// How the running environment shows a feature without connecting. The others' `live` is null: the
// sender's fields, includeTlsChannelId (every browser's schema accepts it silently), the serialization
// and Port.error show only on a connection or a message (reading a port seen earlier would make the
// answer depend on what ran before); the receiving events and externally_connectable are not probed
// (content scripts and web pages lack the events anyway).
const LIVE_CHECKS: { readonly [F in FeatureName]?: (found: Detection) => boolean | null } = {
  // A callable runtime.connect is the whole feature; Chromium Edge has one, though the table says no.
  'runtime.connect': (found) => found.api !== null,
};

/**
 * Each feature as the compat table claims it for the running browser (`table`) next to what `scope`
 * actually shows (`live`). They differ where the table follows the docs rather than the engine:
 * Chromium Edge 79+ (and, per browser-compat-data, Opera 15–32) run runtime.connect although the
 * table says no; `table` is false wherever detect() cannot name the browser.
 */
export function probeSupport(scope: Scope = currentScope()): { readonly [F in FeatureName]: ProbedSupport } {
  const found = detect(scope);
  const { name, version } = found.browser;
  const result = {} as { [F in FeatureName]: ProbedSupport };
  for (const feature of Object.keys(compatTable) as FeatureName[]) {
    const check = LIVE_CHECKS[feature];
    result[feature] = { table: supports(compatTable[feature], name, version), live: check ? check(found) : null };
  }
  return result;
}
