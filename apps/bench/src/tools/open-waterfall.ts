/**
 * Where a cold open on Slow 3G spends its time: starts Tandem on a fresh embedded database, opens a new idea in a new
 * Chromium profile under scenario 7's throttling (and its clock: editable, with the idea's title in it), and prints
 * every request — when it started, when its answer began and ended (ms from navigation), its bytes on the wire — and
 * the socket's handshake and first frames.
 *   node --import tsx apps/bench/src/tools/open-waterfall.ts [runs]
 */
import { ideaTitle, launchChromium, openIdea, throttle } from '../scenarios/browser-open.ts'
import { tandemKind } from '../servers/tandem.ts'

interface Row { url: string; start: number; response?: number; end?: number; bytes?: number; failed?: string }

const RUNS = Number(process.argv[2] ?? 1)
const server = await tandemKind('pglite').start({})
const base = `http://127.0.0.1:${server.port}`
const [name, value] = server.headers.cookie!.split('=') as [string, string]
const browser = await launchChromium()
try {
  for (let run = 0; run < RUNS; run++) {
    const room = await server.createRoom(2_000 + run)
    const [slug, id] = room.split('/') as [string, string]
    const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' })
    await context.addCookies([{ name, value, url: base }])
    const page = await context.newPage()
    const { cdp } = await throttle(page)
    const rows = new Map<string, Row>()
    let t0 = 0
    const at = (timestamp: number) => Math.round(timestamp * 1000 - t0)
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string }; timestamp: number }) => {
      if (t0 === 0) t0 = e.timestamp * 1000
      rows.set(e.requestId, { url: e.request.url.replace(base, ''), start: at(e.timestamp) })
    })
    cdp.on('Network.responseReceived', (e: { requestId: string; timestamp: number }) => {
      const row = rows.get(e.requestId)
      if (row) row.response = at(e.timestamp)
    })
    cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
      const row = rows.get(e.requestId)
      if (row) Object.assign(row, { end: at(e.timestamp), bytes: e.encodedDataLength })
    })
    cdp.on('Network.loadingFailed', (e: { requestId: string; errorText: string }) => {
      const row = rows.get(e.requestId)
      if (row) row.failed = e.errorText
    })
    const socket: string[] = []
    cdp.on('Network.webSocketWillSendHandshakeRequest', (e: { timestamp: number }) => socket.push(`handshake sent ${at(e.timestamp)} ms`))
    cdp.on('Network.webSocketHandshakeResponseReceived', (e: { timestamp: number }) => socket.push(`answered ${at(e.timestamp)} ms`))
    let frames = 0
    cdp.on('Network.webSocketFrameReceived', (e: { timestamp: number }) => {
      if (frames++ < 3) socket.push(`frame ${frames} ${at(e.timestamp)} ms`)
    })

    const editable = await openIdea(page, `/networks/${slug}/ideas/${id}`, await ideaTitle(base, slug, id, server.headers))
    const inPage = Math.round(Number(await page.evaluate('performance.now()')))
    console.log(`run ${run + 1}: editable after ${Math.round(editable)} ms (clock from page.goto; ~${inPage} ms on the page's clock)`)
    console.log(`  websocket: ${socket.join(', ')}`)
    let total = 0
    for (const row of [...rows.values()].sort((a, b) => a.start - b.start)) {
      total += row.bytes ?? 0
      console.log(
        `  ${String(row.start).padStart(6)} → ${String(row.response ?? '').padStart(6)} … ${String(row.end ?? '').padStart(6)} ms  ${((row.bytes ?? 0) / 1024).toFixed(1).padStart(6)} KB  ${row.url}${row.failed ? ` (${row.failed})` : ''}`,
      )
    }
    console.log(`  ${(total / 1024).toFixed(1)} KB in all`)
    await context.close()
  }
} finally {
  await browser.close()
  await server.stop({ drop: true })
}
