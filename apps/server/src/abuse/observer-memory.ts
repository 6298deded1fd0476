import type WebSocket from 'ws'
import * as Y from 'yjs'
import { HealthProbe, RssSampler, sleep, tally } from './probes.ts'
import { growDocument, openSocket, syncFrame, type Target } from './target.ts'

export interface ObserverMemoryOptions {
  /** Sockets opened, spread over `users` observer accounts. */
  sockets: number
  users: number
  /** Requests for the whole document each socket sends (sync step 1 with an empty state vector). */
  requests: number
  docMiB: number
  /** How long the sockets stay open without reading. */
  holdMs: number
}

/**
 * Issue 25, point 3: observers whose sockets never read, each asking again and again for the whole document. What
 * the server holds for them shows in its RSS.
 */
export async function observerMemory(target: Target, options: ObserverMemoryOptions) {
  const docBytes = await growDocument(target, options.docMiB)
  const observers = await Promise.all(Array.from({ length: options.users }, () => target.account('observer')))
  const askForEverything = syncFrame(0, Y.encodeStateVector(new Y.Doc()))
  const rss = new RssSampler(target.pid)
  const health = new HealthProbe(target.server.url)
  const started = performance.now()
  const opened = await Promise.allSettled(
    Array.from({ length: options.sockets }, async (_, i) => {
      const socket = await openSocket(target, observers[i % observers.length]!.cookie)
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
      // Never read: the kernel's buffers fill, then whatever the server sends waits in its memory.
      ;(socket as unknown as { _socket: { pause(): void } })._socket.pause()
      for (let r = 0; r < options.requests; r++) socket.send(askForEverything)
      return { socket, closed }
    }),
  )
  await sleep(options.holdMs)
  const memory = rss.stop()
  const sockets = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  // Read again: each socket now sees how the server ended it (or is still open).
  for (const { socket } of sockets) (socket as unknown as { _socket: { resume(): void } })._socket.resume()
  await sleep(2_000)
  const codes = await Promise.all(sockets.map(({ socket, closed }) => Promise.race([closed, sleep(0).then(() => stateOf(socket))])))
  for (const { socket } of sockets) socket.terminate()
  const probe = await health.stop()
  await sleep(3_000)
  const after = new RssSampler(target.pid).stop()
  return {
    scenario: 'observer-memory',
    ...options,
    docBytes,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    refusedAtOpen: opened.length - sockets.length,
    endedWith: tally(codes),
    rssMiB: { before: memory.firstMiB, peak: memory.peakMiB, atEnd: memory.lastMiB, threeSecondsAfterClosing: after.lastMiB },
    health: probe,
  }
}

function stateOf(socket: WebSocket): string {
  return socket.readyState === socket.OPEN ? 'still open' : `state ${socket.readyState}`
}
