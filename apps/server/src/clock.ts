/** Time as the server's timers see it: the system's, or a test's that it moves by hand (test/manual-clock.ts). */
export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number
  /** Runs `run` once after `ms`; returns what cancels it. */
  schedule(run: () => void, ms: number): () => void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(run, ms) {
    // A pending timer never keeps the process alive: shutdown writes what is due itself.
    const timer = setTimeout(run, ms).unref()
    return () => clearTimeout(timer)
  },
}
