import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'

/** Everything from our own origin only; nothing may frame us, no plugins, forms post back to us. */
const API_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ')

const HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'X-Permitted-Cross-Domain-Policies': 'none',
}

/**
 * Security headers on every answer: a strict CSP, no framing, no sniffing, a referrer policy. A header a route set
 * itself (the API reference's CSP) is kept.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', API_CSP)
    for (const [name, value] of Object.entries(HEADERS)) if (!headers.has(name)) headers.set(name, value)
  }
}

/**
 * The API reference (/api/docs, Scalar) loads its script from jsDelivr, starts it with one inline script, styles
 * itself inline and uses Scalar's fonts. Its inline scripts are allowed by their SHA-256 (computed from the page
 * itself, so a Scalar upgrade needs no change here), never with 'unsafe-inline'.
 */
export function apiReferenceCsp(): MiddlewareHandler {
  const cache = new Map<string, string>()
  return async (c, next) => {
    await next()
    if (!c.res.headers.get('content-type')?.startsWith('text/html')) return
    const html = await c.res.text()
    let csp = cache.get(html)
    if (!csp) {
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
      const hashes = inline.map((match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`)
      csp = [
        "default-src 'self'",
        `script-src 'self' https://cdn.jsdelivr.net ${hashes.join(' ')}`.trim(),
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self' data: https://fonts.scalar.com",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ].join('; ')
      if (cache.size < 8) cache.set(html, csp)
    }
    c.res = new Response(html, c.res)
    c.res.headers.set('Content-Security-Policy', csp)
  }
}
