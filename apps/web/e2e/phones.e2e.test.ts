import type { Idea } from '@tandem/shared'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHONE_390, SCREENSHOT_DIR, startE2E, type Account, type E2E } from './harness.ts'

/**
 * Tandem on a 390 × 844 touch phone, as a person on one uses it: the editor's toolbar keeps one row and shows the rest
 * under "More tools" (which work, by touch and by keyboard); the idea's status, cluster and goals open from a button
 * on the first screen, in a sheet that keeps the focus; a network's first idea is on the first screen with the demo
 * content, in every language. English and Arabic, axe-core on each screen. On a wide screen all stays as it was.
 */
let e2e: E2E
let amina: Account
const slug = 'sub-saharan-africa'
const DEMO_NETWORKS = ['sub-saharan-africa', 'middle-east-north-africa', 'latin-america']
const LOCALES = ['en-GB', 'fr', 'es', 'ar', 'pt', 'de']
const { width: WIDTH, height: HEIGHT } = PHONE_390.viewport!
/** The formatting tools (data-tool), in toolbar order. */
const ALL_TOOLS = ['undo', 'redo', 'h1', 'h2', 'h3', 'bold', 'italic', 'bullet', 'ordered', 'task', 'link', 'table', 'addRow', 'addColumn', 'deleteRow', 'deleteColumn', 'deleteTable']
const contexts: BrowserContext[] = []

beforeAll(async () => {
  e2e = await startE2E()
  amina = await e2e.createAccount('Amina Diallo', { city: 'Dakar', country: 'Senegal' })
  await e2e.addMember(slug, amina, 'member')
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await e2e?.close()
})

/** A message from the app's own catalogue, so the Arabic run asks for what an Arabic reader sees. */
function message(locale: string, namespace: 'common' | 'editor', key: string, values: Record<string, string> = {}): string {
  const language = locale.slice(0, 2)
  const catalogue = JSON.parse(readFileSync(new URL(`../src/i18n/locales/${language}/${namespace}.json`, import.meta.url), 'utf8'))
  const text = key.split('.').reduce((node, part) => node[part], catalogue) as unknown as string
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '')
}

async function open(options: Parameters<E2E['newContext']>[0]): Promise<Page> {
  const context = await e2e.newContext(options)
  contexts.push(context)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  return page
}

async function openIdea(page: Page, idea: Idea) {
  await page.goto(`/networks/${slug}/ideas/${idea.id}`)
  await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 })
  await page.locator('#idea-editor-content[contenteditable="true"]').waitFor({ timeout: 20_000 })
  await page.locator('#idea-editor-content h2').last().waitFor({ timeout: 20_000 })
}

/** What the phone's screen shows (not the whole page): the first screen is what is tested here. */
async function shootScreen(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
}

/** Whether the whole box is on the screen as it is now (nothing scrolled). */
function onFirstScreen(box: { x: number; y: number; width: number; height: number } | null): boolean {
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= WIDTH && box.y + box.height <= HEIGHT
}

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement)
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
const ideaOf = (idea: Idea) => e2e.apiAs<Idea>(amina, 'GET', `/networks/${slug}/ideas/${idea.id}`)

