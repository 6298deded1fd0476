import { awarenessOf, Message, Sync, syncStep1, syncUpdate } from '../protocol/wire.ts'
import type { IdleInit } from './messages.ts'
import { connectRaw, type RawClient } from './raw.ts'
import { withConcurrency } from './schedule.ts'
import type { Next, Send } from './worker.ts'

/**
 * Idle clients as a provider that nobody types in: on connecting, sync step 1 and an awareness state; then an
 * awareness renewal every 15 s (what WebsocketProvider and HocuspocusProvider do). Connect time is measured from
 * opening the socket to receiving the server's sync step 2.
 */
export async function runIdle(init: IdleInit, send: Send, next: Next): Promise<void> {
  const targets = init.rooms.flatMap((room) => Array.from({ length: init.perRoom }, (_, i) => ({ room, first: i === 0 })))
  const clients: { client: RawClient; id: number; clock: number }[] = []
  const times: number[] = []
  let failures = 0
  let firstError: string | undefined
  await withConcurrency(targets, init.concurrency, async (target, index) => {
    const started = performance.now()
    const client = connectRaw({ ...init, room: target.room })
    const id = init.idBase + index
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no sync step 2 within 60 s')), 60_000)
        client.onMessage((message) => {
          if (message.type === Message.SYNC && message.syncType === Sync.STEP2) {
            clearTimeout(timer)
            resolve()
          }
        })
        client.socket.once('close', (code) => reject(new Error(`closed with ${code}`)))
        client.socket.once('error', reject)
        client.socket.once('open', () => {
          if (target.first && init.seed) client.send(syncUpdate(client.wire, init.seed))
          client.send(syncStep1(client.wire))
          client.send(awarenessOf(client.wire, id, 0, { user: { name: `idle ${index}` } }))
          // The relay has no state to answer with: connected is open.
          if (init.readyOnConnect) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      times.push(performance.now() - started)
      clients.push({ client, id, clock: 0 })
    } catch (err) {
      failures++
      firstError ??= err instanceof Error ? err.message : String(err)
      client.close()
    }
  })
  send({ type: 'connected', times: Float64Array.from(times), failures, firstError })
  const renew = setInterval(() => {
    for (const c of clients) c.client.send(awarenessOf(c.client.wire, c.id, ++c.clock, { user: { name: `idle ${c.id}` } }))
  }, 15_000)
  await next('exit')
  clearInterval(renew)
}
