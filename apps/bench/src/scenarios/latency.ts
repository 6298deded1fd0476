import { ClientPool } from '../clients/pool.ts'
import { monoMs } from '../clients/clock.ts'
import type { Member, WorkerInit } from '../clients/messages.ts'
import { WRITER_ID_BASE } from '../clients/payload.ts'
import { sleep } from '../clients/schedule.ts'
import { cpuSeconds, machineCpuSeconds } from '../proc.ts'
import { percentile, summarize, type Summary } from '../stats.ts'
import type { RunningServer, ServerKind } from '../servers/types.ts'
import { ServerMeter, type ServerFigures } from './meter.ts'
import { Renewals } from './renewals.ts'
import { windowOrder } from './window-order.ts'

/** settle(): servers and their clients together under this share of a core count as quiet… */
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
  /**
   * The rest of the machine over the server's windows, in cores: the CPU of every process but the server, its
   * database and its clients (the bench's own included), and the time the hypervisor ran something else (steal).
   */
  machine: { othersCores: number; stealCores: number }
  /** othersCores of each window alone, in the order of windowP99 (NaN where /proc/stat could not be read). */
  windowOthersCores: number[]
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
  private machineBusy = 0
  private machineSteal = 0
  private windowSeconds = 0
  private windowOthers: number[] = []
  private writes = 0
  private sent: Record<number, number>[] = []

  private constructor(
    readonly kind: ServerKind,
    private readonly server: RunningServer,
    private readonly pool: ClientPool,
    private readonly roomOf: Map<number, string>,
    readonly connectFailures: number,
    /** Timed windows (one a round), after the warm-up round's. */
    private readonly windows: number,
  ) {}

  /** Starts the server, makes its rooms and connects every client; they wait for the warm-up round's window. */
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
        windows: windows + 1,
      }
      const warmups = layout.warmupSeconds + windows * laterWarmup(layout)
      const maxWrites = Math.ceil(((layout.durationSeconds + warmups) * 1000) / layout.writeEveryMs) + 2 * (windows + 1)
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

  /**
   * Every client writes for `warmupSeconds`, not timed, then for `seconds`, timed and metered. With no timed seconds
   * it is the warm-up round's window: a server's first traffic after its clients connected (and whatever the server
   * measured before it left behind then) belongs to no timed window.
   */
  async window(seconds: number, warmupSeconds: number): Promise<void> {
    try {
      await sleep(500)
      const startAt = monoMs() + 500
      const measureFrom = startAt + warmupSeconds * 1000
      const endAt = measureFrom + seconds * 1000
      this.pool.broadcast({ type: 'start', startAt, endAt, measureFromMicros: Math.round(measureFrom * 1000) })
      await sleep(measureFrom - monoMs())
      if (seconds > 0) await this.metered(endAt)
      this.sent = (await this.pool.all('sent')).map((s) => s.counts)
    } catch (err) {
      throw withOutput(this.kind, this.server, err)
    }
  }

  /** Counts the server's figures and the clients' CPU until endAt. */
  private async metered(endAt: number): Promise<void> {
    if (this.meter) await this.meter.resume()
    else {
      this.meter = new ServerMeter(this.server)
      await this.meter.start()
    }
    const clientCpu0 = this.pool.cpuSeconds()
    const used0 = this.meter.usedSeconds() + clientCpu0
    const machine0 = machineCpuSeconds()
    const windowStart = performance.now()
    await sleep(endAt - monoMs())
    const machine1 = machineCpuSeconds()
    const clientCpu1 = this.pool.cpuSeconds()
    const used1 = this.meter.usedSeconds() + clientCpu1
    const seconds = (performance.now() - windowStart) / 1000
    this.clientCpu += clientCpu1 - clientCpu0
    if (machine0 && machine1) {
      this.machineBusy += machine1.busy - machine0.busy
      this.machineSteal += machine1.steal - machine0.steal
      this.windowOthers.push(Math.max(0, machine1.busy - machine0.busy - (used1 - used0)) / seconds)
    } else this.windowOthers.push(Number.NaN)
    this.windowSeconds += seconds
    await this.meter.pause()
  }

  /** Has every client renew its presence now (see Renewals). */
  renew(): void {
    this.pool.broadcast({ type: 'renew' })
  }

  /** CPU seconds the server and its clients have used so far. */
  busySeconds(): number {
    return (cpuSeconds(this.server.pid) ?? 0) + this.pool.cpuSeconds()
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
      // Window 0 is the warm-up round's: nothing in it is timed.
      const perWindow: number[][] = Array.from({ length: this.windows + 1 }, () => [])
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
        windowP99: perWindow.slice(1).map((values) => percentile(values, 99)),
        delivered: expectedCount ? deliveredCount / expectedCount : Number.NaN,
        deliveredCount,
        expectedCount,
        writes: this.writes,
        server_: figures,
        clientCpuCores: this.clientCpu / this.windowSeconds,
        machine: {
          othersCores: Math.max(0, this.machineBusy - figures.cpuSeconds - (figures.dbCpuSeconds ?? 0) - this.clientCpu) / this.windowSeconds,
          stealCores: this.machineSteal / this.windowSeconds,
        },
        windowOthersCores: this.windowOthers,
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

/** The warm-up of each timed window (the warm-up round has the layout's whole warm-up). */
function laterWarmup(layout: LatencyLayout): number {
  return Math.min(0.5, layout.warmupSeconds)
}

/**
 * Waits until the runs' servers and clients are quiet (together under a tenth of a core over half a second), at most
 * SETTLE_MAX_MS, and returns how long that took. After a window, the server just measured may go on working off its
 * backlog (in practice the wait passes a second a few times a run: docs/PERFORMANCE.md, Fixes, 33), and the presence
 * renewals held back during the window go out (Fixes, 40, 41): neither belongs to the next window. Before the first
 * round, every server may still be working through its clients' connections (the relay forwards every sync request to
 * every socket), and that work belongs to no window either (Fixes, 34).
 */
async function settle(runs: LatencyRun[]): Promise<number> {
  const started = Date.now()
  const busy = () => runs.reduce((sum, run) => sum + run.busySeconds(), 0)
  let before = busy()
  while (Date.now() - started < SETTLE_MAX_MS) {
    await sleep(SETTLE_SLICE_MS)
    const now = busy()
    if (now - before < (SETTLE_SLICE_MS / 1000) * QUIET_SHARE) break
    before = now
  }
  return Date.now() - started
}

function withOutput(kind: ServerKind, server: RunningServer, err: unknown): Error {
  return new Error(`${kind.name}: ${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output()}`)
}

/**
 * Measures every server in turn, in `rounds` windows each, in an order that changes every round (windowOrder): the
 * machine is shared, and a burst of someone else's load then falls on every server's figures alike rather than on
 * whichever ran at that moment. All servers and their clients are up for the whole scenario; one waits, idle, while
 * another is measured, and every server's clients renew their presence only between windows (Renewals). Before the
 * first round, a warm-up round gives every server in turn the layout's whole warm-up of writing, untimed (Fixes, 34).
 * Each timed window starts with half a second that is not timed, then times durationSeconds / rounds: the timed
 * windows add up to durationSeconds.
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
  let renewals: Renewals<LatencyRun> | null = null
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
    renewals = new Renewals(runs)
    renewals.start()
    const connectedMs = await settle(runs)
    if (connectedMs > 2 * SETTLE_SLICE_MS) log(`  ${label}: the servers worked through their connections for ${(connectedMs / 1000).toFixed(1)} s`)
    for (const run of windowOrder(runs.length, 0).map((i) => runs[i]!)) {
      try {
        await renewals.during(() => run.window(0, layout.warmupSeconds))
        await settle(runs)
      } catch (err) {
        fail(run, err)
      }
    }
    log(`  ${label}: warm-up round done`)
    for (let round = 0; round < rounds; round++) {
      const order = windowOrder(runs.length, round).map((i) => runs[i]!)
      for (const run of order) {
        if (results.has(run.kind.name)) continue
        try {
          await renewals.during(() => run.window(seconds, laterWarmup(layout)))
          const settledMs = await settle(runs)
          if (settledMs > 2 * SETTLE_SLICE_MS) {
            log(`  ${label}: after ${run.kind.label}'s window the servers worked for ${(settledMs / 1000).toFixed(1)} s (a backlog, or renewals held back)`)
          }
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
    renewals?.stop()
    for (const run of runs) await run.close().catch(() => {})
  }
  return new Map(kinds.filter((k) => results.has(k.name)).map((k) => [k.name, results.get(k.name)!]))
}