describe('the editor toolbar on a phone', () => {
  let page: Page

  beforeAll(async () => {
    const idea = await e2e.createIdea(slug, 'Rainwater harvesting in Thiès', amina)
    page = await open({ ...PHONE_390, account: amina, locale: 'en-GB' })
    await openIdea(page, idea)
  })

  const toolbar = () => page.getByRole('toolbar', { name: 'Formatting' })
  const more = () => toolbar().getByRole('button', { name: 'More tools' })
  const menu = () => page.getByRole('menu', { name: 'More tools' })
  const editor = () => page.locator('#idea-editor-content')
  /** The empty paragraph the template puts under a section's heading. */
  const paragraphUnder = (heading: string) => editor().locator('h2', { hasText: heading }).locator('xpath=following-sibling::*[1]')

  it('keeps one row that fits the screen and shows that more tools exist', async () => {
    expect(await more().isVisible()).toBe(true)
    expect(await more().getAttribute('aria-haspopup')).toBe('menu')
    expect(await more().getAttribute('aria-expanded')).toBe('false')
    expect(onFirstScreen(await more().boundingBox())).toBe(true)
    // Nothing scrolls sideways, in the row or in the page.
    expect(await toolbar().evaluate((row) => row.scrollWidth - row.clientWidth)).toBeLessThanOrEqual(0)
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0)
    // Every tool is in the row or in the menu, once; the row keeps the everyday ones.
    const inRow = await toolbar().locator(':scope > [data-tool]').evaluateAll((tools) => tools.map((tool) => (tool as HTMLElement).dataset.tool!))
    const inMenu = await page.locator('[role="menu"] [data-menu-tool]').evaluateAll((tools) => tools.map((tool) => (tool as HTMLElement).dataset.menuTool!))
    expect([...inRow, ...inMenu].sort()).toEqual([...ALL_TOOLS].sort())
    expect(inRow).toEqual(expect.arrayContaining(['undo', 'bold', 'italic', 'bullet']))
    expect(inMenu).toEqual(expect.arrayContaining(['h3', 'ordered', 'table']))
    for (const tool of await toolbar().locator(':scope > [data-tool], [data-more] > button').all()) {
      expect(onFirstScreen(await tool.boundingBox())).toBe(true)
      expect((await tool.boundingBox())!.height).toBeGreaterThanOrEqual(44)
    }
  })

  it('applies a numbered list from the menu by touch, and the focus stays in the document', async () => {
    await paragraphUnder('3. Objectives').tap()
    await page.keyboard.type('Fewer flooded streets')
    await more().tap()
    expect(await more().getAttribute('aria-expanded')).toBe('true')
    await menu().waitFor()
    expect(onFirstScreen(await menu().boundingBox())).toBe(true)
    // Opened by touch, the caret (and a phone's keyboard) stay in the document.
    expect(await editor().evaluate((element) => element.contains(document.activeElement))).toBe(true)
    await shootScreen(page, 'phone-390-toolbar-menu-en')
    await e2e.expectNoSeriousAxeViolations(page, 'idea editor with the More tools menu open (phone)')

    await menu().getByRole('menuitemcheckbox', { name: 'Numbered list' }).tap()
    await editor().locator('ol li', { hasText: 'Fewer flooded streets' }).waitFor({ timeout: 2_000 })
    expect(await menu().isVisible()).toBe(false)
    expect(await more().getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.type(' by 2028')
    await editor().locator('ol li', { hasText: 'Fewer flooded streets by 2028' }).waitFor({ timeout: 2_000 })
  })

  it('works by keyboard: arrows, Home, a first letter, Escape back to the button, Enter applies', async () => {
    await paragraphUnder('4. Target groups').tap()
    await page.keyboard.type('Households in Thiès')
    // The toolbar is one tab stop before the document; End reaches More tools.
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('End')
    expect(await isFocused(more())).toBe(true)
    // Shut, the menu is hidden (and out of the accessibility tree): its items are read from the page.
    const items = page.locator('[role="menu"] [data-menu-tool]')
    const focusedItem = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.menuTool ?? null)
    const firstTool = await items.first().getAttribute('data-menu-tool')
    const lastTool = await items.last().getAttribute('data-menu-tool')

    await page.keyboard.press('Enter')
    await menu().waitFor()
    await expect.poll(focusedItem).toBe(firstTool)
    await page.keyboard.press('Escape')
    expect(await menu().isVisible()).toBe(false)
    expect(await more().getAttribute('aria-expanded')).toBe('false')
    expect(await isFocused(more())).toBe(true)

    await page.keyboard.press('ArrowUp')
    await expect.poll(focusedItem).toBe(lastTool)
    await page.keyboard.press('ArrowDown')
    expect(await focusedItem()).toBe(firstTool)
    await page.keyboard.press('End')
    expect(await focusedItem()).toBe(lastTool)
    await page.keyboard.press('Home')
    expect(await focusedItem()).toBe(firstTool)
    // "n" jumps to Numbered list; ↑ ↓ stay inside the menu (the toolbar's own arrows do not move).
    await page.keyboard.press('n')
    expect(await focusedItem()).toBe('ordered')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowDown')
    expect(await focusedItem()).toBe('ordered')
    await page.keyboard.press('Escape')
    expect(await isFocused(more())).toBe(true)

    // Heading 3, by keyboard, on the paragraph the caret was in.
    await page.keyboard.press('ArrowDown')
    await menu().waitFor()
    while ((await focusedItem()) !== 'h3') await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await editor().locator('h3', { hasText: 'Households in Thiès' }).waitFor({ timeout: 2_000 })
    expect(await menu().isVisible()).toBe(false)
    // Applied, the focus is back in the document, ready to type.
    await expect.poll(() => editor().evaluate((element) => element.contains(document.activeElement))).toBe(true)
  })
})

