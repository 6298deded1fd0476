import { useEffect, useState, useSyncExternalStore } from 'react'
import { acquireSession, INITIAL_SNAPSHOT, releaseSession, type CollabSession, type CollabSnapshot } from './collab-session.ts'

const idle: CollabSnapshot = INITIAL_SNAPSHOT
const noop = () => () => undefined

/** Opens (or reuses) the idea's shared document while the calling screen is shown. */
export function useCollabSession(ideaId: string | undefined, room: string | undefined): { session: CollabSession | null; state: CollabSnapshot } {
  const [session, setSession] = useState<CollabSession | null>(null)
  useEffect(() => {
    if (!ideaId || !room) return
    const opened = acquireSession(ideaId, room)
    setSession(opened)
    return () => {
      setSession(null)
      releaseSession(opened)
    }
  }, [ideaId, room])
  const state = useSyncExternalStore(session?.subscribe ?? noop, session?.getSnapshot ?? (() => idle), () => idle)
  return { session, state }
}
