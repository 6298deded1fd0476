import { coldLoadOutcome, idleOutcome, persistenceOutcome } from '../report/document-reports.ts'
import { latencyOutcome } from '../report/latency-report.ts'
import type { Outcome } from '../report/outcome.ts'
import type { RunningServer, ServerKind, StartOptions } from '../servers/types.ts'
import { applyFloor, largeDoc, runColdLoad, type ColdLoadResult } from './cold-load.ts'
import { browserOpenOutcome } from '../report/browser-report.ts'
import { runBrowserOpen, type BrowserOpenResult } from './browser-open.ts'
import { typingOutcome } from '../report/typing-report.ts'
import { runTyping, type TypingResult } from './typing.ts'
import { runIdle, type IdleResult } from './idle.ts'
import { runLatencyRounds, type LatencyLayout } from './latency.ts'
import { runPersistence, type PersistenceResult } from './persistence.ts'
import { completeRounds } from './window-order.ts'

export interface Context {
  kinds: ServerKind[]
  quick: boolean
  durationSeconds: number
  /** Windows per server in scenarios 1–3, taken in turn (see runLatencyRounds); null: a complete design's. */
  rounds: number | null
  editRate: number
  /** Where profiles go when the run asked for them (--cpu-prof), else null. */
  profileDir: string | null
  start(kind: ServerKind, options?: StartOptions): Promise<RunningServer>
  log(line: string): void
}

/** Runs fn for each server, keeping failures as results (one server failing does not end the run). */
async function each<T>(ctx: Context, kinds: ServerKind[], label: string, fn: (kind: ServerKind) => Promise<T>) {
  const results = new Map<string, T | Error>()
  for (const kind of kinds) {
    const started = performance.now()
    ctx.log(`  ${label} · ${kind.label} …`)
    try {
      results.set(kind.name, await fn(kind))
      ctx.log(`  ${label} · ${kind.label} done in ${((performance.now() - started) / 1000).toFixed(0)} s`)
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err))
      ctx.log(`  ${label} · ${kind.label} FAILED: ${error.message.slice(0, 2000)}`)
      results.set(kind.name, error)
    }
  }
  return results
}

function latency(ctx: Context, id: string, title: string, layout: Omit<LatencyLayout, 'durationSeconds' | 'warmupSeconds'>, absolute: boolean) {
  return async (): Promise<Outcome> => {
    const full: LatencyLayout = { ...layout, durationSeconds: ctx.durationSeconds, warmupSeconds: ctx.quick ? 1 : 3 }
    const rounds = ctx.rounds ?? completeRounds(ctx.kinds.length)
    const results = await runLatencyRounds(ctx.kinds, full, rounds, (kind) => ctx.start(kind), ctx.log, `scenario ${id}`)
    return latencyOutcome(id, title, ctx.kinds, results, { relative: !absolute, absolute })
  }
}

export interface Scenario {
  id: string
  run(ctx: Context): Promise<Outcome[]>
}

