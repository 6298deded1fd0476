import type { Dialect } from '../servers/types.ts'

/** What the bench and its client processes say to each other over IPC (advanced serialization: typed arrays pass). */

export interface Member {
  room: string
  clientId: number
  /** Full providers: also writes at the rate (else only reads). */
  writes?: boolean
}

interface Common {
  dialect: Dialect
  wsBase: string
  params: Record<string, string>
  headers: Record<string, string>
  readyOnConnect: boolean
}

export interface ProvidersInit extends Common {
  role: 'providers'
  members: Member[]
  writeEveryMs: number
  /** How many writing windows ('start' … 'sent') come before 'finish'. */
  windows: number
}

export interface RawWritersInit extends Common {
  role: 'raw-writers'
  members: Member[]
  writeEveryMs: number
  /** Writes encoded before the run, per writer: enough for all windows. */
  maxWrites: number
  windows: number
}

export interface IdleInit extends Common {
  role: 'idle'
  rooms: string[]
  perRoom: number
  concurrency: number
  idBase: number
  /** Sent by the first client of each room before it syncs (gives the peers the document Tandem's server writes). */
  seed?: Uint8Array
}

export type WorkerInit = ProvidersInit | RawWritersInit | IdleInit

export type ToWorker =
  | { type: 'init'; init: WorkerInit }
  /**
   * One writing window, on the clock every process shares (clock.ts); writes stamped before measureFromMicros are
   * not timed (the window's warm-up).
   */
  | { type: 'start'; startAt: number; endAt: number; measureFromMicros: number }
  /** Expected writes per room and writer: wait until delivered (or the timeout), then report. */
  | { type: 'finish'; expected: Record<string, Record<number, number>>; timeoutMs: number }
  /**
   * Renew presence now (providers), or send a keepalive (raw writers, unless writing): the bench schedules these so
   * that no server's clients renew into a timed window (scenarios/renewals.ts).
   */
  | { type: 'renew' }
  | { type: 'exit' }

export type FromWorker =
  | { type: 'ready'; failures: number }
  /** After each window: every writer's writes so far. */
  | { type: 'sent'; counts: Record<number, number> }
  /** latencies in the order of the windows; windowCounts[w] of them were timed in window w. */
  | { type: 'result'; latencies: Float64Array; windowCounts: number[]; delivered: number; expected: number; incomplete: number }
  | { type: 'connected'; times: Float64Array; failures: number; firstError?: string }
  | { type: 'error'; message: string }
