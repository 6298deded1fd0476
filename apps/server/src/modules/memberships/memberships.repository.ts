import type { Database, NetworkRole } from '@tandem/db'
import type { Kysely } from 'kysely'

/** Queries on memberships, join requests and invitations. */
export class MembershipsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listMembers(networkId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.display_name', 'users.organisation', 'users.city', 'users.country', 'memberships.role', 'memberships.created_at'])
      .where('memberships.network_id', '=', networkId)
      .orderBy('users.display_name')
      .execute()
  }

  findRole(networkId: string, userId: string) {
    return this.db
      .selectFrom('memberships')
      .select('role')
      .where('network_id', '=', networkId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  }

  /** Adds or changes a membership. */
  async upsert(networkId: string, userId: string, role: NetworkRole): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ network_id: networkId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['network_id', 'user_id']).doUpdateSet({ role }))
      .execute()
  }

  async remove(networkId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('memberships')
      .where('network_id', '=', networkId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  findUserByEmail(email: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst()
  }

  /** The new pending request, or undefined when one is pending already (a parallel request won the unique index). */
  createJoinRequest(networkId: string, userId: string, message: string | null) {
    return this.db
      .insertInto('join_requests')
      .values({ network_id: networkId, user_id: userId, message })
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'status', 'created_at'])
      .executeTakeFirst()
  }

  findPendingJoinRequest(networkId: string, userId: string) {
    return this.db
      .selectFrom('join_requests')
      .select('id')
      .where('network_id', '=', networkId)
      .where('user_id', '=', userId)
      .where('status', '=', 'pending')
      .executeTakeFirst()
  }

  listPendingJoinRequests(networkId: string) {
    return this.db
      .selectFrom('join_requests')
      .innerJoin('users', 'users.id', 'join_requests.user_id')
      .select(['join_requests.id', 'join_requests.message', 'join_requests.created_at', 'users.id as user_id', 'users.display_name', 'users.organisation', 'users.city', 'users.country'])
      .where('join_requests.network_id', '=', networkId)
      .where('join_requests.status', '=', 'pending')
      .orderBy('join_requests.created_at')
      .execute()
  }

  findJoinRequest(networkId: string, id: string) {
    return this.db
      .selectFrom('join_requests')
      .selectAll()
      .where('network_id', '=', networkId)
      .where('id', '=', id)
      .executeTakeFirst()
  }

  /** Decides a pending request; false when it was decided already (two facilitators at once). */
  async decideJoinRequest(id: string, status: 'approved' | 'rejected', decidedBy: string): Promise<boolean> {
    const result = await this.db
      .updateTable('join_requests')
      .set({ status, decided_by: decidedBy, decided_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  createInvitation(values: { networkId: string; tokenHash: string; role: NetworkRole; email: string | null; expiresAt: Date; createdBy: string }) {
    return this.db
      .insertInto('invitations')
      .values({
        network_id: values.networkId,
        token_hash: values.tokenHash,
        role: values.role,
        email: values.email,
        expires_at: values.expiresAt,
        created_by: values.createdBy,
      })
      .returning(['id', 'role', 'expires_at'])
      .executeTakeFirstOrThrow()
  }

  findInvitationByTokenHash(tokenHash: string) {
    return this.db
      .selectFrom('invitations')
      .innerJoin('networks', 'networks.id', 'invitations.network_id')
      .selectAll('invitations')
      .select(['networks.slug as network_slug', 'networks.name as network_name'])
      .where('invitations.token_hash', '=', tokenHash)
      .executeTakeFirst()
  }

  /** Marks the invitation used; false when someone used it first. */
  async useInvitation(id: string, userId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      .set({ used_at: new Date(), used_by: userId })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }
}
