import { useEffect } from 'react'

export interface RefreshOptions {
  /** Also every this many milliseconds while the page is in view; null: only when it comes back into view. */
  everyMs?: number | null
  /** Nothing is asked while false. */
  enabled?: boolean
  /** Ask only while the browser says it is online (default); false also asks offline (the service worker may answer). */
  onlineOnly?: boolean
}

/**
 * Calls `refresh` again when the page comes back into view (a phone unlocked, another window closed) and, with
 * `everyMs`, now and then while it is shown: what others change meanwhile (an idea's status, this
 * person's role, a decided join request) reaches an open page.
 */
export function useRefreshWhileShown(refresh: () => unknown, { everyMs = 60_000, enabled = true, onlineOnly = true }: RefreshOptions = {}): void {
  useEffect(() => {
    if (!enabled) return
    const onVisible = () => {
      if (document.visibilityState === 'visible' && (navigator.onLine || !onlineOnly)) void refresh()
    }
    document.addEventListener('visibilitychange', onVisible)
    const timer = everyMs === null ? undefined : setInterval(onVisible, everyMs)
    return () => {
      document.removeEventListener('visibilitychange', onVisible)
      clearInterval(timer)
    }
  }, [refresh, everyMs, enabled, onlineOnly])
}
