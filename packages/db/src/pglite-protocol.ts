/** The messages between `pglite-client.ts` (main thread) and `pglite-worker.mjs` (the thread that owns PGlite). */

export interface PGliteWorkerData {
  /** Where PGlite keeps its files; undefined keeps them in memory. */
  dataDir: string | undefined
}

export type PGliteRequest = { id: number } & (
  | { op: 'query'; sql: string; params: unknown[] | undefined; rowMode: 'array' | 'object' | undefined; tx: number | undefined }
  /** Opens a transaction; answered with its id once PGlite has begun it. */
  | { op: 'begin' }
  /** Commits (or rolls back) a transaction; answered once PGlite has done so. */
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' }
)

export type PGliteResponse =
  | { kind: 'ready' }
  /** PGlite.create failed (a locked or damaged data directory): the worker does nothing more. */
  | { kind: 'failed'; error: RemoteError }
  | { kind: 'ok'; id: number; result?: unknown }
  | { kind: 'error'; id: number; error: RemoteError }

export interface RemoteResults {
  rows: unknown[]
  fields: { name: string; dataTypeID: number }[]
  affectedRows: number | undefined
}

/** An error as data: its PostgreSQL fields (code, detail, constraint…) travel beside the message. */
export interface RemoteError {
  name: string
  message: string
  stack?: string | undefined
  fields: Record<string, string | number | boolean>
}
