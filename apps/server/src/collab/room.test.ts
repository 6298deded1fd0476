import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '@tandem/shared'
import { ChangeRefused } from './change-refused.ts'
import { Connection } from './connection.ts'
import { LocalFanOut } from './fan-out.ts'
import { decodeMessage, encodeSyncStep2, encodeUpdate, type IncomingMessage } from './protocol.ts'
import { RENEWAL_WAIT_MS, Room } from './room.ts'
import { paragraphTexts, paragraphUpdate } from '../test/editor-doc.ts'
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

/** A change of a client of its own: a paragraph reading `text` at the top of the editor's document. */
const update = paragraphUpdate

/** A document of a client of its own, with a paragraph and the text in it to type into. */
function writerWithText(): { writer: Y.Doc; text: Y.XmlText } {
  const writer = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  writer.transact(() => {
    writer.getXmlFragment('default').insert(0, [paragraph])
    paragraph.insert(0, [text])
  })
  return { writer, text }
}

const textOf = (doc: Y.Doc): string => paragraphTexts(doc).join('|')

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
    expect(textOf(room.doc)).toBe('a')
    room.destroy()
  })

  it('passes a change on before the server applies it', () => {
    const room = new Room('asia/idea', 'idea', [], new LocalFanOut(), { append: () => {} })
    const writer = fakeConnection([])
    const seen: unknown[] = []
    const socket = { readyState: 1, OPEN: 1, bufferedAmount: 0, send: () => seen.push(textOf(room.doc)) }
    const reader = new Connection(socket as unknown as WebSocket, 'r', 'write', false, 1 << 20, { recheck: async () => 'write', wentSilent() {}, answeredAgain() {} })
    room.connections.add(writer)
    room.connections.add(reader)
    room.handle(writer, change(update('a')))
    expect(seen).toEqual([''])
    expect(textOf(room.doc)).toBe('a')
    room.destroy()
  })

  it('passes on at once a change of several structs, and one that only deletes', () => {
    const { room, connections, frames } = roomOf(2)
    const { writer, text } = writerWithText()
    writer.transact(() => {
      text.insert(0, 'ab')
      writer.getXmlFragment('default').insert(1, [new Y.XmlElement('horizontalRule')])
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
    expect(textOf(room.doc)).toBe('b')
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
    const large = update('x'.repeat(10_000))
    room.handle(connections[0]!, change(large))
    expect(frames[1]).toHaveLength(0)
    await nextTick()
    expect(textOf(docFrom(frames[1]!).doc)).toHaveLength(10_000)
    room.destroy()
  })

  it('sends the changes a late dependency releases through the flush', async () => {
    // b is made on top of a; the room gets b first: the server holds it pending and passes nothing on.
    const { writer, text } = writerWithText()
    text.insert(0, 'a')
    const a = Y.encodeStateAsUpdate(writer)
    const before = Y.encodeStateVector(writer)
    text.insert(1, 'b')
    const b = Y.encodeStateAsUpdate(writer, before)
    const doc = await readerAfterOutOfOrder({ writer: 0, update: b }, { writer: 0, update: a })
    expect(textOf(doc)).toBe('ab')
  })

  it("holds back a change that builds on another writer's change the server lacks, and sends both through the flush", async () => {
    const { writer: first, text } = writerWithText()
    text.insert(0, 'ab')
    const a = Y.encodeStateAsUpdate(first)
    const second = new Y.Doc()
    Y.applyUpdate(second, a)
    const before = Y.encodeStateVector(second)
    ;((second.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(1, 'X') // its origin is the first writer's 'a'
    const x = Y.encodeStateAsUpdate(second, before)
    const doc = await readerAfterOutOfOrder({ writer: 1, update: x }, { writer: 0, update: a })
    expect(textOf(doc)).toBe('aXb')
  })

  it('holds back a deletion of what the server does not hold yet, and sends it with what it deletes', async () => {
    const { writer, text } = writerWithText()
    const updates: Uint8Array[] = [Y.encodeStateAsUpdate(writer)]
    writer.on('update', (u: Uint8Array) => updates.push(u))
    text.insert(0, 'ab')
    text.delete(0, 1)
    const [paragraph, insert, deletion] = updates as [Uint8Array, Uint8Array, Uint8Array]
    const doc = await readerAfterOutOfOrder({ writer: 0, update: deletion }, { writer: 0, update: Y.mergeUpdates([paragraph, insert]) })
    expect(textOf(doc)).toBe('b')
  })

  it('in a busy room, forwards changes while its burst allowance lasts and merges the rest into the next flush', async () => {
    const { room, connections, frames } = roomOf(201) // the last one only reads
    // One forward to 200 sockets costs 20 ms of the room's budget: five fit in its 100 ms burst; the next three wait
    // for the flush, as one frame.
    // Made before: a change made between two handles would give the budget time to refill.
    const changes = Array.from({ length: 8 }, (_, i) => change(update(`k${i}`)))
    for (let i = 0; i < 8; i++) room.handle(connections[i]!, changes[i]!)
    expect(frames[200]).toHaveLength(5)
    await nextTick()
    expect(frames[200]).toHaveLength(6)
    expect(paragraphTexts(docFrom(frames[200]!).doc)).toHaveLength(8)
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
    expect(paragraphTexts(doc)).toHaveLength(300)
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
    room.handle(writer!, change(update('x'.repeat(10_000))))
    room.applyChange((doc) => Y.applyUpdate(doc, update('restored')), { userId: 'admin' })
    expect(stored.map((s) => s.userId)).toEqual(['u', 'u', 'admin'])
    const replay = new Y.Doc()
    for (const { update } of stored) Y.applyUpdate(replay, update)
    expect(paragraphTexts(replay).sort()).toEqual(paragraphTexts(room.doc).sort())
    expect(paragraphTexts(replay)).toHaveLength(3)
    // The update listener is back after a forwarded change: the others reached the flush.
    await nextTick()
    expect(paragraphTexts(docFrom(frames[1]!).doc)).toContain('restored')
    room.destroy()
  })

  it('stores a change of deletions once, however often it is sent', () => {
    const stored: Uint8Array[] = []
    const room = new Room('asia/idea', 'idea', [], new LocalFanOut(), { append: (_doc, update) => stored.push(update) })
    const [writer, reader] = [fakeConnection([]), fakeConnection([])]
    room.connections.add(writer).add(reader)
    const { writer: doc, text } = writerWithText()
    text.insert(0, 'x')
    room.handle(writer, change(Y.encodeStateAsUpdate(doc)))
    const before = Y.encodeStateVector(doc)
    doc.getXmlFragment('default').delete(0, 1)
    const deletion = Y.encodeStateAsUpdate(doc, before)
    room.handle(writer, change(deletion))
    room.handle(writer, change(deletion))
    expect(stored).toHaveLength(2)
    // The document it left empty was completed in the same change (sequence-repair.ts).
    expect(paragraphTexts(room.doc)).toEqual([''])
    room.destroy()
  })

  it("takes the document's client states as Yjs's state vector holds them", () => {
    const { room, connections } = roomOf(2)
    room.handle(connections[0]!, change(update('a')))
    room.handle(connections[0]!, change(update('x'.repeat(10_000))))
    const expected = Y.decodeStateVector(Y.encodeStateVector(room.doc))
    expect(room.clientStates()).toEqual(expected)
    expect(expected.size).toBe(2)
    room.destroy()
  })

  it('cancels a pending flush when destroyed', async () => {
    const { room, connections, frames } = roomOf(2)
    room.handle(connections[0]!, decodeMessage(encodeSyncStep2(update('a'))))
    room.destroy()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(frames[1]).toHaveLength(0)
  })
})

describe('Room admission of a client change', () => {
  function admittingRoom(maxDocumentBytes?: number) {
    const stored: Uint8Array[] = []
    const room = new Room('asia/idea', 'idea', [], new LocalFanOut(), { append: (_doc, update) => stored.push(update) }, { maxDocumentBytes })
    const frames = [[], []] as Uint8Array[][]
    const [writer, reader] = frames.map((f) => fakeConnection(f)) as [Connection, Connection]
    room.connections.add(writer).add(reader)
    return { room, writer, reader, frames, stored }
  }
  const refusal = (fn: () => void): ChangeRefused => {
    try {
      fn()
    } catch (err) {
      if (err instanceof ChangeRefused) return err
      throw err
    }
    throw new Error('not refused')
  }

  it('refuses what the editor cannot read with 4400 before forwarding, applying or storing anything (update and step 2)', async () => {
    const { room, writer, frames, stored } = admittingRoom()
    const stray = new Y.Doc()
    stray.getXmlFragment('default').insert(0, [new Y.XmlText('not in a paragraph')])
    const junk = new Y.Doc()
    junk.getMap('meta').set('k', 'v')
    for (const bad of [stray, junk]) {
      const update = Y.encodeStateAsUpdate(bad)
      expect(refusal(() => room.handle(writer, change(update))).closeCode).toBe(CloseCode.MALFORMED)
      expect(refusal(() => room.handle(writer, decodeMessage(encodeSyncStep2(update)))).closeCode).toBe(CloseCode.MALFORMED)
    }
    await nextTick()
    expect(frames[1]).toEqual([])
    expect(stored).toEqual([])
    expect(room.doc.store.clients.size).toBe(0)
    expect([...room.doc.share.keys()]).toEqual([])
    room.destroy()
  })

  it('refuses with 4413 a change that would take the document past its limit, and still takes deletions', () => {
    const { room, writer, stored } = admittingRoom(64 * 1024)
    const { writer: doc, text } = writerWithText()
    const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)]
    doc.on('update', (u: Uint8Array) => updates.push(u))
    text.insert(0, 'x'.repeat(40_000))
    text.insert(0, 'y'.repeat(30_000))
    text.delete(30_000, 10_000) // ten thousand of the x's
    const [paragraph, first, second, deletion] = updates as [Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    room.handle(writer, change(paragraph))
    room.handle(writer, change(first))
    expect(refusal(() => room.handle(writer, change(second))).closeCode).toBe(CloseCode.TOO_LARGE)
    expect(stored).toHaveLength(2)
    expect(textOf(room.doc)).toHaveLength(40_000)
    // Deleting makes room: a change of deletions only is never refused for size.
    room.handle(writer, change(deletion))
    expect(textOf(room.doc)).toHaveLength(30_000)
    room.destroy()
  })

  it('measures the document before refusing: what an estimate counts twice does not count against it', () => {
    const { room, writer } = admittingRoom(64 * 1024)
    const { writer: doc, text } = writerWithText()
    text.insert(0, 'x'.repeat(20_000))
    const whole = Y.encodeStateAsUpdate(doc)
    // Sent three times: each counts against the estimate, but the document holds it once.
    room.handle(writer, decodeMessage(encodeSyncStep2(whole)))
    room.handle(writer, decodeMessage(encodeSyncStep2(whole)))
    room.handle(writer, decodeMessage(encodeSyncStep2(whole)))
    const more = new Y.Doc()
    Y.applyUpdate(more, whole)
    const before = Y.encodeStateVector(more)
    ;((more.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'y'.repeat(20_000))
    room.handle(writer, change(Y.encodeStateAsUpdate(more, before)))
    expect(textOf(room.doc)).toHaveLength(40_000)
    expect(room.size).toBeLessThan(64 * 1024)
    room.destroy()
  })

  it('refuses with 4400 a deletion outside the editor’s document (the server’s format record), and takes one inside', () => {
    const { room, writer, stored } = admittingRoom()
    room.applyChange((doc) => {
      doc.getMap('format').set('title', 'record')
      Y.applyUpdate(doc, update('kept'))
    }, { userId: null })
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc))
    const before = Y.encodeStateVector(client)
    client.getMap('format').delete('title')
    expect(refusal(() => room.handle(writer, change(Y.encodeStateAsUpdate(client, before)))).closeCode).toBe(CloseCode.MALFORMED)
    expect(room.doc.getMap('format').get('title')).toBe('record')
    const storedBefore = stored.length
    const again = new Y.Doc()
    Y.applyUpdate(again, Y.encodeStateAsUpdate(room.doc))
    const vector = Y.encodeStateVector(again)
    again.getXmlFragment('default').delete(0, 1)
    room.handle(writer, change(Y.encodeStateAsUpdate(again, vector)))
    // The document left empty is completed with an empty paragraph (sequence-repair.ts).
    expect(room.doc.getXmlFragment('default').toString()).toBe('<paragraph></paragraph>')
    expect(stored.length).toBe(storedBefore + 1)
    room.destroy()
  })

  it('drops pending structs the arriving change shows to be misplaced, and takes the change', () => {
    const { room, writer } = admittingRoom()
    const doc = new Y.Doc()
    const list = new Y.XmlElement('bulletList')
    const item = new Y.XmlElement('listItem')
    doc.transact(() => {
      doc.getXmlFragment('default').insert(0, [list])
      list.insert(0, [item])
      item.insert(0, [new Y.XmlElement('paragraph')])
    })
    const first = Y.encodeStateAsUpdate(doc)
    const before = Y.encodeStateVector(doc)
    list.insert(0, [new Y.XmlText('text straight in a list')])
    const second = Y.encodeStateAsUpdate(doc, before)
    room.handle(writer, change(second)) // its parent is not known yet: pending
    expect(room.doc.store.pendingStructs).not.toBeNull()
    room.handle(writer, change(first))
    expect(room.doc.store.pendingStructs).toBeNull()
    expect(room.doc.getXmlFragment('default').toString()).toBe('<bulletlist><listitem><paragraph></paragraph></listitem></bulletlist>')
    room.destroy()
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
