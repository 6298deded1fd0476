import type { Idea } from '@tandem/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startE2E, type Account, type E2E } from './harness.ts'

/**
 * Editing comfort in Chromium against the real server: every text block reads in its own direction.
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
