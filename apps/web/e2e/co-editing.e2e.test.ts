import { MessageType, type Idea } from '@tandem/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHONE, startE2E, type Account, type E2E } from './harness.ts'

/**
 * The idea editor and version history in Chromium against the real server: two people co-editing with named carets,
 * offline edits that converge and survive a reload, an observer who cannot type, the saved indicator, snapshots with a
 * readable diff and a restore while a co-author stays connected, phone size, Arabic, and axe scans of both screens.
 */
let e2e: E2E
const slug = 'sub-saharan-africa'
let amina: Account
let jonas: Account
let olga: Account
let fatou: Account

beforeAll(async () => {
  e2e = await startE2E()
  // Embedded mode seeds the demo networks; create ours only if it is not among them.
  const networks = await e2e.apiAs<Array<{ slug: string }>>(null, 'GET', '/networks')
  if (!networks.some((n) => n.slug === slug)) await e2e.apiAs(e2e.admin, 'POST', '/networks', { slug, name: 'Sub-Saharan Africa', region: 'Africa' })
  ;[amina, jonas, olga, fatou] = await Promise.all([
    e2e.createAccount('Amina Diallo', { city: 'Dakar', country: 'Senegal' }),
    e2e.createAccount('Jonas Weber', { city: 'Bonn', country: 'Germany' }),
    e2e.createAccount('Olga Observer'),
    e2e.createAccount('Fatou Facilitator'),
  ])
  await e2e.addMember(slug, amina, 'member')
  await e2e.addMember(slug, jonas, 'member')
  await e2e.addMember(slug, olga, 'observer')
  await e2e.addMember(slug, fatou, 'facilitator')
})

afterAll(async () => {
  await e2e?.close()
})

const ideaUrl = (idea: Idea) => `/networks/${slug}/ideas/${idea.id}`
const editorOf = (page: Page) => page.locator('#idea-editor-content')
/** The document's text without the co-authors' caret labels. */
const textOf = (page: Page) =>
  editorOf(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    return copy.innerText
  })

async function openIdea(context: BrowserContext, idea: Idea, { editable = true } = {}): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(ideaUrl(idea))
  await waitLive(page, editable)
  return page
}

async function waitLive(page: Page, editable = true) {
  try {
    await page.locator(editable ? '[data-connection="live"]' : '[data-connection="readOnly"]').waitFor({ timeout: 20_000 })
  } catch (error) {
    await shoot(page, 'failed-wait-live')
    const status = await page.locator('.connection-status').innerText().catch(() => '(no status)')
    throw new Error(`not live at ${page.url()}: ${status}\n${e2e.serverOutput().slice(-3000)}`, { cause: error })
  }
  await page.locator(`#idea-editor-content[contenteditable="${editable}"]`).waitFor({ timeout: 20_000 })
  // The server's template is in (the heading of its last section).
  await editorOf(page).getByText('11. Local ownership').waitFor({ timeout: 20_000 })
}

