import * as Y from 'yjs'

/**
 * Whether the server has durably stored every change made in this browser.
 *
 * The room server sends (to clients that opted in with `?stored=1`) message type 100 carrying the state vector the
 * database holds. A change made here is stored when that vector covers the change's client clock. Changes made
 * offline before a reload belong to an earlier Y.Doc client id, so the ids this browser wrote with are remembered per
 * idea (localStorage) until the server has stored them.
 */
export class SavedTracker {
  private readonly stored = new Map<number, number>()
  private readonly own: Set<number>

  constructor(
    private readonly doc: Y.Doc,
    private readonly storageKey: string | null,
  ) {
    this.own = new Set(this.load())
  }

  /** Call after a transaction: remembers this doc's client id once it has written anything. */
  noteLocalWrite(): void {
    if (this.own.has(this.doc.clientID) || Y.getState(this.doc.store, this.doc.clientID) === 0) return
    this.own.add(this.doc.clientID)
    this.save()
  }

  /** Merges a state vector the server holds (a STORED message, or the server's doc when it was loaded from the database). */
  noteStored(stateVector: Map<number, number>): void {
    for (const [client, clock] of stateVector) {
      if ((this.stored.get(client) ?? 0) < clock) this.stored.set(client, clock)
    }
    // Earlier sessions' ids never write again: forget them once the server has all of their changes.
    let changed = false
    for (const client of this.own) {
      if (client !== this.doc.clientID && this.covers(client)) {
        this.own.delete(client)
        changed = true
      }
    }
    if (changed) this.save()
  }

  /** True when the database holds every change this browser made to the document. */
  isSaved(): boolean {
    for (const client of this.own) if (!this.covers(client)) return false
    return this.covers(this.doc.clientID)
  }

  private covers(client: number): boolean {
    return (this.stored.get(client) ?? 0) >= Y.getState(this.doc.store, client)
  }

  private load(): number[] {
    if (!this.storageKey) return []
    try {
      const value: unknown = JSON.parse(localStorage.getItem(this.storageKey) ?? '[]')
      return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : []
    } catch {
      return []
    }
  }

  private save(): void {
    if (!this.storageKey) return
    try {
      if (this.own.size === 0) localStorage.removeItem(this.storageKey)
      else localStorage.setItem(this.storageKey, JSON.stringify([...this.own]))
    } catch {
      // Storage full or disabled: the indicator then only knows this visit's changes.
    }
  }
}
