import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core'
import type { RunningServer } from '../servers/types.ts'

/**
 * Scenario 7: a person on a weak connection opens an idea. Debian's Chromium (playwright-core) on emulated Slow 3G
 * through the DevTools protocol — 400 kbit/s each way, 400 ms round trip — loads /networks/<slug>/ideas/<id> and the
 * clock stops when the editor is editable with the document's text in it. Cold: a new profile (no HTTP cache, no
 * service worker, no IndexedDB). Warm: the same profile opening it again (service worker, cache, IndexedDB).
 * The floor, measured in the same run under the same conditions, is one small request: the favicon.
 */
export const SLOW_3G = { latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 }
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface BrowserOpenResult {
  cold: number[]
  warm: number[]
  /** Bytes over the wire (compressed, as sent) on the first cold load. */
  coldBytes: number
  warmBytes: number
  floor: number
}

export async function throttle(page: Page): Promise<{ cdp: CDPSession; bytes: () => number }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_3G })
  let bytes = 0
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength
  })
  return { cdp, bytes: () => bytes }
}

/** Milliseconds from navigation until the editor is editable and shows the idea's title. */
export async function openIdea(page: Page, url: string, title: string): Promise<number> {
  const started = performance.now()
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(
    (expected) => {
      // Runs in the page (a browser global, not the bench's Node typings).
      const editor = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('.ProseMirror[contenteditable="true"]')
      return editor !== null && (editor.textContent ?? '').includes(expected)
    },
    title,
    { timeout: 60_000, polling: 20 },
  )
  return performance.now() - started
}

/** Debian's Chromium as the scenario runs it (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
  })
}

export async function runBrowserOpen(server: RunningServer, runs: number): Promise<BrowserOpenResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`)
  const base = `http://127.0.0.1:${server.port}`
  const cookie = server.headers.cookie?.split(';')[0]
  if (!cookie) throw new Error('the server gave the bench no session cookie')
  const [name, value] = cookie.split('=') as [string, string]
  const browser = await launchChromium()
  const newContext = async (serviceWorkers: 'allow' | 'block'): Promise<BrowserContext> => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, serviceWorkers })
    await context.addCookies([{ name, value, url: base }])
    return context
  }
  const result: BrowserOpenResult = { cold: [], warm: [], coldBytes: 0, warmBytes: 0, floor: 0 }
  try {
    const floorContext = await newContext('block')
    const floorPage = await floorContext.newPage()
    await throttle(floorPage)
    const floorStarted = performance.now()
    await floorPage.goto('/favicon.svg')
    result.floor = performance.now() - floorStarted
    await floorContext.close()

    for (let run = 0; run < runs; run++) {
      const room = await server.createRoom(1_000 + run)
      const [slug, id] = room.split('/') as [string, string]
      const url = `/networks/${slug}/ideas/${id}`
      const title = await ideaTitle(base, slug, id, server.headers)

      // Cold: a first visit. The service worker is blocked: the DevTools throttling applies to the page's own
      // requests only, and a worker that claimed the page mid-load would fetch the editor's chunks unthrottled.
      const cold = await newContext('block')
      const coldPage = await cold.newPage()
      const coldNetwork = await throttle(coldPage)
      result.cold.push(await openIdea(coldPage, url, title))
      if (run === 0) result.coldBytes = coldNetwork.bytes()
      await cold.close()

      // Warm: the same profile again. A first, unthrottled visit installs the service worker (app shell and chunks
      // precached) and fills IndexedDB; then a new tab opens the idea on Slow 3G.
      const warm = await newContext('allow')
      const first = await warm.newPage()
      await openIdea(first, url, title)
      await first.evaluate('navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : true')
      await first.waitForTimeout(1_000)
      const again = await warm.newPage()
      const warmNetwork = await throttle(again)
      await first.close()
      result.warm.push(await openIdea(again, url, title))
      if (run === 0) result.warmBytes = warmNetwork.bytes()
      await warm.close()
    }
  } finally {
    await browser.close()
  }
  return result
}

export async function ideaTitle(base: string, slug: string, id: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${base}/api/networks/${slug}/ideas/${id}`, { headers })
  if (!response.ok) throw new Error(`reading the idea answered ${response.status}`)
  return ((await response.json()) as { title: string }).title
}
