import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'

/** The only queries on `sessions`. A session's id is the hex SHA-256 of its token; the token is never stored. */
export class SessionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(session: { id: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt })
      .execute()
  }

  /** The session and its user (without the password hash), in one query. */
  findWithUser(sessionId: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as session_id',
        'sessions.expires_at',
        'users.id',
        'users.email',
        'users.display_name',
        'users.organisation',
        'users.city',
        'users.country',
        'users.languages',
        'users.is_admin',
      ])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst()
  }

  async setExpiry(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute()
  }

  async delete(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute()
  }

  async deleteAllOfUser(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute()
  }

  /** Every session of the user but one (the one that changed the password). */
  async deleteAllOfUserExcept(userId: string, keepSessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute()
  }

  async deleteExpiredOfUser(userId: string, now: Date): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute()
  }
}
