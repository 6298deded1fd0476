/**
 * The two wires the raw clients speak. y-websocket's: `varUint messageType`, then the body. Hocuspocus's: the same
 * messages with `varString documentName` in front, and an Auth message (type 2, token sub-type 0) before anything
 * else (Hocuspocus queues a document's messages until it has authenticated it). Pure functions.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Dialect } from '../servers/types.ts'

export const Message = { SYNC: 0, AWARENESS: 1, AUTH: 2, SYNC_REPLY: 4, SYNC_STATUS: 8, STORED: 100 } as const
export const Sync = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const

export interface Wire {
  dialect: Dialect
  docName: string
}

function frame(wire: Wire, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  if (wire.dialect === 'hocuspocus') encoding.writeVarString(encoder, wire.docName)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export function syncStep1(wire: Wire, stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
  return frame(wire, (e) => {
    encoding.writeVarUint(e, Message.SYNC)
    encoding.writeVarUint(e, Sync.STEP1)
    encoding.writeVarUint8Array(e, stateVector)
  })
}

export function syncUpdate(wire: Wire, update: Uint8Array): Uint8Array {
  return frame(wire, (e) => {
    encoding.writeVarUint(e, Message.SYNC)
    encoding.writeVarUint(e, Sync.UPDATE)
    encoding.writeVarUint8Array(e, update)
  })
}

/** An awareness update of one client: what a provider sends on connecting and renews every 15 s. */
export function awarenessOf(wire: Wire, clientId: number, clock: number, state: unknown): Uint8Array {
  return frame(wire, (e) => {
    encoding.writeVarUint(e, Message.AWARENESS)
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, 1)
    encoding.writeVarUint(inner, clientId)
    encoding.writeVarUint(inner, clock)
    encoding.writeVarString(inner, JSON.stringify(state))
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
  })
}

/**
 * An awareness update naming no client: changes nothing on any server, but counts as a message (Hocuspocus closes a
 * connection that sent nothing for 60 s).
 */
export function keepalive(wire: Wire): Uint8Array {
  return frame(wire, (e) => {
    encoding.writeVarUint(e, Message.AWARENESS)
    encoding.writeVarUint8Array(e, new Uint8Array([0]))
  })
}

/** Hocuspocus only: the Auth message every provider sends first (an empty token, as a provider without one does). */
export function auth(wire: Wire, token = ''): Uint8Array {
  return frame(wire, (e) => {
    encoding.writeVarUint(e, Message.AUTH)
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, token)
  })
}

/** The first messages a client sends after the socket opened. */
export function opening(wire: Wire): Uint8Array[] {
  return wire.dialect === 'hocuspocus' ? [auth(wire)] : []
}

export interface Incoming {
  type: number
  /** For sync messages: 0 step 1, 1 step 2, 2 update. */
  syncType?: number
  /** For sync and STORED messages: the update or state vector. */
  payload?: Uint8Array
}

/** Reads the type (and sync sub-type and payload) of a frame from the server; null for anything unreadable. */
export function decodeIncoming(dialect: Dialect, data: Uint8Array): Incoming | null {
  try {
    const decoder = decoding.createDecoder(data)
    if (dialect === 'hocuspocus') decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type === Message.SYNC || type === Message.SYNC_REPLY) {
      const syncType = decoding.readVarUint(decoder)
      return { type: Message.SYNC, syncType, payload: decoding.readVarUint8Array(decoder) }
    }
    if (type === Message.STORED) return { type, payload: decoding.readVarUint8Array(decoder) }
    return { type }
  } catch {
    return null
  }
}
