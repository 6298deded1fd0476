import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { Connection } from './connection.ts'
import { LocalFanOut } from './fan-out.ts'
import { decodeMessage, encodeUpdate, type IncomingMessage } from './protocol.ts'
import { RENEWAL_WAIT_MS, Room } from './room.ts'
import { awarenessClientIds } from '../test/providers.ts'

/** A connection whose socket keeps what it was sent. */
function fakeConnection(frames: Uint8Array[]): Connection {
  const socket = { readyState: 1, OPEN: 1, bufferedAmount: 0, send: (frame: Uint8Array) => frames.push(frame) }
  return new Connection(socket as unknown as WebSocket, 'u', 'write', false, 1 << 20, { recheck: async () => 'write', wentSilent() {}, answeredAgain() {} })
}

function roomOf(size: number) {
  const room = new Room('asia/idea', 'idea', [], new LocalFanOut(), { append: () => {} })
  const frames = Array.from({ length: size }, () => [] as Uint8Array[])
  const connections = frames.map((f) => fakeConnection(f))
  for (const connection of connections) room.connections.add(connection)
  return { room, connections, frames }
}

function update(key: string, value: string = key): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

/** A client's change as it arrives: the update and the frame it came in. */
function change(update: Uint8Array): Extract<IncomingMessage, { type: 'sync-update' }> {
  const message = decodeMessage(encodeUpdate(update))
  if (message.type !== 'sync-update') throw new Error('not a change')
  return message
}

/** The document updates among the frames, applied to a fresh document. */
function docFrom(frames: Uint8Array[]): { doc: Y.Doc; updateFrames: number } {
  const doc = new Y.Doc()
  let updateFrames = 0
  for (const frame of frames) {
    const message = decodeMessage(frame)
    if (message.type !== 'sync-update' && message.type !== 'sync-step2') continue
    updateFrames++
    Y.applyUpdate(doc, message.update)
  }
  return { doc, updateFrames }
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve))

/**
 * In a room of two writers and a reader, `dependent` arrives before the change it builds on: the reader is sent
 * nothing until `dependency` arrives, then both through the flush. The reader's document from what it was sent.
 */
async function readerAfterOutOfOrder(
  dependent: { writer: number; update: Uint8Array },
  dependency: { writer: number; update: Uint8Array },
): Promise<Y.Doc> {
  const { room, connections, frames } = roomOf(3)
  room.handle(connections[dependent.writer]!, change(dependent.update))
  expect(frames[2]).toHaveLength(0)
  room.handle(connections[dependency.writer]!, change(dependency.update))
  await nextTick()
  room.destroy()
  return docFrom(frames[2]!).doc
}