export const SCENARIOS: Scenario[] = [
  {
    id: '1',
    run: async (ctx) => [
      await latency(ctx, '1', `50 clients in one room, 2 updates/s each, ${ctx.durationSeconds} s`, {
        rooms: 1, perRoom: 50, fullPerRoom: 50, writeEveryMs: 500, fullProcesses: 2, rawProcesses: 1,
      }, false)(),
    ],
  },
  {
    id: '2',
    run: async (ctx) => {
      const out: Outcome[] = []
      for (const writers of [200, 400]) {
        out.push(
          await latency(ctx, writers === 200 ? '2' : '2b', `${writers} writers in one room, 1 update/s each, ${ctx.durationSeconds} s (4 full providers read, the rest are raw writers)`, {
            rooms: 1, perRoom: writers, fullPerRoom: 4, writeEveryMs: 1000, fullProcesses: 1, rawProcesses: 2,
          }, true)(),
        )
      }
      return out
    },
  },
  {
    id: '3',
    run: async (ctx) => [
      await latency(ctx, '3', `20 rooms × 10 clients, 2 updates/s each, ${ctx.durationSeconds} s`, {
        rooms: 20, perRoom: 10, fullPerRoom: 10, writeEveryMs: 500, fullProcesses: 2, rawProcesses: 1,
      }, false)(),
    ],
  },
  {
    id: '4',
    run: async (ctx) => {
      const layout = ctx.quick
        ? { rooms: 50, perRoom: 10, processes: 2, concurrency: 25 }
        : { rooms: 500, perRoom: 10, processes: 2, concurrency: 50 }
      const results = await each<IdleResult>(ctx, ctx.kinds, 'scenario 4', (kind) => runIdle(kind, layout, () => ctx.start(kind)))
      return [idleOutcome(`${(layout.rooms * layout.perRoom).toLocaleString('en')} idle connections over ${layout.rooms} rooms`, ctx.kinds, results)]
    },
  },
  {
    id: '5',
    run: async (ctx) => {
      const ops = ctx.quick ? 26_000 : 260_000
      ctx.log(`  scenario 5: generating a ${ops.toLocaleString('en')}-edit trace …`)
      const doc = largeDoc(ops)
      const floor = await applyFloor(doc.state)
      const kinds = ctx.kinds.filter((k) => k.crdt)
      const results = await each<ColdLoadResult>(ctx, kinds, 'scenario 5', (kind) =>
        runColdLoad(kind, doc, (o) => ctx.start(kind, o), ctx.quick ? 1 : 3),
      )
      return [
        coldLoadOutcome(`cold load of one large document (${ops.toLocaleString('en')} edits)`, kinds, results, {
          cold: floor.cold, warm: floor.warm, stateBytes: doc.state.byteLength, ops,
        }),
      ]
    },
  },
  {
    id: '6',
    run: async (ctx) => {
      const edits = ctx.quick ? 10_000 : 100_000
      const kinds = ctx.kinds.filter((k) => k.persistent)
      const results = await each<PersistenceResult>(ctx, kinds, 'scenario 6', (kind) =>
        runPersistence(kind, edits, ctx.editRate, (o) => ctx.start(kind, o)),
      )
      return [persistenceOutcome(`persistence: ${edits.toLocaleString('en')} small edits through one room, then a restart`, kinds, results, 50)]
    },
  },
  {
    id: '7',
    run: async (ctx) => {
      // Only Tandem has a web app: the browser opens one idea on emulated Slow 3G, cold and warm.
      const kinds = ctx.kinds.filter((k) => k.name === 'tandem')
      const runs = ctx.quick ? 1 : 3
      const results = await each<BrowserOpenResult>(ctx, kinds, 'scenario 7', async (kind) => {
        const server = await ctx.start(kind)
        try {
          return await runBrowserOpen(server, runs)
        } finally {
          await server.stop({ drop: true })
        }
      })
      return [browserOpenOutcome(`an idea opens editable in the browser on Slow 3G (${runs} run${runs > 1 ? 's' : ''})`, kinds, results)]
    },
  },
  {
    id: '8',
    run: async (ctx) => {
      // Only Tandem has a web app: Chromium types into a normal idea and into one of 1 MB.
      const kinds = ctx.kinds.filter((k) => k.name === 'tandem')
      const keystrokes = ctx.quick ? 40 : 120
      const results = await each<TypingResult>(ctx, kinds, 'scenario 8', async (kind) => {
        const server = await ctx.start(kind)
        try {
          return await runTyping(server, { keystrokes, largeBytes: 1_000_000, profileDir: ctx.profileDir })
        } finally {
          await server.stop({ drop: true })
        }
      })
      return [typingOutcome(`typing in a 1 MB idea in the browser (${keystrokes} keystrokes in each idea)`, kinds, results)]
    },
  },
]
