/**
 * What writers write, and how readers time it. Each writer (a Yjs client id of its own) pushes a 16-digit timestamp
 * (microseconds since the epoch) to its own top-level array `w<clientId>`: writers never conflict, so the servers do
 * the same work for every write, and a reader finds every new write of a transaction from the state vectors. The raw
 * writers' updates are encoded before the run with a placeholder, and the time is written into the frame's bytes as
 * it is sent.
 */
import * as Y from 'yjs'
import type { Dialect } from '../servers/types.ts'
import { syncUpdate } from '../protocol/wire.ts'
import { monoMicros } from './clock.ts'

export const PLACEHOLDER = '0000000000000000'
const PLACEHOLDER_BYTES = Buffer.from(PLACEHOLDER, 'latin1')
/** Writer client ids start here (Yjs ids are random 32-bit numbers elsewhere: a collision is negligible). */
export const WRITER_ID_BASE = 1_000_000
const WRITER_ID_END = WRITER_ID_BASE + 1_000_000

export const arrayName = (clientId: number) => `w${clientId}`

/** Microseconds on the clock every process shares (clock.ts), as the 16 digits a write carries. */
export function timestamp(): string {
  return String(monoMicros()).padStart(16, '0')
}

/** A write made through a full provider's document. */
export function writeWith(doc: Y.Doc): void {
  doc.getArray<string>(arrayName(doc.clientID)).push([timestamp()])
}

export interface PreEncodedWrite {
  frame: Buffer
  /** Where the 16 timestamp digits start in the frame. */
  offset: number
}

/** `count` frames of one writer, each pushing one placeholder to its array, ready to be stamped and sent. */
export function preEncodeWrites(clientId: number, count: number, dialect: Dialect, docName: string): PreEncodedWrite[] {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const array = doc.getArray<string>(arrayName(clientId))
  for (let i = 0; i < count; i++) array.push([PLACEHOLDER])
  doc.destroy()
  return updates.map((update) => {
    const frame = Buffer.from(syncUpdate({ dialect, docName }, update))
    const offset = frame.lastIndexOf(PLACEHOLDER_BYTES)
    if (offset < 0) throw new Error('placeholder not found in the encoded update')
    return { frame, offset }
  })
}

export function stamp(write: PreEncodedWrite): Buffer {
  write.frame.write(timestamp(), write.offset, 16, 'latin1')
  return write.frame
}

/**
 * Calls onLatency(ms) for every write of another writer that a transaction brought, stamped at or after
 * `measureFromMicros`. Uses the transaction's state vectors: every clock step of a writer is one write.
 */
export function timeWrites(doc: Y.Doc, measureFrom: () => number, onLatency: (ms: number) => void): void {
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.local) return
    let now = 0
    for (const [client, after] of transaction.afterState) {
      if (client < WRITER_ID_BASE || client >= WRITER_ID_END || client === doc.clientID) continue
      const before = transaction.beforeState.get(client) ?? 0
      if (after <= before) continue
      now ||= monoMicros()
      const array = doc.getArray<string>(arrayName(client))
      const end = array.length
      for (let i = Math.max(0, end - (after - before)); i < end; i++) {
        const written = Number(array.get(i))
        if (written >= measureFrom()) onLatency((now - written) / 1000)
      }
    }
  })
}
