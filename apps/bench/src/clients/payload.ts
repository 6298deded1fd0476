/**
 * What writers write, and how readers time it. Each writer (a Yjs client id of its own) has its own paragraph in the
 * editor's document (the `default` fragment, as the Tandem editor writes it: paragraph → text) and types 16-digit
 * timestamps (microseconds since the epoch) at its end: writers never conflict, so the servers do the same work for
 * every write, and a reader finds every new write of a transaction from the state vectors (each write is 16 clocks
 * after the paragraph's 2). The raw writers' updates are encoded before the run with a placeholder, and the time is
 * written into the frame's bytes as it is sent.
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
/** The clocks of a writer's paragraph and its text, written once before its first write. */
const SETUP_CLOCKS = 2
/** The clocks of one write: its 16 digits. */
const WRITE_CLOCKS = PLACEHOLDER.length

/** How many whole writes a writer's clock covers. */
export function writesIn(clock: number): number {
  return Math.max(0, Math.floor((clock - SETUP_CLOCKS) / WRITE_CLOCKS))
}

/** Microseconds on the clock every process shares (clock.ts), as the 16 digits a write carries. */
export function timestamp(): string {
  return String(monoMicros()).padStart(16, '0')
}

/** The writer's own paragraph's text: made (clocks 0 and 1) at the start of the document the first time. */
function ownText(doc: Y.Doc): Y.XmlText {
  if (Y.getState(doc.store, doc.clientID) >= SETUP_CLOCKS) {
    return (Y.getItem(doc.store, Y.createID(doc.clientID, 1)) as Y.Item & { content: Y.ContentType }).content.type as Y.XmlText
  }
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  doc.transact(() => {
    doc.getXmlFragment('default').insert(0, [paragraph])
    paragraph.insert(0, [text])
  })
  return text
}

/** Makes the writer's paragraph now, so its first timed write carries only the write. */
export function setUpWriter(doc: Y.Doc): void {
  ownText(doc)
}

/** A write made through a full provider's document. */
export function writeWith(doc: Y.Doc): void {
  const text = ownText(doc)
  text.insert(text.length, timestamp())
}

export interface PreEncodedWrite {
  frame: Buffer
  /** Where the 16 timestamp digits start in the frame. */
  offset: number
}

/**
 * One writer's frames: its paragraph (`setup`, sent once when it connects) and `count` writes, each typing one
 * placeholder at the paragraph's end, ready to be stamped and sent.
 */
export function preEncodeWrites(
  clientId: number,
  count: number,
  dialect: Dialect,
  docName: string,
): { setup: Buffer; writes: PreEncodedWrite[] } {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const text = ownText(doc)
  for (let i = 0; i < count; i++) text.insert(text.length, PLACEHOLDER)
  doc.destroy()
  const [setup, ...writes] = updates.map((update) => Buffer.from(syncUpdate({ dialect, docName }, update)))
  return {
    setup: setup!,
    writes: writes.map((frame) => {
      const offset = frame.lastIndexOf(PLACEHOLDER_BYTES)
      if (offset < 0) throw new Error('placeholder not found in the encoded update')
      return { frame, offset }
    }),
  }
}

export function stamp(write: PreEncodedWrite): Buffer {
  write.frame.write(timestamp(), write.offset, 16, 'latin1')
  return write.frame
}

/**
 * Calls onLatency(ms) for every write of another writer that a transaction brought, stamped at or after
 * `measureFromMicros`. Uses the transaction's state vectors: every 16 clocks of a writer past its paragraph are one
 * write, read straight from the struct that holds them.
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
      for (let write = writesIn(before); write < writesIn(after); write++) {
        const clock = SETUP_CLOCKS + write * WRITE_CLOCKS
        const item = Y.getItem(doc.store, Y.createID(client, clock))
        if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentString)) continue
        const at = clock - item.id.clock
        const written = Number(item.content.str.slice(at, at + WRITE_CLOCKS))
        if (written >= measureFrom()) onLatency((now - written) / 1000)
      }
    }
  })
}
