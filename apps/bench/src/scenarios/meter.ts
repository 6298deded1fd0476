import { probe, type ProbeReport } from '../probe/client.ts'
import { cpuSeconds, rssBytes, sumOver } from '../proc.ts'
import type { RunningServer } from '../servers/types.ts'

export interface ServerFigures {
  /** Server process CPU seconds over the window. */
  cpuSeconds: number
  /** CPU seconds of the database's own processes (PostgreSQL backends), when it is another process. */
  dbCpuSeconds: number | null
  /** Highest and last resident set size of the server process over the window (bytes). */
  rssPeak: number
  rssEnd: number
  /** Event-loop delay over the window (ms), from the probe inside the server process. */
  loop: ProbeReport['loop']
  windowSeconds: number
  /** How long the probe took to start its window (ms): long means the server's loop was blocked. */
  probeLateMs: number
}

/**
 * Measures one server process over a window, or over several (start, then pause and resume between them, then stop):
 * CPU (/proc), RSS (/proc, sampled), event-loop delay (probe). The figures add up over the windows.
 */
export class ServerMeter {
  private cpu = 0
  private cpu0 = 0
  private db = new Map<number, number>()
  private db0 = new Map<number, number>()
  private dbPids: number[] = []
  private seconds = 0
  private started = 0
  private rssPeak = 0
  private sampler: NodeJS.Timeout | null = null
  private resetAnswered: Promise<number> = Promise.resolve(0)
  private windows = 0
  private isOpen = false

  constructor(private readonly server: RunningServer) {}

  /** Opens the first window. */
  start(): Promise<void> {
    return this.open('reset')
  }

  /** Closes a window; resume() opens the next. */
  async pause(): Promise<void> {
    await this.close()
    await probe(this.server.probeSocket, 'pause', 60_000).catch(() => null)
  }

  resume(): Promise<void> {
    return this.open('resume')
  }

  /** CPU seconds the server process and its database's processes have used so far (for a window's own account). */
  usedSeconds(): number {
    return (cpuSeconds(this.server.pid) ?? 0) + sumOver(this.dbPids, cpuSeconds)
  }

  /** Closes the last window and reports over all of them. */
  async stop(): Promise<ServerFigures> {
    await this.close()
    let dbCpuSeconds: number | null = null
    if (this.dbPids.length > 0 || this.server.storage.databaseName) dbCpuSeconds = sumOver([...this.db.keys()], (pid) => this.db.get(pid)!)
    const rssEnd = rssBytes(this.server.pid) ?? 0
    // A server whose loop is blocked answers late; the histogram then covers less of the window (noted).
    const resetLateMs = await this.resetAnswered
    const report = await probe(this.server.probeSocket, 'report', 60_000).catch(() => null)
    const loop = report?.loop ?? { p50: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN, samples: 0 }
    return {
      cpuSeconds: this.cpu,
      dbCpuSeconds,
      rssPeak: Math.max(this.rssPeak, rssEnd),
      rssEnd,
      loop,
      windowSeconds: this.seconds,
      probeLateMs: resetLateMs,
    }
  }

  private async open(command: 'reset' | 'resume'): Promise<void> {
    // CPU first and the probe's answer not awaited: a saturated server answers late, and the window must not move.
    this.cpu0 = cpuSeconds(this.server.pid) ?? 0
    this.started = performance.now()
    const answered = probe(this.server.probeSocket, command, 60_000).then(
      () => performance.now() - this.started,
      () => Number.NaN,
    )
    if (this.windows++ === 0) this.resetAnswered = answered
    this.isOpen = true
    this.dbPids = await this.server.databasePids()
    this.db0 = new Map(this.dbPids.map((pid) => [pid, cpuSeconds(pid) ?? 0]))
    this.rssPeak = Math.max(this.rssPeak, rssBytes(this.server.pid) ?? 0)
    this.sampler = setInterval(() => {
      this.rssPeak = Math.max(this.rssPeak, rssBytes(this.server.pid) ?? 0)
    }, 250)
  }

  /** Ends the open window; a window already closed (stop() after pause()) is not counted again. */
  private async close(): Promise<void> {
    if (!this.isOpen) return
    this.isOpen = false
    this.cpu += (cpuSeconds(this.server.pid) ?? 0) - this.cpu0
    this.seconds += (performance.now() - this.started) / 1000
    if (this.sampler) clearInterval(this.sampler)
    this.sampler = null
    if (this.dbPids.length === 0 && !this.server.storage.databaseName) return
    // A backend that appeared during the window counts whole.
    for (const pid of await this.server.databasePids()) {
      this.db.set(pid, (this.db.get(pid) ?? 0) + (cpuSeconds(pid) ?? 0) - (this.db0.get(pid) ?? 0))
    }
  }
}

/**
 * RSS after a full garbage collection of every isolate in the server, its worker threads' too (the same probe in every
 * server).
 */
export async function rssAfterGc(server: RunningServer): Promise<number> {
  await probe(server.probeSocket, 'gc', 30_000)
  await new Promise((r) => setTimeout(r, 200))
  return rssBytes(server.pid) ?? 0
}
