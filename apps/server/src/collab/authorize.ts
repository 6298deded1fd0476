import { CloseCode, type RoomName } from '@tandem/shared'
import type { Access } from './connection.ts'

export interface RoomAccess {
  docId: string
  userId: string | null
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
}

export interface AuthorizeRequest {
  room: RoomName
  headers: Headers
}

/**
 * The single decision on who may join a room and how (read or write). Until accounts exist everybody may write to
 * an idea that exists; the accounts issue adds the session and the network role here, and nowhere else.
 */
export async function authorize(deps: AuthorizeDeps, request: AuthorizeRequest): Promise<RoomAccess> {
  const idea = await deps.findIdeaInNetwork(request.room.networkSlug, request.room.ideaId)
  if (!idea) throw new RoomDenied(CloseCode.NOT_FOUND, 'no such network or idea')
  return { docId: idea.id, userId: null, access: 'write' }
}
