import * as Y from 'yjs'
import { monoMs } from './clock.ts'
import type { ProvidersInit } from './messages.ts'
import { setUpWriter, timeWrites, writesIn, writeWith } from './payload.ts'
import { connectFull, type FullClient } from './provider.ts'
import { onEach, sleep, withConcurrency, writeAtRate } from './schedule.ts'
import type { Next, Send } from './worker.ts'

/** Full providers: each writes at the rate (when asked) and times every other writer's writes it receives. */
export async function runProviders(init: ProvidersInit, send: Send, next: Next): Promise<void> {
  const clients: { client: FullClient; room: string }[] = []
  const latencies: number[] = []
  /** How many latencies were timed before each window began (a delivery belongs to the window it arrived in). */
  const windowStarts: number[] = []
  let measureFrom = Number.POSITIVE_INFINITY
  let failures = 0
  await withConcurrency(init.members, 10, async (member) => {
    const client = connectFull({ ...init, room: member.room, clientId: member.clientId, scheduledRenewals: true })
    timeWrites(client.doc, () => measureFrom, (ms) => latencies.push(ms))
    clients.push({ client, room: member.room })
    await Promise.race([client.ready, sleep(30_000).then(() => failures++)])
  })
  send({ type: 'ready', failures })
  onEach(
    () => next('renew'),
    () => clients.forEach(({ client }) => client.renewPresence()),
  )

  const writers = init.members.flatMap((member, i) => (member.writes ? [clients[i]!.client.doc] : []))
  // Each writer's paragraph, before anything is timed.
  for (const doc of writers) setUpWriter(doc)
  const written = new Map<number, number>(writers.map((doc) => [doc.clientID, 0]))
  for (let window = 0; window < init.windows; window++) {
    const start = await next('start')
    windowStarts.push(latencies.length)
    measureFrom = start.measureFromMicros
    for (const doc of writers) {
      writeAtRate(start.startAt, start.endAt, init.writeEveryMs, () => {
        writeWith(doc)
        written.set(doc.clientID, written.get(doc.clientID)! + 1)
      })
    }
    await sleep(start.endAt - monoMs() + 20)
    send({ type: 'sent', counts: Object.fromEntries(written) })
  }

  const finish = await next('finish')
  const missing = () => {
    let expected = 0
    let delivered = 0
    for (const { client, room } of clients) {
      for (const [writer, count] of Object.entries(finish.expected[room] ?? {})) {
        if (Number(writer) === client.doc.clientID) continue
        expected += count
        delivered += Math.min(count, writesIn(Y.getState(client.doc.store, Number(writer))))
      }
    }
    return { expected, delivered }
  }
  const deadline = Date.now() + finish.timeoutMs
  let counts = missing()
  while (counts.delivered < counts.expected && Date.now() < deadline) {
    await sleep(50)
    counts = missing()
  }
  send({
    type: 'result',
    latencies: Float64Array.from(latencies),
    windowCounts: windowStarts.map((from, w) => (windowStarts[w + 1] ?? latencies.length) - from),
    delivered: counts.delivered,
    expected: counts.expected,
    incomplete: counts.expected - counts.delivered,
  })
  await next('exit')
}
