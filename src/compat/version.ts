// The digit's value at `i`; outside 0–9 for anything else: XOR with 48 ('0') maps exactly the codes
// of 0–9 onto 0–9, and past the end NaN becomes 48.
const digitAt = (s: string, i: number): number => s.charCodeAt(i) ^ 48;
const isDigitAt = (s: string, i: number): boolean => digitAt(s, i) < 10;

/**
 * Compares two version strings numerically part by part ("45.0" = "45", "100" > "99"): -1, 0 or 1,
 * or NaN when either is not a string starting with a digit. Only the numeric prefix `\d+(.\d+)*`
 * counts, so "125.0a1" = "125.0" and "128.0esr" = "128"; never throws, allocates nothing.
 */
export function compareVersions(a: string, b: string): number {
  if (typeof a !== 'string' || typeof b !== 'string' || !isDigitAt(a, 0) || !isDigitAt(b, 0)) return NaN;
  // i and j index the next part of a and b, or are -1 once their numeric prefix has ended; missing
  // parts count as 0.
  let i = 0;
  let j = 0;
  for (;;) {
    let x = 0;
    let y = 0;
    if (i >= 0) {
      while (isDigitAt(a, i)) x = x * 10 + digitAt(a, i++);
      i = a[i] === '.' && isDigitAt(a, i + 1) ? i + 1 : -1;
    }
    if (j >= 0) {
      while (isDigitAt(b, j)) y = y * 10 + digitAt(b, j++);
      j = b[j] === '.' && isDigitAt(b, j + 1) ? j + 1 : -1;
    }
    if (x !== y) return x < y ? -1 : 1;
    if (i < 0 && j < 0) return 0;
  }
}
