// The numeric prefix `\d+(.\d+)*` of a version string, as numbers; null when there is none.
function parts(version: unknown): number[] | null {
  const prefix = typeof version === 'string' && /^\d+(?:\.\d+)*/.exec(version);
  return prefix ? prefix[0].split('.').map(Number) : null;
}

/**
 * Compares two version strings numerically part by part ("45.0" = "45", "100" > "99"): -1, 0 or 1,
 * or NaN when either is not a string starting with a digit. Only the numeric prefix counts, so
 * "125.0a1" = "125.0" and "128.0esr" = "128"; never throws.
 */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return NaN;
  for (let i = 0; i < x.length || i < y.length; i++) {
    // Missing parts count as 0; parts too long for a double are both Infinity, and equal.
    const difference = (x[i] || 0) - (y[i] || 0);
    if (difference) return difference < 0 ? -1 : 1;
  }
  return 0;
}
