/** Percentiles and summaries of samples (milliseconds, bytes, …). Pure. */

/** The p-th percentile (0–100) of sorted values, nearest-rank; NaN for no values. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  if (p <= 0) return sorted[0]!
  if (p >= 100) return sorted[n - 1]!
  const rank = Math.ceil((p / 100) * n)
  return sorted[Math.min(n, Math.max(1, rank)) - 1]!
}

export function percentile(values: ArrayLike<number>, p: number): number {
  return percentileSorted(Float64Array.from(values).sort(), p)
}

export interface Summary {
  count: number
  p50: number
  p99: number
  max: number
  mean: number
}

export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort()
  let sum = 0
  for (const v of sorted) sum += v
  return {
    count: sorted.length,
    p50: percentileSorted(sorted, 50),
    p99: percentileSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  }
}

export function median(values: number[]): number {
  return percentile(values, 50)
}

/** a / b, or NaN when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return Number.NaN
  return a / b
}

/** How one series compares with another, paired element by element (round by round); pairs with a NaN are left out. */
export interface PairedDifference {
  pairs: number
  /** Pairs where a is above b. */
  above: number
  /** a − b: the smallest, median and largest difference. */
  min: number
  median: number
  max: number
}

export function pairedDifference(a: number[], b: number[]): PairedDifference {
  const differences: number[] = []
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i]! - b[i]!
    if (Number.isFinite(d)) differences.push(d)
  }
  const sorted = Float64Array.from(differences).sort()
  return {
    pairs: sorted.length,
    above: differences.filter((d) => d > 0).length,
    min: percentileSorted(sorted, 0),
    median: percentileSorted(sorted, 50),
    max: percentileSorted(sorted, 100),
  }
}

/**
 * The sign test's one-sided p-value: how likely a series at least `above` of `pairs` rounds above another would be
 * if neither were above the other more often than by chance (each round a coin toss). Under 0.05 the run resolves
 * the difference; with 10 rounds that takes 9 rounds above (0.011), while 8 (0.055) could still be noise.
 */
export function signTestP(above: number, pairs: number): number {
  if (pairs <= 0) return Number.NaN
  let tail = 0
  let choose = 1 // C(pairs, k), built up from k = 0
  for (let k = 0; k <= pairs; k++) {
    if (k > 0) choose = (choose * (pairs - k + 1)) / k
    if (k >= above) tail += choose
  }
  return tail / 2 ** pairs
}
