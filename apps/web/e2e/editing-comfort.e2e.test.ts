import path from 'node:path'
import { startTcpProxy, type TcpProxy } from '@tandem/server/test/tcp-proxy'
import type { Idea } from '@tandem/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHONE, SCREENSHOT_DIR, startE2E, type Account, type E2E } from './harness.ts'

/**
 * Editing comfort in Chromium against the real server: the connection and save state stay in view while the document
 * scrolls, a co-author's name label covers nothing at rest, every text block reads in its own direction, and a
 * co-author whose network silently dies leaves everyone's presence within 30 s.
 */
let e2e: E2E
const slug = 'sub-saharan-africa'
let amina: Account
let jonas: Account

beforeAll(async () => {
  e2e = await startE2E()
  const networks = await e2e.apiAs<Array<{ slug: string }>>(null, 'GET', '/networks')
  if (!networks.some((n) => n.slug === slug)) await e2e.apiAs(e2e.admin, 'POST', '/networks', { slug, name: 'Sub-Saharan Africa', region: 'Africa' })
  ;[amina, jonas] = await Promise.all([e2e.createAccount('Amina Diallo'), e2e.createAccount('Jonas Weber')])
  await e2e.addMember(slug, amina, 'member')
  await e2e.addMember(slug, jonas, 'member')
})

afterAll(async () => {
  await e2e?.close()
})

const ideaUrl = (idea: Idea) => `/networks/${slug}/ideas/${idea.id}`
const editorOf = (page: Page) => page.locator('#idea-editor-content')

async function openIdea(context: BrowserContext, idea: Idea): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(ideaUrl(idea))
  await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 })
  await page.locator('#idea-editor-content[contenteditable="true"]').waitFor({ timeout: 20_000 })
  await editorOf(page).getByText('11. Local ownership').waitFor({ timeout: 20_000 })
  // Opened from a link, the editor comes first on its own (quick-open.ts) and the page then takes it over, giving it
  // its own accessible name: a click before that can be lost (the editor's update puts back its earlier selection).
  await page.locator('.quick-open').waitFor({ state: 'detached', timeout: 20_000 })
  await page.locator(`#idea-editor-content[aria-label="Document: ${idea.title}"]`).waitFor({ timeout: 20_000 })
  return page
}

/** Puts the caret at the end of the first paragraph under the section heading that starts with `heading`. */
async function clickUnder(page: Page, heading: string) {
  await clickInto(page, editorOf(page).locator(`h2:has-text("${heading}") + p`))
}

/**
 * Clicks into a block and puts the caret at its end (or start), once the editor has taken the click in. Chrome runs key events
 * before a pending selectionchange, and the editor reads a click from that: keys sent at once (no person types within
 * milliseconds of a click) would act where the caret was before.
 */
async function clickInto(page: Page, block: ReturnType<Page['locator']>, key: 'End' | 'Home' = 'End') {
  await block.click()
  await page.waitForFunction(() => {
    const editor = (document.querySelector('#idea-editor-content') as HTMLElement & { editor?: { state: { selection: { from: number } } } }).editor
    const selection = document.getSelection()
    return !!editor && !!selection?.anchorNode && editor.state.selection.from > 1 && selection.anchorNode.isConnected
  })
  await page.keyboard.press(key)
}

/** Whether the element's whole box is inside the window. */
function inView(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((element) => {
    const box = element.getBoundingClientRect()
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight
  })
}

