import { createElement, lazy, type ComponentType, type ReactElement } from 'react'

export type LazyScreen<P extends object> = ((props: P) => ReactElement) & {
  /** Fetches (once) and evaluates the screen's chunk; a later render of the screen then never suspends. */
  preload(): Promise<void>
}

/**
 * A screen in a chunk of its own that renders at once when its chunk is already here. React.lazy suspends on every
 * first render, even of a chunk fetched long before, and React then keeps the page's fallback up for at least 300 ms
 * (its FALLBACK_THROTTLE_MS): each navigation showed an empty page for a third of a second on the fastest connection.
 */
export function lazyScreen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<void> | null = null
  const preload = (): Promise<void> =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default
      },
      (error: unknown) => {
        loading = null // a failed fetch (offline) may be tried again by the next navigation
        throw error
      },
    ))
  const Suspending = lazy(() => preload().then(() => ({ default: loaded! })))
  const Screen = (props: P) => createElement(loaded ?? Suspending, props)
  return Object.assign(Screen, { preload })
}
