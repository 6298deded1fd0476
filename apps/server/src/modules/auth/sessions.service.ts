import type { AuthSession, AuthUser } from '../../app-env.ts'
import { toAuthUser } from './auth-user.ts'
import { sessionTokenFromCookieHeader } from './session-cookie.ts'
import { generateSessionToken, looksLikeSessionToken, sessionIdFromToken } from './session-token.ts'
import type { SessionsRepository } from './sessions.repository.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** A session lives 30 days… */
export const SESSION_TTL_MS = 30 * DAY_MS
/** …and is pushed back to 30 days when it is used in the last 15. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS

export interface SessionValidation {
  session: AuthSession
  user: AuthUser
  /** The expiry was pushed back by this validation: an HTTP answer should send the cookie again. */
  extended: boolean
}

/**
 * Sessions the Lucia way (lucia-auth.com, "Sessions"): the cookie carries a random token, the database its SHA-256.
 *
 * `validateSessionToken(token)` is THE check of a session, for HTTP (the session middleware) and for anything else:
 * the websocket rooms call it with the token of the upgrade request (`validateCookieHeader(headers.get('cookie'))`).
 */
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session for the user; the token goes into the cookie and nowhere else. */
  async createSession(userId: string): Promise<{ token: string; session: AuthSession }> {
    const token = generateSessionToken()
    const session: AuthSession = {
      id: sessionIdFromToken(token),
      userId,
      expiresAt: new Date(this.now() + SESSION_TTL_MS),
    }
    await this.sessions.insert(session)
    return { token, session }
  }

  /**
   * The session and user of a token, or null (unknown, malformed or expired; an expired session is deleted).
   * A session used within its last 15 days is extended to 30 days from now (`extended: true`); pass
   * `{ extend: false }` where no cookie can be sent back (a websocket upgrade), so the database and the browser's
   * cookie keep the same expiry.
   */
  async validateSessionToken(token: string, options: { extend?: boolean } = {}): Promise<SessionValidation | null> {
    if (!looksLikeSessionToken(token)) return null
    const row = await this.sessions.findWithUser(sessionIdFromToken(token))
    if (!row) return null
    const now = this.now()
    const session: AuthSession = { id: row.session_id, userId: row.id, expiresAt: new Date(row.expires_at) }
    if (now >= session.expiresAt.getTime()) {
      await this.sessions.delete(session.id)
      return null
    }
    let extended = false
    if (options.extend !== false && now >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
      session.expiresAt = new Date(now + SESSION_TTL_MS)
      await this.sessions.setExpiry(session.id, session.expiresAt)
      extended = true
    }
    return { session, user: toAuthUser(row), extended }
  }

  /**
   * The session of a Cookie header's `tandem_session` (HTTP or websocket upgrade), or null. For a websocket:
   * `sessions.validateCookieHeader(headers.get('cookie'), { extend: false })`.
   */
  validateCookieHeader(
    cookieHeader: string | null | undefined,
    options: { extend?: boolean } = {},
  ): Promise<SessionValidation | null> {
    const token = sessionTokenFromCookieHeader(cookieHeader)
    return token ? this.validateSessionToken(token, options) : Promise.resolve(null)
  }

  invalidateSession(sessionId: string): Promise<void> {
    return this.sessions.delete(sessionId)
  }

  /** Signs the user out everywhere. */
  invalidateUserSessions(userId: string): Promise<void> {
    return this.sessions.deleteAllOfUser(userId)
  }

  /** Signs the user out everywhere but in `keepSessionId` (after a password change). */
  invalidateOtherSessions(userId: string, keepSessionId: string): Promise<void> {
    return this.sessions.deleteAllOfUserExcept(userId, keepSessionId)
  }

  /** Housekeeping at sign-in: the user's sessions that expired unused are removed. */
  deleteExpiredSessionsOf(userId: string): Promise<void> {
    return this.sessions.deleteExpiredOfUser(userId, new Date(this.now()))
  }
}
