import { awarenessClientIds, connectProvider, eventually } from '@tandem/server/test/providers'
import { MessageType } from '@tandem/shared'
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { removeAwarenessStates } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import { stopAwarenessEcho } from './awareness-echo.ts'

/** A plain relay over real sockets: each frame goes to the room's other sockets; it keeps what each client sent. */
async function startRelay() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const sent = new Map<string, Uint8Array[]>()
  server.on('connection', (socket, request) => {
    const who = new URL(request.url ?? '/', 'ws://relay').searchParams.get('who')!
    sent.set(who, [])
    socket.on('message', (data: Buffer) => {
      sent.get(who)!.push(new Uint8Array(data))
      for (const peer of server.clients) if (peer !== socket && peer.readyState === WebSocket.OPEN) peer.send(data)
    })
  })
  const { port } = server.address() as { port: number }
  return { url: `ws://127.0.0.1:${port}`, sent, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** The client ids named in each awareness frame a client sent. */
function awarenessFrames(frames: Uint8Array[]): number[][] {
  return frames.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MessageType.AWARENESS) return []
    return [awarenessClientIds(decoding.readVarUint8Array(decoder))]
  })
}

let cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

async function room(names: string[], quiet: string[]) {
  const relay = await startRelay()
  cleanup.push(relay.close)
  const providers = new Map<string, WebsocketProvider>()
  for (const who of names) {
    const client = connectProvider(relay.url, 'idea', { params: { who }, cookie: null })
    if (quiet.includes(who)) stopAwarenessEcho(client.provider)
    cleanup.push(() => client.destroy())
    providers.set(who, client.provider)
  }
  // Everyone is connected and the joining round of sync and awareness is over. (A relay keeps no state: a client
  // hears of those who joined before it only when they next change or renew their presence.)
  await eventually(() => [...providers.values()].every((p) => p.wsconnected), 'the connections', 5_000)
  await new Promise((resolve) => setTimeout(resolve, 200))
  for (const frames of relay.sent.values()) frames.length = 0
  return { relay, providers }
}

describe('stopAwarenessEcho', () => {
  it("keeps a client from sending back another person's caret, which a stock provider does", async () => {
    const { relay, providers } = await room(['mover', 'quiet', 'stock'], ['quiet'])
    const mover = providers.get('mover')!
    mover.awareness.setLocalStateField('cursor', { anchor: 1, head: 4 })
    await eventually(() => providers.get('quiet')!.awareness.getStates().get(mover.awareness.clientID)?.cursor !== undefined, 'the caret', 5_000)
    await eventually(() => awarenessFrames(relay.sent.get('stock')!).length > 0, "the stock provider's echo", 5_000)
    await new Promise((resolve) => setTimeout(resolve, 100))

    expect(awarenessFrames(relay.sent.get('mover')!)).toEqual([[mover.awareness.clientID]])
    expect(awarenessFrames(relay.sent.get('stock')!)).toEqual([[mover.awareness.clientID]])
    expect(awarenessFrames(relay.sent.get('quiet')!)).toEqual([])
  })

  it('still says it is here when someone else removed its presence', async () => {
    const { relay, providers } = await room(['quiet', 'remover'], ['quiet', 'remover'])
    const quiet = providers.get('quiet')!
    const remover = providers.get('remover')!
    quiet.awareness.setLocalStateField('user', { name: 'Amina' })
    await eventually(() => remover.awareness.getStates().get(quiet.awareness.clientID)?.user !== undefined, 'the presence', 5_000)
    for (const frames of relay.sent.values()) frames.length = 0
    removeAwarenessStates(remover.awareness, [quiet.awareness.clientID], 'gone')
    await eventually(() => awarenessFrames(relay.sent.get('quiet')!).length > 0, 'the answer', 5_000)
    expect(awarenessFrames(relay.sent.get('quiet')!)).toEqual([[quiet.awareness.clientID]])
    await eventually(() => remover.awareness.getStates().has(quiet.awareness.clientID), 'the presence back', 5_000)
  })
})