describe('the idea’s details on a phone', () => {
  for (const locale of ['en-GB', 'ar']) {
    it(`opens status, cluster and goals from a button on the first screen (${locale})`, async () => {
      const idea = await e2e.createIdea(slug, locale === 'ar' ? 'حصاد مياه الأمطار في تييس' : 'Rainwater for Thiès schools', amina)
      await e2e.apiAs(amina, 'PATCH', `/networks/${slug}/ideas/${idea.id}`, { cluster: 'municipal-services', sdgs: [6] })
      const page = await open({ ...PHONE_390, account: amina, locale })
      await openIdea(page, idea)
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr')
      // Below the document (which runs on past the first screen) they would be out of reach; no panel is down there.
      const documentBox = await page.locator('.idea-editor').boundingBox()
      expect(documentBox!.y + documentBox!.height).toBeGreaterThan(HEIGHT)
      expect(await page.locator('.idea-aside').count()).toBe(0)

      const button = page.getByRole('button', { name: message(locale, 'editor', 'details.open') })
      expect(await page.evaluate(() => window.scrollY)).toBe(0)
      expect(onFirstScreen(await button.boundingBox())).toBe(true)
      expect(await button.getAttribute('aria-haspopup')).toBe('dialog')
      await shootScreen(page, `phone-390-idea-${locale.slice(0, 2)}`)

      await button.tap()
      const sheet = page.getByRole('dialog', { name: message(locale, 'editor', 'meta.heading') })
      await sheet.waitFor()
      const close = sheet.getByRole('button', { name: message(locale, 'editor', 'details.close') })
      expect(await isFocused(close)).toBe(true)
      // Status, cluster and goals are on the sheet's first screen.
      const status = sheet.locator('[data-status]')
      const cluster = sheet.getByRole('combobox', { name: message(locale, 'editor', 'meta.cluster') })
      const goals = sheet.locator('.sdg-picker > summary')
      for (const field of [status, cluster, goals]) expect(onFirstScreen(await field.boundingBox())).toBe(true)
      expect(await status.getAttribute('data-status')).toBe('idea')
      expect(await goals.innerText()).toContain(message(locale, 'editor', 'meta.sdgShort', { n: '6' }))
      await shootScreen(page, `phone-390-idea-details-${locale.slice(0, 2)}`)
      await e2e.expectNoSeriousAxeViolations(page, `the idea's details sheet (phone, ${locale})`)

      // They work from here: a move along the lifecycle, another cluster, one more goal.
      const toDraft = message(locale, 'editor', 'move.forward', { status: message(locale, 'editor', 'status.draft') })
      await sheet.getByRole('button', { name: toDraft }).tap()
      await expect.poll(async () => (await ideaOf(idea)).status).toBe('draft')
      await expect.poll(() => status.getAttribute('data-status')).toBe('draft')
      await cluster.selectOption('good-urban-governance')
      await expect.poll(async () => (await ideaOf(idea)).cluster).toBe('good-urban-governance')
      await goals.tap()
      await sheet.getByRole('checkbox', { name: message(locale, 'editor', 'sdg.13') }).tap()
      await expect.poll(async () => (await ideaOf(idea)).sdgs).toEqual([6, 13])

      // The page behind is out of reach: Tab and Shift+Tab go round inside the sheet.
      const insideSheet = () => sheet.evaluate((element) => element.contains(document.activeElement) && document.activeElement !== element)
      for (const key of ['Tab', 'Shift+Tab']) {
        for (let i = 0; i < 30; i++) {
          await page.keyboard.press(key)
          expect(await insideSheet(), `${key} × ${i + 1} left the sheet`).toBe(true)
        }
      }

      // Escape shuts it and the focus is back on the button; so does Close.
      await page.keyboard.press('Escape')
      await sheet.waitFor({ state: 'hidden' })
      expect(await isFocused(button)).toBe(true)
      await button.tap()
      await sheet.waitFor()
      await close.tap()
      await sheet.waitFor({ state: 'hidden' })
      expect(await isFocused(button)).toBe(true)
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0)
      await e2e.expectNoSeriousAxeViolations(page, `idea editor (phone, ${locale})`)
    })
  }
})

