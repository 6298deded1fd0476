/**
 * The y-websocket wire: the only module that knows how frames are laid out. Pure functions.
 * Every incoming frame is decoded completely (including the Yjs update inside it) before anything acts on it,
 * so a garbage frame is rejected whole and never half-applied to a document.
 */
import { MessageType } from '@tandem/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

export const SyncType = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const

export type IncomingMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array; contents: UpdateContents }
  /**
   * `frame` is the whole frame as received: the same bytes as encodeUpdate(update), so it can be forwarded as is.
   * `contents` is what validating it decoded: enough to tell, without applying it, what it adds to a document.
   */
  | { type: 'sync-update'; update: Uint8Array; frame: Uint8Array; contents: UpdateContents }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }

export class ProtocolError extends Error {
  override name = 'ProtocolError'
}

export function decodeMessage(frame: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(frame)
    const messageType = decoding.readVarUint(decoder)
    let message: IncomingMessage
    switch (messageType) {
      case MessageType.SYNC:
        message = decodeSync(decoder, frame)
        break
      case MessageType.AWARENESS: {
        const update = decoding.readVarUint8Array(decoder)
        validateAwarenessUpdate(update)
        message = { type: 'awareness', update }
        break
      }
      case MessageType.QUERY_AWARENESS:
        message = { type: 'query-awareness' }
        break
      default:
        throw new ProtocolError(`unknown message type ${messageType}`)
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message')
    return message
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(`malformed message: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function decodeSync(decoder: decoding.Decoder, frame: Uint8Array): IncomingMessage {
  const syncType = decoding.readVarUint(decoder)
  switch (syncType) {
    case SyncType.STEP1: {
      const stateVector = decoding.readVarUint8Array(decoder)
      Y.decodeStateVector(stateVector)
      return { type: 'sync-step1', stateVector }
    }
    case SyncType.STEP2: {
      const update = decoding.readVarUint8Array(decoder)
      return { type: 'sync-step2', update, contents: validateUpdate(update) }
    }
    case SyncType.UPDATE: {
      const update = decoding.readVarUint8Array(decoder)
      const contents = validateUpdate(update)
      // decodeMessage rejects trailing bytes after this returns: the frame is exactly this update's.
      return { type: 'sync-update', update, frame, contents }
    }
    default:
      throw new ProtocolError(`unknown sync message type ${syncType}`)
  }
}

/** A state vector naming no client: the sender has nothing and asks for the whole document. */
export function asksForEverything(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0
}

/** An update's structs and delete set as decoded (not integrated anywhere). */
export interface UpdateContents {
  structs: Array<Y.Item | Y.GC | Y.Skip>
  deleteSet: ReturnType<typeof Y.decodeUpdate>['ds']
}

/** Decodes every struct and the delete set of an update; throws on anything that is not a whole Yjs v1 update. */
export function validateUpdate(update: Uint8Array): UpdateContents {
  const decoded = Y.decodeUpdate(update)
  for (const struct of decoded.structs) {
    if (!Number.isSafeInteger(struct.id.client) || !Number.isSafeInteger(struct.id.clock) || struct.length < 0) {
      throw new ProtocolError('update has an invalid struct id')
    }
  }
  return { structs: decoded.structs, deleteSet: decoded.ds }
}

/** An awareness update is `varUint count` then `{varUint clientID, varUint clock, varString JSON}` per client. */
function validateAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    JSON.parse(decoding.readVarString(decoder))
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after awareness update')
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.SYNC)
    encoding.writeVarUint(e, SyncType.STEP1)
    encoding.writeVarUint8Array(e, stateVector)
  })
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.SYNC)
    encoding.writeVarUint(e, SyncType.STEP2)
    encoding.writeVarUint8Array(e, update)
  })
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.SYNC)
    encoding.writeVarUint(e, SyncType.UPDATE)
    encoding.writeVarUint8Array(e, update)
  })
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.AWARENESS)
    encoding.writeVarUint8Array(e, update)
  })
}

/** An awareness update naming no client: harmless to every provider, and counts as a message for its timeout. */
export const KEEPALIVE_FRAME: Uint8Array = encodeAwareness(new Uint8Array([0]))

/**
 * What a document holds of each client (client id → clock), as taken at a moment: a state vector not yet encoded.
 * Taking one is a walk over the document's clients; encoding it costs several times that, and most are never sent
 * (only to clients that asked for STORED messages).
 */
export type ClientStates = Map<number, number>

/** A STORED message: the state vector of what the database durably holds, in Yjs's encoding. */
export function encodeStored(states: ClientStates): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.STORED)
    encoding.writeVarUint8Array(e, Y.encodeStateVector(states))
  })
}

/** An IDEA_CHANGED message: the idea's record changed (no payload). */
export function encodeIdeaChanged(): Uint8Array {
  return frame((e) => encoding.writeVarUint(e, MessageType.IDEA_CHANGED))
}

export function encodeAuthDenied(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.AUTH)
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, reason)
  })
}
