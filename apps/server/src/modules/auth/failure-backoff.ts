import { makeRoom } from './bounded-keys.ts'

export interface FailureBackoffOptions {
  /** Tries in a row that need no wait (typos): the failure that uses the last of them brings the first wait. */
  freeTries: number
  /** That first wait; each further failure doubles it. */
  firstDelayMs: number
  maxDelayMs: number
  /** A key whose last failure is this old is forgotten: its count starts again. */
  forgetAfterMs: number
  maxKeys?: number
  now?: () => number
}

interface Failures {
  count: number
  lastAt: number
  /** No attempt before this time. */
  waitUntil: number
}

/**
 * Failures in a row per key (an address and an account): after a few free ones, each next attempt waits a delay
 * that doubles, up to a cap. It slows a guesser down to a trickle without ever shutting the door for long, and a
 * success clears the key. Attempts are counted before the check they lead to, so a parallel burst is counted too.
 */
export class FailureBackoff {
  private readonly keys = new Map<string, Failures>()
  private readonly options: Required<Omit<FailureBackoffOptions, 'now'>>
  private readonly now: () => number

  constructor(options: FailureBackoffOptions) {
    this.options = { maxKeys: 10_000, ...options }
    this.now = options.now ?? Date.now
  }

  /** Seconds until `key` may try again; 0 when it may try now. */
  waitSeconds(key: string): number {
    const failures = this.current(key)
    if (!failures) return 0
    const wait = failures.waitUntil - this.now()
    return wait > 0 ? Math.ceil(wait / 1000) : 0
  }

  /** Counts an attempt as a failure until `succeeded` says otherwise. */
  fail(key: string): void {
    const now = this.now()
    const failures = this.current(key) ?? { count: 0, lastAt: now, waitUntil: 0 }
    this.keys.delete(key)
    makeRoom(this.keys, this.options.maxKeys, (f) => this.forgotten(f, now))
    failures.count += 1
    failures.lastAt = now
    const past = failures.count - this.options.freeTries
    if (past >= 0) {
      const delay = Math.min(this.options.maxDelayMs, this.options.firstDelayMs * 2 ** Math.min(past, 30))
      failures.waitUntil = now + delay
    }
    this.keys.set(key, failures)
  }

  /** The attempt was right: the key starts afresh. */
  succeeded(key: string): void {
    this.keys.delete(key)
  }

  get size(): number {
    return this.keys.size
  }

  private current(key: string): Failures | undefined {
    const failures = this.keys.get(key)
    if (failures && this.forgotten(failures, this.now())) {
      this.keys.delete(key)
      return undefined
    }
    return failures
  }

  private forgotten(failures: Failures, now: number): boolean {
    return now - failures.lastAt >= this.options.forgetAfterMs && now >= failures.waitUntil
  }
}
