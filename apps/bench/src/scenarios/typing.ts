import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { proposalTemplateJson, replaceYDocContent } from '@tandem/editor'
import type { Browser, CDPSession, Page } from 'playwright-core'
import * as Y from 'yjs'
import { connectFull } from '../clients/provider.ts'
import { sleep } from '../clients/schedule.ts'
import { REPO_ROOT } from '../servers/launch.ts'
import type { RunningServer } from '../servers/types.ts'
import { CHROMIUM, launchChromium } from './browser-open.ts'

/** A document as ProseMirror JSON (TipTap's JSONContent, as @tandem/editor takes it). */
type JSONContent = ReturnType<typeof proposalTemplateJson>

/**
 * Scenario 8: a person types into an idea in Chromium, once into a normal one (the concept-note template with a few
 * paragraphs) and once into one of 1 MB (a long report pasted into section 2). Each keystroke is timed in the page
 * from the keydown event's timestamp to the frame after it (a requestAnimationFrame callback, then a message posted
 * from it, which runs once that frame is painted): the time a typed letter takes to appear. Keystrokes come one at a
 * time at a typist's pace (8 a second), in alternating blocks on the two ideas, so a burst of load on the shared
 * machine falls on both alike.
 */
export interface TypingOptions {
  /** Measured keystrokes per idea (after WARMUP_KEYS not measured). */
  keystrokes: number
  /** Bytes of text in the large idea. */
  largeBytes: number
  /** Where to write a .cpuprofile of the browser typing into the large idea (bench --cpu-prof), or null. */
  profileDir: string | null
}

export interface TypingResult {
  /** ms from keydown to the next painted frame, per keystroke. */
  baseline: number[]
  large: number[]
  /** Characters of text and top-level blocks of each document. */
  baselineChars: number
  largeChars: number
  largeBlocks: number
  /** Bytes of the large document's Yjs state. */
  largeStateBytes: number
  /** ms until the large idea was open and editable in the browser. */
  largeOpenMs: number
  profile?: string
}

export const WARMUP_KEYS = 10
const BLOCKS = 4
/** A keystroke every 125 ms at most: a fast typist. */
const PACE_MS = 125
const VIEWPORT = { width: 1280, height: 900 }

export async function runTyping(server: RunningServer, options: TypingOptions): Promise<TypingResult> {
  const ideas = await prepareTypingIdeas(server, options.largeBytes)
  const browser = await launchChromium()
  try {
    const baseline = await openForTyping(browser, server, ideas.baseline.room, ideas.baseline.marker)
    const largeOpenedAt = performance.now()
    const large = await openForTyping(browser, server, ideas.large.room, ideas.large.marker)
    const largeOpenMs = performance.now() - largeOpenedAt
    const result: TypingResult = {
      baseline: [],
      large: [],
      baselineChars: ideas.baseline.chars,
      largeChars: ideas.large.chars,
      largeBlocks: ideas.large.blocks,
      largeStateBytes: ideas.large.stateBytes,
      largeOpenMs,
    }
    for (const page of [baseline, large]) await typeKeys(page, WARMUP_KEYS)
    const perBlock = Math.ceil(options.keystrokes / BLOCKS)
    let profiler: CDPSession | null = null
    if (options.profileDir) {
      profiler = await large.context().newCDPSession(large)
      await profiler.send('Profiler.enable')
      await profiler.send('Profiler.setSamplingInterval', { interval: 100 })
      await profiler.send('Profiler.start')
    }
    for (let block = 0; block < BLOCKS; block++) {
      result.baseline.push(...(await typeKeys(baseline, perBlock)))
      result.large.push(...(await typeKeys(large, perBlock)))
    }
    if (profiler && options.profileDir) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown }
      mkdirSync(options.profileDir, { recursive: true })
      result.profile = path.join(options.profileDir, 'typing-1mb-browser.cpuprofile')
      writeFileSync(result.profile, JSON.stringify(profile))
    }
    return result
  } finally {
    await browser.close()
  }
}

export interface TypingIdea {
  room: string
  /** Text of the paragraph the bench types at the end of. */
  marker: string
  chars: number
  blocks: number
  stateBytes: number
}

