import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { Connection } from './connection.ts'
import { LocalFanOut } from './fan-out.ts'
import { decodeMessage } from './protocol.ts'
import { Room } from './room.ts'

/** A connection whose socket keeps what it was sent. */
function fakeConnection(frames: Uint8Array[]): Connection {
  const socket = { readyState: 1, OPEN: 1, bufferedAmount: 0, send: (frame: Uint8Array) => frames.push(frame) }
  return new Connection(socket as unknown as WebSocket, 'u', 'write', false, 1 << 20, { recheck: async () => 'write' })
}

function roomOf(size: number) {
  const room = new Room('asia/idea', 'idea', [], new LocalFanOut(), { append: () => {} })
  const frames = Array.from({ length: size }, () => [] as Uint8Array[])
  const connections = frames.map((f) => fakeConnection(f))
  for (const connection of connections) room.connections.add(connection)
  return { room, connections, frames }
}

function update(key: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, key)
  return Y.encodeStateAsUpdate(doc)
}

/** The document updates among the frames, applied to a fresh document. */
function docFrom(frames: Uint8Array[]): { doc: Y.Doc; updateFrames: number } {
  const doc = new Y.Doc()
  let updateFrames = 0
  for (const frame of frames) {
    const message = decodeMessage(frame)
    if (message.type !== 'sync-update') continue
    updateFrames++
    Y.applyUpdate(doc, message.update)
  }
  return { doc, updateFrames }
}

describe('Room fan-out', () => {
  it('sends a change in a quiet room on the next tick', async () => {
    const { room, connections, frames } = roomOf(3)
    room.handle(connections[0]!, { type: 'sync-update', update: update('a') })
    await new Promise((resolve) => setImmediate(resolve))
    expect(docFrom(frames[1]!).doc.getMap('m').get('a')).toBe('a')
    expect(frames[0]).toHaveLength(0) // its own change is not echoed
    room.destroy()
  })

  it('in a busy room, spaces flushes by its write budget and loses no change', async () => {
    const { room, connections, frames } = roomOf(201) // the last one only reads
    for (let i = 0; i < 300; i++) {
      room.handle(connections[i % 200]!, { type: 'sync-update', update: update(`k${i}`) })
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

  it('cancels a pending flush when destroyed', async () => {
    const { room, connections, frames } = roomOf(2)
    room.handle(connections[0]!, { type: 'sync-update', update: update('a') })
    room.destroy()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(frames[1]).toHaveLength(0)
  })
})
