export interface RateLimiterOptions {
  /** Attempts allowed per key within one window. */
  limit: number
  windowMs: number
  /** At most this many keys are remembered; when full, expired keys go first, then the oldest. */
  maxKeys?: number
  now?: () => number
}

interface Window {
  count: number
  resetAt: number
}

/**
 * Fixed-window attempt counter per key (an IP, an email), in memory. Attempts are counted before the expensive or
 * sensitive work so that a burst of parallel requests cannot slip through, and can be given back when they turn out
 * legitimate (a successful sign-in).
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>()
  private readonly limit: number
  private readonly windowMs: number
  private readonly maxKeys: number
  private readonly now: () => number

  constructor(options: RateLimiterOptions) {
    this.limit = options.limit
    this.windowMs = options.windowMs
    this.maxKeys = options.maxKeys ?? 10_000
    this.now = options.now ?? Date.now
  }

  /** Seconds until the key may try again; 0 when it may try now. */
  retryAfterSeconds(key: string): number {
    const window = this.current(key)
    if (!window || window.count < this.limit) return 0
    return Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000))
  }

  /** Counts one attempt. */
  consume(key: string): void {
    const window = this.current(key)
    if (window) {
      window.count += 1
      return
    }
    if (this.windows.size >= this.maxKeys) this.makeRoom()
    this.windows.set(key, { count: 1, resetAt: this.now() + this.windowMs })
  }

  /** Gives one attempt back (it was legitimate). */
  refund(key: string): void {
    const window = this.current(key)
    if (!window) return
    window.count -= 1
    if (window.count <= 0) this.windows.delete(key)
  }

  get size(): number {
    return this.windows.size
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key)
    if (window && window.resetAt <= this.now()) {
      this.windows.delete(key)
      return undefined
    }
    return window
  }

  private makeRoom(): void {
    const now = this.now()
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key)
    // Still full: forget the oldest keys (a Map iterates in insertion order), a tenth at a time so this stays rare.
    if (this.windows.size >= this.maxKeys) {
      let drop = Math.max(1, Math.floor(this.maxKeys / 10))
      for (const key of this.windows.keys()) {
        if (drop-- <= 0) break
        this.windows.delete(key)
      }
    }
  }
}
