import type { MeResponse } from '@tandem/shared'
import { useEffect } from 'react'
import { VIEWER_KEY as KEY } from '../lib/local-copies.ts'
import { useSession } from '../lib/session.tsx'

/**
 * The signed-in person as the editor needs them, remembered for a reload with no network (the session then cannot
 * ask /api/me, unless the service worker has its last answer).
 */
export function useViewer(): { me: MeResponse | null | undefined; fromCache: boolean } {
  const { me } = useSession()
  useEffect(() => {
    if (me === undefined) return
    try {
      // Signed out (and online: a failed request offline also leaves `me` null): forget the person.
      if (me === null) {
        if (navigator.onLine) localStorage.removeItem(KEY)
        return
      }
      localStorage.setItem(KEY, JSON.stringify(me))
    } catch {
      // Storage disabled: offline reloads then rely on the service worker.
    }
  }, [me])
  if (me || me === undefined) return { me, fromCache: false }
  if (!navigator.onLine) {
    try {
      const cached = localStorage.getItem(KEY)
      if (cached) return { me: JSON.parse(cached) as MeResponse, fromCache: true }
    } catch {
      // fall through
    }
  }
  return { me, fromCache: false }
}

export { roleOf, type Role } from './role.ts'
