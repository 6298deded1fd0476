/**
 * Preloaded into every server process (`node --import <this file>`), the same for all servers so the figures are
 * comparable: it samples the event loop's delay (perf_hooks.monitorEventLoopDelay) and answers the bench on a Unix
 * socket (path in BENCH_PROBE_SOCKET), one JSON line per command:
 *   reset  → starts a new measurement window
 *   report → {loop: {p50, p99, max, mean} ms over the window, rss, heapUsed}
 *   gc     → runs a full garbage collection (the server runs with --expose-gc), then reports memory
 * Everything it creates is unref'd: it never keeps a server alive.
 */
import net from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const RESOLUTION_MS = 10
const path = process.env.BENCH_PROBE_SOCKET
if (path) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  // The histogram records each interval between samples, which is at least the resolution: the delay is the rest.
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
  const server = net.createServer((socket) => {
    socket.unref()
    let buffered = ''
    socket.on('data', (chunk) => {
      buffered += chunk.toString()
      let newline: number
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const command = buffered.slice(0, newline).trim()
        buffered = buffered.slice(newline + 1)
        if (command === 'reset') histogram.reset()
        if (command === 'gc' && gc) {
          gc()
          gc()
        }
        socket.write(`${JSON.stringify(report())}\n`)
      }
    })
    socket.on('error', () => {})
  })
  server.listen(path)
  server.unref()
}
