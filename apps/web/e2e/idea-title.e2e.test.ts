import { rewriteTheOldWay } from '@tandem/editor/testing'
import { connectProvider, waitForSync } from '@tandem/server/test/providers'
import type { Idea } from '@tandem/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startE2E, type Account, type E2E } from './harness.ts'

/**
 * One title: the idea's record's, shown above the document and nowhere inside it. Renamed where it is shown, and
 * then the same everywhere (tab, a co-author's open page, the history, the network's board and list, after a
 * reload); an idea written by the old template shows one title once it loads, a browser's older copy included.
 * The summary is edited in the side panel. Members edit; observers read.
 */
let e2e: E2E
const slug = 'sub-saharan-africa'
let amina: Account
let jonas: Account
let olga: Account

beforeAll(async () => {
  e2e = await startE2E()
  const networks = await e2e.apiAs<Array<{ slug: string }>>(null, 'GET', '/networks')
  if (!networks.some((n) => n.slug === slug)) await e2e.apiAs(e2e.admin, 'POST', '/networks', { slug, name: 'Sub-Saharan Africa', region: 'Africa' })
  ;[amina, jonas, olga] = await Promise.all([e2e.createAccount('Amina Diallo'), e2e.createAccount('Jonas Weber'), e2e.createAccount('Olga Observer')])
  await e2e.addMember(slug, amina, 'member')
  await e2e.addMember(slug, jonas, 'member')
  await e2e.addMember(slug, olga, 'observer')
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await e2e?.close()
})

const ideaUrl = (idea: Idea) => `/networks/${slug}/ideas/${idea.id}`
const editorOf = (page: Page) => page.locator('#idea-editor-content')
const titleOf = (page: Page) => page.locator('main h1').first()
const contexts: BrowserContext[] = []

