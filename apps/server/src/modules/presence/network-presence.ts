import type { PresenceUser } from '@tandem/shared'

interface Entry {
  displayName: string
  /** How many sockets or streams hold each place: an idea's id, or '' for the network's own pages. */
  places: Map<string, number>
}

type Listener = (users: PresenceUser[]) => void

/**
 * Who is online in each network right now: anyone holding the network's presence stream (its pages are open) or a
 * socket in one of its ideas' rooms. In memory, per process; each change is announced once per tick to the network's
 * listeners, however many sockets came and went in it.
 */
export class NetworkPresence {
  private readonly networks = new Map<string, Map<string, Entry>>()
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly dirty = new Set<string>()
  private flushScheduled = false

  /** Marks the user present in the network (in one idea, or on its pages when `ideaId` is null). Call the result to leave. */
  enter(networkSlug: string, user: { id: string; displayName: string }, ideaId: string | null): () => void {
    const place = ideaId ?? ''
    let users = this.networks.get(networkSlug)
    if (!users) this.networks.set(networkSlug, (users = new Map()))
    let entry = users.get(user.id)
    if (!entry) users.set(user.id, (entry = { displayName: user.displayName, places: new Map() }))
    entry.displayName = user.displayName
    entry.places.set(place, (entry.places.get(place) ?? 0) + 1)
    this.changed(networkSlug)
    let left = false
    return () => {
      if (left) return
      left = true
      const current = this.networks.get(networkSlug)?.get(user.id)
      if (!current) return
      const count = (current.places.get(place) ?? 1) - 1
      if (count > 0) current.places.set(place, count)
      else current.places.delete(place)
      if (current.places.size === 0) {
        users.delete(user.id)
        if (users.size === 0) this.networks.delete(networkSlug)
      }
      this.changed(networkSlug)
    }
  }

  /** The people online in the network, by name, each with the ideas they have open. */
  list(networkSlug: string): PresenceUser[] {
    const users = this.networks.get(networkSlug)
    if (!users) return []
    return [...users.entries()]
      .map(([id, entry]) => ({
        id,
        displayName: entry.displayName,
        ideaIds: [...entry.places.keys()].filter((place) => place !== '').sort(),
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
  }

  subscribe(networkSlug: string, listener: Listener): () => void {
    let set = this.listeners.get(networkSlug)
    if (!set) this.listeners.set(networkSlug, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(networkSlug)
    }
  }

  private changed(networkSlug: string): void {
    if (!this.listeners.has(networkSlug)) return
    this.dirty.add(networkSlug)
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      const slugs = [...this.dirty]
      this.dirty.clear()
      for (const slug of slugs) {
        const users = this.list(slug)
        for (const listener of this.listeners.get(slug) ?? []) listener(users)
      }
    })
  }
}