describe('Room fan-out', () => {
  it('passes a small change on as the frame it came in, at once, to everyone but its writer', () => {
    const { room, connections, frames } = roomOf(3)
    const message = change(update('a'))
    room.handle(connections[0]!, message)
    expect(frames[1]).toEqual([message.frame])
    expect(frames[2]).toEqual([message.frame])
    expect(frames[0]).toHaveLength(0)
    expect(room.doc.getMap('m').get('a')).toBe('a')
    room.destroy()
  })

  it('passes a change on before the server applies it', () => {
    const room = new Room('asia/idea', 'idea', [], new LocalFanOut(), { append: () => {} })
    const writer = fakeConnection([])
    const seen: unknown[] = []
    const socket = { readyState: 1, OPEN: 1, bufferedAmount: 0, send: () => seen.push(room.doc.getMap('m').get('a')) }
    const reader = new Connection(socket as unknown as WebSocket, 'r', 'write', false, 1 << 20, { recheck: async () => 'write', wentSilent() {}, answeredAgain() {} })
    room.connections.add(writer)
    room.connections.add(reader)
    room.handle(writer, change(update('a')))
    expect(seen).toEqual([undefined])
    expect(room.doc.getMap('m').get('a')).toBe('a')
    room.destroy()
  })

  it('passes on at once a change of several structs, and one that only deletes', () => {
    const { room, connections, frames } = roomOf(2)
    const writer = new Y.Doc()
    const text = writer.getText('t')
    writer.transact(() => {
      text.insert(0, 'ab')
      writer.getMap('m').set('k', 'v')
    })
    room.handle(connections[0]!, change(Y.encodeStateAsUpdate(writer)))
    expect(frames[1]).toHaveLength(1)
    const before = Y.encodeStateVector(writer)
    const deletes: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => deletes.push(u))
    text.delete(0, 1)
    expect(Y.encodeStateVector(writer)).toEqual(before) // a deletion adds no struct
    room.handle(connections[0]!, change(deletes[0]!))
    expect(frames[1]).toHaveLength(2)
    expect(room.doc.getText('t').toString()).toBe('b')
    room.destroy()
  })

  it('passes on nothing for a change the document already holds', () => {
    const { room, connections, frames } = roomOf(2)
    const message = change(update('a'))
    room.handle(connections[0]!, message)
    room.handle(connections[0]!, message)
    expect(frames[1]).toHaveLength(1)
    room.destroy()
  })

  it('sends a large change at the next tick, as what was new to the server', async () => {
    const { room, connections, frames } = roomOf(2)
    const large = update('big', 'x'.repeat(10_000))
    room.handle(connections[0]!, change(large))
    expect(frames[1]).toHaveLength(0)
    await nextTick()
    expect(docFrom(frames[1]!).doc.getMap('m').get('big')).toHaveLength(10_000)
    room.destroy()
  })

  it('sends the changes a late dependency releases through the flush', async () => {
    // b is made on top of a; the room gets b first: the server holds it pending and passes nothing on.
    const writer = new Y.Doc()
    writer.getMap('m').set('a', 'a')
    const a = Y.encodeStateAsUpdate(writer)
    const before = Y.encodeStateVector(writer)
    writer.getMap('m').set('b', 'b')
    const b = Y.encodeStateAsUpdate(writer, before)
    const doc = await readerAfterOutOfOrder({ writer: 0, update: b }, { writer: 0, update: a })
    expect(doc.getMap('m').toJSON()).toEqual({ a: 'a', b: 'b' })
  })

  it("holds back a change that builds on another writer's change the server lacks, and sends both through the flush", async () => {
    const first = new Y.Doc()
    first.getText('t').insert(0, 'ab')
    const a = Y.encodeStateAsUpdate(first)
    const second = new Y.Doc()
    Y.applyUpdate(second, a)
    const before = Y.encodeStateVector(second)
    second.getText('t').insert(1, 'X') // its origin is the first writer's 'a'
    const x = Y.encodeStateAsUpdate(second, before)
    const doc = await readerAfterOutOfOrder({ writer: 1, update: x }, { writer: 0, update: a })
    expect(doc.getText('t').toString()).toBe('aXb')
  })

  it('holds back a deletion of what the server does not hold yet, and sends it with what it deletes', async () => {
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    writer.getText('t').insert(0, 'ab')
    writer.getText('t').delete(0, 1)
    const [insert, deletion] = updates as [Uint8Array, Uint8Array]
    const doc = await readerAfterOutOfOrder({ writer: 0, update: deletion }, { writer: 0, update: insert })
    expect(doc.getText('t').toString()).toBe('b')
  })

  it('in a busy room, forwards changes while its burst allowance lasts and merges the rest into the next flush', async () => {
    const { room, connections, frames } = roomOf(201) // the last one only reads
    // One forward to 200 sockets costs 20 ms of the room's budget: five fit in its 100 ms burst; the next three wait
    // for the flush, as one frame.
    for (let i = 0; i < 8; i++) room.handle(connections[i]!, change(update(`k${i}`)))
    expect(frames[200]).toHaveLength(5)
    await nextTick()
    expect(frames[200]).toHaveLength(6)
    expect(docFrom(frames[200]!).doc.getMap('m').size).toBe(8)
    room.destroy()
  })

  it('forwards every change of a short run in a room of 50, each as it came', async () => {
    const { room, connections, frames } = roomOf(50)
    // 50 writers at 2/s send a change every 10 ms on average, some far closer: a forward costs 4.9 ms of budget.
    const sent: Uint8Array[] = []
    for (let i = 0; i < 20; i++) {
      const message = change(update(`k${i}`))
      sent.push(message.frame)
      room.handle(connections[i % 49]!, message)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    // The very frames that came in, not the server's re-encoding of them after a flush.
    expect(frames[49]).toHaveLength(20)
    frames[49]!.forEach((frame, i) => expect(frame).toBe(sent[i]))
    room.destroy()
  })

  it('in a busy room, spaces flushes by its write budget and loses no change', async () => {
    const { room, connections, frames } = roomOf(201) // the last one only reads
    for (let i = 0; i < 300; i++) {
      room.handle(connections[i % 200]!, change(update(`k${i}`)))
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    // Without a budget: a frame per change (300). With 10 writes/ms and 201 connections: a 100 ms burst, then a
    // flush every ~20 ms.
    const { doc, updateFrames } = docFrom(frames[200]!)
    expect(doc.getMap('m').size).toBe(300)
    expect(updateFrames).toBeGreaterThan(1)
    expect(updateFrames).toBeLessThan(60)
    room.destroy()
  })

  it('stores a forwarded change as received, and every other change as the server integrated it', async () => {
    const stored: { update: Uint8Array; userId: string | null }[] = []
    const room = new Room('asia/idea', 'idea', [], new LocalFanOut(), { append: (_doc, update, userId) => stored.push({ update, userId }) })
    const frames = [[], []] as Uint8Array[][]
    const [writer, reader] = frames.map((f) => fakeConnection(f))
    room.connections.add(writer!).add(reader!)
    const small = change(update('a'))
    room.handle(writer!, small)
    expect(stored).toEqual([{ update: small.update, userId: 'u' }])
    room.handle(writer!, change(update('big', 'x'.repeat(10_000))))
    room.applyChange((doc) => doc.getMap('m').set('restored', 'yes'), { userId: 'admin' })
    expect(stored.map((s) => s.userId)).toEqual(['u', 'u', 'admin'])
    const replay = new Y.Doc()
    for (const { update } of stored) Y.applyUpdate(replay, update)
    expect(replay.getMap('m').toJSON()).toEqual(room.doc.getMap('m').toJSON())
    expect(Object.keys(replay.getMap('m').toJSON())).toHaveLength(3)
    // The update listener is back after a forwarded change: the others reached the flush.
    await nextTick()
    expect(docFrom(frames[1]!).doc.getMap('m').get('restored')).toBe('yes')
    room.destroy()
  })

  it('stores a change of deletions once, however often it is sent', () => {
    const stored: Uint8Array[] = []
    const room = new Room('asia/idea', 'idea', [], new LocalFanOut(), { append: (_doc, update) => stored.push(update) })
    const [writer, reader] = [fakeConnection([]), fakeConnection([])]
    room.connections.add(writer).add(reader)
    const doc = new Y.Doc()
    doc.getMap('m').set('a', 'x')
    room.handle(writer, change(Y.encodeStateAsUpdate(doc)))
    const before = Y.encodeStateVector(doc)
    doc.getMap('m').delete('a')
    const deletion = Y.encodeStateAsUpdate(doc, before)
    room.handle(writer, change(deletion))
    room.handle(writer, change(deletion))
    expect(stored).toHaveLength(2)
    expect(room.doc.getMap('m').has('a')).toBe(false)
    room.destroy()
  })

  it("takes the document's client states as Yjs's state vector holds them", () => {
    const { room, connections } = roomOf(2)
    room.handle(connections[0]!, change(update('a')))
    room.handle(connections[0]!, change(update('b', 'x'.repeat(10_000))))
    const expected = Y.decodeStateVector(Y.encodeStateVector(room.doc))
    expect(room.clientStates()).toEqual(expected)
    expect(expected.size).toBe(2)
    room.destroy()
  })

  it('cancels a pending flush when destroyed', async () => {
    const { room, connections, frames } = roomOf(2)
    room.handle(connections[0]!, { type: 'sync-step2', update: update('a') })
    room.destroy()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(frames[1]).toHaveLength(0)
  })
})

/** A client's presence, as its provider keeps it. */
function presence(name: string) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState({ user: { name } })
  return {
    id: awareness.clientID,
    /** What the provider sends: its state as it is now. */
    message: (): IncomingMessage => ({
      type: 'awareness',
      update: awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
    }),
    /** The provider's renewal: the same state, its clock raised. */
    renew: () => awareness.setLocalState(awareness.getLocalState()),
    moveCaret: (at: number) => awareness.setLocalStateField('caret', at),
    destroy: () => awareness.destroy(),
  }
}

