import { readDocx } from '@tandem/server/test/docx-reader'
import type { Idea } from '@tandem/shared'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, SCREENSHOT_DIR, startE2E, type Account, type E2E } from './harness.ts'

/**
 * What every writing tool has, in Chromium against the real server: the idea's "More" menu downloads a .docx made by
 * the server, prints a clean proposal, copies the idea's link (or shows it selected when the clipboard is refused),
 * and lets a facilitator delete the idea after asking, while a co-author who has it open is told.
 */
let e2e: E2E
const slug = 'sub-saharan-africa'
let amina: Account // member
let fatou: Account // facilitator

beforeAll(async () => {
  e2e = await startE2E()
  const networks = await e2e.apiAs<Array<{ slug: string }>>(null, 'GET', '/networks')
  if (!networks.some((n) => n.slug === slug)) await e2e.apiAs(e2e.admin, 'POST', '/networks', { slug, name: 'Sub-Saharan Africa', region: 'Africa' })
  ;[amina, fatou] = await Promise.all([e2e.createAccount('Amina Diallo'), e2e.createAccount('Fatou Facilitator')])
  await e2e.addMember(slug, amina, 'member')
  await e2e.addMember(slug, fatou, 'facilitator')
})

afterAll(async () => {
  await e2e?.close()
})

const ideaUrl = (idea: Idea) => `/networks/${slug}/ideas/${idea.id}`
const editorOf = (page: Page) => page.locator('#idea-editor-content')
const moreButton = (page: Page) => page.getByTestId('idea-actions')

async function openIdea(context: BrowserContext, idea: Idea): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(ideaUrl(idea))
  await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 })
  await editorOf(page).getByText('11. Local ownership').waitFor({ timeout: 20_000 })
  return page
}

