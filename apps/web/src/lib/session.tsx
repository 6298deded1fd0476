import type { MeResponse } from '@tandem/shared'
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { api, ApiError } from './api.ts'
import { adoptCopies, eraseLocalCopies } from './local-copies.ts'
import { announceEnded, onOtherTab, onUnauthenticated, tellOtherTabs } from './session-signals.ts'
import { useRefreshWhileShown } from './use-refresh-while-shown.ts'

/** The signed-in person (or null), their memberships and pending join requests, shared by every screen. */
export interface Session {
  /** `undefined` while the first answer is awaited; `null` when signed out. */
  me: MeResponse | null | undefined
  /**
   * True once a signed-in session ended by itself (a 401 anywhere, a room closed with 4401, sign-out in another
   * tab): the app shows the sign-in page with the way back here, then calls `acknowledgeEnded`.
   */
  ended: boolean
  acknowledgeEnded(): void
  refresh(): Promise<MeResponse | null>
  /**
   * Signs out on the server (`everywhere`: every session of the person), then erases this browser's copies of ideas
   * and cached answers, and tells the other tabs. Ask first when `pendingIdeas()` is not empty. Throws when the
   * server could not be reached (NetworkError) or refused: then nothing was erased and the person is still signed in.
   */
  signOut(options?: { everywhere?: boolean }): Promise<void>
  roleIn(networkSlug: string): 'observer' | 'member' | 'facilitator' | null
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<MeResponse | null | undefined>(undefined)
  const [ended, setEnded] = useState(false)
  // The latest value at once, for handlers that run between renders (a 401 and a tab message arriving together).
  const current = useRef<MeResponse | null | undefined>(undefined)
  const setMe = useCallback((next: MeResponse | null | undefined) => {
    current.current = next
    setMeState(next)
  }, [])

  /**
   * The server no longer knows this session: let go of what is open, forget the person and erase the copies that
   * hold nothing unsent (those wait for the same person's next sign-in). Safe to call many times.
   */
  const settleSignedOut = useCallback(
    (news: 'here' | 'other-tab') => {
      const wasSignedIn = Boolean(current.current)
      announceEnded()
      if (wasSignedIn && news === 'here') tellOtherTabs('signed-out')
      setMe(null)
      if (wasSignedIn) setEnded(true)
      void eraseLocalCopies({ keepUnsynced: true })
    },
    [setMe],
  )

  const load = useCallback(
    async (announce: boolean): Promise<MeResponse | null> => {
      try {
        const next = await api.get<MeResponse>('/me')
        // Another person's copies (kept when their session ended by itself) are gone before anything is shown.
        await adoptCopies(next.user.id)
        if (announce && current.current === null) tellOtherTabs('signed-in')
        setMe(next)
        return next
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          settleSignedOut('here')
          return null
        }
        // Offline: keep what we had (the service worker may also answer from its cache).
        setMe(current.current ?? null)
        return null
      }
    },
    [setMe, settleSignedOut],
  )
  const refresh = useCallback(() => load(true), [load])

  const signOut = useCallback(
    async ({ everywhere = false }: { everywhere?: boolean } = {}) => {
      try {
        await api.post(everywhere ? '/auth/logout-everywhere' : '/auth/logout')
      } catch (error) {
        // 401: this session had ended already; the rest of the sign-out still applies.
        if (!(error instanceof ApiError && error.status === 401)) throw error
      }
      // The other tabs close their documents first, so deleting the databases is not blocked by their connections.
      tellOtherTabs('signed-out')
      announceEnded()
      setMe(null)
      await eraseLocalCopies({ keepUnsynced: false })
    },
    [setMe],
  )

  useEffect(() => {
    void load(false)
    const stopUnauthenticated = onUnauthenticated(() => settleSignedOut('here'))
    const stopTabs = onOtherTab((message) => {
      if (message === 'signed-out') settleSignedOut('other-tab')
      else void load(false)
    })
    return () => {
      stopUnauthenticated()
      stopTabs()
    }
  }, [load, settleSignedOut])

  const acknowledgeEnded = useCallback(() => setEnded(false), [])
  const value = useMemo<Session>(
    () => ({
      me,
      ended,
      acknowledgeEnded,
      refresh,
      signOut,
      roleIn: (slug) => me?.memberships.find((m) => m.networkSlug === slug)?.role ?? null,
    }),
    [me, ended, acknowledgeEnded, refresh, signOut],
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
