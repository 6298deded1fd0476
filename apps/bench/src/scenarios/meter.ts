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

/** Measures one server process over a window: CPU (/proc), RSS (/proc, sampled), event-loop delay (probe). */
export class ServerMeter {
  private cpu0 = 0
  private db0 = new Map<number, number>()
  private dbPids: number[] = []
  private started = 0
  private rssPeak = 0
  private sampler: NodeJS.Timeout | null = null
  private resetAnswered: Promise<number> = Promise.resolve(0)

  constructor(private readonly server: RunningServer) {}

  async start(): Promise<void> {
    // CPU first and the probe's answer not awaited: a saturated server answers late, and the window must not move.
    this.cpu0 = cpuSeconds(this.server.pid) ?? 0
    this.started = performance.now()
    this.resetAnswered = probe(this.server.probeSocket, 'reset', 60_000).then(
      () => performance.now() - this.started,
      () => Number.NaN,
    )
    this.dbPids = await this.server.databasePids()
    this.db0 = new Map(this.dbPids.map((pid) => [pid, cpuSeconds(pid) ?? 0]))
    this.rssPeak = rssBytes(this.server.pid) ?? 0
    this.sampler = setInterval(() => {
      this.rssPeak = Math.max(this.rssPeak, rssBytes(this.server.pid) ?? 0)
    }, 250)
  }

  async stop(): Promise<ServerFigures> {
    const cpu = (cpuSeconds(this.server.pid) ?? 0) - this.cpu0
    const windowSeconds = (performance.now() - this.started) / 1000
    if (this.sampler) clearInterval(this.sampler)
    let dbCpuSeconds: number | null = null
    if (this.dbPids.length > 0 || this.server.storage.databaseName) {
      const pids = await this.server.databasePids()
      dbCpuSeconds = sumOver(pids, (pid) => (cpuSeconds(pid) ?? 0) - (this.db0.get(pid) ?? 0))
    }
    const rssEnd = rssBytes(this.server.pid) ?? 0
    // A server whose loop is blocked answers late; the histogram then covers less of the window (noted).
    const resetLateMs = await this.resetAnswered
    const report = await probe(this.server.probeSocket, 'report', 60_000).catch(() => null)
    const loop = report?.loop ?? { p50: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN, samples: 0 }
    return {
      cpuSeconds: cpu,
      dbCpuSeconds,
      rssPeak: Math.max(this.rssPeak, rssEnd),
      rssEnd,
      loop,
      windowSeconds,
      probeLateMs: resetLateMs,
    }
  }
}

/** RSS after a full garbage collection in the server (same probe for every server). */
export async function rssAfterGc(server: RunningServer): Promise<number> {
  await probe(server.probeSocket, 'gc', 30_000)
  await new Promise((r) => setTimeout(r, 200))
  return rssBytes(server.pid) ?? 0
}
