import { ErrorCode } from '@tandem/shared'
import { AppError } from '../../errors.ts'
import { FailureBackoff, type FailureBackoffOptions } from './failure-backoff.ts'
import { TokenBuckets, type TokenBucketOptions } from './token-buckets.ts'

/**
 * A 429 with the seconds to wait (sent as Retry-After). `fields.email` is there when only the account is limited
 * from this address, not the address itself: the sign-in page then lets another account try at once.
 */
export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, what: string, fields?: Record<string, string>) {
    super(ErrorCode.RATE_LIMITED, `too many ${what}; try again in ${retryAfterSeconds} s`, fields, undefined, retryAfterSeconds)
  }
}

export interface AuthLimits {
  /** Sign-ups per client address: a burst, then a steady rate (a workshop behind one address gets in). */
  signUpsPerAddress: Omit<TokenBucketOptions, 'now'>
  /** Failed sign-ins (and wrong current passwords) per client address, whatever the account. */
  failuresPerAddress: Omit<TokenBucketOptions, 'now'>
  /** Failed sign-ins in a row per client address and account: a growing wait, never a lock-out of the owner elsewhere. */
  failuresPerAccount: Omit<FailureBackoffOptions, 'now'>
  /** The clock (tests move it instead of waiting). */
  now?: () => number
}

const MINUTE = 60_000
export const defaultAuthLimits: AuthLimits = {
  // 30 at once, then one every 10 s: 90 within ten minutes, 390 in an hour; a sweep of 300 stops after 30.
  signUpsPerAddress: { capacity: 30, refillEveryMs: 10_000 },
  // 50 failures at once (a workshop's Wi-Fi, people mistyping), then one every 12 s (300 an hour).
  failuresPerAddress: { capacity: 50, refillEveryMs: 12_000 },
  // 5 tries at once, then waits of 1 s, 2 s, 4 s … up to 15 minutes; forgotten a day after the last failure.
  failuresPerAccount: { freeTries: 5, firstDelayMs: 1_000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 24 * 60 * MINUTE },
}

/** The limits with SIGN_IN_BACKOFF_SECONDS as the first wait of the per-account backoff (when set). */
export function withSignInBackoff(limits: Partial<AuthLimits> = {}, firstWaitSeconds?: number): Partial<AuthLimits> {
  if (firstWaitSeconds === undefined) return limits
  const backoff = limits.failuresPerAccount ?? defaultAuthLimits.failuresPerAccount
  const firstDelayMs = firstWaitSeconds * 1000
  return {
    ...limits,
    failuresPerAccount: { ...backoff, firstDelayMs, maxDelayMs: Math.max(backoff.maxDelayMs, firstDelayMs) },
  }
}

/**
 * The abuse limits of accounts, keyed by the client's address (see middleware/client-address.ts) and never by the
 * account alone: a stranger's guesses from one address cannot lock the owner out from another.
 */
export class AuthLimiter {
  private readonly signUps: TokenBuckets
  private readonly failuresByAddress: TokenBuckets
  private readonly failuresByAccount: FailureBackoff

  constructor(limits: Partial<AuthLimits> = {}) {
    const now = limits.now ?? Date.now
    this.signUps = new TokenBuckets({ ...(limits.signUpsPerAddress ?? defaultAuthLimits.signUpsPerAddress), now })
    this.failuresByAddress = new TokenBuckets({ ...(limits.failuresPerAddress ?? defaultAuthLimits.failuresPerAddress), now })
    this.failuresByAccount = new FailureBackoff({ ...(limits.failuresPerAccount ?? defaultAuthLimits.failuresPerAccount), now })
  }

  /** 429 when the address has used its sign-ups. */
  checkSignUp(address: string): void {
    const wait = this.signUps.waitSeconds(address)
    if (wait > 0) throw new RateLimitedError(wait, 'sign-ups from this address')
  }

  countSignUp(address: string): void {
    this.signUps.take(address)
  }

  /** 429 while the address, or this account from this address, must wait; the latter names `fields.email`. */
  checkPasswordAttempt(address: string, email: string, what: string): void {
    const byAddress = this.failuresByAddress.waitSeconds(address)
    const byAccount = this.failuresByAccount.waitSeconds(accountKey(address, email))
    if (byAddress > 0) throw new RateLimitedError(Math.max(byAddress, byAccount), what)
    if (byAccount > 0) throw new RateLimitedError(byAccount, what, { email: 'too many attempts for this account; wait a moment' })
  }

  /** Counts an attempt as failed before the password is checked, so that a parallel burst is counted whole. */
  countPasswordAttempt(address: string, email: string): void {
    this.failuresByAddress.take(address)
    this.failuresByAccount.fail(accountKey(address, email))
  }

  /** The password was right: the attempt costs nothing after all. */
  passwordAttemptSucceeded(address: string, email: string): void {
    this.failuresByAddress.giveBack(address)
    this.failuresByAccount.succeeded(accountKey(address, email))
  }
}

function accountKey(address: string, email: string): string {
  return `${address}\n${email.toLowerCase()}`
}
