import { useCallback, useSyncExternalStore } from 'react'

/** The widths where a screen puts its side panels beside the content; the CSS uses the same figures. */
export const WIDE_IDEA_LAYOUT = '(min-width: 960px)'
export const WIDE_NETWORK_LAYOUT = '(min-width: 640px)'

/** Whether a CSS media query matches now, kept up to date (read during render, so the first paint is right). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (callback: () => void) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', callback)
      return () => list.removeEventListener('change', callback)
    },
    [query],
  )
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => true)
}
