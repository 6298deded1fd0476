/**
 * Registers the service worker that caches the app shell, every chunk and the last API answers (built by
 * vite-plugin-pwa into /sw.js), so an idea opened once loads again with no network. Only in built apps: `npm run dev`
 * serves modules the worker must not cache.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('service worker not registered', error)
    })
  })
}