/** Creates the two ideas and writes their documents: a normal one and one of `largeBytes` of text. */
export async function prepareTypingIdeas(server: RunningServer, largeBytes: number): Promise<{ baseline: TypingIdea; large: TypingIdea }> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`)
  if (!existsSync(path.join(REPO_ROOT, 'apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: npm run build -w @tandem/web')
  const normal = normalIdea()
  const report = longReportIdea(largeBytes)
  const baselineRoom = await server.createRoom(8_000)
  const largeRoom = await server.createRoom(8_001)
  return {
    baseline: { room: baselineRoom, marker: normal.marker, chars: normal.chars, blocks: normal.json.content!.length, stateBytes: await seed(server, baselineRoom, normal.json) },
    large: { room: largeRoom, marker: report.marker, chars: report.chars, blocks: report.blocks, stateBytes: await seed(server, largeRoom, report.json) },
  }
}

/** Writes the document into the idea's room through a provider, and waits until another client receives it whole. */
async function seed(server: RunningServer, room: string, json: JSONContent): Promise<number> {
  const common = { dialect: server.kind.dialect, wsBase: server.wsBase, room, headers: server.headers }
  const writer = connectFull(common)
  try {
    await writer.ready
    replaceYDocContent(writer.doc, json)
    const clock = Y.getState(writer.doc.store, writer.doc.clientID)
    const reader = connectFull(common)
    try {
      const deadline = Date.now() + 60_000
      await reader.ready
      while (Y.getState(reader.doc.store, writer.doc.clientID) < clock) {
        if (Date.now() > deadline) throw new Error('the seeded document did not reach a second client within 60 s')
        await sleep(50)
      }
      return Y.encodeStateAsUpdate(reader.doc).byteLength
    } finally {
      reader.destroy()
    }
  } finally {
    writer.destroy()
  }
}

/** Opens the idea in a new browser context, puts the caret at the end of the marker paragraph and times keystrokes. */
export async function openForTyping(browser: Browser, server: RunningServer, room: string, marker: string): Promise<Page> {
  const base = `http://127.0.0.1:${server.port}`
  const cookie = server.headers.cookie
  if (!cookie) throw new Error('the server gave the bench no session cookie')
  const [name, value] = cookie.split('=') as [string, string]
  const context = await browser.newContext({ baseURL: base, viewport: VIEWPORT })
  await context.addCookies([{ name, value, url: base }])
  const page = await context.newPage()
  const [slug, id] = room.split('/') as [string, string]
  await page.goto(`/networks/${slug}/ideas/${id}`)
  await page.locator('[data-connection="live"]').waitFor({ timeout: 120_000 })
  await page.locator('#idea-editor-content[contenteditable="true"]').waitFor({ timeout: 120_000 })
  const paragraph = page.locator('#idea-editor-content p', { hasText: marker }).first()
  await paragraph.waitFor({ timeout: 120_000 })
  // The idea page takes over the editor the link opened first (quick-open.ts): a click before that can be lost.
  await page.locator('.quick-open').waitFor({ state: 'detached', timeout: 120_000 })
  await paragraph.click()
  // The editor reads the click at the next selectionchange, which Chrome runs after pending key events.
  await page.waitForFunction(CLICK_TAKEN, marker, { timeout: 30_000 })
  await page.keyboard.press('End')
  // Installed through the DevTools protocol, so the page's CSP does not apply.
  await page.evaluate(INSTRUMENT)
  return page
}

/** In the page: whether the editor's selection is in the paragraph holding `marker` (TipTap puts the editor on its element). */
const CLICK_TAKEN = `(marker) => {
  const editor = document.querySelector('#idea-editor-content')?.editor
  return !!editor && editor.state.selection.$from.parent.textContent.includes(marker)
}`

/**
 * In the page: each keydown's time to the frame after it. The frame's requestAnimationFrame callback runs before it
 * is painted; a message posted from it arrives once it is. (Runs in the browser: a string, as the bench has no DOM
 * typings.)
 */
