import { dialectsUnderTest } from '@tandem/db/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ownText } from '../test/editor-doc.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'

/**
 * Requirement (c): a random mix of 20 concurrent clients with offline periods converges. Per run fast-check draws a
 * schedule (who starts offline; text inserts and deletes and attribute sets in the editor's document, going offline
 * and back, pauses), the schedule is played against one real server, and then: everyone back online ⇒ 20 identical
 * documents, a late joiner gets the same, and after everybody left and the room unloaded, a cold client loads the
 * same from the database.
 *
 * On failure fast-check prints the seed and path; replay with CONVERGENCE_SEED=<seed> (shrinking is off: every run
 * costs seconds, and the printed schedule is the counterexample).
 */
const CLIENTS = 20
const NUM_RUNS = 8
const SEED = process.env.CONVERGENCE_SEED ? Number(process.env.CONVERGENCE_SEED) : undefined

// Every WebsocketProvider adds a process 'exit' listener; 20+ of them are expected here, not a leak.
process.setMaxListeners(Math.max(process.getMaxListeners(), 4 * CLIENTS))

type Step =
  | { kind: 'insert'; client: number; at: number; text: string }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'set'; client: number; level: number }
  | { kind: 'offline'; client: number }
  | { kind: 'online'; client: number }
  | { kind: 'pause'; ms: number }

const client = fc.nat({ max: CLIENTS - 1 })
/** A position, taken modulo the text's length at the time the step runs. */
const at = fc.nat({ max: 100_000 })
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      client,
      at,
      text: fc.string({ unit: fc.constantFrom('a', 'b', 'x', 'ä', '漢', ' ', '\n'), minLength: 1, maxLength: 6 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), client, at, length: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), client, level: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offline' as const), client }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('online' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 40 }) }) },
)
const schedule = fc.record({
  startsOffline: fc.array(fc.boolean(), { minLength: CLIENTS, maxLength: CLIENTS }),
  steps: fc.array(step, { minLength: 80, maxLength: 240 }),
})

/** The editor's document as XML (attributes sorted): the same for two documents holding the same content. */
function content(doc: Y.Doc): string {
  return doc.getXmlFragment('default').toString()
}

/** The first heading of the document (none in a client that started offline and has not synced yet). */
function firstHeading(doc: Y.Doc): Y.XmlElement | undefined {
  return doc
    .getXmlFragment('default')
    .toArray()
    .find((block): block is Y.XmlElement => block instanceof Y.XmlElement && block.nodeName === 'heading')
}

describe.each(dialectsUnderTest())('20 clients with offline periods converge (%s)', (dialect) => {
  let server: TestServer
  const live = new Set<TestClient>()
  const connect = (...args: Parameters<typeof connectProvider>) => {
    const c = connectProvider(...args)
    live.add(c)
    return c
  }
  const destroy = (c: TestClient) => {
    if (live.delete(c)) c.destroy()
  }

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    for (const c of [...live]) destroy(c)
    await server?.close()
    await server?.testDb.destroy()
  })

  it('for every drawn schedule: identical documents online, for a late joiner, and from the database', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(schedule, async ({ startsOffline, steps }) => {
        runs++
        const idea = await server.createIdea(`Convergence run ${runs}`)
        const peers = startsOffline.map((offline) => connect(server.wsUrl, idea.room, { connect: !offline }))
        try {
          await Promise.all(peers.filter((p) => p.provider.shouldConnect).map((p) => waitForSync(p)))

          for (const s of steps) {
            if (s.kind === 'pause') {
              await new Promise((r) => setTimeout(r, s.ms))
              continue
            }
            const peer = peers[s.client]!
            // The text of the first block (the title, or a paragraph of its own in a client that started offline).
            const text = ownText(peer.doc)
            switch (s.kind) {
              case 'insert':
                text.insert(s.at % (text.length + 1), s.text)
                break
              case 'delete': {
                const from = s.at % Math.max(1, text.length)
                const length = Math.min(s.length, text.length - from)
                if (length > 0) text.delete(from, length)
                break
              }
              case 'set':
                // An attribute is a last-writer-wins map entry, as the map was.
                firstHeading(peer.doc)?.setAttribute('level', s.level as unknown as string)
                break
              case 'offline':
                peer.provider.disconnect()
                break
              case 'online':
                peer.provider.connect()
                break
            }
            // Let sockets move between steps, so edits cross in flight instead of arriving in schedule order.
            await new Promise((r) => setImmediate(r))
          }

          for (const p of peers) p.provider.connect()
          const expected = () => content(peers[0]!.doc)
          await eventually(
            () => peers.every((p) => p.provider.synced && content(p.doc) === expected()),
            'all 20 clients converge',
            20_000,
          )
          const room = () => server.collab.registry.get(idea.id)
          await eventually(() => room() !== undefined && content(room()!.doc) === expected(), 'the room holds the same', 10_000)
          const converged = expected()

          const late = connect(server.wsUrl, idea.room)
          await waitForSync(late)
          expect(content(late.doc)).toBe(converged)

          for (const p of [...peers, late]) destroy(p)
          await eventually(() => server.collab.registry.get(idea.id) === undefined, 'room unloaded', 20_000)

          const cold = connect(server.wsUrl, idea.room)
          await waitForSync(cold)
          expect(content(cold.doc)).toBe(converged)
          destroy(cold)
          await eventually(() => server.collab.registry.get(idea.id) === undefined, 'room unloaded again', 20_000)
        } finally {
          for (const c of [...live]) destroy(c)
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
    )
    expect(runs).toBe(NUM_RUNS)
  })
})
