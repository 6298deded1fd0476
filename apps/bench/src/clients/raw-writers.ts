import { monoMs } from './clock.ts'
import type { RawWritersInit } from './messages.ts'
import { keepalive } from '../protocol/wire.ts'
import { preEncodeWrites, stamp } from './payload.ts'
import { connectRaw, type RawClient } from './raw.ts'
import { onEach, sleep, withConcurrency, writeAtRate } from './schedule.ts'
import type { Next, Send } from './worker.ts'

/**
 * Writers that only send: each socket sends updates encoded before the run (a timestamp is written into the frame's
 * bytes as it goes) and never decodes what it receives, so a few processes can drive hundreds of writers.
 */
export async function runRawWriters(init: RawWritersInit, send: Send, next: Next): Promise<void> {
  const writers: { client: RawClient; clientId: number; writes: ReturnType<typeof preEncodeWrites>['writes']; setup: Buffer }[] = []
  let failures = 0
  for (const member of init.members) {
    const { setup, writes } = preEncodeWrites(member.clientId, init.maxWrites, init.dialect, member.room)
    writers.push({ client: null as unknown as RawClient, clientId: member.clientId, writes, setup })
  }
  await withConcurrency(init.members, 25, async (member, i) => {
    const client = connectRaw({ ...init, room: member.room })
    writers[i]!.client = client
    await Promise.race([client.ready, sleep(30_000).then(() => Promise.reject(new Error('not ready in 30 s')))]).then(
      // The writer's paragraph, before anything is timed.
      () => client.send(writers[i]!.setup),
      () => failures++,
    )
  })
  send({ type: 'ready', failures })

  // While other servers take their turn these sockets send nothing, for a minute or more: a keepalive when the bench
  // renews presence (every 15 s, as a provider renews its awareness; scenarios/renewals.ts) keeps a server that closes
  // silent connections from dropping them. Not while writing: a relay would forward every one to the whole room.
  let writing = false
  const frames = init.members.map((member) => keepalive({ dialect: init.dialect, docName: member.room }))
  onEach(
    () => next('renew'),
    () => !writing && writers.forEach((writer, i) => writer.client.send(frames[i]!)),
  )
  const sent = new Map<number, number>(writers.map((writer) => [writer.clientId, 0]))
  for (let window = 0; window < init.windows; window++) {
    const start = await next('start')
    writing = true
    for (const writer of writers) {
      writeAtRate(start.startAt, start.endAt, init.writeEveryMs, () => {
        const n = sent.get(writer.clientId)!
        const write = writer.writes[n]
        if (!write) return
        writer.client.send(stamp(write))
        sent.set(writer.clientId, n + 1)
      })
    }
    await sleep(start.endAt - monoMs() + 20)
    writing = false
    send({ type: 'sent', counts: Object.fromEntries(sent) })
  }
  await next('finish')
  send({ type: 'result', latencies: new Float64Array(0), windowCounts: [], delivered: 0, expected: 0, incomplete: 0 })
  await next('exit')
}
