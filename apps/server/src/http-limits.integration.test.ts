import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from './test/providers.ts'
import { rawSocket, type RawSocket } from './test/raw-socket.ts'
import { startTestServer, type TestServer } from './test/test-server.ts'

/** A raw TCP connection to the server, with whatever it answered and whether it was closed. */
function connect(port: number, send?: string) {
  const socket = net.connect(port, '127.0.0.1')
  const state = { socket, received: '', closed: false, closedAt: 0 }
  socket.on('connect', () => send && socket.write(send))
  socket.on('data', (chunk) => (state.received += chunk.toString()))
  socket.on('error', () => {})
  socket.on('close', () => {
    state.closed = true
    state.closedAt = performance.now()
  })
  return state
}

// The limits are configuration: short ones here, so the test waits fractions of a second, not Node's defaults.
describe('HTTP connection limits', () => {
  let server: TestServer
  const opened: Array<ReturnType<typeof connect>> = []

  beforeAll(async () => {
    server = await startTestServer('pglite', {
      httpLimits: { headersTimeoutMs: 400, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 1_000, checkEveryMs: 100, maxConnections: 12 },
    })
  })
  afterAll(async () => {
    for (const connection of opened) connection.socket.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  it('closes a connection whose request head never ends, and one that never sends a byte', async () => {
    const started = performance.now()
    const partial = connect(server.port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
    const silent = connect(server.port)
    opened.push(partial, silent)
    await eventually(() => partial.closed && silent.closed, 'both closed by the server', 5_000)
    // Node answers 408 to a head that stopped, unless the connection's silence timer (the same 400 ms) was first.
    expect(partial.received === '' || partial.received.startsWith('HTTP/1.1 408 ')).toBe(true)
    expect(silent.received).toBe('')
    expect(Math.max(partial.closedAt, silent.closedAt) - started).toBeLessThan(2_000)
  })

  it('keeps a websocket that went quiet after its upgrade, and a request that completed in time', async () => {
    const idea = await server.createIdea()
    const socket = rawSocket(`${server.wsUrl}/${idea.room}`)
    await socket.opened
    const answered = connect(server.port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    opened.push(answered)
    await eventually(() => answered.received.startsWith('HTTP/1.1 200'), 'health answered')
    // Past the head timeout (400 ms) for both; the keep-alive one is closed at its own timeout (1 s) instead.
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(socket.socket.readyState).toBe(socket.socket.OPEN)
    expect(answered.closed).toBe(false)
    socket.socket.close()
    await socket.closed
  })

  it('drops connections past MAX_CONNECTIONS at once, and takes new ones when some have gone', async () => {
    const idea = await server.createIdea()
    // Websockets stay open (the head timeout does not free them): open them until the server starts dropping.
    const sockets: RawSocket[] = []
    for (let i = 0; i < 20; i++) {
      const socket = rawSocket(`${server.wsUrl}/${idea.room}`)
      const accepted = await socket.opened.then(() => true, () => false)
      if (!accepted) break
      sockets.push(socket)
    }
    // Twelve, less the test's own keep-alive connections the server still had open.
    expect(sockets.length).toBeGreaterThanOrEqual(10)
    expect(sockets.length).toBeLessThan(12 + 1)
    const extra = connect(server.port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    opened.push(extra)
    await eventually(() => extra.closed, 'a new connection is dropped', 2_000)
    expect(extra.received).toBe('')
    for (const socket of sockets.slice(0, 4)) socket.socket.close()
    await eventually(async () => (await fetch(`${server.url}/api/health`).catch(() => null))?.status === 200, 'health answers again', 5_000)
    for (const socket of sockets) socket.socket.close()
  })
})
