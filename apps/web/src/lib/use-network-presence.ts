import { useEffect, useState } from 'react'

export interface OnlineUser {
  id: string
  displayName: string
  /** The ideas this person has open right now. */
  ideaIds: string[]
}

export interface NetworkPresence {
  /** `connecting` until the first answer; `unavailable` when the stream was refused or the network is gone. */
  state: 'connecting' | 'live' | 'unavailable'
  users: OnlineUser[]
}

function parseUsers(data: string): OnlineUser[] | null {
  try {
    const parsed = JSON.parse(data) as { users?: unknown }
    if (!Array.isArray(parsed.users)) return null
    return parsed.users
      .filter((u): u is OnlineUser => typeof u === 'object' && u !== null && typeof (u as OnlineUser).id === 'string')
      .map((u) => ({ id: u.id, displayName: String(u.displayName ?? ''), ideaIds: Array.isArray(u.ideaIds) ? u.ideaIds.map(String) : [] }))
  } catch {
    return null
  }
}

/**
 * Who is online in a network right now, from the server's presence stream (Server-Sent Events). Holding the stream
 * open is what makes this person count as online for the others, so it is opened only while the network's home is
 * shown (`enabled`) and closed when the screen goes away.
 */
export function useNetworkPresence(slug: string, enabled: boolean): NetworkPresence {
  const [presence, setPresence] = useState<NetworkPresence>({ state: 'connecting', users: [] })

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setPresence({ state: 'unavailable', users: [] })
      return
    }
    setPresence({ state: 'connecting', users: [] })
    const source = new EventSource(`/api/networks/${encodeURIComponent(slug)}/presence`)
    source.addEventListener('presence', (event) => {
      const users = parseUsers((event as MessageEvent<string>).data)
      if (users) setPresence({ state: 'live', users })
    })
    source.addEventListener('open', () => setPresence((previous) => (previous.state === 'live' ? previous : { ...previous, state: 'connecting' })))
    source.addEventListener('error', () => {
      // CLOSED: refused for good (401/403/404 answer JSON, not a stream). CONNECTING: the browser retries by itself.
      setPresence((previous) => ({ state: source.readyState === EventSource.CLOSED ? 'unavailable' : 'connecting', users: source.readyState === EventSource.CLOSED ? [] : previous.users }))
    })
    return () => source.close()
  }, [slug, enabled])

  return presence
}
