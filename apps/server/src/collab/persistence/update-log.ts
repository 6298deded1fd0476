import * as Y from 'yjs'
import type { Logger } from '../../logger.ts'
import type { ClientStates } from '../protocol.ts'
import type { UpdateSink } from '../room.ts'
import type { AppendRow } from './doc-store.ts'

export interface UpdateLogOptions {
  store: { append(rows: AppendRow[]): Promise<Map<string, string>> }
  logger: Logger
  /** Group-commit window: the longest an update waits before its INSERT starts. */
  windowMs: number
  /** What a loaded document holds now (taken when a batch is cut, so it covers exactly the batch). */
  statesOf: (docId: string) => ClientStates | null
  /** Called after a commit, per document in it, with what the database now holds of it. */
  onStored: (docId: string, states: ClientStates | null, rows: number, bytes: number, lastSeq: string | undefined) => void
  /** Called after a commit, per document in it that holds a person's change (not only the server's own repairs). */
  onWritten?: (docId: string) => void
  maxRetryDelayMs?: number
}

/**
 * Appends every update to doc_updates with group commit: all updates received within one window go into one
 * INSERT. A failed INSERT keeps its rows (merged per document, so memory stays bounded) and is retried with
 * exponential backoff; nothing is dropped while the process lives.
 */
export class UpdateLog implements UpdateSink {
  private queue: AppendRow[] = []
  private readonly queuedPerDoc = new Map<string, number>()
  private readonly inFlight = new Set<string>()
  private inFlightRows = 0
  private readonly discarded = new Set<string>()
  private oldestQueuedAt = 0
  private timer: NodeJS.Timeout | null = null
  private flushing: Promise<void> | null = null
  private retryDelayMs = 0
  private readonly maxRetryDelayMs: number
  /** Consecutive failed commits; 0 when the database is answering. */
  failures = 0

  constructor(private readonly options: UpdateLogOptions) {
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000
  }

  append(docId: string, update: Uint8Array, userId: string | null): void {
    if (this.discarded.has(docId)) return
    if (this.queue.length === 0) this.oldestQueuedAt = performance.now()
    this.queue.push({ docId, data: update, userId })
    this.queuedPerDoc.set(docId, (this.queuedPerDoc.get(docId) ?? 0) + 1)
    this.schedule()
  }

  /**
   * The document was deleted: its queued updates are dropped, and so are its rows of a batch that fails because of
   * it (a foreign-key violation would otherwise fail every retry of the whole group commit).
   */
  discard(docId: string): void {
    this.discarded.add(docId)
    this.queue = this.queue.filter((row) => row.docId !== docId)
    this.queuedPerDoc.delete(docId)
  }

  /** True while some update of the document is not yet committed. */
  hasPending(docId: string): boolean {
    return this.queuedPerDoc.has(docId) || this.inFlight.has(docId)
  }

  get pendingCount(): number {
    return this.queue.length
  }

  private schedule(): void {
    if (this.timer || this.flushing) return
    // The window counts from the oldest queued update: rows that waited through the previous commit go at once.
    const delay = this.retryDelayMs || Math.max(0, this.oldestQueuedAt + this.options.windowMs - performance.now())
    this.timer = setTimeout(() => void this.flush(), delay)
  }

  /** Commits what is queued now (one INSERT). Resolves when that attempt has ended, stored or requeued. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.flushing) return this.flushing
    if (this.queue.length === 0) return Promise.resolve()
    const batch = this.queue
    this.queue = []
    this.queuedPerDoc.clear()
    const states = new Map<string, ClientStates | null>()
    for (const row of batch) {
      if (!states.has(row.docId)) states.set(row.docId, this.options.statesOf(row.docId))
      this.inFlight.add(row.docId)
    }
    this.inFlightRows = batch.length
    this.flushing = this.commit(batch, states).finally(() => {
      this.flushing = null
      this.inFlightRows = 0
      if (this.queue.length > 0) this.schedule()
    })
    return this.flushing
  }

  private async commit(batch: AppendRow[], states: Map<string, ClientStates | null>): Promise<void> {
    let lastSeq: Map<string, string>
    try {
      lastSeq = await this.options.store.append(batch)
    } catch (err) {
      this.failures++
      this.retryDelayMs = Math.min(Math.max(100, this.retryDelayMs * 2), this.maxRetryDelayMs)
      this.options.logger.warn(
        { err, rows: batch.length, retryInMs: this.retryDelayMs, failures: this.failures },
        'storing updates failed; will retry',
      )
      const requeued = mergeRuns(batch.filter((row) => !this.discarded.has(row.docId)))
      this.queue = [...requeued, ...this.queue]
      for (const row of requeued) this.queuedPerDoc.set(row.docId, (this.queuedPerDoc.get(row.docId) ?? 0) + 1)
      for (const docId of states.keys()) this.inFlight.delete(docId)
      if (this.queue.length === 0) {
        // Every row of the batch belonged to a document deleted meanwhile (its foreign key failed the INSERT): there
        // is nothing to retry, and nothing says the database is failing.
        this.failures = 0
        this.retryDelayMs = 0
      }
      return
    }
    if (this.failures > 0) this.options.logger.info({ failures: this.failures }, 'storing updates recovered')
    this.failures = 0
    this.retryDelayMs = 0
    const perDoc = new Map<string, { rows: number; bytes: number; byPeople: boolean }>()
    for (const row of batch) {
      const entry = perDoc.get(row.docId) ?? { rows: 0, bytes: 0, byPeople: false }
      entry.rows++
      entry.bytes += row.data.byteLength
      entry.byPeople ||= row.userId !== null
      perDoc.set(row.docId, entry)
    }
    for (const [docId, { rows, bytes, byPeople }] of perDoc) {
      this.inFlight.delete(docId)
      this.options.onStored(docId, states.get(docId) ?? null, rows, bytes, lastSeq.get(docId))
      if (byPeople) this.options.onWritten?.(docId)
    }
  }

  /** Flushes until nothing is pending or the deadline passes (shutdown). Returns how many updates remain unstored. */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs
    const untilDeadline = () => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())
    while ((this.queue.length > 0 || this.flushing) && Date.now() < deadline) {
      // A commit hanging on a silent connection must not hold shutdown past its deadline.
      await Promise.race([this.flush(), untilDeadline()])
      if (this.queue.length > 0 && this.failures > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.retryDelayMs, deadline - Date.now())))
      }
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    return this.queue.length + this.inFlightRows
  }
}

/**
 * Consecutive rows of one document and author merged in runs of at most MERGE_RUN: a retry queue that does not grow
 * by a row per keystroke. (Y.mergeUpdates is quadratic in the number of updates it is given: never hand it thousands.)
 */
const MERGE_RUN = 64

function mergeRuns(rows: AppendRow[]): AppendRow[] {
  const merged: AppendRow[] = []
  let run: AppendRow[] = []
  const close = () => {
    if (run.length === 1) merged.push(run[0]!)
    else if (run.length > 1) merged.push({ docId: run[0]!.docId, userId: run[0]!.userId, data: Y.mergeUpdates(run.map((r) => r.data)) })
    run = []
  }
  for (const row of rows) {
    const first = run[0]
    if (first && (first.docId !== row.docId || first.userId !== row.userId || run.length >= MERGE_RUN)) close()
    run.push(row)
  }
  close()
  return merged
}
