import { randomBytes } from 'node:crypto'
import net from 'node:net'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { HealthProbe, RssSampler, sleep, tally } from './probes.ts'
import { syncFrame, type Target } from './target.ts'

/** A session token of the right shape (lowercase base32, as the server makes them) that names no session. */
function unknownToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  return Array.from(randomBytes(32), (byte) => alphabet[byte & 31]).join('')
}

function upgrade(target: Target, cookie: string | null, onOpen?: (socket: WebSocket) => void): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${target.server.wsUrl}/${target.idea.room}`, { headers: cookie ? { cookie } : {} })
    socket.on('open', () => onOpen?.(socket))
    socket.on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? err.message))
    socket.on('close', (code) => resolve(code))
  })
}

/** Issue 25, point 4: upgrades with well-formed session cookies the database has never seen, all at once. */
export async function strangerLookups(target: Target, options: { upgrades: number }) {
  const health = new HealthProbe(target.server.url)
  await sleep(300)
  const started = performance.now()
  const codes = await Promise.all(
    Array.from({ length: options.upgrades }, () => upgrade(target, `tandem_session=${unknownToken()}`)),
  )
  const seconds = (performance.now() - started) / 1000
  return { scenario: 'stranger-lookups', ...options, secondsUntilAllClosed: Math.round(seconds * 10) / 10, closedWith: tally(codes), health: await health.stop() }
}

/**
 * A large update that is costly to decode: one map entry per key, none of which merge with another (about 13 bytes
 * and one Yjs Item each).
 */
function costlyUpdate(kib: number): Uint8Array {
  const doc = new Y.Doc()
  const map = doc.getMap('m')
  const entries = Math.round((kib * 1024) / 13)
  doc.transact(() => {
    for (let i = 0; i < entries; i++) map.set(i.toString(36), i)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/** Issue 25, point 4: anonymous sockets each sending a large update the moment they open. */
export async function anonymousUpdates(target: Target, options: { sockets: number; updateKiB: number; rounds: number }) {
  const frame = syncFrame(2, costlyUpdate(options.updateKiB))
  const health = new HealthProbe(target.server.url)
  await sleep(300)
  const codes: Array<number | string> = []
  for (let round = 0; round < options.rounds; round++) {
    codes.push(...(await Promise.all(Array.from({ length: options.sockets }, () => upgrade(target, null, (socket) => socket.send(frame))))))
  }
  return { scenario: 'anonymous-updates', ...options, frameBytes: frame.byteLength, closedWith: tally(codes), health: await health.stop() }
}

/** Issue 25, point 4: connections that send part of a request head and then nothing. */
export async function halfOpen(target: Target, options: { connections: number; holdMs: number }) {
  const rss = new RssSampler(target.pid)
  const health = new HealthProbe(target.server.url, 200)
  let open = 0
  let refused = 0
  const sockets: net.Socket[] = []
  for (let i = 0; i < options.connections; i++) {
    const socket = net.connect(target.server.port, '127.0.0.1')
    sockets.push(socket)
    socket.on('connect', () => {
      open++
      socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
      socket.once('close', () => open--)
    })
    socket.on('error', () => {
      refused++
    })
    if (i % 200 === 199) await sleep(20)
  }
  const openOverTime: Record<string, number> = {}
  const started = performance.now()
  while (performance.now() - started < options.holdMs) {
    await sleep(1_000)
    openOverTime[`${Math.round((performance.now() - started) / 1000)}s`] = open
  }
  for (const socket of sockets) socket.destroy()
  return { scenario: 'half-open', ...options, refusedOrReset: refused, stillOpen: openOverTime, rssMiB: rss.stop(), health: await health.stop() }
}
