/**
 * The waits the server asked for after too many sign-in attempts, keyed on what its 429 said: the account whose
 * email it names (`error.fields.email`), or, when it names none, the whole address (every account waits). So after
 * one account is limited, another may still sign in at once. Pure: the clock is passed in.
 */
const EVERY_ACCOUNT = '*'

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export class SignInWaits {
  private readonly until = new Map<string, number>()

  /** Notes a 429 for `email`: `accountOnly` when the answer named the account, `seconds` its Retry-After. */
  note(email: string, accountOnly: boolean, seconds: number, now: number): void {
    const key = accountOnly ? normaliseEmail(email) : EVERY_ACCOUNT
    this.until.set(key, Math.max(this.until.get(key) ?? 0, now + seconds * 1000))
  }

  /** Milliseconds `email` must still wait (0: it may try now). */
  remainingMs(email: string, now: number): number {
    const own = this.until.get(normaliseEmail(email)) ?? 0
    const all = this.until.get(EVERY_ACCOUNT) ?? 0
    return Math.max(0, own - now, all - now)
  }

  /** Whether the wait of `email` is the whole address's (no other account may try either). */
  waitsForEveryAccount(now: number): boolean {
    return (this.until.get(EVERY_ACCOUNT) ?? 0) > now
  }

  /** When the next wait ends (to show the button again), or null when nobody waits. */
  nextEnd(now: number): number | null {
    let next: number | null = null
    for (const [key, end] of this.until) {
      if (end <= now) this.until.delete(key)
      else if (next === null || end < next) next = end
    }
    return next
  }
}