async function newContext(account: Account): Promise<BrowserContext> {
  const context = await e2e.newContext({ account, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  return context
}

async function openIdea(context: BrowserContext, idea: Idea, { editable = true } = {}): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(ideaUrl(idea))
  await waitLoaded(page, editable)
  return page
}

async function waitLoaded(page: Page, editable = true) {
  await page.locator(editable ? '[data-connection="live"]' : '[data-connection="readOnly"]').waitFor({ timeout: 20_000 })
  await page.locator(`#idea-editor-content[contenteditable="${editable}"]`).waitFor({ timeout: 20_000 })
  await editorOf(page).getByText('11. Local ownership').waitFor({ timeout: 20_000 })
}

/** Everything the page shows the title in: its heading (once), the tab, and not the document. */
async function showsOneTitle(page: Page, title: string) {
  await expect.poll(() => titleOf(page).innerText(), { timeout: 5_000 }).toBe(title)
  await expect.poll(() => page.title()).toBe(`${title} · Tandem`)
  expect(await page.locator('main h1').count()).toBe(1)
  expect(await editorOf(page).locator('h1').count()).toBe(0)
  expect(await editorOf(page).innerText()).not.toContain(title)
}

describe('an idea written by the old template (its title as the document’s first heading)', () => {
  it('shows one title after it loads, and a browser’s older copy merges the change', async () => {
    const idea = await e2e.createIdea(slug, 'Water kiosks for Kisumu', amina)
    // The document as the server holds it, read through a real provider.
    const reader = connectProvider(`${e2e.baseUrl.replace('http', 'ws')}/collab`, idea.room, { cookie: `tandem_session=${amina.token}` })
    await waitForSync(reader)
    const old = new Y.Doc()
    Y.applyUpdate(old, Y.encodeStateAsUpdate(reader.doc))
    reader.destroy()
    // Rewritten as an older Tandem wrote it (a title heading, no marker). No client may write that any more (the
    // server refuses changes outside the editor's document), so it goes into the database as an older server stored it.
    const before = Y.encodeStateVector(old)
    rewriteTheOldWay(old, idea.title)
    const oldWay = Y.encodeStateAsUpdate(old, before)
    // Amina's browser had it open then: its IndexedDB copy holds the old document and a sentence not yet sent.
    const browserCopy = new Y.Doc()
    Y.applyUpdate(browserCopy, Y.encodeStateAsUpdate(old))
    const section2 = browserCopy.getXmlFragment('default').get(4) as Y.XmlElement
    expect(section2.nodeName).toBe('paragraph')
    const words = 'Written offline before the upgrade.'
    const text = section2.get(0)
    if (text instanceof Y.XmlText) text.insert(text.length, words)
    else section2.insert(0, [new Y.XmlText(words)])
    // The upgrade: the server stops, the old rows are there, and every room loads afresh from the database.
    await e2e.withDatabase(async (db) => {
      await db.insertInto('doc_updates').values({ doc_id: idea.id, data: oldWay, user_id: amina.user.id, received_at: new Date() }).execute()
    })

    const contextA = await newContext(amina)
    const seeding = await contextA.newPage()
    await seeding.goto(`/networks/${slug}`)
    await seeding.evaluate(
      async ({ name, bytes }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name)
          request.onupgradeneeded = () => {
            request.result.createObjectStore('updates', { autoIncrement: true })
            request.result.createObjectStore('custom')
          }
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        await new Promise<void>((resolve, reject) => {
          const transaction = db.transaction('updates', 'readwrite')
          transaction.objectStore('updates').add(new Uint8Array(bytes))
          transaction.oncomplete = () => resolve()
          transaction.onerror = () => reject(transaction.error)
        })
        db.close()
      },
      { name: `tandem:${idea.id}`, bytes: [...Y.encodeStateAsUpdate(browserCopy)] },
    )
    await seeding.close()

    const pageA = await openIdea(contextA, idea)
    await editorOf(pageA).getByText('Written offline before the upgrade.').waitFor({ timeout: 10_000 })
    await showsOneTitle(pageA, idea.title)
    const pageB = await openIdea(await newContext(jonas), idea)
    await editorOf(pageB).getByText('Written offline before the upgrade.').waitFor({ timeout: 10_000 })
    await showsOneTitle(pageB, idea.title)
    await pageA.reload()
    await waitLoaded(pageA)
    await showsOneTitle(pageA, idea.title)
    await e2e.screenshot(pageA, 'idea-old-template-one-title')
  })
})

