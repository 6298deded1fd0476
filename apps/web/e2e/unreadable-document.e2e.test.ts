import { proposalTemplateJson, proseMirrorJsonToYUpdate } from '@tandem/editor'
import type { Idea } from '@tandem/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startE2E, type Account, type E2E } from './harness.ts'

/**
 * Issue 25: a member's client put a Y.XmlText among an idea's blocks; the next person to open it saw an empty editor
 * saying "Live · All changes saved", and their first keystroke replaced the 24 blocks with one paragraph. The server
 * now refuses such a change, but a document stored before (or kept in a browser from then) can still hold one. Opened
 * in Chromium, the editor shows what it can read, read-only, says why, and writes nothing; a facilitator repairs it
 * from there, and it opens for editing with every block.
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

const editorOf = (page: Page) => page.locator('#idea-editor-content')

/** A 24-block concept note like the (the template and two paragraphs), with a stray Y.XmlText among them. */
function brokenConceptNote(): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, proseMirrorJsonToYUpdate(proposalTemplateJson()))
  const fragment = doc.getXmlFragment('default')
  ;((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Kept as written.')
  for (const words of ['Next steps.', 'The last block.']) {
    const paragraph = new Y.XmlElement('paragraph')
    fragment.insert(fragment.length, [paragraph])
    paragraph.insert(0, [new Y.XmlText(words)])
  }
  fragment.insert(3, [new Y.XmlText('stray text at the top')])
  return Y.encodeStateAsUpdate(doc)
}

/** The idea's document as the server holds it (a version taken now, read back as JSON). */
async function storedText(idea: Idea): Promise<string> {
  const version = await e2e.apiAs<{ id: string }>(e2e.admin, 'POST', `/networks/${slug}/ideas/${idea.id}/snapshots`, { label: 'probe' })
  const read = await e2e.apiAs<{ content: { json: unknown } }>(e2e.admin, 'GET', `/networks/${slug}/ideas/${idea.id}/snapshots/${version.id}`)
  return JSON.stringify(read.content.json)
}

async function open(context: BrowserContext, idea: Idea): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`/networks/${slug}/ideas/${idea.id}`)
  return { page, errors }
}

describe('a document the editor cannot read', () => {
  it('opens read-only with a message, keeps every keystroke out, and a facilitator repairs it', async () => {
    const idea = await e2e.createIdea(slug, 'Water kiosks for Kisumu', amina)
    // Put into the database directly, as a Tandem before this fix stored it.
    await e2e.withDatabase(async (db) => {
      await db.deleteFrom('doc_updates').where('doc_id', '=', idea.id).execute()
      await db.deleteFrom('doc_snapshots').where('doc_id', '=', idea.id).execute()
      await db.insertInto('doc_updates').values({ doc_id: idea.id, data: brokenConceptNote(), user_id: null, received_at: new Date() }).execute()
    })

    // A member: read-only, told why and who can repair it; never "Live · All changes saved".
    const memberContext = await e2e.newContext({ account: amina })
    const member = await open(memberContext, idea)
    const notice = member.page.getByTestId('unreadable-notice')
    await notice.waitFor({ timeout: 20_000 })
    await member.page.locator('[data-connection="unreadable"]').waitFor()
    expect(await member.page.locator('[data-save]').count()).toBe(0)
    expect(await notice.textContent()).toContain('A facilitator of this network can repair it')
    expect(await notice.getByRole('button').count()).toBe(0)
    // What it can read is shown: all 24 blocks' words, not an empty page.
    await editorOf(member.page).getByText('Kept as written.').waitFor()
    await editorOf(member.page).getByText('The last block.').waitFor()
    expect(await editorOf(member.page).getAttribute('contenteditable')).toBe('false')
    await editorOf(member.page).click()
    await member.page.keyboard.type('This must not overwrite anything.')
    await member.page.keyboard.press('Enter')
    await new Promise((r) => setTimeout(r, 1_000))
    const stored = await storedText(idea)
    expect(stored).toContain('Kept as written.')
    expect(stored).toContain('The last block.')
    expect(stored).not.toContain('This must not overwrite')
    await e2e.expectNoSeriousAxeViolations(member.page, 'an idea the editor cannot read')
    await e2e.screenshot(member.page, 'idea-unreadable-member')

    // A facilitator repairs it from the same notice; both editors open for editing, with every block.
    const facilitatorContext = await e2e.newContext({ account: fatou })
    const facilitator = await open(facilitatorContext, idea)
    await facilitator.page.getByTestId('unreadable-notice').waitFor({ timeout: 20_000 })
    await e2e.screenshot(facilitator.page, 'idea-unreadable-facilitator')
    await facilitator.page.getByRole('button', { name: 'Repair the document' }).click()
    for (const { page } of [facilitator, member]) {
      await page.getByTestId('unreadable-notice').waitFor({ state: 'detached', timeout: 20_000 })
      await page.locator('#idea-editor-content[contenteditable="true"]').waitFor({ timeout: 20_000 })
      await page.locator('[data-connection="live"]').waitFor()
    }
    expect(await editorOf(member.page).locator(':scope > *').count()).toBe(24)
    await editorOf(member.page).getByText('The last block.').click()
    await member.page.keyboard.press('End')
    await member.page.keyboard.type(' Typed after the repair.')
    await member.page.locator('[data-save="saved"]').waitFor({ timeout: 10_000 })
    await editorOf(facilitator.page).getByText('The last block. Typed after the repair.').waitFor()
    const repaired = await storedText(idea)
    expect(repaired).toContain('Kept as written.')
    expect(repaired).not.toContain('stray text')
    // The version kept before the repair is in the history, under its own name.
    await facilitator.page.goto(`/networks/${slug}/ideas/${idea.id}/history`)
    await facilitator.page.getByText('Before a repair').first().waitFor({ timeout: 20_000 })
    // Nothing threw in either page: the binding never read what it could not.
    expect([...member.errors, ...facilitator.errors]).toEqual([])
    await memberContext.close()
    await facilitatorContext.close()
  })
})
