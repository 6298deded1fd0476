import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** Presence states one socket may own: a provider has one; a few allow for a client with several documents. */
export const MAX_AWARENESS_IDS_PER_SOCKET = 4
/** A presence state's JSON, in bytes: a user and a caret take a few hundred. */
export const MAX_AWARENESS_STATE_BYTES = 4096
/** Client ids whose user a room remembers after their socket left (the oldest are forgotten first). */
const REMEMBERED_IDS = 10_000

/** Who sets presence states: a socket (a Connection), its user, and the client ids it owns. */
export interface AwarenessOwner {
  readonly userId: string | null
  readonly displayName: string
  /** The awareness client ids this socket owns; written only by the room's AwarenessGuard. */
  readonly awarenessClientIds: Set<number>
}

/**
 * Binds presence to the socket that set it, for one room. A socket may set (or remove) only states of the client ids
 * it owns: an id nobody owns is claimed by the first socket that sets a state for it, up to
 * MAX_AWARENESS_IDS_PER_SOCKET; an id another socket of the same user owns passes to this one (a reconnect before the
 * old socket was found dead). An id stays its user's after the socket left, so no one else can take it over while its
 * client reconnects (the client would adopt a state with a higher clock for its own id). Each state passed on carries the socket's user's own id and name in its `user` field,
 * whatever the client wrote there, and is at most MAX_AWARENESS_STATE_BYTES. Whatever is refused is dropped
 * silently: stock y-websocket providers send everyone's states back to the server (as no-ops), so a refusal is
 * routine, not a sign of hostility. Before this, an observer renamed a member (a higher clock for the member's id),
 * invented a participant with the admin's user id and pushed 2,000 fake states to everyone who joined.
 */
export class AwarenessGuard {
  /** Client id → the socket that owns it (null once that socket left) and its user. */
  private readonly claims = new Map<number, { owner: AwarenessOwner | null; userId: string | null }>()

  /**
   * The part of an awareness update (already validated by protocol.ts) this socket may apply, each state stamped with
   * its user; the update itself when it passes unchanged; null when nothing is left. `clocks` is the room's awareness
   * meta: a state of an id the socket does not own, with a clock not above the room's, would change nothing (stock
   * providers echo everyone's states) and must not move the id to this socket either.
   */
  admit(socket: AwarenessOwner, update: Uint8Array, clocks: ReadonlyMap<number, { clock: number }>): Uint8Array | null {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const kept: Array<{ id: number; clock: number; json: string }> = []
    let unchanged = true
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      const mine = this.claims.get(id)?.owner === socket
      const news = mine || clock > (clocks.get(id)?.clock ?? -1)
      const state = news && this.mayOwn(socket, id) ? stamp(socket, json) : undefined
      if (state === undefined || (state === null && !this.claims.get(id)?.owner)) {
        unchanged = false
        continue
      }
      this.claim(socket, id)
      if (state !== json) unchanged = false
      kept.push({ id, clock, json: state ?? 'null' })
    }
    if (kept.length === 0) return null
    if (unchanged) return update
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, kept.length)
    for (const { id, clock, json } of kept) {
      encoding.writeVarUint(encoder, id)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, json)
    }
    return encoding.toUint8Array(encoder)
  }

  /** The socket has left: the ids it owns are nobody's (the room removes their states). */
  release(socket: AwarenessOwner): void {
    for (const id of socket.awarenessClientIds) {
      const claim = this.claims.get(id)
      if (claim?.owner === socket) claim.owner = null
    }
  }

  /** The socket that owns a client id, if any. */
  ownerOf(id: number): AwarenessOwner | null {
    return this.claims.get(id)?.owner ?? null
  }

  /**
   * Whether the socket owns the id or may take it, within its limit: an id of its user (another socket's, or left
   * behind), or one never claimed in this room.
   */
  private mayOwn(socket: AwarenessOwner, id: number): boolean {
    const claim = this.claims.get(id)
    if (claim?.owner === socket) return true
    if (socket.awarenessClientIds.size >= MAX_AWARENESS_IDS_PER_SOCKET) return false
    return !claim || (claim.userId !== null && claim.userId === socket.userId)
  }

  private claim(socket: AwarenessOwner, id: number): void {
    const claim = this.claims.get(id)
    if (claim?.owner === socket) return
    claim?.owner?.awarenessClientIds.delete(id)
    this.claims.delete(id)
    this.claims.set(id, { owner: socket, userId: socket.userId })
    socket.awarenessClientIds.add(id)
    if (this.claims.size > REMEMBERED_IDS) this.forgetOldest()
  }

  /** Forgets the longest-claimed id whose socket has left. */
  private forgetOldest(): void {
    for (const [id, claim] of this.claims) {
      if (claim.owner === null) {
        this.claims.delete(id)
        return
      }
    }
  }
}

/**
 * A state's JSON with the socket's user written into its `user` field (the same string when it already says so);
 * null for a removal; undefined for a state refused: too large, or not a JSON object.
 */
function stamp(socket: AwarenessOwner, json: string): string | null | undefined {
  if (Buffer.byteLength(json) > MAX_AWARENESS_STATE_BYTES) return undefined
  let state: unknown
  try {
    state = JSON.parse(json)
  } catch {
    return undefined
  }
  if (state === null) return null
  if (typeof state !== 'object' || Array.isArray(state)) return undefined
  const fields = state as Record<string, unknown>
  const user = fields.user
  const given = typeof user === 'object' && user !== null && !Array.isArray(user) ? (user as Record<string, unknown>) : null
  if (given && given.id === socket.userId && given.name === socket.displayName) return json
  fields.user = { ...given, id: socket.userId, name: socket.displayName }
  return JSON.stringify(fields)
}