describe('renaming an idea', () => {
  let idea: Idea
  let pageA: Page
  let pageB: Page

  beforeAll(async () => {
    idea = await e2e.createIdea(slug, 'Bus stops for Dakar', amina)
    pageA = await openIdea(await newContext(amina), idea)
    pageB = await openIdea(await newContext(jonas), idea)
  })

  it('shows the title above the document only, never inside it', async () => {
    await showsOneTitle(pageA, 'Bus stops for Dakar')
    await showsOneTitle(pageB, 'Bus stops for Dakar')
    expect(await editorOf(pageA).locator(':scope > *').first().innerText()).toMatch(/^1\. Summary/)
  })

  it('renames where the title is shown, with the rules the API keeps, and a co-author’s open page follows', async () => {
    const rename = pageA.getByRole('button', { name: 'Rename' })
    await rename.click()
    const field = pageA.getByLabel('Title', { exact: true })
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await field.inputValue()).toBe('Bus stops for Dakar')
    expect(await field.getAttribute('maxlength')).toBe('200')
    await pageA.getByText('Up to 200 characters.').waitFor()
    await e2e.expectNoSeriousAxeViolations(pageA, 'idea page, renaming')
    await e2e.screenshot(pageA, 'idea-rename-form')

    // Escape leaves it as it was.
    await field.fill('Something else')
    await field.press('Escape')
    await expect.poll(() => titleOf(pageA).innerText()).toBe('Bus stops for Dakar')
    await expect.poll(() => rename.evaluate((el) => el === document.activeElement)).toBe(true)

    // A blank title is refused here, as the API refuses it.
    await rename.click()
    await field.fill('   ')
    await field.press('Enter')
    await pageA.getByRole('alert').filter({ hasText: 'Write a title' }).waitFor()
    expect(await field.getAttribute('aria-invalid')).toBe('true')

    await field.fill('  Shaded bus stops for Dakar  ')
    await field.press('Enter')
    await showsOneTitle(pageA, 'Shaded bus stops for Dakar')
    await expect.poll(() => rename.evaluate((el) => el === document.activeElement)).toBe(true)
    expect((await e2e.apiAs<Idea>(jonas, 'GET', `/networks/${slug}/ideas/${idea.id}`)).title).toBe('Shaded bus stops for Dakar')

    // Jonas had the idea open all along: his page follows without a reload.
    await showsOneTitle(pageB, 'Shaded bus stops for Dakar')
    expect(await editorOf(pageB).innerText()).not.toContain('Bus stops for Dakar')
  })

  it('shows the new title after a reload, in the version history and on the network’s board and list', async () => {
    await pageA.reload()
    await waitLoaded(pageA)
    await showsOneTitle(pageA, 'Shaded bus stops for Dakar')

    await pageA.getByRole('link', { name: /version history/i }).click()
    await pageA.getByRole('heading', { level: 1, name: /Shaded bus stops for Dakar/ }).waitFor()
    await expect.poll(() => pageA.title()).toContain('Shaded bus stops for Dakar')

    await pageA.goto(`/networks/${slug}`)
    const card = pageA.locator('.idea-card', { hasText: 'Shaded bus stops for Dakar' })
    await card.getByRole('link', { name: 'Shaded bus stops for Dakar' }).waitFor()
    expect(await pageA.locator('.idea-card', { hasText: /^Bus stops for Dakar/ }).count()).toBe(0)
    await pageA.getByRole('button', { name: 'List' }).click()
    await pageA.getByRole('link', { name: 'Shaded bus stops for Dakar' }).first().waitFor()
  })

  it('lets an observer read the title and summary, not change them', async () => {
    const page = await openIdea(await newContext(olga), idea, { editable: false })
    await showsOneTitle(page, 'Shaded bus stops for Dakar')
    expect(await page.getByRole('button', { name: 'Rename' }).count()).toBe(0)
    expect(await page.locator('.idea-meta textarea, .idea-meta input').count()).toBe(0)
    await page.locator('.idea-meta').getByText('Summary', { exact: true }).waitFor()
  })
})

describe('editing the summary after creation', () => {
  it('saves the summary from the side panel; the co-author, the board and the observer see it', async () => {
    const idea = await e2e.createIdea(slug, 'Market lighting in Bamako', amina)
    const pageA = await openIdea(await newContext(amina), idea)
    const pageB = await openIdea(await newContext(jonas), idea)
    const summary = pageA.getByLabel('Summary', { exact: true })
    expect(await summary.inputValue()).toBe('')
    await pageA.getByText('One or two sentences').waitFor()

    // Cancel puts back what is saved.
    await summary.fill('A first thought.')
    await pageA.getByRole('button', { name: 'Cancel' }).click()
    expect(await summary.inputValue()).toBe('')

    const text = 'Solar lights for 40 market stalls, run by the traders’ association.'
    await summary.fill(text)
    await pageA.getByRole('button', { name: 'Save summary' }).click()
    await pageA.getByRole('button', { name: 'Save summary' }).waitFor({ state: 'detached' })
    await expect.poll(async () => (await e2e.apiAs<Idea>(jonas, 'GET', `/networks/${slug}/ideas/${idea.id}`)).summary).toBe(text)
    await expect.poll(() => pageB.getByLabel('Summary', { exact: true }).inputValue(), { timeout: 5_000 }).toBe(text)
    await e2e.screenshot(pageA, 'idea-summary-saved')

    await pageA.goto(`/networks/${slug}`)
    await pageA.locator('.idea-card', { hasText: 'Market lighting in Bamako' }).getByText(text).waitFor()
    const observer = await openIdea(await newContext(olga), idea, { editable: false })
    await observer.locator('.idea-meta').getByText(text).waitFor()
  })
})
