import type { Idea } from '@tandem/shared'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, startE2E, type Account, type E2E } from './harness.ts'

/**
 * Two people in two Chromium PROCESSES (as two laptops are) on one new idea, round after round, in the concept note's
 * empty sections: one's caret never moves to another section when the other types into its paragraph, and when both
 * start typing in one empty paragraph at the same time every letter is written once, in its author's order.
 */
let e2e: E2E
let secondBrowser: Browser
const slug = 'sub-saharan-africa'
let amina: Account
let bruno: Account

beforeAll(async () => {
  e2e = await startE2E()
  secondBrowser = await launchChromium()
  const networks = await e2e.apiAs<Array<{ slug: string }>>(null, 'GET', '/networks')
  if (!networks.some((n) => n.slug === slug)) await e2e.apiAs(e2e.admin, 'POST', '/networks', { slug, name: 'Sub-Saharan Africa', region: 'Africa' })
  ;[amina, bruno] = await Promise.all([e2e.createAccount('Amina Diallo'), e2e.createAccount('Bruno Costa')])
  await e2e.addMember(slug, amina, 'member')
  await e2e.addMember(slug, bruno, 'member')
})

afterAll(async () => {
  await secondBrowser?.close().catch(() => undefined)
  await e2e?.close()
})

const editorSelector = '#idea-editor-content'

/** A context in the second browser process, signed in as `account`. */
async function secondProcessContext(account: Account): Promise<BrowserContext> {
  const context = await secondBrowser.newContext({ baseURL: e2e.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
  await context.addCookies([{ name: 'tandem_session', value: account.token, url: e2e.baseUrl }])
  return context
}

async function openIdea(context: BrowserContext, idea: Idea): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`/networks/${slug}/ideas/${idea.id}`)
  await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 })
  await page.locator(`${editorSelector}[contenteditable="true"]`).waitFor({ timeout: 20_000 })
  await page.locator(editorSelector).getByText('11. ').waitFor({ timeout: 20_000 })
  return page
}

/** The empty paragraph the template puts under section `n`'s heading. */
const paragraphUnder = (page: Page, n: number) =>
  page.locator(`${editorSelector} > h2`).filter({ hasText: new RegExp(`^${n}\\. `) }).locator('xpath=following-sibling::*[1]')

/** The text of the block under section `n`, without co-authors' caret labels. */
const textUnder = (page: Page, n: number) =>
  paragraphUnder(page, n).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    return copy.textContent ?? ''
  })

/** The whole document's blocks as this page shows them, without caret labels (for failure messages). */
const documentText = (page: Page) =>
  page.locator(editorSelector).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    return [...copy.children].map((block) => `${block.tagName}: ${block.textContent}`).join('\n')
  })

/** Which section's block holds this page's caret (the number of the nearest h2 before it), or null. */
const caretSection = (page: Page) =>
  page.evaluate((selector) => {
    const node = window.getSelection()?.anchorNode
    const element = node instanceof Element ? node : node?.parentElement
    let block: Element | null | undefined = element?.closest(`${selector} > *`)
    while (block && block.tagName !== 'H2') block = block.previousElementSibling
    const match = block?.textContent?.match(/^(\d+)\. /)
    return match ? Number(match[1]) : null
  }, editorSelector)

