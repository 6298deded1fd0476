import { ClientPool } from '../clients/pool.ts'
import type { Member, WorkerInit } from '../clients/messages.ts'
import { WRITER_ID_BASE } from '../clients/payload.ts'
import { sleep } from '../clients/schedule.ts'
import { cpuSeconds } from '../proc.ts'
import { percentile, summarize, type Summary } from '../stats.ts'
import type { RunningServer, ServerKind } from '../servers/types.ts'
import { ServerMeter, type ServerFigures } from './meter.ts'
import { windowOrder } from './window-order.ts'

/** settle(): a server and its clients together under this share of a core count as quiet… */
const QUIET_SHARE = 0.1
/** …measured over slices of this length… */
const SETTLE_SLICE_MS = 500
/** …waiting at most this long. */
const SETTLE_MAX_MS = 30_000

/** Rooms of writers: every client writes at the rate; full providers also read and time what they receive. */
export interface LatencyLayout {
  rooms: number
  perRoom: number
  /** Full providers per room (they write too); the rest of the room are raw writers. */
  fullPerRoom: number
  writeEveryMs: number
  /** Timed seconds of writing, over all of a server's windows. */
  durationSeconds: number
  warmupSeconds: number
  fullProcesses: number
  rawProcesses: number
}

export interface LatencyResult {
  server: string
  latency: Summary
  /** p99 of each window alone, in the order of the rounds (a window is one server's turn in one round). */
  windowP99: number[]
  delivered: number
  deliveredCount: number
  expectedCount: number
  writes: number
  server_: ServerFigures
  clientCpuCores: number
  connectFailures: number
}

function split<T>(items: T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: Math.max(1, parts) }, () => [])
  items.forEach((item, i) => out[i % out.length]!.push(item))
  return out.filter((part) => part.length > 0)
}

/** One server with its rooms and connected clients, measured over one window after another. */
class LatencyRun {
  private meter: ServerMeter | null = null
  private clientCpu = 0
  private windowSeconds = 0
  private writes = 0
  private sent: Record<number, number>[] = []

  private constructor(
    readonly kind: ServerKind,
    private readonly server: RunningServer,
    private readonly pool: ClientPool,
    private readonly roomOf: Map<number, string>,
    readonly connectFailures: number,
    private readonly windows: number,
  ) {}

  /** Starts the server, makes its rooms and connects every client; they wait for the first window. */
  static async prepare(kind: ServerKind, layout: LatencyLayout, windows: number, startServer: () => Promise<RunningServer>): Promise<LatencyRun> {
    const server = await startServer()
    let pool: ClientPool | null = null
    try {
      const rooms: string[] = []
      for (let i = 0; i < layout.rooms; i++) rooms.push(await server.createRoom(i))
      const full: Member[] = []
      const raw: Member[] = []
      let id = WRITER_ID_BASE
      for (const room of rooms) {
        for (let i = 0; i < layout.perRoom; i++) {
          const member = { room, clientId: id++, writes: true }
          if (i < layout.fullPerRoom) full.push(member)
          else raw.push(member)
        }
      }
      const common = {
        dialect: kind.dialect,
        wsBase: server.wsBase,
        params: {},
        headers: server.headers,
        readyOnConnect: !kind.crdt,
        windows,
      }
      const warmups = layout.warmupSeconds + (windows - 1) * laterWarmup(layout)
      const maxWrites = Math.ceil(((layout.durationSeconds + warmups) * 1000) / layout.writeEveryMs) + 2 * windows
      const inits: WorkerInit[] = [
        ...split(full, layout.fullProcesses).map((members) => ({ ...common, role: 'providers' as const, members, writeEveryMs: layout.writeEveryMs })),
        ...split(raw, layout.rawProcesses).map((members) => ({
          ...common,
          role: 'raw-writers' as const,
          members,
          writeEveryMs: layout.writeEveryMs,
          maxWrites,
        })),
      ]
      pool = new ClientPool(inits)
      const ready = await pool.all('ready', 180_000)
      const roomOf = new Map([...full, ...raw].map((m) => [m.clientId, m.room]))
      return new LatencyRun(kind, server, pool, roomOf, ready.reduce((sum, r) => sum + r.failures, 0), windows)
    } catch (err) {
      await pool?.exit()
      await server.stop({ drop: true })
      throw withOutput(kind, server, err)
    }
  }

  /** Every client writes for `warmupSeconds`, not timed, then for `seconds`, timed. */
  async window(seconds: number, warmupSeconds: number): Promise<void> {
    try {
      await sleep(500)
      const startAt = Date.now() + 500
      const measureFrom = startAt + warmupSeconds * 1000
      const endAt = measureFrom + seconds * 1000
      this.pool.broadcast({ type: 'start', startAt, endAt, measureFromMicros: measureFrom * 1000 })
      await sleep(measureFrom - Date.now())
      if (this.meter) await this.meter.resume()
      else {
        this.meter = new ServerMeter(this.server)
        await this.meter.start()
      }
      const clientCpu0 = this.pool.cpuSeconds()
      const windowStart = performance.now()
      await sleep(endAt - Date.now())
      this.clientCpu += this.pool.cpuSeconds() - clientCpu0
      this.windowSeconds += (performance.now() - windowStart) / 1000
      await this.meter.pause()
      this.sent = (await this.pool.all('sent')).map((s) => s.counts)
    } catch (err) {
      throw withOutput(this.kind, this.server, err)
    }
  }

