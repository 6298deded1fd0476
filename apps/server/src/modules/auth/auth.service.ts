import {
  ErrorCode,
  type ChangePasswordRequest,
  type LoginRequest,
  type MeResponse,
  type SignupRequest,
  type UpdateProfileRequest,
} from '@tandem/shared'
import type { AuthSession, AuthUser } from '../../app-env.ts'
import { AppError } from '../../errors.ts'
import { toAuthUser } from './auth-user.ts'
import { hashPassword, prepareDummyHash, verifyAgainstDummy, verifyPassword } from './password.ts'
import { RateLimiter } from './rate-limiter.ts'
import type { SessionsService } from './sessions.service.ts'
import { isUniqueViolation, type UsersRepository } from './users.repository.ts'

/**
 * A 429 with the seconds to wait (sent as Retry-After). `fields.email` is there when only the account is limited,
 * not the address it was tried from: the sign-in page then lets another account try at once.
 */
export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, what = 'sign-in attempts', fields?: Record<string, string>) {
    super(ErrorCode.RATE_LIMITED, `too many ${what}; try again in ${retryAfterSeconds} s`, fields, undefined, retryAfterSeconds)
  }
}

export interface SignInLimits {
  perEmail: { limit: number; windowMs: number }
  perIp: { limit: number; windowMs: number }
}

const FIFTEEN_MINUTES = 15 * 60 * 1000
export const defaultSignInLimits: SignInLimits = {
  perEmail: { limit: 10, windowMs: FIFTEEN_MINUTES },
  perIp: { limit: 30, windowMs: FIFTEEN_MINUTES },
}

export interface SignedIn {
  user: AuthUser
  session: AuthSession
  /** For the cookie only: never log it, never store it. */
  token: string
}

const BAD_CREDENTIALS = 'wrong email or password'

/** Accounts: sign-up, sign-in (rate-limited), sign-out, the profile. */
export class AuthService {
  private readonly byEmail: RateLimiter
  private readonly byIp: RateLimiter

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    limits: SignInLimits = defaultSignInLimits,
    /** Told after a sign-out, so the user's open sockets are closed. */
    private readonly onSignedOut: (userId: string) => void = () => {},
  ) {
    this.byEmail = new RateLimiter(limits.perEmail)
    this.byIp = new RateLimiter(limits.perIp)
    void prepareDummyHash()
  }

  async signUp(input: SignupRequest): Promise<SignedIn> {
    const taken = () =>
      new AppError(ErrorCode.CONFLICT, 'an account with this email exists', { email: 'already registered' })
    if (await this.users.emailExists(input.email)) throw taken()
    const passwordHash = await hashPassword(input.password)
    let row
    try {
      row = await this.users.create({
        email: input.email,
        passwordHash,
        displayName: input.displayName,
        organisation: input.organisation ?? null,
        city: input.city ?? null,
        country: input.country ?? null,
        languages: input.languages ?? [],
      })
    } catch (err) {
      // Two sign-ups with one email at once; the database's error names the email, so it must not reach the log.
      if (isUniqueViolation(err)) throw taken()
      throw err
    }
    const user = toAuthUser(row)
    return { user, ...(await this.sessions.createSession(user.id)) }
  }

  /**
   * Attempts are counted per IP and per email before the password is checked (a burst of parallel guesses is
   * counted too) and given back when the sign-in succeeds, so only failures use up the budget. While limited, even
   * the right password is refused.
   */
  async logIn(input: LoginRequest, clientIp: string): Promise<SignedIn> {
    const emailKey = input.email.toLowerCase()
    this.countAttempt(clientIp, emailKey, 'sign-in attempts')

    const row = await this.users.findByEmail(emailKey)
    // Unknown emails cost one verify as well: the answer's timing does not tell which emails have accounts.
    const valid = row
      ? await verifyPassword(row.password_hash, input.password)
      : await verifyAgainstDummy(input.password)
    if (!row || !valid) throw new AppError(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS)

    this.byIp.refund(clientIp)
    this.byEmail.refund(emailKey)
    await this.sessions.deleteExpiredSessionsOf(row.id)
    const user = toAuthUser(row)
    return { user, ...(await this.sessions.createSession(user.id)) }
  }

  /**
   * Checks the current password (counted like a sign-in attempt of the account, from this address), stores the new
   * one and ends every other session of the user, whose open sockets are then closed; this session stays.
   */
  async changePassword(user: AuthUser, session: AuthSession, input: ChangePasswordRequest, clientIp: string): Promise<void> {
    const emailKey = user.email.toLowerCase()
    this.countAttempt(clientIp, emailKey, 'password attempts')
    const currentHash = await this.users.passwordHashOf(user.id)
    if (currentHash === undefined) throw new AppError(ErrorCode.UNAUTHENTICATED, 'this account no longer exists')
    if (!(await verifyPassword(currentHash, input.currentPassword))) {
      throw new AppError(ErrorCode.WRONG_PASSWORD, 'the current password is not correct', {
        currentPassword: 'is not the current password',
      })
    }
    this.byIp.refund(clientIp)
    this.byEmail.refund(emailKey)
    await this.users.setPasswordHash(user.id, await hashPassword(input.newPassword))
    await this.sessions.invalidateOtherSessions(user.id, session.id)
    this.onSignedOut(user.id)
  }

  /**
   * Refuses (429) while the address or the account is limited; else counts the attempt before the password is
   * checked, so a burst of parallel guesses is counted too. A right password gives it back.
   */
  private countAttempt(clientIp: string, emailKey: string, what: string): void {
    const byIp = this.byIp.retryAfterSeconds(clientIp)
    const byEmail = this.byEmail.retryAfterSeconds(emailKey)
    if (byIp > 0) throw new RateLimitedError(Math.max(byIp, byEmail), what)
    if (byEmail > 0) throw new RateLimitedError(byEmail, what, { email: 'too many attempts for this account' })
    this.byIp.consume(clientIp)
    this.byEmail.consume(emailKey)
  }

  async logOut(session: AuthSession): Promise<void> {
    await this.sessions.invalidateSession(session.id)
    this.onSignedOut(session.userId)
  }

  async logOutEverywhere(user: AuthUser): Promise<void> {
    await this.sessions.invalidateUserSessions(user.id)
    this.onSignedOut(user.id)
  }

  async me(user: AuthUser): Promise<MeResponse> {
    const [memberships, requests] = await Promise.all([
      this.users.membershipsOf(user.id),
      this.users.pendingJoinRequestsOf(user.id),
    ])
    return {
      user,
      memberships: memberships.map((m) => ({ networkSlug: m.network_slug, role: m.role })),
      joinRequests: requests.map((r) => ({ networkSlug: r.network_slug, createdAt: r.created_at.toISOString() })),
    }
  }

  async updateProfile(user: AuthUser, changes: UpdateProfileRequest): Promise<AuthUser> {
    const row = await this.users.updateProfile(user.id, changes)
    if (!row) throw new AppError(ErrorCode.UNAUTHENTICATED, 'this account no longer exists')
    return toAuthUser(row)
  }
}
