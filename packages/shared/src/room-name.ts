/**
 * A room is one idea's document inside one regional network: `<networkSlug>/<ideaId>`.
 * y-websocket appends the room name to the server URL unencoded, so the path after `/collab/` is the name itself.
 */
export interface RoomName {
  networkSlug: string
  ideaId: string
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export const MAX_SLUG_LENGTH = 64

export function isNetworkSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG.test(value)
}

/** Any UUID, in either case (what PostgreSQL accepts as a uuid). */
export function isUuid(value: string): boolean {
  return UUID.test(value.toLowerCase())
}

/** An idea id as it appears in room names: a lower-case UUID. */
export function isIdeaId(value: string): boolean {
  return UUID.test(value)
}

/**
 * Parses the raw (still percent-encoded) path tail after `/collab/`. Anything but exactly two clean parts is
 * rejected: `..`, encoded characters (`%2F`), empty parts, upper case, trailing slashes.
 */
export function parseRoomName(raw: string): RoomName | null {
  if (raw.length === 0 || raw.length > MAX_SLUG_LENGTH + 1 + 36) return null
  const parts = raw.split('/')
  if (parts.length !== 2) return null
  const [networkSlug, ideaId] = parts as [string, string]
  if (!isNetworkSlug(networkSlug) || !isIdeaId(ideaId)) return null
  return { networkSlug, ideaId }
}

export function formatRoomName(room: RoomName): string {
  return `${room.networkSlug}/${room.ideaId}`
}