describe('a network page on a phone', () => {
  it('shows its first idea on the first screen, with the demo content, in every language', async () => {
    for (const network of DEMO_NETWORKS) {
      expect((await e2e.apiAs<Idea[]>(e2e.admin, 'GET', `/networks/${network}/ideas`)).length, `demo ideas in ${network}`).toBeGreaterThan(0)
    }
    // The admin sees the most above the ideas (role, Manage network, New idea, who is online); a member a little less.
    for (const locale of LOCALES) {
      const page = await open({ ...PHONE_390, account: e2e.admin, locale })
      for (const network of DEMO_NETWORKS) {
        await page.goto(`/networks/${network}`)
        const first = page.locator('.idea-card').first()
        await first.waitFor()
        expect(await page.evaluate(() => window.scrollY)).toBe(0)
        const box = await first.boundingBox()
        expect(onFirstScreen(box), `${network} (${locale}): the first idea is at ${JSON.stringify(box)}`).toBe(true)
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0)
        if (network === slug && ['en-GB', 'ar'].includes(locale)) {
          await shootScreen(page, `phone-390-network-${locale.slice(0, 2)}`)
          await e2e.expectNoSeriousAxeViolations(page, `network home (phone, ${locale})`)
        }
      }
      await page.context().close()
    }
    const member = await open({ ...PHONE_390, account: amina, locale: 'en-GB' })
    await member.goto(`/networks/${slug}?view=list`)
    await member.locator('.idea-card').first().waitFor()
    expect(onFirstScreen(await member.locator('.idea-card').first().boundingBox())).toBe(true)
  })

  it('folds the filters behind a button that counts the filters in use', async () => {
    const page = await open({ ...PHONE_390, account: e2e.admin, locale: 'en-GB' })
    await page.goto(`/networks/${slug}`)
    await page.locator('.idea-card').first().waitFor()
    const toggle = page.getByRole('button', { name: /^Filters/ })
    const clusterFilter = page.getByLabel('Theme cluster')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await clusterFilter.isVisible()).toBe(false)

    await toggle.tap()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await clusterFilter.selectOption('municipal-services')
    await page.waitForURL(/cluster=municipal-services/)
    await page.getByRole('link', { name: 'Solar-powered water kiosks for informal settlements' }).waitFor()
    expect(await toggle.locator('.count-pill').innerText()).toContain('1')
    expect(await page.getByRole('button', { name: 'Filters Filters in use: 1' }).count()).toBe(1)
    await shootScreen(page, 'phone-390-network-filters-en')
    await e2e.expectNoSeriousAxeViolations(page, 'network home with the filters open (phone)')

    // Folded again, and after a reload, the button still says a filter is on.
    await toggle.tap()
    expect(await clusterFilter.isVisible()).toBe(false)
    await page.reload()
    await page.locator('.idea-card').first().waitFor()
    expect(await page.getByRole('button', { name: 'Filters Filters in use: 1' }).getAttribute('aria-expanded')).toBe('false')
  })
})

describe('on a wide screen', () => {
  it('keeps every tool in the bar, the details beside the document and the filters open', async () => {
    const idea = await e2e.createIdea(slug, 'Rainwater for Thiès markets', amina)
    const page = await open({ account: amina, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    await openIdea(page, idea)
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' })
    expect(await toolbar.locator(':scope > [data-tool]').evaluateAll((tools) => tools.map((tool) => (tool as HTMLElement).dataset.tool))).toEqual(ALL_TOOLS)
    expect(await page.getByRole('button', { name: 'More tools' }).count()).toBe(0)
    expect(await page.locator('.idea-aside [data-status="idea"]').isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Status and details' }).count()).toBe(0)

    await page.goto(`/networks/${slug}`)
    await page.locator('.idea-card').first().waitFor()
    expect(await page.getByLabel('Theme cluster').isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: /^Filters/ }).count()).toBe(0)
  })
})