const INSTRUMENT = `(() => {
  const samples = []
  globalThis.typingSamples = samples
  document.addEventListener('keydown', (event) => {
    const start = event.timeStamp
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => samples.push(performance.now() - start)
      channel.port2.postMessage(null)
    })
  }, true)
})()`

/** Types `count` letters one by one at a typist's pace; returns each one's time to the next painted frame. */
export async function typeKeys(page: Page, count: number): Promise<number[]> {
  await page.bringToFront()
  const read = () => page.evaluate(() => (globalThis as unknown as { typingSamples: number[] }).typingSamples.length)
  const before = await read()
  const letters = 'the quick brown fox jumps over the lazy dog '
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await page.keyboard.type(letters[i % letters.length]!)
    await page.waitForFunction((n) => (globalThis as unknown as { typingSamples: number[] }).typingSamples.length > n, before + i, { polling: 'raf' })
    const left = PACE_MS - (performance.now() - started)
    if (left > 0) await sleep(left)
  }
  return page.evaluate((from) => (globalThis as unknown as { typingSamples: number[] }).typingSamples.slice(from), before)
}

/** The concept-note template with a few paragraphs written into its first sections: an idea as people write them. */
function normalIdea(): { json: JSONContent; chars: number; marker: string } {
  const json = proposalTemplateJson()
  const marker = 'Baseline paragraph where the bench types.'
  const content = json.content!
  const text = [sentence(0, 80), marker, sentence(1, 120), sentence(2, 60)]
  // The empty paragraph under each of the first sections gets a paragraph of text.
  let filled = 0
  for (let i = 0; i < content.length && filled < text.length; i++) {
    if (content[i]!.type === 'paragraph') content[i] = paragraph(text[filled++]!)
  }
  return { json, chars: charsOf(json), marker }
}

/** The template with a long report pasted into section 2: headings, paragraphs and lists adding up to `bytes`. */
function longReportIdea(bytes: number): { json: JSONContent; chars: number; blocks: number; marker: string } {
  const json = proposalTemplateJson()
  const report: JSONContent[] = []
  let size = 0
  let n = 0
  const marker = 'Middle of the report: the bench types here.'
  let markerPlaced = false
  while (size < bytes) {
    let block: JSONContent
    if (n % 15 === 0) block = { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: `${n / 15 + 1}. ${sentence(n, 6)}` }] }
    else if (n % 41 === 0) block = { type: 'bulletList', content: [0, 1, 2, 3].map((k) => ({ type: 'listItem', content: [paragraph(sentence(n + k, 14))] })) }
    else if (!markerPlaced && size >= bytes / 2) {
      block = paragraph(`${sentence(n, 80)} ${marker}`)
      markerPlaced = true
    } else block = paragraph(sentence(n, 60 + (n % 50)))
    report.push(block)
    size += JSON.stringify(block).length - 60
    n++
  }
  const content = json.content!
  const section2 = content.findIndex((node) => node.type === 'heading' && node.content?.[0]?.text?.startsWith('2.'))
  content.splice(section2 + 1, 1, ...report)
  return { json, chars: charsOf(json), blocks: content.length, marker }
}

const WORDS = (
  'the municipality water supply network district residents survey results indicate that informal settlements ' +
  'receive service for fewer than six hours a day while tariffs collected cover about forty percent of operating ' +
  'costs the utility has started a programme of metering and kiosk management with community committees in three ' +
  'wards and the partner city shares its experience with pre paid meters maintenance contracts and complaint desks'
).split(' ')

/** A deterministic sentence of `words` words, varied by `seed`. */
function sentence(seed: number, words: number): string {
  const out: string[] = []
  let x = seed * 7_919 + 17
  for (let i = 0; i < words; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648
    out.push(WORDS[x % WORDS.length]!)
  }
  const text = out.join(' ')
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`
}

function paragraph(text: string): JSONContent {
  return { type: 'paragraph', content: [{ type: 'text', text }] }
}

function charsOf(node: JSONContent): number {
  return (node.text?.length ?? 0) + (node.content ?? []).reduce((sum, child) => sum + charsOf(child), 0)
}
