import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { NetworkRole } from '@tandem/db'
import { ErrorCode, isUuid } from '@tandem/shared'
import type { AuthUser } from '../../app-env.ts'
import { AppError } from '../../errors.ts'
import type { AccessEvents } from '../access/access-events.ts'
import { Action } from '../access/access-policy.ts'
import type { NetworkAccess } from '../access/network-access.ts'
import type { MembershipsRepository } from './memberships.repository.ts'

const INVITATION_DAYS = 7

export function hashInvitationToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** Membership rules: join requests, facilitators admitting and managing members, single-use invitations. */
export class MembershipsService {
  constructor(
    private readonly memberships: MembershipsRepository,
    private readonly access: NetworkAccess,
    private readonly events: AccessEvents,
  ) {}

  async listMembers(user: AuthUser | null, slug: string) {
    const { network } = await this.access.require(user, slug, Action.READ_NETWORK)
    const rows = await this.memberships.listMembers(network.id)
    return rows.map((r) => ({
      userId: r.id,
      displayName: r.display_name,
      organisation: r.organisation,
      city: r.city,
      country: r.country,
      role: r.role,
      since: r.created_at.toISOString(),
    }))
  }

  async addMember(user: AuthUser | null, slug: string, email: string, role: NetworkRole) {
    const { network } = await this.access.require(user, slug, Action.MANAGE_MEMBERS)
    const member = await this.memberships.findUserByEmail(email)
    if (!member) throw new AppError(ErrorCode.NOT_FOUND, 'no account with that email', { email: 'no account with that email' })
    if (await this.memberships.findRole(network.id, member.id)) throw new AppError(ErrorCode.CONFLICT, 'already a member')
    await this.memberships.upsert(network.id, member.id, role)
    this.events.changed(member.id)
    return { userId: member.id, displayName: member.display_name, networkSlug: slug, role }
  }

  async changeRole(user: AuthUser | null, slug: string, userId: string, role: NetworkRole) {
    const { network } = await this.access.require(user, slug, Action.MANAGE_MEMBERS)
    if (!isUuid(userId) || !(await this.memberships.findRole(network.id, userId))) {
      throw new AppError(ErrorCode.NOT_FOUND, 'not a member of this network')
    }
    await this.memberships.upsert(network.id, userId, role)
    this.events.changed(userId)
    return { userId, networkSlug: slug, role }
  }

  async removeMember(user: AuthUser | null, slug: string, userId: string): Promise<void> {
    const { network } = await this.access.require(user, slug, Action.MANAGE_MEMBERS)
    if (!isUuid(userId) || !(await this.memberships.remove(network.id, userId))) {
      throw new AppError(ErrorCode.NOT_FOUND, 'not a member of this network')
    }
    this.events.changed(userId)
  }

  async requestToJoin(user: AuthUser | null, slug: string, message: string | null) {
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first')
    const found = await this.access.standingOf(user, slug)
    if (!found) throw new AppError(ErrorCode.NOT_FOUND, `no network '${slug}'`)
    if (found.role) throw new AppError(ErrorCode.CONFLICT, 'already a member of this network')
    const pending = () => new AppError(ErrorCode.CONFLICT, 'a request to join is already pending')
    if (await this.memberships.findPendingJoinRequest(found.network.id, user.id)) throw pending()
    const row = await this.memberships.createJoinRequest(found.network.id, user.id, message)
    if (!row) throw pending()
    return { id: row.id, networkSlug: slug, status: row.status, createdAt: row.created_at.toISOString() }
  }

  async listJoinRequests(user: AuthUser | null, slug: string) {
    const { network } = await this.access.require(user, slug, Action.MANAGE_MEMBERS)
    const rows = await this.memberships.listPendingJoinRequests(network.id)
    return rows.map((r) => ({
      id: r.id,
      message: r.message,
      createdAt: r.created_at.toISOString(),
      user: { id: r.user_id, displayName: r.display_name, organisation: r.organisation, city: r.city, country: r.country },
    }))
  }

