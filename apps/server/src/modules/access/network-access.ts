import type { Database, NetworkRole, NetworkRow } from '@tandem/db'
import { ErrorCode } from '@tandem/shared'
import type { Kysely } from 'kysely'
import type { AuthUser } from '../../app-env.ts'
import { AppError } from '../../errors.ts'
import { can, standing, type Action, type Standing } from './access-policy.ts'

export interface NetworkStanding {
  network: NetworkRow
  role: NetworkRole | null
  standing: Standing
}

/**
 * Resolves a user's standing in a network and enforces the policy, in the order every route answers:
 * 401 signed out, 404 no such network, 403 not allowed.
 */
export class NetworkAccess {
  constructor(private readonly db: Kysely<Database>) {}

  async standingOf(user: Pick<AuthUser, 'id' | 'isAdmin'>, slug: string): Promise<NetworkStanding | null> {
    const row = await this.db
      .selectFrom('networks')
      .leftJoin('memberships', (join) =>
        join.onRef('memberships.network_id', '=', 'networks.id').on('memberships.user_id', '=', user.id),
      )
      .selectAll('networks')
      .select('memberships.role')
      .where('networks.slug', '=', slug)
      .executeTakeFirst()
    if (!row) return null
    const { role, ...network } = row
    return { network, role: role ?? null, standing: standing(user.isAdmin, role ?? null) }
  }

  async require(user: AuthUser | null, slug: string, action: Action): Promise<NetworkStanding & { user: AuthUser }> {
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first')
    const found = await this.standingOf(user, slug)
    if (!found) throw new AppError(ErrorCode.NOT_FOUND, `no network '${slug}'`)
    if (!can(found.standing, action)) {
      throw new AppError(ErrorCode.FORBIDDEN, found.standing === 'outsider' ? 'not a member of this network' : 'your role does not allow this')
    }
    return { ...found, user }
  }
}