  /**
   * After its window: waits until the server and its clients are quiet (together under a tenth of a core over half
   * a second), at most SETTLE_MAX_MS, and returns how long that took. A server that fell behind may go on working off
   * its backlog after its window, and that work belongs to no other server's window (in practice the wait passes a
   * second a few times a run: docs/PERFORMANCE.md, Fixes, 33).
   */
  async settle(): Promise<number> {
    const started = Date.now()
    const busy = () => (cpuSeconds(this.server.pid) ?? 0) + this.pool.cpuSeconds()
    let before = busy()
    while (Date.now() - started < SETTLE_MAX_MS) {
      await sleep(SETTLE_SLICE_MS)
      const now = busy()
      if (now - before < (SETTLE_SLICE_MS / 1000) * QUIET_SHARE) break
      before = now
    }
    return Date.now() - started
  }

  /** Waits until every write is delivered (or 10 s), then reports over all windows. */
  async result(): Promise<LatencyResult> {
    try {
      const figures = await this.meter!.stop()
      const expected: Record<string, Record<number, number>> = {}
      let writes = 0
      for (const counts of this.sent) {
        for (const [clientId, count] of Object.entries(counts)) {
          const room = this.roomOf.get(Number(clientId))!
          ;(expected[room] ??= {})[Number(clientId)] = count
          writes += count
        }
      }
      this.writes = writes
      this.pool.broadcast({ type: 'finish', expected, timeoutMs: 10_000 })
      const results = await this.pool.all('result', 60_000)
      const latencies: number[] = []
      const perWindow: number[][] = Array.from({ length: this.windows }, () => [])
      let deliveredCount = 0
      let expectedCount = 0
      for (const r of results) {
        for (const v of r.latencies) latencies.push(v)
        let i = 0
        r.windowCounts.forEach((count, w) => {
          for (const end = i + count; i < end; i++) perWindow[w]!.push(r.latencies[i]!)
        })
        deliveredCount += r.delivered
        expectedCount += r.expected
      }
      return {
        server: this.kind.name,
        latency: summarize(latencies),
        windowP99: perWindow.map((values) => percentile(values, 99)),
        delivered: expectedCount ? deliveredCount / expectedCount : Number.NaN,
        deliveredCount,
        expectedCount,
        writes: this.writes,
        server_: figures,
        clientCpuCores: this.clientCpu / this.windowSeconds,
        connectFailures: this.connectFailures,
      }
    } catch (err) {
      throw withOutput(this.kind, this.server, err)
    }
  }

  async close(): Promise<void> {
    await this.pool.exit()
    await this.server.stop({ drop: true })
  }
}

/** The warm-up of a server's later windows (its first has the layout's whole warm-up). */
function laterWarmup(layout: LatencyLayout): number {
  return Math.min(0.5, layout.warmupSeconds)
}

function withOutput(kind: ServerKind, server: RunningServer, err: unknown): Error {
  return new Error(`${kind.name}: ${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output()}`)
}

/**
 * Measures every server in turn, in `rounds` windows each, in an order that changes every round (windowOrder): the
 * machine is shared, and a burst of someone else's load then falls on every server's figures alike rather than on
 * whichever ran at that moment. All servers and their clients are up for the whole scenario; one waits, idle, while
 * another is measured. Each window starts with a warm-up that is not timed (the first of each server the layout's
 * whole warm-up, the later ones half a second), then times durationSeconds / rounds: the timed windows add up to
 * durationSeconds.
 */
export async function runLatencyRounds(
  kinds: ServerKind[],
  layout: LatencyLayout,
  rounds: number,
  startServer: (kind: ServerKind) => Promise<RunningServer>,
  log: (line: string) => void,
  label: string,
): Promise<Map<string, LatencyResult | Error>> {
  const results = new Map<string, LatencyResult | Error>()
  const runs: LatencyRun[] = []
  const fail = (run: LatencyRun | ServerKind, err: unknown) => {
    const kind = run instanceof LatencyRun ? run.kind : run
    const error = err instanceof Error ? err : new Error(String(err))
    log(`  ${label} · ${kind.label} FAILED: ${error.message.slice(0, 2000)}`)
    results.set(kind.name, error)
  }
  try {
    for (const kind of kinds) {
      log(`  ${label} · ${kind.label}: connecting …`)
      try {
        runs.push(await LatencyRun.prepare(kind, layout, rounds, () => startServer(kind)))
      } catch (err) {
        fail(kind, err)
      }
    }
    const seconds = layout.durationSeconds / rounds
    for (let round = 0; round < rounds; round++) {
      const order = windowOrder(runs.length, round).map((i) => runs[i]!)
      for (const run of order) {
        if (results.has(run.kind.name)) continue
        try {
          await run.window(seconds, round === 0 ? layout.warmupSeconds : laterWarmup(layout))
          const settledMs = await run.settle()
          if (settledMs > 2 * SETTLE_SLICE_MS) log(`  ${label}: ${run.kind.label} worked off its backlog for ${(settledMs / 1000).toFixed(1)} s after its window`)
        } catch (err) {
          fail(run, err)
        }
      }
      log(`  ${label}: round ${round + 1} of ${rounds} done`)
    }
    for (const run of runs) {
      if (results.has(run.kind.name)) continue
      try {
        results.set(run.kind.name, await run.result())
      } catch (err) {
        fail(run, err)
      }
    }
  } finally {
    for (const run of runs) await run.close().catch(() => {})
  }
  return new Map(kinds.filter((k) => results.has(k.name)).map((k) => [k.name, results.get(k.name)!]))
}