describe('co-editing in empty sections, two browser processes', () => {
  let idea: Idea
  let aminaContext: BrowserContext
  let brunoContext: BrowserContext
  let aminaPage: Page
  let brunoPage: Page

  beforeAll(async () => {
    aminaContext = await e2e.newContext({ account: amina, viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    brunoContext = await secondProcessContext(bruno)
  })
  afterAll(async () => {
    await aminaContext?.close()
    await brunoContext?.close()
  })

  async function openNewIdea(title: string) {
    await aminaPage?.close()
    await brunoPage?.close()
    idea = await e2e.createIdea(slug, title, amina)
    ;[aminaPage, brunoPage] = await Promise.all([openIdea(aminaContext, idea), openIdea(brunoContext, idea)])
  }

  it('keeps a waiting co-author’s caret in the section a co-author types into (sections 1–10)', async () => {
    await openNewIdea('Caret rounds')
    let misplaced = 0
    for (let section = 1; section <= 10; section++) {
      // Bruno clicks into the empty paragraph and waits; Amina clicks into the same one and types.
      await paragraphUnder(brunoPage, section).click()
      expect(await caretSection(brunoPage)).toBe(section)
      await paragraphUnder(aminaPage, section).click()
      await aminaPage.keyboard.type(`Hello from Amina ${section}`)
      await expect
        .poll(() => textUnder(brunoPage, section), { timeout: 5_000 })
        .toContain(`Hello from Amina ${section}`)
        .catch(async (error: unknown) => {
          throw new Error(`section ${section}:\n${await documentText(aminaPage)}\n---\n${await documentText(brunoPage)}`, { cause: error })
        })
      if ((await caretSection(brunoPage)) !== section) misplaced++
      await brunoPage.keyboard.type(` Bruno here ${section}`)
      for (const page of [aminaPage, brunoPage]) {
        await expect.poll(() => textUnder(page, section), { timeout: 5_000 }).toContain(`Bruno here ${section}`)
        expect(await textUnder(page, section)).toContain(`Hello from Amina ${section}`)
        expect(await textUnder(page, section + 1), `section ${section + 1} on ${page === aminaPage ? 'Amina' : 'Bruno'}'s screen`).toBe('')
      }
    }
    expect(misplaced).toBe(0)
  })

  it('puts the words where a person clicked right after opening the idea, while the page takes the editor over', async () => {
    idea = await e2e.createIdea(slug, 'Quick clicks', amina)
    const misplaced: string[] = []
    for (let round = 1; round <= 8; round++) {
      const page = await brunoContext.newPage()
      await page.goto(`/networks/${slug}/ideas/${idea.id}`)
      // As soon as it can be typed in: the quick editor, or the page's while it takes it over.
      await page.locator(`${editorSelector}[contenteditable="true"]`).waitFor({ timeout: 20_000 })
      await page.locator(editorSelector).getByText('11. ').waitFor({ timeout: 20_000 })
      const section = ((round - 1) % 10) + 1
      await paragraphUnder(page, section).click()
      await page.keyboard.type(`quick ${round}`)
      await expect.poll(() => page.locator(editorSelector).innerText(), { timeout: 5_000 }).toContain(`quick ${round}`)
      if (!(await textUnder(page, section)).includes(`quick ${round}`)) misplaced.push(`round ${round}:\n${await documentText(page)}`)
      await page.locator('[data-save="saved"]').waitFor({ timeout: 10_000 })
      await page.close()
    }
    expect(misplaced).toEqual([])
  })

  it('writes every letter once when both start typing in one empty paragraph at once (sections 1–10, twice)', async () => {
    const failures: string[] = []
    for (const [round, title] of ['Letters A', 'Letters B'].entries()) {
      await openNewIdea(title)
      for (let section = 1; section <= 10; section++) {
        const aminaWord = ['alpha', 'yankee', 'zulu', 'kilo', 'delta', 'echo', 'hotel', 'lima', 'oscar', 'tango'][section - 1]! + 'xq'
        const brunoWord = ['XRAY', 'BRAVO', 'MIKE', 'SIERRA', 'QUEBEC', 'VICTOR', 'NOVEMBER', 'GOLF', 'INDIA', 'PAPA'][section - 1]! + 'ZW'
        await Promise.all([paragraphUnder(aminaPage, section).click(), paragraphUnder(brunoPage, section).click()])
        // Both at once, key by key, from two processes.
        await Promise.all([aminaPage.keyboard.type(aminaWord, { delay: 15 + round * 20 }), brunoPage.keyboard.type(brunoWord, { delay: 25 })])
        const expectedLength = aminaWord.length + brunoWord.length
        // Both screens agree and hold at least every letter typed (or the wait ends and the texts say what went wrong).
        const deadline = Date.now() + 10_000
        let seen: [string, string] = ['', '']
        do {
          seen = [await textUnder(aminaPage, section), await textUnder(brunoPage, section)]
          if (seen[0] === seen[1] && seen[0].length >= expectedLength) break
          await aminaPage.waitForTimeout(50)
        } while (Date.now() < deadline)
        const text = seen[0]
        if (seen[0] !== seen[1]) failures.push(`round ${round + 1}, section ${section}: the screens differ: ${JSON.stringify(seen)}`)
        const lower = text.replace(/[^a-z]/g, '')
        const upper = text.replace(/[^A-Z]/g, '')
        if (text.length !== expectedLength || lower !== aminaWord || upper !== brunoWord) {
          failures.push(`round ${round + 1}, section ${section}: "${text}"\n${await documentText(aminaPage)}\n---\n${await documentText(brunoPage)}`)
        }
        expect(await textUnder(aminaPage, section + 1)).toBe('')
      }
    }
    expect(failures).toEqual([])
  })
})
