import { ErrorCode } from '@tandem/shared'
import PQueue from 'p-queue'
import { AppError } from '../../errors.ts'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.ts'

export interface PasswordWorkLimits {
  /** Hashes (sign-up, a new password) computed at once, and how many may wait for a turn. */
  hashing: { concurrency: number; maxWaiting: number }
  /** Verifications (sign-in, the current password) computed at once, and how many may wait for a turn. */
  verifying: { concurrency: number; maxWaiting: number }
}

/** Two of argon2's libuv threads for sign-ins and one for sign-ups: a flood of either leaves the other a thread. */
export const defaultPasswordWorkLimits: PasswordWorkLimits = {
  hashing: { concurrency: 1, maxWaiting: 64 },
  verifying: { concurrency: 2, maxWaiting: 64 },
}

/** What a client is told to wait when a queue is full: about the time the queue takes to drain. */
const BUSY_RETRY_AFTER_SECONDS = 2

/**
 * The server's argon2 work, queued: each argon2 call takes tens of milliseconds of a CPU and 19 MiB, so hundreds at
 * once (a sign-up flood) made a real sign-in wait seconds. Hashing and verifying have queues of their own, bounded;
 * past the bound the request is a 503 with Retry-After at once, before anything is counted or computed. A sign-up's
 * database writes wait in the hashing queue too: on the embedded database (one thread) they would otherwise queue
 * ahead of a sign-in's lookups.
 */
export class PasswordWork {
  private readonly hashing: PQueue
  private readonly verifying: PQueue

  constructor(private readonly limits: PasswordWorkLimits = defaultPasswordWorkLimits) {
    this.hashing = new PQueue({ concurrency: limits.hashing.concurrency })
    this.verifying = new PQueue({ concurrency: limits.verifying.concurrency })
  }

  /** Throws a 503 when a hash could not even wait for its turn; call it before counting an attempt. */
  ensureRoomToHash(): void {
    ensureRoom(this.hashing, this.limits.hashing, 'new accounts and passwords')
  }

  /** Throws a 503 when a verification could not even wait for its turn. */
  ensureRoomToVerify(): void {
    ensureRoom(this.verifying, this.limits.verifying, 'sign-ins')
  }

  hash(password: string): Promise<string> {
    return this.inHashingTurn(() => hashPassword(password))
  }

  /**
   * Runs `job` (which hashes once, with the database writes around it: a sign-up) in the hashing queue's turn, so a
   * flood also queues its database work instead of filling the embedded database's one thread ahead of sign-ins.
   */
  inHashingTurn<T>(job: () => Promise<T>): Promise<T> {
    this.ensureRoomToHash()
    return this.hashing.add(job)
  }

  /** False for a wrong password and for a hash that cannot be read. */
  verify(passwordHash: string, password: string): Promise<boolean> {
    this.ensureRoomToVerify()
    return this.verifying.add(() => verifyPassword(passwordHash, password))
  }

  /** One verify against a hash nobody owns: an unknown email takes as long to refuse as a wrong password. */
  verifyUnknown(password: string): Promise<false> {
    this.ensureRoomToVerify()
    return this.verifying.add(() => verifyAgainstDummy(password))
  }

  /** Hashes and verifications running or waiting now. */
  get load(): { hashing: number; verifying: number } {
    return {
      hashing: this.hashing.pending + this.hashing.size,
      verifying: this.verifying.pending + this.verifying.size,
    }
  }
}

function ensureRoom(queue: PQueue, limits: { concurrency: number; maxWaiting: number }, what: string): void {
  if (queue.pending + queue.size >= limits.concurrency + limits.maxWaiting) {
    throw new AppError(ErrorCode.UNAVAILABLE, `too many ${what} at once; try again shortly`, undefined, undefined, BUSY_RETRY_AFTER_SECONDS)
  }
}
