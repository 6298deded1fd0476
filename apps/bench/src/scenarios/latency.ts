import { ClientPool } from '../clients/pool.ts'
import type { Member, WorkerInit } from '../clients/messages.ts'
import { WRITER_ID_BASE } from '../clients/payload.ts'
import { sleep } from '../clients/schedule.ts'
import { summarize, type Summary } from '../stats.ts'
import type { RunningServer, ServerKind } from '../servers/types.ts'
import { ServerMeter, type ServerFigures } from './meter.ts'

/** Rooms of writers: every client writes at the rate; full providers also read and time what they receive. */
export interface LatencyLayout {
  rooms: number
  perRoom: number
  /** Full providers per room (they write too); the rest of the room are raw writers. */
  fullPerRoom: number
  writeEveryMs: number
  durationSeconds: number
  warmupSeconds: number
  fullProcesses: number
  rawProcesses: number
}

export interface LatencyResult {
  server: string
  latency: Summary
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

export async function runLatency(kind: ServerKind, layout: LatencyLayout, startServer: () => Promise<RunningServer>): Promise<LatencyResult> {
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
    }
    const maxWrites = Math.ceil((layout.durationSeconds * 1000) / layout.writeEveryMs) + 2
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
    const connectFailures = ready.reduce((sum, r) => sum + r.failures, 0)
    await sleep(500)

    const startAt = Date.now() + 1_000
    const measureFrom = startAt + layout.warmupSeconds * 1000
    const endAt = startAt + layout.durationSeconds * 1000
    pool.broadcast({ type: 'start', startAt, endAt, measureFromMicros: measureFrom * 1000 })
    await sleep(measureFrom - Date.now())
    const meter = new ServerMeter(server)
    await meter.start()
    const clientCpu0 = pool.cpuSeconds()
    const windowStart = performance.now()
    await sleep(endAt - Date.now())
    const clientCpu = pool.cpuSeconds() - clientCpu0
    const windowSeconds = (performance.now() - windowStart) / 1000
    const figures = await meter.stop()

    const sent = await pool.all('sent')
    const roomOf = new Map([...full, ...raw].map((m) => [m.clientId, m.room]))
    const expected: Record<string, Record<number, number>> = {}
    let writes = 0
    for (const { counts } of sent) {
      for (const [clientId, count] of Object.entries(counts)) {
        const room = roomOf.get(Number(clientId))!
        ;(expected[room] ??= {})[Number(clientId)] = count
        writes += count
      }
    }
    pool.broadcast({ type: 'finish', expected, timeoutMs: 10_000 })
    const results = await pool.all('result', 60_000)
    const latencies: number[] = []
    let deliveredCount = 0
    let expectedCount = 0
    for (const r of results) {
      for (const v of r.latencies) latencies.push(v)
      deliveredCount += r.delivered
      expectedCount += r.expected
    }
    return {
      server: kind.name,
      latency: summarize(latencies),
      delivered: expectedCount ? deliveredCount / expectedCount : Number.NaN,
      deliveredCount,
      expectedCount,
      writes,
      server_: figures,
      clientCpuCores: clientCpu / windowSeconds,
      connectFailures,
    }
  } catch (err) {
    throw new Error(`${kind.name}: ${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output()}`)
  } finally {
    await pool?.exit()
    await server.stop({ drop: true })
  }
}
