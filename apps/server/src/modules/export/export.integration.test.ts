import { dialectsUnderTest } from '@tandem/db/testing'
import { replaceYDocContent, yDocToProseMirrorJson } from '@tandem/editor'
import type { Idea } from '@tandem/shared'
import { parse as parseContentDisposition } from 'content-disposition'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signUp, sessionHeaders } from '../../test/accounts.ts'
import { readDocx, type DocxFile } from '../../test/docx-reader.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../../test/providers.ts'
import { readStoredDoc } from '../../test/stored-doc.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'
import { everyNodeDocument } from './every-node.fixture.ts'
import { DOCX_TYPE } from './export.routes.ts'

describe.each(dialectsUnderTest())('GET …/ideas/:id/export.docx (%s)', (dialect) => {
  let server: TestServer
  let admin: string
  const clients: TestClient[] = []
  const exportUrl = (idea: Pick<Idea, 'id'>, slug = 'asia', query = '') => `${server.url}/api/networks/${slug}/ideas/${idea.id}/export.docx${query}`
  const download = (idea: Pick<Idea, 'id'>, cookie: string | null = admin, slug = 'asia', query = '') =>
    fetch(exportUrl(idea, slug, query), { headers: cookie ? { cookie } : {} })
  async function docxOf(response: Response): Promise<DocxFile> {
    expect(response.status, await response.clone().text()).toBe(200)
    return readDocx(new Uint8Array(await response.arrayBuffer()))
  }
  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { ...sessionHeaders(server, admin), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }
  /** Writes the document through a real provider, waits until the database holds it and the room has left memory. */
  async function storeDocument(idea: Idea, json: typeof everyNodeDocument) {
    const writer = connectProvider(server.wsUrl, idea.room)
    await waitForSync(writer)
    replaceYDocContent(writer.doc, json)
    const expected = JSON.stringify(yDocToProseMirrorJson(writer.doc))
    await eventually(async () => {
      const stored = await readStoredDoc(server.db.db, idea.id)
      const same = JSON.stringify(yDocToProseMirrorJson(stored)) === expected
      stored.destroy()
      return same
    }, 'the document is stored')
    writer.destroy()
    await eventually(() => server.collab.registry.get(idea.id) === undefined, 'the room left memory')
  }

  beforeAll(async () => {
    server = await startTestServer(dialect)
    admin = await adminCookie(server.url)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  it('maps every node and mark of the editor to Word, from the stored document', async () => {
    const idea = await server.createIdea('Green corridors for Kisumu and Dakar')
    await api('PATCH', `/networks/asia/ideas/${idea.id}`, { summary: 'Shade and cool air along two school routes.', cluster: 'integrated-urban-development', sdgs: [13, 11] })
    await storeDocument(idea, everyNodeDocument)

    const response = await download(idea)
    expect(response.headers.get('content-type')).toBe(DOCX_TYPE)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(parseContentDisposition(response.headers.get('content-disposition')!)).toEqual({
      type: 'attachment',
      parameters: { filename: 'Green corridors for Kisumu and Dakar.docx' },
    })
    const docx = await docxOf(response)
    expect(docx.files).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'docProps/core.xml']))
    const ps = docx.paragraphs
    const find = (text: string) => {
      const found = ps.find((p) => p.text === text)
      if (!found) throw new Error(`no paragraph "${text}" in ${JSON.stringify(ps.map((p) => p.text))}`)
      return found
    }

    // The record's title is the Word document's title, then the summary and the details.
    expect(ps[0]).toMatchObject({ text: 'Green corridors for Kisumu and Dakar', style: 'Title', bidi: false })
    expect(docx.core.title).toBe('Green corridors for Kisumu and Dakar')
    expect(docx.core.creator).toBe('Test Admin')
    expect(ps[1]).toMatchObject({ text: 'Shade and cool air along two school routes.' })
    expect(ps[1]!.runs[0]!.italic).toBe(true)
    const front = ps.slice(2, 8).map((p) => p.text)
    expect(front).toEqual([
      'Network: Asia',
      'Status: Idea',
      'Theme cluster: Integrated Urban Development',
      'Sustainable Development Goals: SDG 11, SDG 13',
      'Co-authors: Test Admin',
      expect.stringMatching(/^Last updated: \w+ \d{1,2}, \d{4}$/),
    ])
    expect(ps[8]!.text).toMatch(/^Exported from Tandem on /)

    // Headings keep their levels.
    expect(find('1. Summary').style).toBe('Heading1')
    expect(find('2. Context and problem analysis').style).toBe('Heading2')
    expect(find('Partners').style).toBe('Heading3')

    // Marks.
    const marks = find('Plain, bold, italic, underlined, struck, npm start and a link and no script.')
    const run = (t: string) => marks.runs.find((r) => r.text === t)!
    expect(run('bold').bold).toBe(true)
    expect(run('italic').italic).toBe(true)
    expect(run('underlined').underline).toBe(true)
    expect(run('struck').strike).toBe(true)
    expect(run('npm start').font).toBe('Consolas')
    expect(run('Plain, ')).toMatchObject({ bold: false, italic: false, underline: false, strike: false })
    expect(marks.links).toEqual(['https://example.org/?a=1&b=2']) // the javascript: link is kept as text only

    // A hard break is a line break inside one paragraph.
    expect(find('First linesecond line').breaks).toBe(1)

    // Right-to-left paragraphs, decided by their first letter as the editor's dir="auto" does.
    const arabic = find('ممرات خضراء في المدن: تحليل السياق')
    expect(arabic.bidi).toBe(true)
    expect(arabic.runs.every((r) => r.rtl)).toBe(true)
    expect(find('2026 — الميزانية Tandem').bidi).toBe(true)
    expect(find('The end.').bidi).toBe(false)

    // Lists: a bullet list with a numbered list inside it, a numbered list from 3, each with a list of its own.
    const kisumu = find('Kisumu')
    const nested = find('Nested step one')
    const third = find('Third step')
    expect(kisumu.level).toBe(0)
    expect(find('Dakar').numId).toBe(kisumu.numId)
    expect(docx.numbering.get(kisumu.numId!)![0]!.format).toBe('bullet')
    expect(nested.level).toBe(1)
    expect(find('Nested step two').numId).toBe(nested.numId)
    expect(nested.numId).not.toBe(kisumu.numId)
    expect(docx.numbering.get(nested.numId!)![1]).toMatchObject({ format: 'lowerLetter', start: 1 })
    expect(third.level).toBe(0)
    expect(docx.numbering.get(third.numId!)![0]).toMatchObject({ format: 'decimal', start: 3 })
    expect(find('Fourth step').numId).toBe(third.numId)
    expect(find('More about the third step').numId).toBeNull() // the item's second paragraph has no number of its own

    // Task lists: real Word check boxes, ticked as in the editor, nested ones too.
    expect(find(' Agree on partner cities').checkboxes).toEqual([true])
    expect(find(' Draft the budget').checkboxes).toEqual([false])
    expect(find(' Ask for co-financing').checkboxes).toEqual([false])

    // Blockquote, code block (one paragraph, its lines kept), horizontal rule.
    expect(find('If you want to go far, go together.').element.toString()).toContain('w:pBdr')
    const code = find('line one  indented line two')
    expect(code.breaks).toBe(1)
    expect(code.runs.every((r) => r.font === 'Consolas')).toBe(true)
    expect(code.element.toString()).toContain('xml:space="preserve"')
    expect(ps.filter((p) => p.thematicBreak && p.text === '')).toHaveLength(1)

    // The table: a header row that repeats on each page, bold header cells, a merged cell.
    expect(docx.tables).toHaveLength(1)
    expect(docx.tables[0]!.rows).toEqual([
      { header: true, cells: [{ text: 'Item', bold: true, gridSpan: 1 }, { text: 'EUR', bold: true, gridSpan: 1 }] },
      { header: false, cells: [{ text: 'Study visit', bold: false, gridSpan: 1 }, { text: '12 000', bold: false, gridSpan: 1 }] },
      { header: false, cells: [{ text: 'Total to be confirmed', bold: false, gridSpan: 2 }] },
    ])

    // Nothing was dropped: every text of the document is in the file, in order.
    const inOrder = docx.documentXml.replace(/<[^>]+>/g, '')
    let at = 0
    for (const piece of ['1. Summary', 'First line', 'ممرات خضراء', 'Kisumu', 'Nested step two', 'Third step', 'Ask for co-financing', 'go together', 'indented line two', 'Study visit', 'The end.']) {
      const found = inOrder.indexOf(piece, at)
      expect(found, piece).toBeGreaterThanOrEqual(at)
      at = found
    }
  })

  it('exports what the live room holds, including what is not stored yet', async () => {
    // A flush window of a minute: what the co-author types stays in the room, not in the database.
    const slow = await startTestServer(dialect, { PERSIST_WINDOW_MS: 60_000 }, server.testDb)
    try {
      const idea = await slow.createIdea('Live export')
      const writer = connectProvider(slow.wsUrl, idea.room)
      clients.push(writer)
      await waitForSync(writer)
      replaceYDocContent(writer.doc, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Typed a moment ago' }] }] })
      await eventually(() => JSON.stringify(yDocToProseMirrorJson(slow.collab.registry.get(idea.id)!.doc)).includes('Typed a moment ago'), 'the room has it')
      const stored = await readStoredDoc(slow.db.db, idea.id)
      expect(JSON.stringify(yDocToProseMirrorJson(stored))).not.toContain('Typed a moment ago')
      stored.destroy()

      const response = await fetch(`${slow.url}/api/networks/asia/ideas/${idea.id}/export.docx`, { headers: { cookie: await adminCookie(slow.url) } })
      const docx = await docxOf(response)
      expect(docx.paragraphs.map((p) => p.text)).toContain('Typed a moment ago')
      writer.destroy()
    } finally {
      await slow.close()
    }
  })

  it('writes the front matter in the language asked for, right to left in Arabic, and names the file in its own script', async () => {
    const title = 'ممرات خضراء في المدن'
    const idea = await api<Idea>('POST', '/networks/asia/ideas', { title, language: 'ar', cluster: 'municipal-services', sdgs: [6] })
    const response = await download(idea, admin, 'asia', '?lang=ar')
    const disposition = response.headers.get('content-disposition')!
    expect(disposition).toMatch(/filename="?idea\.docx"?/) // the ASCII fallback
    expect(parseContentDisposition(disposition).parameters.filename).toBe(`${title}.docx`)
    const docx = await docxOf(response)
    expect(docx.paragraphs[0]).toMatchObject({ text: title, style: 'Title', bidi: true })
    expect(docx.core.title).toBe(title)
    const details = docx.paragraphs.slice(1, 7)
    expect(details.map((p) => p.text)).toEqual(
      expect.arrayContaining(['الشبكة: Asia', 'الحالة: فكرة', 'المجال الموضوعي: الخدمات البلدية', 'أهداف التنمية المستدامة: الهدف 6']),
    )
    expect(details.every((p) => p.bidi)).toBe(true)
    // The Arabic template's section headings come out right to left.
    const heading = docx.paragraphs.find((p) => p.style === 'Heading2')!
    expect(heading.bidi).toBe(true)

    const french = await docxOf(await download(idea, admin, 'asia', '?lang=fr'))
    expect(french.paragraphs.map((p) => p.text)).toContain('Statut: Idée')
    expect((await download(idea, admin, 'asia', '?lang=xx')).status).toBe(400)
  })

  it('answers as reading the idea does: 401, 403, 404', async () => {
    const idea = await server.createIdea('Who may export')
    const observer = await signUp(server)
    await api('POST', '/networks/asia/members', { email: observer.email, role: 'observer' })
    const outsider = await signUp(server)

    expect((await download(idea, observer.cookie)).status).toBe(200)
    const errorOf = async (response: Response) => ({ status: response.status, body: (await response.json()) as { error: { code: string } } })
    expect(await errorOf(await download(idea, null))).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } })
    expect(await errorOf(await download(idea, outsider.cookie))).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } })
    expect((await errorOf(await download({ id: crypto.randomUUID() }))).status).toBe(404)
    expect((await errorOf(await download({ id: 'not-a-uuid' }))).status).toBe(404)
    expect((await errorOf(await download(idea, admin, 'latin-america'))).status).toBe(404) // another network's idea
    expect((await errorOf(await download(idea, admin, 'antarctica'))).status).toBe(404)

    await fetch(`${server.url}/api/networks/asia/ideas/${idea.id}`, { method: 'DELETE', headers: sessionHeaders(server, admin) })
    expect((await errorOf(await download(idea))).status).toBe(404)
  })
})
