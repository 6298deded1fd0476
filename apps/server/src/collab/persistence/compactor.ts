import type { Logger } from '../../logger.ts'
import type { DocStorageStats, DocStore } from './doc-store.ts'

export interface CompactorOptions {
  store: Pick<DocStore, 'compact'>
  logger: Logger
  /** Compact once the log holds this many rows for a document. */
  maxTailRows: number
  /** …or once the log's bytes exceed the snapshot's (and this floor): stored bytes stay ≤ 2× the compact state. */
  minTailBytes?: number
}

/**
 * Decides when a document's update log is folded into its snapshot, and runs one compaction per document at a
 * time, off the path of the room (rooms never wait for it).
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

  noteStored(docId: string, rows: number, bytes: number): void {
    const stats = this.stats.get(docId) ?? { snapshotBytes: 0, tailRows: 0, tailBytes: 0 }
    stats.tailRows += rows
    stats.tailBytes += bytes
    this.stats.set(docId, stats)
    this.maybeCompact(docId)
  }

  private maybeCompact(docId: string): void {
    const stats = this.stats.get(docId)
    if (!stats || stats.tailRows === 0) return
    const tooManyRows = stats.tailRows >= this.options.maxTailRows
    const tooManyBytes = stats.tailBytes > Math.max(this.minTailBytes, stats.snapshotBytes)
    if (tooManyRows || tooManyBytes) void this.compact(docId)
  }

  /** Compacts now (or joins the compaction under way); errors are logged, the log stays as it was. */
  compact(docId: string): Promise<void> {
    const current = this.running.get(docId)
    if (current) return current
    const run = this.options.store
      .compact(docId)
      .then((result) => {
        const stats = this.stats.get(docId)
        if (result && stats) {
          // Rows stored while compacting are still in the log; count only what was folded away.
          stats.snapshotBytes = result.snapshotBytes
          stats.tailRows = 0
          stats.tailBytes = 0
        }
      })
      .catch((err: unknown) => this.options.logger.warn({ err, docId }, 'compaction failed; the log is kept'))
      .finally(() => this.running.delete(docId))
    this.running.set(docId, run)
    return run
  }

  /** The room unloaded: fold what is left, then stop tracking the document. */
  async release(docId: string): Promise<void> {
    const stats = this.stats.get(docId)
    if (stats && stats.tailRows > 0) await this.compact(docId)
    this.stats.delete(docId)
  }

  async idle(): Promise<void> {
    await Promise.all([...this.running.values()])
  }
}
