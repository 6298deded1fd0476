// @ts-check
/**
 * The thread that owns the embedded database. PGlite is PostgreSQL compiled to WebAssembly: every statement runs
 * synchronously on the thread that calls it, so on the server's main thread each group commit and each compaction
 * held up every room. Here it runs beside the event loop instead; `pglite-client.ts` is the other end of the port.
 *
 * Plain JavaScript (type-checked through JSDoc): a TypeScript worker would need tsx's loader in the worker, which on
 * Node 20 costs a loader thread of its own and ~300 ms at every start.
 */
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { PreparedStatements } from './pglite-statements.mjs'

lowerThisThreadsPriority(10)

/**
 * A group commit wakes this thread 20 times a second, and on two shared cores a thread woken at nice 0 may preempt
 * the event loop that woke it: the rooms then wait for the commit (1–3 ms each). At a lower priority it takes the
 * cores the rooms leave. Linux only (a nice value is a thread's there); anywhere else this does nothing.
 * @param {number} nice
 */
function lowerThisThreadsPriority(nice) {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice)
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}

/** @typedef {import('./pglite-protocol.ts').PGliteRequest} PGliteRequest */
/** @typedef {import('./pglite-protocol.ts').PGliteResponse} PGliteResponse */
/** @typedef {import('./pglite-protocol.ts').RemoteError} RemoteError */
/** @typedef {import('@electric-sql/pglite').Transaction} Transaction */

const BYTEA = 17

const port = parentPort
if (!port) throw new Error('pglite-worker.mjs runs as a worker thread (see pglite-client.ts)')
/** @param {PGliteResponse} response @param {ArrayBuffer[]} [transfer] */
const reply = (response, transfer) => port.postMessage(response, transfer)

const { dataDir } = /** @type {import('./pglite-protocol.ts').PGliteWorkerData} */ (workerData)

const pglite = await PGlite.create(dataDir ?? 'memory://', {
  // PGlite's own bytea parser makes a closure call per byte: reading a 420 KB snapshot took 95–330 ms here. Buffer's
  // hex codec does it in native code (6–12 ms), and each value it parses owns its ArrayBuffer, so it is moved to the
  // main thread, not copied (apps/bench/src/tools/db-thread.ts). Byte parameters go as binary (pglite-statements.mjs).
  parsers: { [BYTEA]: parseBytea },
}).catch((/** @type {unknown} */ error) => {
  reply({ kind: 'failed', error: toRemoteError(error) })
  return null
})

/**
 * Open transactions by id: each is a PGlite transaction whose callback waits for the main thread's 'end'.
 * @type {Map<number, { tx: Transaction, end: (commit: boolean) => void, done: Promise<void> }>}
 */
const transactions = new Map()
let nextTransaction = 1

if (pglite) {
  const statements = new PreparedStatements(pglite)
  port.on('message', (/** @type {PGliteRequest} */ request) => {
    handle(pglite, statements, request).then(
      ({ result, transfer }) => reply({ kind: 'ok', id: request.id, result }, transfer),
      (error) => reply({ kind: 'error', id: request.id, error: toRemoteError(error) }),
    )
  })
  reply({ kind: 'ready' })
}

/**
 * @param {PGlite} db
 * @param {PreparedStatements} statements
 * @param {PGliteRequest} request
 * @returns {Promise<{ result?: unknown, transfer?: ArrayBuffer[] }>}
 */
async function handle(db, statements, request) {
  switch (request.op) {
    case 'query': {
      const { sql, params, rowMode, tx } = request
      if (tx !== undefined) transactionOf(tx) // a statement for a transaction that has ended fails here
      const run = () => statements.run(sql, params, rowMode, tx === undefined)
      // PGlite's locks, as its own query takes them: a statement outside a transaction waits for the one under way.
      const result = tx === undefined ? await db._runExclusiveTransaction(() => db.runExclusive(run)) : await db.runExclusive(run)
      return { result, transfer: ownedBuffers(result.rows) }
    }
    case 'begin':
      return { result: await begin(db) }
    case 'end': {
      const open = transactionOf(request.tx)
      transactions.delete(request.tx)
      open.end(request.commit)
      // A failed COMMIT (25P02 after an aborted transaction, a deferred constraint) is this request's error.
      await open.done.catch((error) => {
        if (!(error instanceof RolledBack)) throw error
      })
      return {}
    }
    case 'close':
      if (!db.closed) await db.close()
      return {}
  }
}

/**
 * Starts a PGlite transaction: it commits when its callback returns, and rolls back when the callback throws.
 * @param {PGlite} db
 * @returns {Promise<number>}
 */
function begin(db) {
  const id = nextTransaction++
  return new Promise((begun, failed) => {
    /** @type {(commit: boolean) => void} */
    let end = () => {}
    /** @type {Promise<boolean>} */
    const ended = new Promise((resolve) => (end = resolve))
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

/** @param {number} id */
function transactionOf(id) {
  const open = transactions.get(id)
  if (!open) throw new Error(`no open transaction ${id} in the PGlite worker`)
  return open
}

/** @param {string} text '\x' followed by two hex digits per byte */
function parseBytea(text) {
  const bytes = new Uint8Array((text.length - 2) >>> 1)
  Buffer.from(bytes.buffer).write(text.slice(2), 'hex')
  return bytes
}

/**
 * The ArrayBuffers of the rows' byte values that nothing else holds: moved to the main thread, not copied.
 * @param {unknown[]} rows rows of either mode: objects or arrays
 */
function ownedBuffers(rows) {
  /** @type {Set<ArrayBuffer>} */
  const buffers = new Set()
  for (const row of rows) {
    for (const value of Object.values(/** @type {object} */ (row))) {
      if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) {
        buffers.add(value.buffer)
      }
    }
  }
  return [...buffers]
}

/**
 * An error as data: structured clone keeps only an Error's message, so PostgreSQL's fields (code…) are copied.
 * @param {unknown} error
 * @returns {RemoteError}
 */
function toRemoteError(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} }
  /** @type {RemoteError['fields']} */
  const fields = {}
  for (const [key, value] of Object.entries(error)) {
    // params would carry document bytes into logs; queryOptions holds functions.
    if (key === 'params' || key === 'queryOptions') continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value
  }
  return { name: error.name, message: error.message, stack: error.stack, fields }
}
