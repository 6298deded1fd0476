/**
 * Registers the service worker that caches the app shell, every chunk and the last API answers (built by
 * vite-plugin-pwa into /sw.js), so an idea opened once loads again with no network. Only in built apps: `npm run dev`
 * serves modules the worker must not cache.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('service worker not registered', error)
    })
  }
  // The worker's first install fetches every chunk: after the page's own loading, not beside it. The app itself
  // loads after the page's `load` event when an idea was opened straight away (boot.ts).
  if (document.readyState === 'complete') setTimeout(register, 0)
  else window.addEventListener('load', register, { once: true })
}
