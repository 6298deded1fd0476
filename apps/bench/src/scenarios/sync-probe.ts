import { connectFull } from '../clients/provider.ts'
import { connectRaw } from '../clients/raw.ts'
import { Message, Sync, syncStep1 } from '../protocol/wire.ts'
import type { RunningServer } from '../servers/types.ts'

/** Server side of a sync: ms from opening a socket to receiving the server's whole sync step 2 (nothing applied). */
export async function rawSyncMs(server: RunningServer, room: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now()
  const client = connectRaw({ dialect: server.kind.dialect, wsBase: server.wsBase, room, headers: server.headers })
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync step 2 within 120 s')), 120_000)
      client.onMessage((message) => {
        if (message.type === Message.SYNC && message.syncType === Sync.STEP2) {
          clearTimeout(timer)
          resolve({ ms: performance.now() - started, bytes: message.payload?.byteLength ?? 0 })
        }
      })
      client.socket.once('open', () => client.send(syncStep1(client.wire)))
      client.socket.once('close', (code) => reject(new Error(`closed with ${code}`)))
    })
  } finally {
    client.close()
  }
}

/** A user's view: ms from creating a provider to its synced event (the client applies the document too). */
export async function providerSync(server: RunningServer, room: string) {
  const started = performance.now()
  const client = connectFull({ dialect: server.kind.dialect, wsBase: server.wsBase, room, headers: server.headers })
  await Promise.race([
    client.ready,
    new Promise((_, reject) => setTimeout(() => reject(new Error('provider not synced within 120 s')), 120_000)),
  ])
  return { ms: performance.now() - started, client }
}

/** Resolves with the next server log line (Tandem's JSON logs) whose msg is `msg`. */
export function nextLog(server: RunningServer, msg: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error(`no "${msg}" log line within ${timeoutMs} ms`))
    }, timeoutMs)
    const off = server.onLine((line) => {
      if (!line.includes(msg)) return
      try {
        const entry = JSON.parse(line) as Record<string, unknown>
        if (entry.msg !== msg) return
        clearTimeout(timer)
        off()
        resolve(entry)
      } catch {
        // not JSON
      }
    })
  })
}
