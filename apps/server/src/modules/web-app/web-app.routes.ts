import { serveStatic } from '@hono/node-server/serve-static'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono, type Context } from 'hono'
import { AppPages } from './app-pages.ts'
import { pageStatusOf, type PageStatusOf } from './page-status.ts'

/** Where `npm run build -w @tandem/web` writes the app. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../../../web/dist/', import.meta.url))

/**
 * The browser app's own policy: scripts only from us; inline style attributes allowed because ProseMirror and the
 * collaboration carets colour elements through them; sockets and fetches to our own origin only.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ')

function cacheFor(filePath: string): string {
  // Vite names every asset by its content hash: it never changes, so it may be kept for a year. Everything else
  // (index.html, the service worker, the manifest) must be asked for again so a new release is picked up.
  return filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
}

function wantsPage(c: Context): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false
  if (c.req.path.startsWith('/api/') || c.req.path === '/api' || c.req.path.startsWith('/collab/')) return false
  // A path with a file extension is a missing asset, not a screen of the app: let it 404.
  if (path.extname(c.req.path) !== '') return false
  return (c.req.header('accept') ?? '*/*').includes('text/html') || (c.req.header('accept') ?? '') === '*/*'
}

/**
 * Serves the built web app at `/`: hashed assets with long caching, precompressed (.br/.gz written by the build)
 * when the browser accepts it, and `index.html` for every path (the app routes in the browser), naming the chunks
 * that screen loads first (app-pages.ts), with the status of that page (page-status.ts: 404 for an unknown page or
 * idea, whose friendly screen the app shows).
 */
export function webAppRoutes(distDir: string = DEFAULT_WEB_DIST_DIR, statusOf: PageStatusOf = pageStatusOf()) {
  const app = new Hono()
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.get('*', async (c, next) => {
      if (!wantsPage(c)) return next()
      return c.text('The web app is not built yet: run `npm run build` (npm start does it for you).\n', 503)
    })
    return app
  }
  // serveStatic builds its response before onFound runs, so the headers are added to that response afterwards,
  // from the file it served (kept per request). The handler is made once, not per request.
  const served = new WeakMap<Context, string>()
  const serveAsset = serveStatic({
    root: distDir,
    precompressed: true,
    onFound: (filePath, c) => {
      served.set(c, filePath)
    },
  })
  const pages = AppPages.load(distDir)
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/collab/') || c.req.path === '/') return next()
    const response = await serveAsset(c, next)
    const found = served.get(c)
    if (!(response instanceof Response) || found === undefined) return response
    response.headers.set('Cache-Control', cacheFor(found))
    if (/\.html(\.(br|gz))?$/.test(found)) response.headers.set('Content-Security-Policy', WEB_APP_CSP)
    // The service worker may control the whole origin.
    if (/[\\/]sw\.js(\.(br|gz))?$/.test(found)) response.headers.set('Service-Worker-Allowed', '/')
    return response
  })
  app.get('*', async (c, next) => {
    if (!wantsPage(c)) return next()
    const page = pages.pageFor(c.req.path)
    // The database unreachable: the page is still served (the app says what it can), as a 200.
    const status = await statusOf(c.req.path, c.req.header('cookie')).catch(() => 200 as const)
    const accepted = c.req.header('accept-encoding') ?? ''
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null
    const headers: Record<string, string> = {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': WEB_APP_CSP,
      Vary: 'Accept-Encoding',
    }
    if (encoding) headers['Content-Encoding'] = encoding
    const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity
    return c.body(body, status, headers)
  })
  return app
}
