/**
 * The one clock the bench's processes share: CLOCK_MONOTONIC (libuv's hrtime), which every process on the machine
 * reads alike and which is never stepped. Writers stamp their writes with it, readers time them with it, and the
 * bench schedules each window on it. The wall clock will not do: `Date.now()` steps when the machine's clock is
 * corrected, and `performance.timeOrigin` is the wall clock read once at each process's start. One session's run saw
 * every window after the second of scenario 3 come out empty for every server: a window's start, taken from the wall
 * clock, lay past every writer's timestamp (docs/PERFORMANCE.md, Fixes, 47).
 */

/** Milliseconds on the shared clock (fractional). */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

/** Whole microseconds on the shared clock: what a writer stamps into its write. */
export function monoMicros(): number {
  return Number(process.hrtime.bigint() / 1000n)
}
