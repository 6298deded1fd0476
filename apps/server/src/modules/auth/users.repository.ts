import type { Database, UserRow } from '@tandem/db'
import { sql, type Kysely } from 'kysely'

/** Every column of a user except the password hash: what routes may see. */
const PUBLIC_COLUMNS = [
  'id',
  'email',
  'display_name',
  'organisation',
  'city',
  'country',
  'languages',
  'is_admin',
] as const

export interface NewUser {
  email: string
  passwordHash: string
  displayName: string
  organisation: string | null
  city: string | null
  country: string | null
  languages: string[]
}

export interface ProfileChanges {
  displayName?: string | undefined
  organisation?: string | null | undefined
  city?: string | null | undefined
  country?: string | null | undefined
  languages?: string[] | undefined
}

export class UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Emails are unique case-insensitively (the index is on lower(email)). */
  findByEmail(email: string) {
    return this.db
      .selectFrom('users')
      .select([...PUBLIC_COLUMNS, 'password_hash'])
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      // Sample content's accounts cannot be signed into.
      .where('is_demo', '=', false)
      .executeTakeFirst()
  }

  async emailExists(email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst()
    return row !== undefined
  }

  /**
   * Inserts the user; the first account of an instance is its admin. The decision is taken inside the insert's
   * transaction under an advisory lock, so two sign-ups racing on an empty instance cannot both become admin.
   * Throws the database's unique violation (23505) when the email is taken.
   */
  create(user: NewUser) {
    return this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('tandem.users.first-admin'))`.execute(trx)
      return trx
        .insertInto('users')
        .values({
          email: user.email,
          password_hash: user.passwordHash,
          display_name: user.displayName,
          organisation: user.organisation,
          city: user.city,
          country: user.country,
          languages: JSON.stringify(user.languages),
          is_admin: sql<boolean>`not exists (select 1 from users where not is_demo)`,
        })
        .returning(PUBLIC_COLUMNS)
        .executeTakeFirstOrThrow()
    })
  }

  /** The stored argon2id hash of a user who may sign in (not a demo account), or undefined. */
  async passwordHashOf(userId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .where('is_demo', '=', false)
      .executeTakeFirst()
    return row?.password_hash
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
  }

  updateProfile(userId: string, changes: ProfileChanges) {
    const values = {
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.organisation !== undefined ? { organisation: changes.organisation } : {}),
      ...(changes.city !== undefined ? { city: changes.city } : {}),
      ...(changes.country !== undefined ? { country: changes.country } : {}),
      ...(changes.languages !== undefined ? { languages: JSON.stringify(changes.languages) } : {}),
    }
    if (Object.keys(values).length === 0) {
      return this.db.selectFrom('users').select(PUBLIC_COLUMNS).where('id', '=', userId).executeTakeFirst()
    }
    return this.db
      .updateTable('users')
      .set(values)
      .where('id', '=', userId)
      .returning(PUBLIC_COLUMNS)
      .executeTakeFirst()
  }

  membershipsOf(userId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('networks', 'networks.id', 'memberships.network_id')
      .select(['networks.slug as network_slug', 'memberships.role'])
      .where('memberships.user_id', '=', userId)
      .orderBy('networks.slug')
      .execute()
  }

  /** The user's join requests still waiting for a facilitator. */
  pendingJoinRequestsOf(userId: string) {
    return this.db
      .selectFrom('join_requests')
      .innerJoin('networks', 'networks.id', 'join_requests.network_id')
      .select(['networks.slug as network_slug', 'join_requests.created_at'])
      .where('join_requests.user_id', '=', userId)
      .where('join_requests.status', '=', 'pending')
      .orderBy('networks.slug')
      .execute()
  }
}

/** A user row without its password hash. */
export type PublicUserRow = Pick<UserRow, (typeof PUBLIC_COLUMNS)[number]>

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505'
}