/** Puts the cursor at the end of the document and types. */
async function typeAtEnd(page: Page, text: string) {
  await editorOf(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

async function seesWithin(page: Page, text: string, ms: number) {
  await editorOf(page).getByText(text, { exact: false }).first().waitFor({ timeout: ms })
}

async function waitSaved(page: Page) {
  await page.locator('[data-save="saved"]').waitFor({ timeout: 10_000 })
}

/** A full-page screenshot from the top (the sticky toolbar otherwise lands mid-page). */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await e2e.screenshot(page, name)
}

async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

describe('co-editing an idea', () => {
  let idea: Idea
  let contextA: BrowserContext
  let contextB: BrowserContext
  let pageA: Page
  let pageB: Page

  beforeAll(async () => {
    idea = await e2e.createIdea(slug, 'Water kiosks for Kisumu', amina)
    contextA = await e2e.newContext({ account: amina, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    contextB = await e2e.newContext({ account: jonas, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    pageA = await openIdea(contextA, idea)
    pageB = await openIdea(contextB, idea)
  })
  afterAll(async () => {
    await contextA?.close()
    await contextB?.close()
  })

  it('shows each co-author the other’s text and named caret within a second', async () => {
    await typeAtEnd(pageA, 'Kiosks sell clean water by the litre.')
    await seesWithin(pageB, 'Kiosks sell clean water by the litre.', 1_000)
    await pageB.locator('.collaboration-carets__label', { hasText: 'Amina Diallo' }).waitFor({ timeout: 1_000 })

    await typeAtEnd(pageB, ' Jonas adds a tariff table.')
    await seesWithin(pageA, 'Jonas adds a tariff table.', 1_000)
    await pageA.locator('.collaboration-carets__label', { hasText: 'Jonas Weber' }).waitFor({ timeout: 1_000 })

    // Presence: both avatars, on both screens.
    for (const page of [pageA, pageB]) {
      const presence = page.getByRole('list', { name: /people in this document/i })
      await expect.poll(() => presence.getByRole('listitem').count()).toBe(2)
    }
    await shoot(pageA, 'editor-co-editing-desktop')
  })

  it('says "saved" once the server has stored the change', async () => {
    await typeAtEnd(pageA, ' Stored?')
    await waitSaved(pageA)
    await waitSaved(pageB)
  })

  it('keeps typing offline and converges when the connection returns', async () => {
    await contextB.setOffline(true)
    await pageB.locator('[data-connection="offline"]').waitFor({ timeout: 5_000 })
    await pageB.getByTestId('offline-banner').waitFor()
    await typeAtEnd(pageB, ' Written on the bus without signal.')
    await pageB.locator('[data-save="local"]').waitFor()
    await typeAtEnd(pageA, ' Meanwhile in Dakar.')
    await shoot(pageB, 'editor-offline')

    await contextB.setOffline(false)
    await pageB.locator('[data-connection="live"]').waitFor({ timeout: 15_000 })
    await seesWithin(pageA, 'Written on the bus without signal.', 10_000)
    await seesWithin(pageB, 'Meanwhile in Dakar.', 10_000)
    await expect.poll(async () => (await textOf(pageA)) === (await textOf(pageB)), { timeout: 5_000 }).toBe(true)
    await waitSaved(pageB)
  })

  it('keeps offline edits across a reload and sends them when back online', async () => {
    await waitForServiceWorker(pageB)
    await waitLive(pageB)
    await contextB.setOffline(true)
    await pageB.locator('[data-connection="offline"]').waitFor({ timeout: 5_000 })
    await typeAtEnd(pageB, ' Survives a reload.')
    await pageB.locator('[data-save="local"]').waitFor()
    // Let IndexedDB finish its write before the page goes away.
    await pageB.waitForTimeout(300)
    await pageB.reload()
    await editorOf(pageB).getByText('Survives a reload.').waitFor({ timeout: 15_000 })
    await pageB.locator('[data-connection="offline"]').waitFor()
    await pageB.getByTestId('offline-banner').waitFor()
    await pageB.locator('[data-save="local"]').waitFor()
    // Still editable offline after the reload.
    await pageB.locator('#idea-editor-content[contenteditable="true"]').waitFor()
    await typeAtEnd(pageB, ' And after it.')
    await shoot(pageB, 'editor-offline-after-reload')

    await contextB.setOffline(false)
    await pageB.locator('[data-connection="live"]').waitFor({ timeout: 15_000 })
    await seesWithin(pageA, 'Survives a reload. And after it.', 10_000)
    await waitSaved(pageB)
  })

  it('works the toolbar by keyboard: one tab stop, arrow keys, pressed state', async () => {
    await typeAtEnd(pageA, ' ')
    await pageA.keyboard.press('Shift+Tab')
    const undo = pageA.getByRole('button', { name: 'Undo' })
    expect(await undo.evaluate((el) => el === document.activeElement)).toBe(true)
    // Undo, Redo, Heading 1, Heading 2, Heading 3, Bold
    for (let i = 0; i < 5; i++) await pageA.keyboard.press('ArrowRight')
    const bold = pageA.getByRole('button', { name: 'Bold' })
    expect(await bold.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await bold.getAttribute('tabindex')).toBe('0')
    expect(await undo.getAttribute('tabindex')).toBe('-1')
    // A button acts on the document and gives the focus back to it, ready to type.
    await pageA.keyboard.press('Enter')
    expect(await bold.getAttribute('aria-pressed')).toBe('true')
    // TipTap's focus command gives the focus back on the next animation frame.
    await expect
      .poll(() => editorOf(pageA).evaluate((el) => el.contains(document.activeElement) || el === document.activeElement), { timeout: 2_000 })
      .toBe(true)
    await pageA.keyboard.type('in bold')
    await editorOf(pageA).locator('strong', { hasText: 'in bold' }).waitFor()
    // Back in the toolbar, the focus returns to the button last used.
    await pageA.keyboard.press('Shift+Tab')
    expect(await bold.evaluate((el) => el === document.activeElement)).toBe(true)
    await pageA.keyboard.press('End')
    expect(await pageA.getByRole('button', { name: 'Delete table' }).evaluate((el) => el === document.activeElement)).toBe(true)
    await pageA.keyboard.press('Home')
    expect(await undo.evaluate((el) => el === document.activeElement)).toBe(true)
  })

  it('inserts a table, grows it, and links text, and the co-author sees both', async () => {
    await typeAtEnd(pageA, '')
    await pageA.keyboard.press('Enter')
    await pageA.getByRole('button', { name: 'Insert table' }).click()
    await pageA.keyboard.type('Tariff')
    await pageA.getByRole('button', { name: 'Add row below' }).click()
    await pageB.locator('#idea-editor-content table').waitFor({ timeout: 2_000 })
    await expect.poll(() => pageB.locator('#idea-editor-content table tr').count(), { timeout: 2_000 }).toBe(4)
    await pageB.locator('#idea-editor-content th', { hasText: 'Tariff' }).waitFor({ timeout: 2_000 })

    await typeAtEnd(pageA, '')
    await pageA.keyboard.press('Enter')
    await pageA.keyboard.type('Kisumu water company')
    await pageA.keyboard.press('Shift+Home')
    await pageA.getByRole('button', { name: 'Link' }).click()
    await pageA.getByLabel('Link address').fill('kiwasco.co.ke')
    await pageA.getByRole('button', { name: 'Apply link' }).click()
    await pageB.locator('#idea-editor-content a[href="https://kiwasco.co.ke"]', { hasText: 'Kisumu water company' }).waitFor({ timeout: 2_000 })
    await shoot(pageA, 'editor-table-and-link')
  })

  it('passes an axe scan of the editor', async () => {
    await e2e.expectNoSeriousAxeViolations(pageA, 'idea editor')
  })

  it('gives an observer a read-only editor that says why', async () => {
    const context = await e2e.newContext({ account: olga, locale: 'en-GB' })
    const page = await openIdea(context, idea, { editable: false })
    await expect.poll(() => page.getByTestId('read-only-note').innerText()).toMatch(/observer/i)
    expect(await page.getByRole('toolbar').count()).toBe(0)
    const before = await textOf(page)
    await editorOf(page).click()
    await page.keyboard.type('observer was here')
    await page.waitForTimeout(500)
    expect(await textOf(page)).toBe(before)
    expect(await textOf(pageA)).not.toContain('observer was here')
    // Title and status are shown, not editable.
    expect(await page.locator('.idea-meta input').count()).toBe(0)
    await shoot(page, 'editor-observer')
    await e2e.expectNoSeriousAxeViolations(page, 'idea editor (observer)')
    await context.close()
  })

  it('tells someone outside the network that they have no access', async () => {
    const outsider = await e2e.createAccount('Otto Outsider')
    const context = await e2e.newContext({ account: outsider, locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto(ideaUrl(idea))
    await page.getByRole('heading', { name: 'No access to this idea' }).waitFor()
    await context.close()
  })

  it('sends a signed-out visitor to sign in, and back to the idea afterwards', async () => {
    const context = await e2e.newContext({ locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto(ideaUrl(idea))
    await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === ideaUrl(idea))
    await context.close()
  })

  it('moves the status through the lifecycle and shows a refused move', async () => {
    // A second page of Jonas's misses the server's notices that the idea changed, as one whose socket was
    // reconnecting would: it keeps showing the old status.
    const stale = await contextB.newPage()
    await stale.routeWebSocket(/\/collab\//, (page) => {
      const server = page.connectToServer()
      server.onMessage((message) => {
        if (typeof message === 'string' || message[0] !== MessageType.IDEA_CHANGED) page.send(message)
      })
    })
    await stale.goto(ideaUrl(idea))
    await waitLive(stale)
    for (const [button, status] of [['Move to Draft', 'draft'], ['Move to Proposal', 'proposal'], ['Move to Submitted', 'submitted']] as const) {
      await pageA.getByRole('button', { name: button }).click()
      await pageA.locator(`[data-status="${status}"]`).waitFor()
    }
    const patched = await e2e.apiAs<Idea>(amina, 'GET', `/networks/${slug}/ideas/${idea.id}`)
    expect(patched.status).toBe('submitted')
    // Jonas's open page follows without a reload.
    await pageB.locator('[data-status="submitted"]').waitFor({ timeout: 5_000 })
    // The stale page still offers "Move to Draft" from the old status: the server refuses it (409), the page says so
    // and shows the status as it now is.
    await stale.getByRole('button', { name: 'Move to Draft' }).click()
    await stale.getByRole('alert').waitFor()
    expect(await stale.getByRole('alert').innerText()).toMatch(/not possible/i)
    await stale.locator('[data-status="submitted"]').waitFor()
    await shoot(stale, 'editor-status-refused')
    await stale.close()
    await pageA.getByRole('button', { name: 'Withdraw' }).click()
    await pageA.locator('[data-status="withdrawn"]').waitFor()
    await pageA.getByRole('button', { name: 'Reopen as draft' }).click()
    await pageA.locator('[data-status="draft"]').waitFor()
  })

  it('keeps a named snapshot, shows what changed since, and restores it while a co-author stays connected', async () => {
    const context = await e2e.newContext({ account: fatou, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    const history = await context.newPage()
    await history.goto(`${ideaUrl(idea)}/history`)
    await history.getByLabel('Save this version as').fill('Before the Nairobi workshop')
    await history.getByRole('button', { name: 'Save version' }).click()
    await history.getByRole('heading', { name: 'Before the Nairobi workshop' }).waitFor()
    await history.getByText('No changes: the document is the same as this version.').waitFor({ timeout: 10_000 })

    await typeAtEnd(pageA, ' A sentence written after the snapshot.')
    await waitSaved(pageA)
    const inserted = history.locator('[data-testid="snapshot-diff"] ins', { hasText: 'written after the snapshot' })
    await inserted.first().waitFor({ timeout: 10_000 })
    await shoot(history, 'history-diff')
    await e2e.expectNoSeriousAxeViolations(history, 'version history')

    await history.getByTestId('restore-button').click()
    const dialog = history.getByRole('dialog')
    await dialog.waitFor()
    await expect.poll(() => dialog.getByTestId('restore-editors').innerText()).toMatch(/Amina Diallo/)
    await shoot(history, 'history-restore-dialog')
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })

    // Amina's editor loses the sentence without a reconnect, and she can keep writing.
    await expect.poll(() => textOf(pageA), { timeout: 10_000 }).not.toContain('written after the snapshot')
    expect(await pageA.locator('[data-connection="live"]').count()).toBe(1)
    await history.getByText('No changes: the document is the same as this version.').waitFor({ timeout: 10_000 })
    await typeAtEnd(pageA, ' After the restore.')
    await seesWithin(pageB, 'After the restore.', 2_000)
    // The restore point is listed.
    await history.getByText('Before restoring “Before the Nairobi workshop”').waitFor({ timeout: 5_000 })
    await context.close()
  })
})

describe('at phone size', () => {
  it('co-edits on two 360 px touch screens', async () => {
    const idea = await e2e.createIdea(slug, 'Solar street lights for Kumasi', amina)
    const contextA = await e2e.newContext({ ...PHONE, account: amina, locale: 'en-GB' })
    const contextB = await e2e.newContext({ ...PHONE, account: jonas, locale: 'en-GB' })
    const pageA = await openIdea(contextA, idea)
    const pageB = await openIdea(contextB, idea)

    // The toolbar fits the screen (one row and "More tools") instead of widening the page.
    const overflow = await pageA.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    const toolSize = await pageA.locator('.editor-toolbar .tool').first().boundingBox()
    expect(toolSize!.height).toBeGreaterThanOrEqual(44)

    await editorOf(pageA).tap()
    await pageA.keyboard.press('Control+End')
    await pageA.keyboard.type('Written on a phone.')
    await seesWithin(pageB, 'Written on a phone.', 1_000)
    await pageB.locator('.collaboration-carets__label', { hasText: 'Amina Diallo' }).waitFor({ timeout: 1_000 })
    await waitSaved(pageA)
    await shoot(pageA, 'editor-phone')
    await e2e.expectNoSeriousAxeViolations(pageA, 'idea editor (phone)')

    const history = await contextB.newPage()
    await history.goto(`${ideaUrl(idea)}/history`)
    await history.getByLabel('Save this version as').fill('Before the Accra study tour')
    await history.getByRole('button', { name: 'Save version' }).tap()
    await history.getByRole('heading', { name: 'Before the Accra study tour' }).waitFor()
    await typeAtEnd(pageA, ' Added later.')
    await history.locator('[data-testid="snapshot-diff"] ins', { hasText: 'Added later.' }).first().waitFor({ timeout: 10_000 })
    const historyOverflow = await history.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(historyOverflow).toBeLessThanOrEqual(0)
    await shoot(history, 'history-phone')
    await e2e.expectNoSeriousAxeViolations(history, 'version history (phone)')
    await contextA.close()
    await contextB.close()
  })
})

describe('in Arabic', () => {
  it('lays the editor out right to left', async () => {
    const idea = await e2e.createIdea(slug, 'إدارة النفايات في المدينة', amina)
    const context = await e2e.newContext({ account: amina, locale: 'ar' })
    const page = await openIdea(context, idea)
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    await typeAtEnd(page, 'نص عربي في المستند.')
    await waitSaved(page)
    const toolbarDirection = await page.getByRole('toolbar').evaluate((el) => getComputedStyle(el).direction)
    expect(toolbarDirection).toBe('rtl')
    await shoot(page, 'editor-arabic')
    await e2e.expectNoSeriousAxeViolations(page, 'idea editor (Arabic)')
    await context.close()
  })
})

describe('opened straight from a link', () => {
  it('is editable before the app has loaded, and the app takes the editor over mid-sentence', async () => {
    const idea = await e2e.createIdea(slug, 'Solar lights for Bamako markets', amina)
    const context = await e2e.newContext({ account: amina, locale: 'en-GB', ...PHONE })
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error('page error:', error.message))
    // Hold the app (React, the screens) back: what the person has meanwhile is the quick open alone.
    let releaseApp!: () => void
    const appHeld = new Promise<void>((resolve) => (releaseApp = resolve))
    await page.route(/\/assets\/main-[\w-]+\.js$/, async (route) => {
      await appHeld
      await route.continue()
    })
    await page.goto(ideaUrl(idea))

    const quick = page.locator('.quick-open #idea-editor-content[contenteditable="true"]')
    await quick.waitFor({ timeout: 20_000 })
    await quick.getByText('11. Local ownership').waitFor()
    expect(await page.locator('.quick-open > h1').innerText()).toBe('Solar lights for Bamako markets')
    expect(await page.locator('.app-header').count()).toBe(0)
    await quick.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('Typed before the app arrived,')
    await e2e.screenshot(page, 'editor-quick-open-phone')

    releaseApp()
    await page.locator('.app-header').waitFor({ timeout: 20_000 })
    await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 })
    await page.getByRole('toolbar').waitFor()
    await expect.poll(() => page.locator('.quick-open').count()).toBe(0)
    // One editor, now inside the app's page, still holding the focus and the caret where it was.
    expect(await page.locator('#idea-editor-content').count()).toBe(1)
    expect(await page.locator('#main #idea-editor-content').count()).toBe(1)
    await page.keyboard.type(' and after.')
    await editorOf(page).getByText('Typed before the app arrived, and after.').waitFor()
    await waitSaved(page)

    // The server has it: a second person sees the sentence.
    const other = await e2e.newContext({ account: jonas, locale: 'en-GB' })
    const otherPage = await openIdea(other, idea)
    await seesWithin(otherPage, 'Typed before the app arrived, and after.', 5_000)
    await other.close()
    await context.close()
  })

  it('gives an observer no quick editor: the app opens the idea read-only, saying why', async () => {
    const idea = await e2e.createIdea(slug, 'Observed from afar', amina)
    const context = await e2e.newContext({ account: olga, locale: 'en-GB' })
    const page = await openIdea(context, idea, { editable: false })
    expect(await page.locator('.quick-open').count()).toBe(0)
    await page.getByTestId('read-only-note').waitFor()
    await context.close()
  })
})

describe('when a facilitator changes a writer’s role', () => {
  it('turns the open editor read-only, saying why, without a reload', async () => {
    const writer = await e2e.createAccount('Kwame Writer')
    await e2e.addMember(slug, writer, 'member')
    const idea = await e2e.createIdea(slug, 'Bus rapid transit for Accra', amina)
    const context = await e2e.newContext({ account: writer, locale: 'en-GB' })
    const page = await openIdea(context, idea)
    await typeAtEnd(page, 'Written as a member.')
    await waitSaved(page)

    await e2e.apiAs(fatou, 'PATCH', `/networks/${slug}/members/${writer.user.id}`, { role: 'observer' })
    // The page reads the session again every minute and whenever it comes back into view: the latter, here.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await page.getByTestId('read-only-note').waitFor({ timeout: 10_000 })
    await page.locator('#idea-editor-content[contenteditable="false"]').waitFor()
    await editorOf(page).getByText('Written as a member.').waitFor()
    await context.close()
  })
})