describe('the connection and save state', () => {
  it('stay in view with the toolbar while the document scrolls, on a desktop and on a phone', async () => {
    const idea = await e2e.createIdea(slug, 'A long proposal for Kisumu', amina)
    for (const [name, options] of [
      ['desktop', { viewport: { width: 1280, height: 720 } }],
      ['phone', { ...PHONE, viewport: { width: 390, height: 844 } }],
    ] as const) {
      const context = await e2e.newContext({ ...options, account: amina, locale: 'en-GB' })
      const page = await openIdea(context, idea)
      if (name === 'desktop') {
        // Long enough to scroll well past the top of the page.
        await clickUnder(page, '2. Context')
        for (let i = 0; i < 40; i++) await page.keyboard.press('Enter')
        await page.keyboard.type('The end of a long section.')
        await page.locator('[data-save="saved"]').waitFor({ timeout: 10_000 })
      }
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1_000)
      expect(await inView(page, '[data-connection="live"]'), `${name}: the connection state`).toBe(true)
      expect(await inView(page, '[data-save="saved"]'), `${name}: the save state`).toBe(true)
      expect(await inView(page, '.editor-toolbar'), `${name}: the toolbar`).toBe(true)
      // Typing at the bottom updates it where it is seen.
      await clickInto(page, editorOf(page).locator('p', { hasText: 'The end of a long section.' }))
      await page.keyboard.type(' More.')
      await page.locator('[data-save="saved"]').waitFor({ timeout: 10_000 })
      expect(await inView(page, '[data-save="saved"]')).toBe(true)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow, `${name}: no sideways scrolling`).toBeLessThanOrEqual(0)
      // The window as the person sees it, scrolled (the harness's screenshots are of the whole page).
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `editor-status-scrolled-${name}.png`) })
      await context.close()
    }
  })
})

