/** How figures are written in tables: short, with units, and a ratio to the floor where there is one. */

export const ms = (v: number | null | undefined) =>
  v == null || !Number.isFinite(v) ? '–' : v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`

/**
 * Two latencies compared in a sentence ("a > b"): written as ms() writes them, or with as many more decimals (up to
 * three) as it takes for the two to read differently, so that a miss never reads "2.6 ms > 2.6 ms".
 */
export function msApart(a: number, b: number): [string, string] {
  if (ms(a) !== ms(b) || a >= 100 || b >= 100) return [ms(a), ms(b)]
  const digits = a.toFixed(2) !== b.toFixed(2) ? 2 : 3
  return [`${a.toFixed(digits)} ms`, `${b.toFixed(digits)} ms`]
}

export const mb = (bytes: number | null | undefined) =>
  bytes == null || !Number.isFinite(bytes) ? '–' : `${(bytes / 1024 / 1024).toFixed(1)} MB`

export const kb = (bytes: number | null | undefined) =>
  bytes == null || !Number.isFinite(bytes) ? '–' : `${(bytes / 1024).toFixed(1)} KB`

export const seconds = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? '–' : `${v.toFixed(2)} s`)

export const pct = (v: number | null | undefined, digits = 1) =>
  v == null || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(digits)} %`

export const num = (v: number | null | undefined, digits = 2) => (v == null || !Number.isFinite(v) ? '–' : v.toFixed(digits))

/** `12.3 ms (1.05×)`: the figure and its ratio to the floor's (none for the floor itself or when unknown). */
export function withRatio(text: string, value: number | null | undefined, floor: number | null | undefined): string {
  if (value == null || floor == null || !Number.isFinite(value) || !Number.isFinite(floor) || floor === 0) return text
  return `${text} (${(value / floor).toFixed(2)}×)`
}
