/** Renews the presence of a server's clients when the bench asks (LatencyRun: a 'renew' to each client process). */
export interface Renewing {
  renew(): void
}

/** How often every server's clients renew their presence: as y-protocols renews a state (15 s, checked every 3 s). */
export const RENEW_EVERY_MS = 15_000
/**
 * A renewal waits for a window to end, but not past this: a provider drops a peer it has not heard from for 30 s, and
 * y-websocket's provider drops a socket that brought no message for 30 s.
 */
export const RENEW_LATEST_MS = 25_000
const CHECK_EVERY_MS = 250

/**
 * Presence renewals on the bench's schedule rather than each provider's timer (clients/presence.ts). Every server is
 * up for the whole scenario, and a room's clients renew nearly together, as they connected together; with
 * y-websocket's providers each renewal comes back from every peer (≈ 2,500 frames in a room of 50, forwarded by a
 * relay to 49 sockets each). Left to the timers, an idle server's renewals fell into the window of whichever server
 * was being timed (docs/PERFORMANCE.md, Fixes, 40); and a server's own renewals fell into some of its windows and not
 * others, by chance: the relay's clients then worked for seconds through its echoes, and its p99 was set by those
 * windows, not by the relay (Fixes, 41). Here every server's clients renew every RENEW_EVERY_MS, between windows only:
 * a renewal due while any server is timed, its own included, waits for the window to end (never past
 * RENEW_LATEST_MS), and the bench lets the machine settle before the next window. The windows time keystrokes.
 */
export class Renewals<R extends Renewing> {
  private readonly renewedAt = new Map<R, number>()
  /** A server is being timed: meanwhile no server's clients renew. */
  private timing = false
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly runs: R[],
    private readonly now: () => number = Date.now,
  ) {}

  /** Renews every server's clients now (a provider's first state is not taken by its peers: Fixes, 39), then on schedule. */
  start(): void {
    for (const run of this.runs) this.renew(run)
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS)
  }

  /** Runs a window: meanwhile no server's clients renew. Renewals held back go out when it ends. */
  async during<T>(window: () => Promise<T>): Promise<T> {
    this.timing = true
    try {
      return await window()
    } finally {
      this.timing = false
      this.check()
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Renews each server's clients that are due, unless a server is being timed (and they can still wait). */
  check(): void {
    const now = this.now()
    for (const run of this.runs) {
      const since = now - this.renewedAt.get(run)!
      if (since < RENEW_EVERY_MS) continue
      if (!this.timing || since >= RENEW_LATEST_MS) this.renew(run)
    }
  }

  private renew(run: R): void {
    this.renewedAt.set(run, this.now())
    run.renew()
  }
}
