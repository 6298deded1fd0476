import { CloseCode } from '@tandem/shared'
import { sessionTokenFromCookieHeader } from '../modules/auth/session-cookie.ts'
import { looksLikeSessionToken } from '../modules/auth/session-token.ts'
import { RoomDenied } from './authorize.ts'

export interface SessionLookupGuardOptions {
  /** Session lookups one address may have under way at once; the others wait their turn… */
  concurrent: number
  /** …up to this many; past it a socket is refused. */
  waiting: number
  /** Lookups that found no session an address may make in a burst… */
  failureBurst: number
  /** …then one more every this many milliseconds. */
  failureRefillMs: number
  /** How long a token the database did not know is answered "unknown" from memory. */
  unknownForMs: number
  /** At most this many addresses, and as many unknown tokens, are remembered (the oldest go first). */
  maxKeys: number
  now?: () => number
}

export const SESSION_LOOKUP_DEFAULTS: SessionLookupGuardOptions = {
  concurrent: 8,
  waiting: 1_000,
  failureBurst: 64,
  failureRefillMs: 100,
  unknownForMs: 60_000,
  maxKeys: 10_000,
}

interface AddressState {
  running: number
  waiters: Array<() => void>
  /** Failed lookups the address may still make, as of `at` (refilled with time). */
  failures: number
  at: number
}

const REFUSED = 'too many session checks from this address, try again later'

/**
 * Session lookups of socket upgrades, per client address. Each upgrade with a well-formed session cookie costs a
 * database query; 5,000 with made-up tokens at once kept the database busy until /api/health answered 503. Here an
 * address has at most a few lookups under way (the rest wait their turn, so everyone else's queries, and the health
 * check, get theirs), a token the database did not know is answered from memory for a while (a token never becomes
 * valid later: the server makes them), and an address whose lookups keep finding nothing (a burst, then a steady
 * rate) is refused with 1013 (try again later) without a query. Lookups that find a session cost nothing but their
 * turn: a workshop behind one address reconnecting after a restart all get in.
 */
export class SessionLookupGuard {
  private readonly unknown = new Map<string, number>()
  private readonly addresses = new Map<string, AddressState>()
  private readonly now: () => number
  /** Queries made, sockets refused, and tokens answered unknown from memory (for tests and the abuse task). */
  readonly counts = { lookups: 0, refused: 0, rememberedUnknown: 0 }

  constructor(private readonly options: SessionLookupGuardOptions = SESSION_LOOKUP_DEFAULTS) {
    this.now = options.now ?? Date.now
  }

  /** `lookup(cookie)` in the address's turn, unless the token is known unknown (null) or the address is refused. */
  async userFromCookie<User>(address: string, cookie: string | null, lookup: (cookie: string | null) => Promise<User | null>): Promise<User | null> {
    const token = sessionTokenFromCookieHeader(cookie)
    // No cookie, or not a token's shape: the lookup answers null without a query.
    if (!token || !looksLikeSessionToken(token)) return lookup(cookie)
    if (this.knownUnknown(token)) return null
    const state = this.stateOf(address)
    if (this.failuresLeft(state) < 1 || (state.running >= this.options.concurrent && state.waiters.length >= this.options.waiting)) {
      return this.refuse(address)
    }
    if (state.running >= this.options.concurrent) await new Promise<void>((resolve) => state.waiters.push(resolve))
    else state.running++
    // Waiting, the token may have been found unknown, or the address may have used up its failures.
    try {
      if (this.knownUnknown(token)) return null
      if (this.failuresLeft(state) < 1) return this.refuse(address)
      this.counts.lookups++
      const user = await lookup(cookie)
      if (!user) {
        // Lookups under way when the burst ran out may take it below zero: none is owed beyond the burst.
        state.failures = Math.max(0, this.failuresLeft(state) - 1)
        state.at = this.now()
        this.rememberUnknown(token)
      }
      return user
    } finally {
      this.nextTurn(address, state)
    }
  }

  private refuse(address: string): never {
    this.counts.refused++
    this.forgetIfIdle(address)
    throw new RoomDenied(CloseCode.OVERLOADED, REFUSED)
  }

  private knownUnknown(token: string): boolean {
    const until = this.unknown.get(token)
    if (until === undefined) return false
    if (until > this.now()) {
      this.counts.rememberedUnknown++
      return true
    }
    this.unknown.delete(token)
    return false
  }

  private rememberUnknown(token: string): void {
    if (this.unknown.size >= this.options.maxKeys) this.unknown.delete(this.unknown.keys().next().value!)
    this.unknown.set(token, this.now() + this.options.unknownForMs)
  }

  private stateOf(address: string): AddressState {
    let state = this.addresses.get(address)
    if (!state) {
      if (this.addresses.size >= this.options.maxKeys) this.forgetOneIdle()
      state = { running: 0, waiters: [], failures: this.options.failureBurst, at: this.now() }
      this.addresses.set(address, state)
    }
    return state
  }

  private failuresLeft(state: AddressState): number {
    return Math.min(this.options.failureBurst, state.failures + (this.now() - state.at) / this.options.failureRefillMs)
  }

  /** A lookup ended: the next waiter's turn, or one less under way. */
  private nextTurn(address: string, state: AddressState): void {
    const next = state.waiters.shift()
    if (next) next()
    else {
      state.running--
      this.forgetIfIdle(address)
    }
  }

  /** An address with nothing under way and its failures back to the full burst is the same as one never seen. */
  private forgetIfIdle(address: string): void {
    const state = this.addresses.get(address)
    if (state && state.running === 0 && state.waiters.length === 0 && this.failuresLeft(state) >= this.options.failureBurst) {
      this.addresses.delete(address)
    }
  }

  private forgetOneIdle(): void {
    for (const [address, state] of this.addresses) {
      if (state.running === 0 && state.waiters.length === 0) {
        this.addresses.delete(address)
        return
      }
    }
  }
}
