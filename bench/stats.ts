/** Median and spread of repeated measurements. */
export interface Summary {
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  n: number;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    n: sorted.length,
  };
}

/** Fixed-point with 3 significant digits at least, e.g. 0.0123, 1.23, 123. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '?';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toFixed(digits);
}

/** "median (IQR q1–q3, n=N)" in a unit. */
export function formatSummary(s: Summary, unit: string): string {
  return `${num(s.median)} ${unit} (IQR ${num(s.q1)}–${num(s.q3)}, n=${s.n})`;
}

/** A table cell: "median (q1–q3)" scaled into a unit, or a dash. */
export const cell = (s: Summary | undefined, scale = 1, unit = '') => (s ? `${num(s.median * scale)}${unit} (${num(s.q1 * scale)}–${num(s.q3 * scale)})` : '—');

/** A table cell for a summary of ratios: "1.02× (0.97–1.08)". */
export const ratioCell = (s: Summary) => `${s.median.toFixed(2)}× (${s.q1.toFixed(2)}–${s.q3.toFixed(2)})`;
