import type { Scope } from './types.js';

/** The global object of the running script: the one place that reads `globalThis`, and only when called. */
export function currentScope(): Scope {
  // Firefox content scripts expose `browser` only on the sandbox global, not on `window`.
  return globalThis;
}
