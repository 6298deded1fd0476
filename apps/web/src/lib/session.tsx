import type { MeResponse } from '@tandem/shared'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { api, ApiError } from './api.ts'
import { useRefreshWhileShown } from './use-refresh-while-shown.ts'

/** The signed-in person (or null), their memberships and pending join requests, shared by every screen. */
export interface Session {
  /** `undefined` while the first answer is awaited; `null` when signed out. */
  me: MeResponse | null | undefined
  refresh(): Promise<MeResponse | null>
  signOut(): Promise<void>
  roleIn(networkSlug: string): 'observer' | 'member' | 'facilitator' | null
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeResponse | null | undefined>(undefined)

  const refresh = useCallback(async () => {
    try {
      const next = await api.get<MeResponse>('/me')
      setMe(next)
      return next
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setMe(null)
        return null
      }
      // Offline: keep what we had (the service worker may also answer from its cache).
      setMe((previous) => previous ?? null)
      return null
    }
  }, [])

  const signOut = useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined)
    setMe(null)
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const value = useMemo<Session>(
    () => ({
      me,
      refresh,
      signOut,
      roleIn: (slug) => me?.memberships.find((m) => m.networkSlug === slug)?.role ?? null,
    }),
    [me, refresh, signOut],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}

/**
 * Reads the session again when the page comes back into view and every minute while the calling screen is shown:
 * a facilitator may change this person's role meanwhile (the room server already treats them by the new role; the
 * page follows within a minute instead of at the next reload).
 */
export function useSessionKeptFresh(): void {
  useRefreshWhileShown(useSession().refresh)
}
