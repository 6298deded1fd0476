import { proposalTemplateJson, proseMirrorJsonToYUpdate } from '@tandem/editor'
import { ClientPool } from '../clients/pool.ts'
import { sleep, withConcurrency } from '../clients/schedule.ts'
import type { RunningServer, ServerKind } from '../servers/types.ts'
import { summarize, type Summary } from '../stats.ts'
import { rssAfterGc } from './meter.ts'

export interface IdleLayout {
  rooms: number
  perRoom: number
  processes: number
  concurrency: number
}

export interface IdleResult {
  server: string
  connections: number
  failures: number
  firstError?: string
  connectSeconds: number
  connect: Summary
  rssBefore: number
  rssAfter: number
  growthPerConnection: number
}

/**
 * Idle connections spread over rooms. Every server's rooms hold the same document: Tandem's server writes the
 * proposal template when an idea is created; for the others, the first client of each room sends that template.
 */
export async function runIdle(kind: ServerKind, layout: IdleLayout, startServer: () => Promise<RunningServer>): Promise<IdleResult> {
  const server = await startServer()
  let pool: ClientPool | null = null
  try {
    const indexes = Array.from({ length: layout.rooms }, (_, i) => i)
    const rooms: string[] = new Array(layout.rooms)
    await withConcurrency(indexes, 8, async (i) => {
      rooms[i] = await server.createRoom(i)
    })
    const seed = kind.crdt && !kind.persistent ? proseMirrorJsonToYUpdate(proposalTemplateJson()) : undefined
    await sleep(1_000)
    const rssBefore = await rssAfterGc(server)
    const parts = Array.from({ length: layout.processes }, (_, p) => rooms.filter((_, i) => i % layout.processes === p))
    const started = performance.now()
    pool = new ClientPool(
      parts.map((part, p) => ({
        role: 'idle' as const,
        dialect: kind.dialect,
        wsBase: server.wsBase,
        params: {},
        headers: server.headers,
        readyOnConnect: !kind.crdt,
        rooms: part,
        perRoom: layout.perRoom,
        concurrency: layout.concurrency,
        idBase: 2_000_000 + p * 100_000,
        seed,
      })),
    )
    const connected = await pool.all('connected', 600_000)
    const connectSeconds = (performance.now() - started) / 1000
    const times = connected.flatMap((c) => [...c.times])
    const failures = connected.reduce((sum, c) => sum + c.failures, 0)
    await sleep(3_000)
    const rssAfter = await rssAfterGc(server)
    return {
      server: kind.name,
      connections: times.length,
      failures,
      firstError: connected.find((c) => c.firstError)?.firstError,
      connectSeconds,
      connect: summarize(times),
      rssBefore,
      rssAfter,
      growthPerConnection: times.length ? (rssAfter - rssBefore) / times.length : Number.NaN,
    }
  } catch (err) {
    throw new Error(`${kind.name}: ${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output().slice(-3000)}`)
  } finally {
    await pool?.exit()
    await server.stop({ drop: true })
  }
}
