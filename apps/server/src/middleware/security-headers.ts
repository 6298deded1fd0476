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

/** A year; no includeSubDomains: Tandem may live beside other sites of a municipality's domain that it cannot vouch for. */
export const HSTS = 'max-age=31536000'

/**
 * Security headers on every answer: a strict CSP, no framing, no sniffing, a referrer policy, and HSTS when the
 * request came over https (`overHttps`, see client-address.ts: a plain-http answer must not send it). A header a route
 * set itself (the API reference's CSP) is kept.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', API_CSP)
    for (const [name, value] of Object.entries(HEADERS)) if (!headers.has(name)) headers.set(name, value)
    if (c.get('overHttps')) headers.set('Strict-Transport-Security', HSTS)
  }
}
