import { makeRoom } from './bounded-keys.ts'

export interface TokenBucketOptions {
  /** Tokens a key may save up: the burst it may spend at once. */
  capacity: number
  /** One token comes back every this many milliseconds: the steady rate once the burst is spent. */
  refillEveryMs: number
  /** At most this many keys are remembered (see bounded-keys.ts). */
  maxKeys?: number
  now?: () => number
}

interface Bucket {
  tokens: number
  /** When `tokens` was last brought up to date. */
  at: number
}

/**
 * A token bucket per key (a client address), in memory: a burst of `capacity`, then one every `refillEveryMs`. Unlike
 * a fixed window it never refuses a steady, modest pace (a workshop signing up one by one) and never lets a sweep
 * through faster than the rate. A full bucket is forgotten: it is the same as a key never seen.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>()
  private readonly capacity: number
  private readonly refillEveryMs: number
  private readonly maxKeys: number
  private readonly now: () => number

  constructor(options: TokenBucketOptions) {
    this.capacity = options.capacity
    this.refillEveryMs = options.refillEveryMs
    this.maxKeys = options.maxKeys ?? 10_000
    this.now = options.now ?? Date.now
  }

  /** Seconds until `key` has a token; 0 when it has one now. */
  waitSeconds(key: string): number {
    const tokens = this.tokensOf(key)
    if (tokens >= 1) return 0
    return Math.max(1, Math.ceil(((1 - tokens) * this.refillEveryMs) / 1000))
  }

  /** Spends one token of `key` (check `waitSeconds` first). */
  take(key: string): void {
    const tokens = this.tokensOf(key)
    this.buckets.delete(key)
    makeRoom(this.buckets, this.maxKeys, (bucket) => this.refilled(bucket) >= this.capacity)
    this.buckets.set(key, { tokens: tokens - 1, at: this.now() })
  }

  /** Gives a token back (the attempt turned out legitimate). */
  giveBack(key: string): void {
    const bucket = this.buckets.get(key)
    if (!bucket) return
    const tokens = Math.min(this.capacity, this.refilled(bucket) + 1)
    if (tokens >= this.capacity) this.buckets.delete(key)
    else Object.assign(bucket, { tokens, at: this.now() })
  }

  get size(): number {
    return this.buckets.size
  }

  private tokensOf(key: string): number {
    const bucket = this.buckets.get(key)
    return bucket ? this.refilled(bucket) : this.capacity
  }

  private refilled(bucket: Bucket): number {
    return Math.min(this.capacity, bucket.tokens + (this.now() - bucket.at) / this.refillEveryMs)
  }
}
