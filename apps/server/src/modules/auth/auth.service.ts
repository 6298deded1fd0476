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
import { AuthLimiter, type AuthLimits } from './auth-limits.ts'
import { toAuthUser } from './auth-user.ts'
import { hashPassword, prepareDummyHash } from './password.ts'
import { PasswordWork, type PasswordWorkLimits } from './password-work.ts'
import type { SessionsService } from './sessions.service.ts'
import { isUniqueViolation, type UsersRepository } from './users.repository.ts'

export interface SignedIn {
  user: AuthUser
  session: AuthSession
  /** For the cookie only: never log it, never store it. */
  token: string
}

export interface AuthServiceOptions {
  limits?: Partial<AuthLimits>
  passwordWork?: PasswordWorkLimits
  /** Told after a sign-out, so the user's open sockets are closed. */
  onSignedOut?: (userId: string) => void
}

const BAD_CREDENTIALS = 'wrong email or password'

/** Accounts: sign-up and sign-in (rate-limited per client address, see auth-limits.ts), sign-out, the profile. */
export class AuthService {
  private readonly limiter: AuthLimiter
  private readonly work: PasswordWork
  private readonly onSignedOut: (userId: string) => void

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    options: AuthServiceOptions = {},
  ) {
    this.limiter = new AuthLimiter(options.limits)
    this.work = new PasswordWork(options.passwordWork)
    this.onSignedOut = options.onSignedOut ?? (() => {})
    void prepareDummyHash()
  }

  /**
   * Counted per client address before anything else (a 409 for a taken email counts too: the limit is what stops a
   * sweep of addresses). The rest, hash and database writes, waits its turn in the bounded hashing queue (503 at
   * once when it is full, and then nothing is counted).
   */
  async signUp(input: SignupRequest, clientIp: string): Promise<SignedIn> {
    this.limiter.checkSignUp(clientIp)
    // Throws the 503 before anything is counted; the count follows in the same tick, so a parallel burst is counted.
    const created = this.work.inHashingTurn(() => this.createAccount(input))
    this.limiter.countSignUp(clientIp)
    return created
  }

  private async createAccount(input: SignupRequest): Promise<SignedIn> {
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

  /** Signs in; limited per address and per (address, account), and only failures use up the budget. */
  async logIn(input: LoginRequest, clientIp: string): Promise<SignedIn> {
    const email = input.email.toLowerCase()
    const what = 'sign-in attempts'
    this.limiter.checkPasswordAttempt(clientIp, email, what)
    const row = await this.users.findByEmail(email)
    // Unknown emails cost one verify as well: the answer's timing does not tell which emails have accounts.
    const valid = await this.attemptPassword(clientIp, email, what, row?.password_hash, input.password)
    if (!row || !valid) throw new AppError(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS)
    await this.sessions.deleteExpiredSessionsOf(row.id)
    const user = toAuthUser(row)
    return { user, ...(await this.sessions.createSession(user.id)) }
  }

  /**
   * Checks the current password (limited like a sign-in of the account, from this address), stores the new one and
   * ends every other session of the user, whose open sockets are then closed; this session stays.
   */
  async changePassword(user: AuthUser, session: AuthSession, input: ChangePasswordRequest, clientIp: string): Promise<void> {
    const what = 'password attempts'
    this.limiter.checkPasswordAttempt(clientIp, user.email, what)
    const currentHash = await this.users.passwordHashOf(user.id)
    if (currentHash === undefined) throw new AppError(ErrorCode.UNAUTHENTICATED, 'this account no longer exists')
    if (!(await this.attemptPassword(clientIp, user.email, what, currentHash, input.currentPassword))) {
      throw new AppError(ErrorCode.WRONG_PASSWORD, 'the current password is not correct', {
        currentPassword: 'is not the current password',
      })
    }
    await this.users.setPasswordHash(user.id, await this.work.hash(input.newPassword))
    await this.sessions.invalidateOtherSessions(user.id, session.id)
    this.onSignedOut(user.id)
  }

  /**
   * One counted password check. The limits are read again after the caller's lookup, then the verify is queued
   * (503 when the queue is full: nothing counted) and the attempt counted, all before the first await: a parallel
   * burst cannot slip past the count. `passwordHash` undefined: an unknown account, checked against a dummy.
   */
  private async attemptPassword(
    clientIp: string,
    email: string,
    what: string,
    passwordHash: string | undefined,
    password: string,
  ): Promise<boolean> {
    this.limiter.checkPasswordAttempt(clientIp, email, what)
    const verifying = passwordHash === undefined ? this.work.verifyUnknown(password) : this.work.verify(passwordHash, password)
    this.limiter.countPasswordAttempt(clientIp, email)
    const valid = await verifying
    if (valid) this.limiter.passwordAttemptSucceeded(clientIp, email)
    return valid
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
