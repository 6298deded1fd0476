/** MAX_SOCKETS_PER_USER's default: a person with a dozen tabs, each with an idea and its history open, fits. */
export const DEFAULT_MAX_SOCKETS_PER_USER = 32

/**
 * How many sockets each user has open on this server. Each socket costs a document's answer, send buffers, a ping
 * and a place in its room's fan-out; without a cap one observer opened 5,000. A socket past `maxPerUser` is refused
 * (4429, which the provider treats as final) before its room is loaded.
 */
export class SocketQuota {
  private readonly open = new Map<string, number>()

  constructor(private readonly maxPerUser: number) {}

  /** Counts a socket of the user, or returns false (counting nothing) when the user has `maxPerUser` open already. */
  take(userId: string): boolean {
    const count = this.open.get(userId) ?? 0
    if (count >= this.maxPerUser) return false
    this.open.set(userId, count + 1)
    return true
  }

  /** The socket counted by take() has closed. */
  release(userId: string): void {
    const count = this.open.get(userId) ?? 0
    if (count <= 1) this.open.delete(userId)
    else this.open.set(userId, count - 1)
  }

  /** Sockets the user has open now. */
  count(userId: string): number {
    return this.open.get(userId) ?? 0
  }
}
