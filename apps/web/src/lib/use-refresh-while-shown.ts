import { useEffect } from 'react'

/**
 * Calls `refresh` again when the page comes back into view and every `everyMs` while the calling screen is shown
 * (online only): what others change meanwhile (an idea's status, this person's role) reaches an open page.
 */
export function useRefreshWhileShown(refresh: () => unknown, everyMs = 60_000): void {
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible' && navigator.onLine) void refresh()
    }
    document.addEventListener('visibilitychange', onVisible)
    const timer = setInterval(onVisible, everyMs)
    return () => {
      document.removeEventListener('visibilitychange', onVisible)
      clearInterval(timer)
    }
  }, [refresh, everyMs])
}