/** The client ids named by each awareness frame among the frames. */
function presenceFrames(frames: Uint8Array[]): number[][] {
  const named: number[][] = []
  for (const frame of frames) {
    const message = decodeMessage(frame)
    if (message.type === 'awareness') named.push(awarenessClientIds(message.update).sort())
  }
  return named
}

describe('Room presence', () => {
  afterEach(() => vi.useRealTimers())

  /** A room of three, each with its presence already shared, and every frame sent so far cleared. */
  async function roomOfThreePresent() {
    const { room, connections, frames } = roomOf(3)
    const people = ['Amina', 'Bruno', 'Chen'].map(presence)
    people.forEach((person, i) => room.handle(connections[i]!, person.message()))
    await nextTick()
    for (const f of frames) f.length = 0
    return { room, connections, frames, people }
  }

  it('sends a change of presence at the next tick, to everyone but the connection it came from', async () => {
    const { room, connections, frames } = roomOf(3)
    const amina = presence('Amina')
    room.handle(connections[0]!, amina.message())
    expect(presenceFrames(frames[1]!)).toEqual([])
    await nextTick()
    expect(presenceFrames(frames[1]!)).toEqual([[amina.id]])
    expect(presenceFrames(frames[2]!)).toEqual([[amina.id]])
    expect(presenceFrames(frames[0]!)).toEqual([])
    amina.moveCaret(4)
    room.handle(connections[0]!, amina.message())
    await nextTick()
    expect(presenceFrames(frames[1]!)).toEqual([[amina.id], [amina.id]])
    amina.destroy()
    room.destroy()
  })

  it('holds renewals back up to RENEWAL_WAIT_MS, then sends all of the room’s in one frame', async () => {
    const { room, connections, frames, people } = await roomOfThreePresent()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    people.forEach((person, i) => {
      person.renew()
      room.handle(connections[i]!, person.message())
    })
    // The room's own copy is renewed at once: it never drops someone who renews.
    for (const person of people) expect(room.awareness.meta.get(person.id)?.clock).toBe(2)
    await nextTick()
    vi.advanceTimersByTime(RENEWAL_WAIT_MS - 1)
    await nextTick()
    expect(frames.map(presenceFrames)).toEqual([[], [], []])
    vi.advanceTimersByTime(1)
    await nextTick()
    const all = people.map((person) => person.id).sort()
    expect(frames.map(presenceFrames)).toEqual([[all], [all], [all]])
    for (const person of people) person.destroy()
    room.destroy()
  })

  it('sends renewals waiting at once with a change, and not again when their wait ends', async () => {
    const { room, connections, frames, people } = await roomOfThreePresent()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const [amina, bruno] = people as [ReturnType<typeof presence>, ReturnType<typeof presence>]
    amina.renew()
    room.handle(connections[0]!, amina.message())
    bruno.moveCaret(7)
    room.handle(connections[1]!, bruno.message())
    await nextTick()
    const both = [amina.id, bruno.id].sort()
    expect(frames.map(presenceFrames)).toEqual([[both], [both], [both]])
    vi.advanceTimersByTime(RENEWAL_WAIT_MS)
    await nextTick()
    expect(frames.map(presenceFrames)).toEqual([[both], [both], [both]])
    for (const person of people) person.destroy()
    room.destroy()
  })

  it('sends a departure at the next tick', async () => {
    const { room, connections, frames, people } = await roomOfThreePresent()
    room.leave(connections[0]!)
    await nextTick()
    expect(presenceFrames(frames[1]!)).toEqual([[people[0]!.id]])
    expect(room.awareness.getStates().has(people[0]!.id)).toBe(false)
    for (const person of people) person.destroy()
    room.destroy()
  })

  it('drops a waiting renewal when destroyed', async () => {
    const { room, connections, frames, people } = await roomOfThreePresent()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    people[0]!.renew()
    room.handle(connections[0]!, people[0]!.message())
    room.destroy()
    vi.advanceTimersByTime(RENEWAL_WAIT_MS)
    await nextTick()
    expect(frames.map(presenceFrames)).toEqual([[], [], []])
    for (const person of people) person.destroy()
  })
})
