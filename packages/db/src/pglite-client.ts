import { Worker } from 'node:worker_threads'
import type { PGlite as KyselyPGlite, PGliteQueryOptions, PGliteQueryResults, PGliteTransaction } from 'kysely'
import { DatabaseUnavailableError } from './database-unavailable.ts'
import type { PGliteRequest, PGliteResponse, PGliteWorkerData, RemoteError } from './pglite-protocol.ts'

type Request = PGliteRequest extends infer R ? (R extends PGliteRequest ? Omit<R, 'id'> : never) : never

/**
 * The embedded database on a thread of its own: PGlite runs in `pglite-worker.mjs` and this object stands in for it
 * on the main thread, with the part of PGlite's interface that Kysely's PGliteDialect uses (query, transaction, close).
 * Every call is a message; the server's event loop only waits for answers, it no longer runs the database.
 */
export class PGliteClient implements KyselyPGlite {
  readonly ready = true
  readonly waitReady = Promise.resolve()
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>()
  private nextId = 1
  /** Set once the thread is gone: every later call fails with it at once. */
  private gone: Error | null = null
  private closing: Promise<void> | null = null
  private closedDone = false

  private constructor(
    /** The thread itself (tests end it to see pending queries fail). */
    readonly thread: Worker,
  ) {
    thread.on('message', (response: PGliteResponse) => this.settle(response))
    thread.on('error', (error) => this.fail(new DatabaseUnavailableError(`the PGlite worker failed: ${error.message}`, { cause: error })))
    thread.on('exit', (code) => this.fail(new DatabaseUnavailableError(`the PGlite worker exited (code ${code})`)))
    // Like PGlite on the main thread, an idle database does not keep the process alive; a query under way does.
    thread.unref()
  }

  /** Starts the thread and opens the database in it (`undefined`: in memory). Rejects with PGlite's own error. */
  static start(dataDir: string | undefined): Promise<PGliteClient> {
    const thread = new Worker(WORKER, { workerData: { dataDir } satisfies PGliteWorkerData, execArgv: workerExecArgv() })
    return new Promise((resolve, reject) => {
      const onMessage = (message: PGliteResponse) => {
        if (message.kind !== 'ready' && message.kind !== 'failed') return
        stopWaiting()
        if (message.kind === 'ready') return resolve(new PGliteClient(thread))
        void thread.terminate()
        reject(fromRemote(message.error))
      }
      const onError = (error: Error) => {
        stopWaiting()
        reject(new Error(`the PGlite worker failed to start: ${error.message}`, { cause: error }))
      }
      const onExit = (code: number) => {
        stopWaiting()
        reject(new Error(`the PGlite worker exited (code ${code}) before the database opened`))
      }
      const stopWaiting = () => {
        thread.off('message', onMessage)
        thread.off('error', onError)
        thread.off('exit', onExit)
      }
      thread.on('message', onMessage)
      thread.once('error', onError)
      thread.once('exit', onExit)
    })
  }

  get closed(): boolean {
    return this.closedDone || this.gone !== null
  }

  query<T>(sql: string, params?: unknown[], options?: PGliteQueryOptions): Promise<PGliteQueryResults<T>> {
    return this.queryIn(undefined, sql, params, options)
  }

  async transaction<T>(callback: (tx: PGliteTransaction) => Promise<T>): Promise<T> {
    let id: number
    try {
      id = (await this.request({ op: 'begin' })) as number
    } catch (error) {
      // Kysely's PGliteDialect goes on only once the callback runs, and leaves the rejection of a transaction that
      // never began unhandled: its caller would wait forever and the process end on the rejection. So the callback
      // runs with a transaction whose every statement fails, and the caller's transaction fails with the reason.
      const failed: PGliteTransaction = { query: () => Promise.reject(error), rollback: () => Promise.resolve() }
      await callback(failed).catch(() => {})
      throw error
    }
    let ended = false
    const end = (commit: boolean) => {
      if (ended) return Promise.resolve()
      ended = true
      return this.request({ op: 'end', tx: id, commit }).then(() => undefined)
    }
    const tx: PGliteTransaction = {
      query: (sql, params, options) => this.queryIn(id, sql, params, options),
      rollback: () => end(false),
    }
    let result: T
    try {
      result = await callback(tx)
    } catch (error) {
      await end(false).catch(() => {})
      throw error
    }
    await end(true)
    return result
  }

  /** Closes PGlite in its thread (its files are consistent after this), then ends the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.gone) {
        try {
          await this.send({ op: 'close' })
        } catch (error) {
          // The thread died meanwhile: there is nothing left to close.
          if (!this.gone) throw error
        }
      }
      await this.thread.terminate()
      this.closedDone = true
    })()
    return this.closing
  }

  private async queryIn<T>(tx: number | undefined, sql: string, params: unknown[] | undefined, options: PGliteQueryOptions | undefined) {
    return (await this.request({ op: 'query', sql, params, rowMode: options?.rowMode, tx })) as PGliteQueryResults<T>
  }

  /**
   * Once close() is called nothing new starts, as with PGlite itself; a transaction already open may finish (PGlite's
   * close waits for it), so its statements and its end still go through.
   */
  private request(request: Request): Promise<unknown> {
    const startsSomething = request.op === 'begin' || (request.op === 'query' && request.tx === undefined)
    if (this.closing && startsSomething) return Promise.reject(new DatabaseUnavailableError('PGlite is closed'))
    return this.send(request)
  }

  private send(request: Request): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone)
    const id = this.nextId++
    const transfer: ArrayBuffer[] = []
    const message = { ...request, id } as PGliteRequest
    if (message.op === 'query' && message.params) message.params = message.params.map((p) => ownCopy(p, transfer))
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.thread.ref()
      this.pending.set(id, { resolve, reject })
      this.thread.postMessage(message, transfer)
    })
  }

  private settle(response: PGliteResponse): void {
    if (response.kind !== 'ok' && response.kind !== 'error') return
    const waiting = this.pending.get(response.id)
    if (!waiting) return
    this.pending.delete(response.id)
    if (this.pending.size === 0) this.thread.unref()
    if (response.kind === 'ok') waiting.resolve(response.result)
    else waiting.reject(fromRemote(response.error))
  }

  /** The thread is gone (crashed, killed, or ended after close): whatever was waiting for it fails now. */
  private fail(error: Error): void {
    this.gone ??= error
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const { reject } of waiting) reject(this.gone)
  }
}

const WORKER = new URL('./pglite-worker.mjs', import.meta.url)

/**
 * The worker's node flags. Not the parent's: those may preload modules that must run once per process (the bench's
 * event-loop probe listens on a socket). A profiled server (`--cpu-prof`, in `--flag=value` form) profiles its
 * database thread too.
 */
function workerExecArgv(): string[] {
  return process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'))
}

/**
 * Byte parameters are copied to exactly their bytes and the copy is moved, not cloned: a clone of a view copies its
 * whole ArrayBuffer (a pooled Buffer's slab, a websocket frame's buffer), and moving the caller's own would empty it.
 */
function ownCopy(param: unknown, transfer: ArrayBuffer[]): unknown {
  if (!(param instanceof Uint8Array)) return param
  const copy = new Uint8Array(param.byteLength)
  copy.set(param)
  transfer.push(copy.buffer)
  return copy
}

/** The worker's error as an Error on this thread, with PostgreSQL's fields (code 23505, constraint…) on it. */
function fromRemote(remote: RemoteError): Error {
  const error = new Error(remote.message)
  error.name = remote.name
  Object.assign(error, remote.fields)
  if (remote.stack) error.stack = remote.stack
  return error
}