describe('a co-author’s caret', () => {
  it('shows their name for a moment after it moves and on hover, and otherwise covers nothing of the line above', async () => {
    const idea = await e2e.createIdea(slug, 'Carets over Kumasi', amina)
    const contextA = await e2e.newContext({ account: amina, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    const contextB = await e2e.newContext({ account: jonas, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    const pageA = await openIdea(contextA, idea)
    const pageB = await openIdea(contextB, idea)
    // Two lines in section 3; Jonas's caret goes to the start of the second one, under Amina's first.
    await clickUnder(pageA, '3. Objectives')
    await pageA.keyboard.type('The first line of the objectives, written by Amina.')
    await pageA.keyboard.press('Enter')
    await pageA.keyboard.type('Second line.')
    const second = editorOf(pageB).locator('p', { hasText: 'Second line.' })
    await second.waitFor({ timeout: 5_000 })
    // Amina's timers are on a clock the test moves: the label's few seconds pass without waiting for them.
    await pageA.clock.install()
    await clickInto(pageB, second, 'Home')
    await pageB.keyboard.type('Jonas: ')

    const caret = pageA.locator('.collaboration-carets__caret', { has: pageA.locator('.collaboration-carets__label', { hasText: 'Jonas Weber' }) })
    const label = caret.locator('.collaboration-carets__label')
    await label.waitFor({ state: 'visible', timeout: 5_000 })
    await shootAround(pageA, caret, 'editor-caret-label-after-move')
    await pageA.clock.runFor(3_100)
    await label.waitFor({ state: 'hidden', timeout: 2_000 })

    // At rest nothing of the caret reaches into the line above: its box stays within its own line.
    const geometry = await caret.evaluate((element) => {
      const firstLine = [...document.querySelectorAll('#idea-editor-content p')].find((p) => p.textContent?.includes('The first line'))!
      const range = document.createRange()
      range.selectNodeContents(firstLine)
      const flag = getComputedStyle(element, '::before')
      return {
        aboveBottom: range.getBoundingClientRect().bottom,
        caretTop: element.getBoundingClientRect().top,
        flagTop: element.getBoundingClientRect().top + parseFloat(flag.top),
      }
    })
    expect(geometry.flagTop).toBeGreaterThanOrEqual(geometry.aboveBottom)
    await shootAround(pageA, caret, 'editor-caret-at-rest')

    // Pointing at the flag shows the name.
    await caret.waitFor({ state: 'visible', timeout: 2_000 })
    const box = (await caret.boundingBox())!
    await pageA.mouse.move(box.x + 1, box.y - 2)
    await label.waitFor({ state: 'visible', timeout: 2_000 })
    await pageA.mouse.move(0, 0)
    await label.waitFor({ state: 'hidden', timeout: 2_000 })

    // Moving again (within the same line: the caret keeps its element) shows it again.
    await pageB.keyboard.type('x')
    await label.waitFor({ state: 'visible', timeout: 5_000 })
    await contextA.close()
    await contextB.close()
  })
})

describe('text direction', () => {
  it('reads each text block in its own direction, through typing, splitting and a change of block type', async () => {
    const idea = await e2e.createIdea(slug, 'Water for Nouakchott', amina)
    const context = await e2e.newContext({ account: amina, locale: 'en-GB' })
    const page = await openIdea(context, idea)
    await clickUnder(page, '2. Context')
    await page.keyboard.type('English first.')
    await page.keyboard.press('Enter')
    await page.keyboard.type('مياه نظيفة للجميع')
    await page.keyboard.press('Enter')
    await page.keyboard.type('عنوان عربي')
    await page.getByRole('button', { name: 'Heading 3' }).click()
    const blocks = await editorOf(page).evaluate((root) =>
      [...root.querySelectorAll('p, h1, h2, h3, pre')].map((block) => ({
        text: block.textContent ?? '',
        dir: block.getAttribute('dir'),
        direction: getComputedStyle(block).direction,
      })),
    )
    expect(blocks.filter((block) => block.dir !== 'auto')).toEqual([])
    expect(blocks.find((block) => block.text === 'English first.')?.direction).toBe('ltr')
    expect(blocks.find((block) => block.text === 'مياه نظيفة للجميع')?.direction).toBe('rtl')
    expect(await editorOf(page).locator('h3', { hasText: 'عنوان عربي' }).evaluate((h) => getComputedStyle(h).direction)).toBe('rtl')
    await context.close()
  })
})

describe('a co-author whose network silently dies', () => {
  let proxy: TcpProxy | null = null
  afterAll(async () => {
    await proxy?.close()
  })

  it('leaves the others’ presence and document within 30 s', async () => {
    const idea = await e2e.createIdea(slug, 'Presence in Dakar', amina)
    // Amina's browser reaches the server through a proxy that can silence her connection: no FIN, no RST.
    proxy = await startTcpProxy(Number(new URL(e2e.baseUrl).port))
    const far = await e2e.newContext({ account: amina, locale: 'en-GB', baseURL: `http://127.0.0.1:${proxy.port}` })
    const near = await e2e.newContext({ account: jonas, locale: 'en-GB' })
    const pageA = await openIdea(far, idea)
    const pageB = await openIdea(near, idea)
    await clickUnder(pageA, '2. Context')
    await pageA.keyboard.type('Amina was here.')
    const presence = pageB.getByRole('list', { name: /in this document/i })
    await expect.poll(() => presence.getByRole('listitem').count(), { timeout: 5_000 }).toBe(2)
    await pageB.locator('.collaboration-carets__caret[data-user-id]').first().waitFor({ state: 'attached', timeout: 5_000 })

    const cutAt = Date.now()
    proxy.silence()
    // The server's own timings (pinged every 10 s, silent after 5 s): gone within 17 s, and never 30.
    await expect.poll(() => presence.getByRole('listitem').count(), { timeout: 30_000, interval: 250 }).toBe(1)
    const goneAfter = Date.now() - cutAt
    expect(goneAfter).toBeLessThan(20_000)
    expect(await pageB.locator('.collaboration-carets__caret').count()).toBe(0)
    await far.close()
    await near.close()
  })
})

/** A screenshot of the window around an element (the lines above and below it), to look at. */
async function shootAround(page: Page, element: ReturnType<Page['locator']>, name: string) {
  const box = (await element.boundingBox())!
  const clip = { x: Math.max(0, box.x - 240), y: Math.max(0, box.y - 70), width: 480, height: 140 }
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), clip })
}
