/**
 * The thread that owns the embedded database. PGlite is PostgreSQL compiled to WebAssembly: every statement runs
 * synchronously on the thread that calls it, so on the server's main thread each group commit and each compaction
 * held up every room. Here it runs beside the event loop instead; `pglite-client.ts` is the other end of the port.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { PGliteRequest, PGliteResponse, PGliteWorkerData, RemoteError, RemoteResults } from './pglite-protocol.ts'

const BYTEA = 17

const port = parentPort
if (!port) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-client.ts)')

const { dataDir } = workerData as PGliteWorkerData

const pglite = await PGlite.create(dataDir ?? 'memory://', {
  // PGlite's own bytea conversions go through an array of one-character strings per byte: a 400 KB snapshot cost
  // tens of milliseconds each way. Buffer's hex codec does the same in C++, and each parsed value owns its
  // ArrayBuffer, so it can be transferred to the main thread instead of copied.
  serializers: { [BYTEA]: (x: Uint8Array) => '\\x' + Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex') },
  parsers: { [BYTEA]: parseBytea },
}).catch((error: unknown) => {
  port.postMessage({ kind: 'failed', error: toRemoteError(error) } satisfies PGliteResponse)
  return null
})

/** Open transactions by id: each is a PGlite transaction whose callback waits for the main thread's 'end'. */
interface OpenTransaction {
  tx: Transaction
  end: (commit: boolean) => void
  /** Settles once PGlite has committed (or rolled back) it. */
  done: Promise<void>
}
const transactions = new Map<number, OpenTransaction>()
let nextTransaction = 1

if (pglite) {
  port.on('message', (request: PGliteRequest) => {
    handle(pglite, request).then(
      ({ result, transfer }) => port.postMessage({ kind: 'ok', id: request.id, result } satisfies PGliteResponse, transfer),
      (error: unknown) => port.postMessage({ kind: 'error', id: request.id, error: toRemoteError(error) } satisfies PGliteResponse),
    )
  })
  port.postMessage({ kind: 'ready' } satisfies PGliteResponse)
}

async function handle(db: PGlite, request: PGliteRequest): Promise<{ result?: unknown; transfer?: ArrayBuffer[] }> {
  switch (request.op) {
    case 'query': {
      const target = request.tx === undefined ? db : transactionOf(request.tx).tx
      const results = await target.query<Record<string, unknown>>(request.sql, request.params, { rowMode: request.rowMode })
      const result: RemoteResults = { rows: results.rows, fields: results.fields, affectedRows: results.affectedRows }
      return { result, transfer: ownedBuffers(results.rows) }
    }
    case 'begin':
      return { result: await begin(db) }
    case 'end': {
      const open = transactionOf(request.tx)
      transactions.delete(request.tx)
      open.end(request.commit)
      // A failed COMMIT (25P02 after an aborted transaction, a deferred constraint) is this request's error.
      await open.done.catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error
      })
      return {}
    }
    case 'close':
      if (!db.closed) await db.close()
      return {}
  }
}

/** Starts a PGlite transaction: it commits when its callback returns, and rolls back when the callback throws. */
function begin(db: PGlite): Promise<number> {
  const id = nextTransaction++
  return new Promise<number>((begun, failed) => {
    let end!: (commit: boolean) => void
    const ended = new Promise<boolean>((resolve) => (end = resolve))
    const done = db.transaction(async (tx) => {
      transactions.set(id, { tx, end, done })
      begun(id)
      if (!(await ended)) throw new RolledBack()
    })
    // Before `begun`, this fails the 'begin' request; after it, the 'end' request reports the outcome.
    done.catch(failed)
  })
}

class RolledBack extends Error {}

function transactionOf(id: number) {
  const open = transactions.get(id)
  if (!open) throw new Error(`no open transaction ${id} in the PGlite worker`)
  return open
}

function parseBytea(text: string): Uint8Array {
  // text is '\x' followed by two hex digits per byte
  const bytes = new Uint8Array((text.length - 2) >>> 1)
  Buffer.from(bytes.buffer).write(text.slice(2), 'hex')
  return bytes
}

/** The ArrayBuffers of the rows' byte values that nothing else holds: moved to the main thread, not copied. */
function ownedBuffers(rows: Record<string, unknown>[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const row of rows) {
    for (const value of Object.values(row)) {
      if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) {
        buffers.add(value.buffer)
      }
    }
  }
  return [...buffers]
}

/** An error as data: structured clone keeps only an Error's message, so PostgreSQL's fields (code…) are copied. */
function toRemoteError(error: unknown): RemoteError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} }
  const fields: RemoteError['fields'] = {}
  for (const [key, value] of Object.entries(error)) {
    // params would carry document bytes into logs; queryOptions holds functions.
    if (key === 'params' || key === 'queryOptions') continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value
  }
  return { name: error.name, message: error.message, stack: error.stack, fields }
}
