import * as Y from 'yjs'
import type { Logger } from '../../logger.ts'
import type { DocStorageStats, DocStore } from './doc-store.ts'

export interface CompactorOptions {
  store: Pick<DocStore, 'compactTo'>
  logger: Logger
  /** The live document of a loaded room: its state is what the snapshot is made of. */
  docOf: (docId: string) => Y.Doc | undefined
  /** Compact once the log holds this many rows (more for large documents, see maybeCompact). */
  minTailRows: number
  /** …or once the log's bytes exceed the snapshot's (and this floor): stored bytes stay ≤ 2× the compact state. */
  minTailBytes?: number
}

const SNAPSHOT_BYTES_PER_TAIL_ROW = 64

/**
 * Decides when a document's update log is folded into its snapshot, and does it from the live room's document:
 * encoding a loaded Y.Doc is several times cheaper than rebuilding one from the database (a 1.5 MB state: ~70 ms
 * against ~400 ms). One compaction per document at a time; rooms never wait for it.
 */
export class Compactor {
  private readonly stats = new Map<string, DocStorageStats>()
  private readonly running = new Map<string, Promise<void>>()
  private readonly minTailBytes: number

  constructor(private readonly options: CompactorOptions) {
    this.minTailBytes = options.minTailBytes ?? 64 * 1024
  }

  noteLoaded(docId: string, stats: DocStorageStats): void {
    this.stats.set(docId, { ...stats })
    this.maybeCompact(docId)
  }

  noteStored(docId: string, rows: number, bytes: number, lastSeq: string | undefined): void {
    const stats = this.stats.get(docId) ?? { snapshotBytes: 0, tailRows: 0, tailBytes: 0, lastSeq: '0' }
    stats.tailRows += rows
    stats.tailBytes += bytes
    if (lastSeq !== undefined && BigInt(lastSeq) > BigInt(stats.lastSeq)) stats.lastSeq = lastSeq
    this.stats.set(docId, stats)
    this.maybeCompact(docId)
  }

  private maybeCompact(docId: string): void {
    const stats = this.stats.get(docId)
    if (!stats || stats.tailRows === 0) return
    // Load time (an unload always compacts, so a tail is read only after a crash): at most ~1 row per 64 snapshot
    // bytes, whose apply costs no more than the snapshot's own. Each compaction encodes the document and rewrites the
    // whole snapshot, so spacing them by the snapshot's size also bounds what is rewritten per byte received
    // (single keystrokes of ~20 bytes: ≈3×; with 1 row per 256 bytes it was ≈13×, and a 400 KB snapshot every 0.8 s
    // at 2,000 edits/s).
    const tooManyRows = stats.tailRows >= Math.max(this.options.minTailRows, stats.snapshotBytes / SNAPSHOT_BYTES_PER_TAIL_ROW)
    // Storage: log bytes ≤ snapshot bytes, so the stored total stays ≤ 2× the compact state.
    const tooManyBytes = stats.tailBytes > Math.max(this.minTailBytes, stats.snapshotBytes)
    if (tooManyRows || tooManyBytes) void this.compact(docId)
  }

  /** Compacts now from the live document (or joins the compaction under way). Errors are logged; the log is kept. */
  compact(docId: string): Promise<void> {
    const current = this.running.get(docId)
    if (current) return current
    const doc = this.options.docOf(docId)
    const snapshot = doc ? this.takeSnapshot(docId, doc) : null
    return snapshot ? this.write(docId, snapshot) : Promise.resolve()
  }

  /**
   * The room is unloading: its document's state is taken now (the caller destroys it right after), written once any
   * compaction under way has finished, and the document is no longer tracked.
   */
  release(docId: string, doc: Y.Doc): Promise<void> {
    const tracked = this.stats.get(docId)
    const snapshot = this.takeSnapshot(docId, doc)
    const previous = this.running.get(docId) ?? Promise.resolve()
    const run = previous
      .then(() => (snapshot ? this.write(docId, snapshot) : undefined))
      .finally(() => {
        // Unless the room was loaded again meanwhile (noteLoaded put new stats in place).
        if (this.stats.get(docId) === tracked) this.stats.delete(docId)
      })
    return run
  }

  /** Synchronous: everything committed up to lastSeq has been applied to the live doc, so its state covers those rows. */
  private takeSnapshot(docId: string, doc: Y.Doc): Snapshot | null {
    const stats = this.stats.get(docId)
    if (!stats || stats.tailRows === 0 || stats.lastSeq === '0') return null
    return {
      stats,
      uptoSeq: stats.lastSeq,
      folded: { rows: stats.tailRows, bytes: stats.tailBytes },
      state: Y.encodeStateAsUpdate(doc),
      stateVector: Y.encodeStateVector(doc),
    }
  }

  private write(docId: string, snapshot: Snapshot): Promise<void> {
    const { stats, state, folded } = snapshot
    const run = this.options.store
      .compactTo(docId, state, snapshot.stateVector, snapshot.uptoSeq)
      .then(() => {
        stats.snapshotBytes = state.byteLength
        stats.tailRows = Math.max(0, stats.tailRows - folded.rows)
        stats.tailBytes = Math.max(0, stats.tailBytes - folded.bytes)
      })
      .catch((err: unknown) => this.options.logger.warn({ err, docId }, 'compaction failed; the log is kept'))
      .finally(() => this.running.delete(docId))
    this.running.set(docId, run)
    return run
  }

  /** Resolves once the document's compaction under way (if any) has ended: a load then reads the compact form. */
  async settled(docId: string): Promise<void> {
    await this.running.get(docId)
  }

  async idle(): Promise<void> {
    await Promise.all([...this.running.values()])
  }
}

interface Snapshot {
  stats: DocStorageStats
  uptoSeq: string
  folded: { rows: number; bytes: number }
  state: Uint8Array
  stateVector: Uint8Array
}
