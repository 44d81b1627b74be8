// The part of a version string that counts: digits, then more dot-separated digits ("125.0a1" →
// "125.0", "128.0esr" → "128"). Linear: each repetition must start with a dot.
const NUMERIC_PREFIX = /^\d+(?:\.\d+)*/;

// The numbers of a version's numeric prefix, or null when it is not a string starting with a digit.
function numericParts(version: unknown): number[] | null {
  const prefix = typeof version === 'string' ? NUMERIC_PREFIX.exec(version) : null;
  return prefix && prefix[0].split('.').map(Number);
}

/**
 * Compares two version strings numerically part by part ("45.0" = "45", "100" > "99"): -1, 0 or 1,
 * or NaN when either is not a string starting with a digit. Only the numeric prefix `\d+(.\d+)*`
 * counts, so "125.0a1" = "125.0" and "128.0esr" = "128"; never throws.
 */
export function compareVersions(a: string, b: string): number {
  const left = numericParts(a);
  const right = numericParts(b);
  if (!left || !right) return NaN;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    // A missing part counts as 0.
    const x = left[i] || 0;
    const y = right[i] || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
