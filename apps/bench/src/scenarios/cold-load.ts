import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { connectRaw } from '../clients/raw.ts'
import { sleep } from '../clients/schedule.ts'
import { Message, Sync, syncStep1, syncUpdate } from '../protocol/wire.ts'
import { rssBytes } from '../proc.ts'
import type { RunningServer, ServerKind, StartOptions } from '../servers/types.ts'
import { median } from '../stats.ts'
import { rssAfterGc } from './meter.ts'
import { nextLog, providerSync, rawSyncMs } from './sync-probe.ts'
import { editTrace } from './trace.ts'

export interface LargeDoc {
  ops: number
  state: Uint8Array
  clientId: number
  clock: number
  textLength: number
  generateMs: number
}

export function largeDoc(ops: number): LargeDoc {
  const started = performance.now()
  const doc = editTrace(ops, 4242, { clientId: 77_777 })
  const state = Y.encodeStateAsUpdate(doc)
  const clock = Y.getState(doc.store, doc.clientID)
  let textLength = 0
  doc.getXmlFragment('default').forEach((p) => p instanceof Y.XmlElement && (textLength += (p.get(0) as Y.XmlText).length))
  doc.destroy()
  return { ops, state, clientId: 77_777, clock, textLength, generateMs: performance.now() - started }
}

/** Y.applyUpdate of the state alone in a fresh process: [cold, ...warm] ms. */
export async function applyFloor(state: Uint8Array): Promise<{ cold: number; warm: number; runs: number[] }> {
  const child = fork(fileURLToPath(new URL('./apply-floor.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
  })
  const runs = await new Promise<number[]>((resolve, reject) => {
    child.once('message', (m) => resolve(m as number[]))
    child.once('error', reject)
    child.send(state)
  })
  return { cold: runs[0]!, warm: median(runs.slice(1)), runs }
}

export interface ColdLoadResult {
  server: string
  /** Tandem: the first client after the room left memory (load from the database); peers: a second client. */
  cold: boolean
  syncServerMs: number
  syncServerRuns: number[]
  roomLoadedLogMs: number | null
  providerSyncMs: number
  warmSyncServerMs: number
  stateBytes: number
  rssBaseline: number
  rssLoaded: number
  rssAfter: number
  unloaded: boolean
  note: string
}

/** Seeds the document through a raw client and waits until the server holds it (Tandem: stored). */
async function seed(server: RunningServer, room: string, doc: LargeDoc) {
  const client = connectRaw({ dialect: server.kind.dialect, wsBase: server.wsBase, room, params: server.storedParam, headers: server.headers })
  await client.ready
  const held = new Promise<void>((resolve) => {
    client.onMessage((message) => {
      if (server.kind.persistent && message.type === Message.STORED && message.payload) {
        if ((Y.decodeStateVector(message.payload).get(doc.clientId) ?? 0) >= doc.clock) resolve()
      }
      if (!server.kind.persistent && message.type === Message.SYNC && message.syncType === Sync.STEP2) resolve()
    })
  })
  client.send(syncUpdate(client.wire, doc.state))
  if (!server.kind.persistent) client.send(syncStep1(client.wire, Y.encodeStateVectorFromUpdate(doc.state)))
  await Promise.race([held, sleep(120_000).then(() => Promise.reject(new Error('the seed was not acknowledged in 120 s')))])
  return client
}

export async function runColdLoad(kind: ServerKind, doc: LargeDoc, start: (o: StartOptions) => Promise<RunningServer>, repeats: number): Promise<ColdLoadResult> {
  const server = await start({ logLevel: kind.persistent ? 'info' : undefined })
  try {
    const room = await server.createRoom(0)
    if (kind.persistent) {
      const seeder = await seed(server, room, doc)
      const unloaded = nextLog(server, 'room unloaded')
      seeder.close()
      await unloaded
      await sleep(1_500) // the last compaction
      const rssBaseline = await rssAfterGc(server)
      const runs: number[] = []
      let loadedMs: number | null = null
      for (let i = 0; i < repeats; i++) {
        const loaded = nextLog(server, 'room loaded')
        const gone = nextLog(server, 'room unloaded')
        runs.push((await rawSyncMs(server, room)).ms)
        loadedMs = Number((await loaded).ms)
        await gone
        await sleep(300)
      }
      let rssLoaded = 0
      const sampler = setInterval(() => (rssLoaded = Math.max(rssLoaded, rssBytes(server.pid) ?? 0)), 50)
      const { ms: providerSyncMs, client } = await providerSync(server, room)
      const warm = await rawSyncMs(server, room)
      clearInterval(sampler)
      rssLoaded = Math.max(rssLoaded, rssBytes(server.pid) ?? 0)
      const gone = nextLog(server, 'room unloaded')
      client.destroy()
      await gone
      await sleep(1_500)
      const rssAfter = await rssAfterGc(server)
      return {
        server: kind.name,
        cold: true,
        syncServerMs: median(runs),
        syncServerRuns: runs,
        roomLoadedLogMs: loadedMs,
        providerSyncMs,
        warmSyncServerMs: warm.ms,
        stateBytes: doc.state.byteLength,
        rssBaseline,
        rssLoaded,
        rssAfter,
        unloaded: true,
        note: 'cold: loaded from the database by the first client after the room left memory',
      }
    }
    const rssBaseline = await rssAfterGc(server)
    let rssLoaded = 0
    const sampler = setInterval(() => (rssLoaded = Math.max(rssLoaded, rssBytes(server.pid) ?? 0)), 50)
    const seeder = await seed(server, room, doc)
    const runs: number[] = []
    for (let i = 0; i < repeats; i++) runs.push((await rawSyncMs(server, room)).ms)
    const { ms: providerSyncMs, client } = await providerSync(server, room)
    clearInterval(sampler)
    client.destroy()
    seeder.close()
    await sleep(3_000)
    const rssAfter = await rssAfterGc(server)
    return {
      server: kind.name,
      cold: false,
      syncServerMs: median(runs),
      syncServerRuns: runs,
      roomLoadedLogMs: null,
      providerSyncMs,
      warmSyncServerMs: median(runs),
      stateBytes: doc.state.byteLength,
      rssBaseline,
      rssLoaded,
      rssAfter,
      unloaded: kind.name !== 'y-websocket',
      note: 'no persistence: seeded by a client that stays connected; a second client syncs from memory (not a cold load)',
    }
  } catch (err) {
    throw new Error(`${kind.name}: ${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output().slice(-3000)}`)
  } finally {
    await server.stop({ drop: true })
  }
}
