import { useEffect, useRef } from 'react'
import { useLocation } from 'wouter'

/**
 * After a client-side navigation, moves focus to the new screen's heading (or to <main>), as a page load would:
 * a screen-reader user hears where they are, and a keyboard user continues from the top of the new screen.
 * Not on the first load, and not when only the query changes (filters).
 */
export function useRouteFocus(): void {
  const [location] = useLocation()
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    let tries = 0
    let frame = 0
    const focus = () => {
      const main = document.getElementById('main')
      const heading = main?.querySelector<HTMLElement>('h1')
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
        heading.focus()
        return
      }
      // The screen is a lazy chunk: wait for it to render its heading, briefly.
      if (++tries < 60) frame = requestAnimationFrame(focus)
      else main?.focus()
    }
    frame = requestAnimationFrame(focus)
    return () => cancelAnimationFrame(frame)
  }, [location])
}
