import { CloseCode, type RoomName } from '@tandem/shared'
import type { Standing } from '../modules/access/access-policy.ts'
import { Action, can } from '../modules/access/access-policy.ts'
import type { Access } from './connection.ts'

export interface RoomAccess {
  docId: string
  userId: string | null
  /** The user's name as co-authors see it (network presence). */
  displayName: string
  access: Access
}

export class RoomDenied extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message)
    this.name = 'RoomDenied'
  }
}

export interface AuthorizeDeps {
  /** The idea's id when the idea exists inside that network, else null. */
  findIdeaInNetwork(networkSlug: string, ideaId: string): Promise<{ id: string } | null>
  /** The signed-in user of the upgrade request's session cookie, or null. */
  userFromCookie(cookieHeader: string | null): Promise<{ id: string; isAdmin: boolean; displayName: string } | null>
  /** The user's standing in the network, or null when there is no such network. */
  standingOf(user: { id: string; isAdmin: boolean }, networkSlug: string): Promise<{ standing: Standing } | null>
  /** Whether a browser's Origin may open sockets here (null: no Origin header, a non-browser client). */
  isAllowedOrigin(origin: string | null, requestUrl: string): boolean
}

/** What the decision reads of a socket's upgrade request. */
export interface AuthorizeRequest {
  room: RoomName
  /** The Cookie header, or null. */
  cookie: string | null
  /** The Origin header, or null (a non-browser client). */
  origin: string | null
  url: string
}

/**
 * The single decision on who may join a room and how: 4403 for a foreign origin, 4401 signed out, 4404 no such
 * network (the list of networks is public), 4403 not a member: whether or not the idea exists, as the REST API answers
 * 403 before it looks, so a stranger cannot learn which ideas exist; 4404 a member's idea that does not exist.
 * Observers read (their updates are dropped), members and above write.
 */
export async function authorize(deps: AuthorizeDeps, request: AuthorizeRequest): Promise<RoomAccess> {
  const origin = request.origin
  if (origin !== null && !deps.isAllowedOrigin(origin, request.url)) {
    throw new RoomDenied(CloseCode.FORBIDDEN, 'origin not allowed')
  }
  const user = await deps.userFromCookie(request.cookie)
  if (!user) throw new RoomDenied(CloseCode.UNAUTHENTICATED, 'sign in first')
  const found = await deps.standingOf(user, request.room.networkSlug)
  if (!found) throw new RoomDenied(CloseCode.NOT_FOUND, 'no such network')
  if (!can(found.standing, Action.READ_NETWORK)) throw new RoomDenied(CloseCode.FORBIDDEN, 'not a member of this network')
  const idea = await deps.findIdeaInNetwork(request.room.networkSlug, request.room.ideaId)
  if (!idea) throw new RoomDenied(CloseCode.NOT_FOUND, 'no such idea in this network')
  return { docId: idea.id, userId: user.id, displayName: user.displayName, access: can(found.standing, Action.EDIT_IDEAS) ? 'write' : 'read' }
}
