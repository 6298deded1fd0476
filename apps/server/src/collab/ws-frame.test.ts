import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import * as ws from 'ws'
import WebSocket, { WebSocketServer } from 'ws'
import { binaryFrame, writeFrame } from './ws-frame.ts'

/** ws's own framing (exported by ws, not in its types). */
const Sender = (ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender

describe('binaryFrame', () => {
  it.each([0, 1, 125, 126, 65_535, 65_536, 200_000])('frames %i bytes as ws does', (length) => {
    const payload = Buffer.alloc(length, 7)
    const expected = Buffer.concat(Sender.frame(payload, { fin: true, opcode: 2, mask: false, readOnly: true, rsv1: false }))
    expect(binaryFrame(payload).equals(expected)).toBe(true)
  })
})

/** A real ws server socket and the client connected to it. */
async function connectedPair() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await once(wss, 'listening')
  const accepted = once(wss, 'connection')
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
  const [server] = (await accepted) as [WebSocket]
  await once(client, 'open')
  return { wss, client, server }
}

describe('writeFrame', () => {
  it('delivers frames written beside ws.send in order, as binary messages', async () => {
    const { wss, client, server } = await connectedPair()
    const received: { data: Buffer; isBinary: boolean }[] = []
    client.on('message', (data: Buffer, isBinary) => received.push({ data, isBinary }))
    const big = Buffer.alloc(70_000, 3)
    expect(writeFrame(server, binaryFrame(Buffer.from([1, 2, 3])))).toBe(true)
    server.send(Buffer.from([4]))
    expect(writeFrame(server, binaryFrame(big))).toBe(true)
    while (received.length < 3) await once(client, 'message')
    expect(received.map((m) => m.isBinary)).toEqual([true, true, true])
    expect([...received[0]!.data]).toEqual([1, 2, 3])
    expect([...received[1]!.data]).toEqual([4])
    expect(received[2]!.data.equals(big)).toBe(true)
    client.close()
    server.close()
    await new Promise((resolve) => wss.close(resolve))
  })

  it('leaves a closing socket to ws', async () => {
    const { wss, client, server } = await connectedPair()
    client.close()
    await once(server, 'close')
    expect(writeFrame(server, binaryFrame(Buffer.from([1])))).toBe(false)
    await new Promise((resolve) => wss.close(resolve))
  })
})
