import { ErrorCode } from '@tandem/shared'
import type { MiddlewareHandler } from 'hono'
import type { Env } from '../env.ts'
import { AppError, toResponse } from '../errors.ts'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const LOCAL_DEV_HOSTS = new Set(['localhost', '127.0.0.1'])

/**
 * Which browser origins may use the session cookie for state-changing requests (and open collaboration rooms).
 *
 * - ALLOWED_ORIGINS set: exactly those origins.
 * - unset: the server's own origin, taken from the request (Host and protocol; the https form of the same host is
 *   accepted as well, for a TLS-terminating proxy in front of us), plus `http://localhost:<any port>` and
 *   `http://127.0.0.1:<any port>` when NODE_ENV is development or test (a dev server on another port).
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string> | null
  private readonly localDev: boolean

  constructor(config: { ALLOWED_ORIGINS?: Env['ALLOWED_ORIGINS']; NODE_ENV?: Env['NODE_ENV'] | undefined }) {
    this.allowed = config.ALLOWED_ORIGINS ? new Set(config.ALLOWED_ORIGINS.map(normalizeOrigin)) : null
    this.localDev = config.NODE_ENV === 'development' || config.NODE_ENV === 'test'
  }

  /** May a page of `origin` act with the cookie on a request to `requestUrl`? Also for websocket upgrades. */
  isAllowedOrigin(origin: string | null | undefined, requestUrl: string | URL): boolean {
    return isAllowedOrigin(origin, requestUrl, this.allowed, this.localDev)
  }
}

/** The pure rule behind `OriginPolicy.isAllowedOrigin`; `allowed` null means the default described there. */
export function isAllowedOrigin(
  origin: string | null | undefined,
  requestUrl: string | URL,
  allowed: ReadonlySet<string> | null = null,
  localDev = false,
): boolean {
  if (!origin) return false
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false // includes the opaque origin "null"
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  if (allowed) return allowed.has(parsed.origin)
  const own = new URL(requestUrl)
  if (parsed.host === own.host && (parsed.protocol === own.protocol || parsed.protocol === 'https:')) return true
  return localDev && parsed.protocol === 'http:' && LOCAL_DEV_HOSTS.has(parsed.hostname)
}

export function normalizeOrigin(origin: string): string {
  return new URL(origin).origin
}

/**
 * CSRF defence: a POST/PUT/PATCH/DELETE that carries a cookie must come from an allowed origin (its Origin header,
 * or lacking one its Referer), else 403. Requests without cookies are not checked: they act as nobody.
 */
export function originCheck(policy: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method) || !c.req.header('cookie')) return next()
    const origin = c.req.header('origin') ?? originOf(c.req.header('referer'))
    if (!policy.isAllowedOrigin(origin, c.req.url)) {
      return toResponse(c, new AppError(ErrorCode.FORBIDDEN, 'cross-origin request refused'))
    }
    return next()
  }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
