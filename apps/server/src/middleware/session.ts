import type { HttpBindings } from '@hono/node-server'
import { ErrorCode } from '@tandem/shared'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv, AuthSession, AuthUser } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../modules/auth/session-cookie.ts'
import type { SessionsService } from '../modules/auth/sessions.service.ts'

/**
 * Reads the `tandem_session` cookie and sets `c.var.user` and `c.var.session` (null when signed out). Sends the
 * cookie again when the session was extended, and tells the browser to drop a cookie that no longer names a session.
 */
export function sessionMiddleware(sessions: SessionsService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null)
    c.set('session', null)
    const token = getCookie(c, SESSION_COOKIE)
    if (!token) return next()
    const result = await sessions.validateSessionToken(token)
    if (result) {
      c.set('user', result.user)
      c.set('session', result.session)
      if (result.extended) setSessionCookie(c, token, result.session.expiresAt)
      return next()
    }
    await next()
    // A route that signs in sets its own cookie; only otherwise is the stale one cleared.
    if (!c.res.headers.getSetCookie().some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))) clearSessionCookie(c)
  }
}

/** The environment of a route behind `requireUser`: user and session are set. */
export interface SignedInEnv {
  Bindings: HttpBindings
  Variables: { user: AuthUser; session: AuthSession }
}

/**
 * 401 `unauthenticated` unless signed in. Use it as a route's middleware (`createRoute({ middleware: [requireUser]
 * as const, … })`, then `c.var.user` is typed non-null) or with `.use()`. Needs `sessionMiddleware` before it (it
 * runs on every /api route).
 */
export const requireUser: MiddlewareHandler<SignedInEnv> = async (c, next) => {
  if (!c.get('user') || !c.get('session')) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first')
  await next()
}

/** The signed-in user and session of a request, or 401: for handlers that did not declare `requireUser`. */
export function signedIn(c: Context<AppEnv>): { user: AuthUser; session: AuthSession } {
  const user = c.get('user')
  const session = c.get('session')
  if (!user || !session) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first')
  return { user, session }
}
