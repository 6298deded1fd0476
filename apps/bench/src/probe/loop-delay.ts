/**
 * Preloaded into every server process (`node --import <this file>`), the same for all servers so the figures are
 * comparable: it samples the event loop's delay (a 10 ms timer's lateness) and answers the bench on a Unix
 * socket (path in BENCH_PROBE_SOCKET), one JSON line per command:
 *   reset  → starts a new measurement (and records)
 *   pause  → stops recording until resume (the bench measures a server in several windows, other servers between)
 *   resume → records again, adding to the same measurement
 *   report → {loop: {p50, p99, max, mean} ms over what was recorded, rss, heapUsed}
 *   gc     → runs a full garbage collection (the server runs with --expose-gc) in every isolate of the process, its
 *            worker threads' too, then reports memory
 * Everything it creates is unref'd: it never keeps a server alive.
 */
import { once } from 'node:events'
import net from 'node:net'
import { createHistogram } from 'node:perf_hooks'
import type { Worker } from 'node:worker_threads'

const RESOLUTION_MS = 10
const path = process.env.BENCH_PROBE_SOCKET
if (path) {
  // What perf_hooks.monitorEventLoopDelay measures (the interval between the ticks of a repeating timer; the delay is
  // what passes the resolution), recorded here so that recording can pause: monitorEventLoopDelay, disabled and
  // enabled again, records the whole pause as one delay, and its histogram cannot be added to another.
  const histogram = createHistogram()
  let recording = true
  let last = performance.now()
  setInterval(() => {
    const now = performance.now()
    if (recording) histogram.record(Math.max(1, Math.round((now - last) * 1e6)))
    last = now
  }, RESOLUTION_MS).unref()
  const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS)
  const report = () => ({
    loop: {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean),
      samples: histogram.count,
    },
    rss: process.memoryUsage.rss(),
    heapUsed: process.memoryUsage().heapUsed,
  })
  const gc = (globalThis as { gc?: () => void }).gc
  // A worker's garbage is its own isolate's: Tandem's PGlite thread holds, until that isolate collects, the memory of
  // the database's first start (initdb's instance, ~350 MB of RSS), and when it collected decided whether scenario 4's
  // baseline had it. No code of ours runs in a worker, but V8 collects an isolate fully before it takes a heap
  // snapshot, which Node offers from outside: one is taken of each worker and thrown away.
  const workers = new Set<Worker>()
  process.on('worker', (worker: Worker) => {
    workers.add(worker)
    worker.once('exit', () => workers.delete(worker))
  })
  const collectWorkers = () =>
    Promise.all(
      [...workers].map(async (worker) => {
        const snapshot = await worker.getHeapSnapshot()
        snapshot.resume()
        await once(snapshot, 'end')
      }),
    ).catch(() => {})
  // Commands are answered in order, one after the other (gc waits for the workers).
  let answered: Promise<void> = Promise.resolve()
  const server = net.createServer((socket) => {
    socket.unref()
    let buffered = ''
    socket.on('data', (chunk) => {
      buffered += chunk.toString()
      let newline: number
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const command = buffered.slice(0, newline).trim()
        buffered = buffered.slice(newline + 1)
        if (command === 'reset') {
          histogram.reset()
          recording = true
        }
        if (command === 'pause') recording = false
        if (command === 'resume') recording = true
        answered = answered.then(async () => {
          if (command === 'gc' && gc) {
            gc()
            gc()
            await collectWorkers()
          }
          socket.write(`${JSON.stringify(report())}\n`)
        })
      }
    })
    socket.on('error', () => {})
  })
  server.listen(path)
  server.unref()
}