  async decide(user: AuthUser | null, slug: string, id: string, decision: 'approved' | 'rejected', role: NetworkRole) {
    const { network, user: facilitator } = await this.access.require(user, slug, Action.MANAGE_MEMBERS)
    const request = isUuid(id) ? await this.memberships.findJoinRequest(network.id, id) : undefined
    if (!request) throw new AppError(ErrorCode.NOT_FOUND, 'no such join request')
    if (!(await this.memberships.decideJoinRequest(request.id, decision, facilitator.id))) {
      throw new AppError(ErrorCode.CONFLICT, 'this request was decided already')
    }
    if (decision === 'approved') {
      await this.memberships.upsert(network.id, request.user_id, role)
      this.events.changed(request.user_id)
    }
    return { id: request.id, status: decision, ...(decision === 'approved' ? { role } : {}) }
  }

  async invite(user: AuthUser | null, slug: string, role: NetworkRole, email: string | null) {
    const { network, user: facilitator } = await this.access.require(user, slug, Action.MANAGE_MEMBERS)
    const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000)
    const row = await this.memberships.createInvitation({
      networkId: network.id,
      tokenHash: hashInvitationToken(token),
      role,
      email,
      expiresAt,
      createdBy: facilitator.id,
    })
    return { id: row.id, token, networkSlug: slug, role: row.role, email, expiresAt: row.expires_at.toISOString() }
  }

  /**
   * What an invitation link is for, told to anyone who holds it (the token is the secret) before they accept: the
   * network and the role, never who sent it or which address it names. 404 unknown, 410 used or expired.
   */
  async describeInvitation(token: string) {
    const invitation = await this.memberships.findInvitationByTokenHash(hashInvitationToken(token))
    if (!invitation) throw new AppError(ErrorCode.NOT_FOUND, 'There is no such invitation: check that the whole link was copied.')
    if (invitation.used_at) throw new AppError(ErrorCode.GONE, 'This invitation was used already: ask a facilitator of the network for a new link.')
    if (new Date(invitation.expires_at) <= new Date()) {
      throw new AppError(ErrorCode.GONE, 'This invitation has expired: ask a facilitator of the network for a new link.')
    }
    return {
      networkSlug: invitation.network_slug,
      networkName: invitation.network_name,
      role: invitation.role,
      expiresAt: new Date(invitation.expires_at).toISOString(),
    }
  }

  /** Works once, before it expires, for the email it names (if it names one). */
  async acceptInvitation(user: AuthUser | null, token: string) {
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first')
    const invitation = await this.memberships.findInvitationByTokenHash(hashInvitationToken(token))
    if (!invitation || new Date(invitation.expires_at) <= new Date()) {
      throw new AppError(ErrorCode.NOT_FOUND, 'this invitation does not exist or has expired')
    }
    if (invitation.used_at) throw new AppError(ErrorCode.CONFLICT, 'this invitation was used already')
    if (invitation.email && invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new AppError(ErrorCode.FORBIDDEN, 'this invitation is for another email address')
    }
    if (!(await this.memberships.useInvitation(invitation.id, user.id))) {
      throw new AppError(ErrorCode.CONFLICT, 'this invitation was used already')
    }
    const current = await this.memberships.findRole(invitation.network_id, user.id)
    // An invitation never lowers a role someone already has.
    const role = current && roleAtLeast(current.role, invitation.role) ? current.role : invitation.role
    await this.memberships.upsert(invitation.network_id, user.id, role)
    this.events.changed(user.id)
    return { networkSlug: invitation.network_slug, role }
  }
}

const rank: Record<NetworkRole, number> = { observer: 0, member: 1, facilitator: 2 }
function roleAtLeast(a: NetworkRole, b: NetworkRole): boolean {
  return rank[a] >= rank[b]
}
