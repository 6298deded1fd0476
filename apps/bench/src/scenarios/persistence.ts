import * as Y from 'yjs'
import { connectRaw } from '../clients/raw.ts'
import { sleep } from '../clients/schedule.ts'
import { Message, syncUpdate } from '../protocol/wire.ts'
import { sumOver, writeBytes } from '../proc.ts'
import type { RunningServer, ServerKind, StartOptions } from '../servers/types.ts'
import { summarize, type Summary } from '../stats.ts'
import { ServerMeter, type ServerFigures } from './meter.ts'
import { storageFacts, type StorageFacts } from './storage.ts'
import { nextLog, providerSync, rawSyncMs } from './sync-probe.ts'
import { editTrace, type Edit } from './trace.ts'

export interface PersistenceResult {
  server: string
  edits: number
  editsPerSecond: number
  sendSeconds: number
  bytesReceived: number
  stored: StorageFacts
  storedBytes: number
  compactBytes: number
  walBytes: number
  /** Bytes the database's processes wrote to disk (/proc/<pid>/io write_bytes; PostgreSQL: its backends only). */
  diskBytes: number
  ack: Summary
  ackedInserts: number
  coldSyncServerMs: number
  coldRoomLoadedLogMs: number | null
  coldProviderSyncMs: number
  server_: ServerFigures
}

const CLIENT_ID = 55_555
const BATCH_EVERY_MS = 5

export async function runPersistence(
  kind: ServerKind,
  editCount: number,
  editsPerSecond: number,
  start: (o: StartOptions) => Promise<RunningServer>,
): Promise<PersistenceResult> {
  const edits: Edit[] = []
  const writerDoc = editTrace(editCount, 9001, { clientId: CLIENT_ID, onEdit: (e) => edits.push(e) })
  writerDoc.destroy()

  let server = await start({ logLevel: 'info' })
  const storage = server.storage
  try {
    const room = await server.createRoom(0)
    const docId = room.split('/')[1]!
    // The WAL position before the edits (PGlite: read with the server stopped, so restart it).
    let walBefore: number
    if (storage.dataDir) {
      await server.stop()
      walBefore = (await storageFacts(storage, null)).walBytes
      server = await start({ logLevel: 'info', storage })
    } else {
      walBefore = (await storageFacts(storage, null)).walBytes
    }
    const diskPids = async () => (storage.dataDir ? [server.pid] : await server.databasePids())
    const client = connectRaw({ dialect: kind.dialect, wsBase: server.wsBase, room, params: server.storedParam, headers: server.headers })
    await client.ready
    const sentAt = new Float64Array(edits.length)
    const latencies: number[] = []
    let acked = 0 // index of the first insert edit not yet acknowledged
    const inserts = edits.map((e, i) => (e.insert ? i : -1)).filter((i) => i >= 0)
    let sentUpTo = 0
    const allAcked = new Promise<void>((resolve) => {
      client.onMessage((message) => {
        if (message.type !== Message.STORED || !message.payload) return
        const clock = Y.decodeStateVector(message.payload).get(CLIENT_ID) ?? 0
        const now = performance.now()
        while (acked < inserts.length && inserts[acked]! < sentUpTo && edits[inserts[acked]!]!.clockAfter <= clock) {
          latencies.push(now - sentAt[inserts[acked]!]!)
          acked++
        }
        if (acked === inserts.length) resolve()
      })
    })

    const meter = new ServerMeter(server)
    await meter.start()
    const pids0 = await diskPids()
    const disk0 = new Map(pids0.map((pid) => [pid, writeBytes(pid) ?? 0]))
    let bytesReceived = 0
    const perBatch = Math.max(1, Math.round((editsPerSecond * BATCH_EVERY_MS) / 1000))
    const started = performance.now()
    while (sentUpTo < edits.length) {
      const due = Math.min(edits.length, Math.floor(((performance.now() - started) / 1000) * editsPerSecond) + perBatch)
      const now = performance.now()
      for (; sentUpTo < due; sentUpTo++) {
        const frame = syncUpdate(client.wire, edits[sentUpTo]!.update)
        sentAt[sentUpTo] = now
        bytesReceived += frame.byteLength
        client.send(frame)
      }
      await sleep(BATCH_EVERY_MS)
    }
    const sendSeconds = (performance.now() - started) / 1000
    await Promise.race([allAcked, sleep(120_000)])
    const figures = await meter.stop()
    const unloaded = nextLog(server, 'room unloaded')
    client.close()
    await unloaded
    await sleep(2_000) // the final compaction
    const pids1 = await diskPids()
    const diskBytes = sumOver(pids1, (pid) => (writeBytes(pid) ?? 0) - (disk0.get(pid) ?? 0))
    await server.stop()
    const stored = await storageFacts(storage, docId)

    // Restart on the same database: the cold load of the document, as a server sees it and as a user does.
    server = await start({ logLevel: 'info', storage })
    const loaded = nextLog(server, 'room loaded')
    const cold = await rawSyncMs(server, room)
    const roomLoaded = await loaded
    const gone = nextLog(server, 'room unloaded')
    await gone.catch(() => {})
    const provider = await providerSync(server, room)
    const compactBytes = Y.encodeStateAsUpdate(provider.client.doc).byteLength
    provider.client.destroy()
    return {
      server: kind.name,
      edits: edits.length,
      editsPerSecond,
      sendSeconds,
      bytesReceived,
      stored,
      storedBytes: stored.snapshotBytes + stored.logBytes,
      compactBytes,
      walBytes: stored.walBytes - walBefore,
      diskBytes,
      ack: summarize(latencies),
      ackedInserts: latencies.length,
      coldSyncServerMs: cold.ms,
      coldRoomLoadedLogMs: Number(roomLoaded.ms),
      coldProviderSyncMs: provider.ms,
      server_: figures,
    }
  } catch (err) {
    throw new Error(`${kind.name}: ${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output().slice(-3000)}`)
  } finally {
    await server.stop({ drop: true })
  }
}