async function typeAtEnd(page: Page, text: string) {
  await editorOf(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

describe('download as Word', () => {
  it('downloads the .docx the server made from the document, named after the title', async () => {
    const idea = await e2e.createIdea(slug, 'Green corridors for Kisumu', amina)
    const context = await e2e.newContext({ account: amina, acceptDownloads: true })
    const page = await openIdea(context, idea)
    await typeAtEnd(page, 'Typed just before the download.')
    await page.keyboard.press('Enter')
    await page.keyboard.type('ممرات خضراء للمدارس')
    await page.locator('[data-save="saved"]').waitFor({ timeout: 10_000 })

    await moreButton(page).click()
    expect(await moreButton(page).getAttribute('aria-expanded')).toBe('true')
    await e2e.expectNoSeriousAxeViolations(page, 'idea page with its More menu open')
    await e2e.screenshot(page, 'idea-more-menu')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as Word (.docx)' }).click()])
    expect(download.suggestedFilename()).toBe('Green corridors for Kisumu.docx')
    const file = path.join(SCREENSHOT_DIR, 'idea-export.docx')
    await download.saveAs(file)

    const docx = readDocx(new Uint8Array(readFileSync(file)))
    expect(docx.paragraphs[0]).toMatchObject({ text: 'Green corridors for Kisumu', style: 'Title' })
    const typed = docx.paragraphs.find((p) => p.text === 'Typed just before the download.')
    expect(typed).toBeDefined()
    expect(docx.paragraphs.find((p) => p.text === 'ممرات خضراء للمدارس')?.bidi).toBe(true)
    expect(docx.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toContain('11. Local ownership, validation and sustainability')
    expect(await moreButton(page).getAttribute('aria-expanded')).toBe('false')
    await context.close()
  })
})

describe('print', () => {
  it('prints the title and the document only, with links spelled out and headings kept with their text', async () => {
    const idea = await e2e.createIdea(slug, 'Bus rapid transit for Dakar', amina)
    const writer = await e2e.newContext({ account: amina })
    const coAuthor = await e2e.newContext({ account: fatou })
    const page = await openIdea(writer, idea)
    const other = await openIdea(coAuthor, idea)
    await typeAtEnd(page, 'See the study at https://example.org/brt-study for the figures. ')
    // The co-author's caret is in the page (a caret and its name label), and must not be printed.
    await typeAtEnd(other, 'Fatou was here.')
    await page.locator('.collaboration-carets__caret').first().waitFor({ timeout: 10_000 })

    await page.emulateMedia({ media: 'print' })
    const visible = (selector: string) => page.locator(selector).first().isVisible()
    expect(await visible('.idea-header h1')).toBe(true)
    expect(await visible('#idea-editor-content')).toBe(true)
    for (const hidden of ['.app-header', '.skip-link', '.breadcrumb', '.connection-status', '.presence-list', '[data-testid="idea-actions"]', '.editor-toolbar-wrap', '.idea-aside', '.collaboration-carets__label', '.collaboration-carets__caret']) {
      expect(await page.locator(hidden).count(), `${hidden} is in the page`).toBeGreaterThan(0)
      expect(await visible(hidden), `${hidden} is printed`).toBe(false)
    }
    expect(await page.locator('main button:visible').count()).toBe(0)
    const link = editorOf(page).locator('a[href="https://example.org/brt-study"]')
    expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('" (https://example.org/brt-study)"')
    const heading = editorOf(page).getByRole('heading', { name: '2. Context and problem analysis' })
    expect(await heading.evaluate((h) => getComputedStyle(h).breakAfter)).toBe('avoid')

    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    writeFileSync(path.join(SCREENSHOT_DIR, 'idea-print.pdf'), pdf)

    // Back on screen, everything is there again.
    await page.emulateMedia({ media: 'screen' })
    expect(await visible('[data-testid="idea-actions"]')).toBe(true)
    await writer.close()
    await coAuthor.close()
  })

  it('offers Print in the menu, which opens the browser’s print', async () => {
    const idea = await e2e.createIdea(slug, 'Print from the menu', amina)
    const context = await e2e.newContext({ account: amina })
    const page = await openIdea(context, idea)
    // Headless Chromium shows no print dialog, but a real window.print() still raises the page's beforeprint.
    await page.evaluate(() => {
      const w = window as unknown as { printed: number }
      w.printed = 0
      window.addEventListener('beforeprint', () => void w.printed++)
    })
    await moreButton(page).click()
    await page.getByRole('button', { name: 'Print or save as PDF' }).click()
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    await context.close()
  })
})

describe('copy link', () => {
  it('copies the idea’s address and says so', async () => {
    const idea = await e2e.createIdea(slug, 'Copy my link', amina)
    const context = await e2e.newContext({ account: amina, permissions: ['clipboard-read', 'clipboard-write'] })
    const page = await openIdea(context, idea)
    await moreButton(page).click()
    await page.getByRole('button', { name: 'Copy link' }).click()
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${e2e.baseUrl}${ideaUrl(idea)}`)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('idea-actions')
    await context.close()
  })

  it('shows the address selected when the page may not use the clipboard (plain http on a named host)', async () => {
    const idea = await e2e.createIdea(slug, 'Copy without a clipboard', amina)
    // tandem.test is this machine: a page from it over http is not a secure context, so it has no Clipboard API.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--host-resolver-rules=MAP tandem.test 127.0.0.1'] })
    try {
      const origin = e2e.baseUrl.replace('127.0.0.1', 'tandem.test')
      const context = await browser.newContext({ baseURL: origin })
      await context.addCookies([{ name: 'tandem_session', value: amina.token, url: origin }])
      const page = await openIdea(context, idea)
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false)
      await moreButton(page).click()
      await page.getByRole('button', { name: 'Copy link' }).click()
      const field = page.getByTestId('copy-link-fallback').locator('input')
      await field.waitFor()
      expect(await field.inputValue()).toBe(`${origin}${ideaUrl(idea)}`)
      await expect.poll(() => field.evaluate((input: HTMLInputElement) => document.activeElement === input && input.selectionStart === 0 && input.selectionEnd === input.value.length)).toBe(true)
      await page.getByText('Your browser did not allow copying.').waitFor()
      await e2e.screenshot(page, 'idea-copy-link-fallback')
    } finally {
      await browser.close()
    }
  })
})

describe('delete an idea', () => {
  it('asks first, then goes to the network page; a co-author with the idea open is told it is gone', async () => {
    const idea = await e2e.createIdea(slug, 'Street lighting in Bamako', amina)
    const coAuthorContext = await e2e.newContext({ account: amina })
    const facilitatorContext = await e2e.newContext({ account: fatou })
    const coAuthor = await openIdea(coAuthorContext, idea)
    const facilitator = await openIdea(facilitatorContext, idea)
    await typeAtEnd(coAuthor, 'Amina keeps writing.')

    // A member has no Delete in the menu.
    await moreButton(coAuthor).click()
    expect(await coAuthor.getByRole('button', { name: 'Delete this idea…' }).count()).toBe(0)
    await coAuthor.keyboard.press('Escape')
    expect(await moreButton(coAuthor).getAttribute('aria-expanded')).toBe('false')

    // Escape cancels, and focus goes back to the menu button.
    await moreButton(facilitator).click()
    await facilitator.getByRole('button', { name: 'Delete this idea…' }).click()
    const dialog = facilitator.getByRole('dialog', { name: 'Delete “Street lighting in Bamako”?' })
    await dialog.waitFor()
    expect(await facilitator.evaluate(() => document.activeElement?.textContent)).toBe('Cancel')
    await e2e.expectNoSeriousAxeViolations(facilitator, 'delete idea dialog')
    await e2e.screenshot(facilitator, 'idea-delete-dialog')
    await facilitator.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await facilitator.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('idea-actions')
    expect((await e2e.apiAs<Idea>(fatou, 'GET', `/networks/${slug}/ideas/${idea.id}`)).title).toBe('Street lighting in Bamako')

    // Confirmed: gone, and the network page says so.
    await moreButton(facilitator).click()
    await facilitator.getByRole('button', { name: 'Delete this idea…' }).click()
    await dialog.getByRole('button', { name: 'Delete the idea' }).click()
    await facilitator.waitForURL(`**/networks/${slug}`)
    await facilitator.getByRole('status').filter({ hasText: '“Street lighting in Bamako” was deleted.' }).waitFor()
    await e2e.screenshot(facilitator, 'network-after-idea-deleted')
    await expect(e2e.apiAs(fatou, 'GET', `/networks/${slug}/ideas/${idea.id}`)).rejects.toThrow(/404/)

    // The co-author is not left typing into a deleted idea: the editor is gone and the page says why.
    await coAuthor.getByRole('alert').filter({ hasText: 'This idea was deleted' }).waitFor({ timeout: 10_000 })
    expect(await editorOf(coAuthor).count()).toBe(0)
    expect(await coAuthor.getByRole('link', { name: 'Back to the network' }).count()).toBe(1)
    // Nor does their browser keep a copy of it.
    await expect
      .poll(async () => (await coAuthor.evaluate(() => indexedDB.databases())).map((d) => d.name), { timeout: 10_000 })
      .not.toContain(`tandem:${idea.id}`)
    await e2e.screenshot(coAuthor, 'idea-deleted-while-open')

    // Reloading the network page does not say it again.
    await facilitator.reload()
    await facilitator.getByRole('heading', { name: 'Ideas', exact: true }).waitFor()
    expect(await facilitator.getByText('was deleted').count()).toBe(0)
    await coAuthorContext.close()
    await facilitatorContext.close()
  })
})
