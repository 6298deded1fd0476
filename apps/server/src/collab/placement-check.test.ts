import { proposalTemplateJson, proseMirrorJsonToYUpdate } from '@tandem/editor'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkPlacement } from './placement-check.ts'

/** An idea's document as the room holds it, and a client that has synced it. */
function roomAndClient(): { room: Y.Doc; client: Y.Doc } {
  const room = new Y.Doc()
  Y.applyUpdate(room, proseMirrorJsonToYUpdate(proposalTemplateJson()))
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  return { room, client }
}

/** What `edit` changes in the client, as its decoded structs (the room decodes every update the same way). */
function changeOf(client: Y.Doc, edit: (doc: Y.Doc) => void): { update: Uint8Array; structs: ReturnType<typeof Y.decodeUpdate>['structs'] } {
  const before = Y.encodeStateVector(client)
  edit(client)
  const update = Y.encodeStateAsUpdate(client, before)
  return { update, structs: Y.decodeUpdate(update).structs }
}

const fragment = (doc: Y.Doc) => doc.getXmlFragment('default')
/** The text of the template's last paragraph (section 11's). */
const lastText = (doc: Y.Doc) => (fragment(doc).get(fragment(doc).length - 1) as Y.XmlElement).get(0) as Y.XmlText

describe('checkPlacement', () => {
  it('passes typing, formatting and deleting in a paragraph', () => {
    const { room, client } = roomAndClient()
    for (const edit of [
      (d: Y.Doc) => lastText(d).insert(0, 'Kisumu and Mwanza'),
      (d: Y.Doc) => lastText(d).insert(6, ' (Kenya)'),
      (d: Y.Doc) => lastText(d).format(0, 6, { bold: {} }),
      (d: Y.Doc) => lastText(d).format(0, 3, { link: { href: 'https://example.org', target: '_blank' } }),
      (d: Y.Doc) => lastText(d).delete(0, 4),
    ]) {
      const { update, structs } = changeOf(client, edit)
      expect(checkPlacement(room, structs)).toMatchObject({ change: null, pending: null })
      Y.applyUpdate(room, update)
    }
  })

  it('passes a pasted subtree whose items are placed by one another within the change', () => {
    const { room, client } = roomAndClient()
    const pasted = new Y.Doc()
    Y.applyUpdate(
      pasted,
      proseMirrorJsonToYUpdate({
        type: 'doc',
        content: [
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }] }] }] },
          {
            type: 'table',
            content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 2 }, content: [{ type: 'paragraph' }] }] }],
          },
        ],
      }),
    )
    const { structs } = changeOf(client, (d) => {
      const copies = fragment(pasted).toArray().map((block) => (block as Y.XmlElement).clone())
      fragment(d).insert(5, copies)
    })
    expect(structs.length).toBeGreaterThan(5)
    expect(checkPlacement(room, structs).change).toBeNull()
  })

  it('passes a long run of structs placed one by the next (no recursion as deep as the change)', () => {
    const { room, client } = roomAndClient()
    // Typing backwards makes one struct per letter, each placed by its right origin, the letter typed before.
    const { structs } = changeOf(client, (d) => {
      for (let i = 0; i < 50_000; i++) lastText(d).insert(0, 'x')
    })
    expect(structs.length).toBeGreaterThan(1000)
    expect(checkPlacement(room, structs).change).toBeNull()
  })

  it.each([
    ['a Y.XmlText at the top', (d: Y.Doc) => fragment(d).insert(1, [new Y.XmlText('stray')]), /Y.XmlText at the top/],
    ['a Y.Map in the fragment', (d: Y.Doc) => fragment(d).insert(0, [new Y.Map() as unknown as Y.XmlText]), /Y.Map at the top/],
    ['another root type', (d: Y.Doc) => d.getMap('junk').set('k', 'x'), /root type "junk"/],
    ['a list item at the top', (d: Y.Doc) => fragment(d).insert(0, [new Y.XmlElement('listItem')]), /<listItem> at the top/],
    ['an unknown mark', (d: Y.Doc) => lastText(d).insert(0, 'x', { blink: {} }), /"blink", which is no mark/],
    ['an attribute of no node', (d: Y.Doc) => (fragment(d).get(0) as Y.XmlElement).setAttribute('style', 'x'), /"style" on <heading>/],
    ['a heading level the editor has not', (d: Y.Doc) => (fragment(d).get(0) as Y.XmlElement).setAttribute('level', 9 as unknown as string), /"level" on <heading>/],
    [
      'a text in a paragraph made in the same change, formatted with a mark code blocks refuse',
      (d: Y.Doc) => {
        const block = new Y.XmlElement('codeBlock')
        fragment(d).insert(0, [block])
        block.insert(0, [new Y.XmlText()])
        ;(block.get(0) as Y.XmlText).insert(0, 'x', { italic: {} })
      },
      /"italic" in <codeBlock>/,
    ],
  ])('refuses %s', (_label, edit, reason) => {
    const { room, client } = roomAndClient()
    const { structs } = changeOf(client, edit)
    expect(checkPlacement(room, structs).change).toMatch(reason)
  })

  it('refuses an item placed by a neighbour in another root type (its parent comes from the neighbour)', () => {
    const { room, client } = roomAndClient()
    const junk = client.getArray<string>('junk')
    junk.push(['a'])
    Y.applyUpdate(room, Y.encodeStateAsUpdate(client)) // the room held it before this fix
    const { structs } = changeOf(client, () => junk.insert(1, ['b']))
    expect(structs[0]).toMatchObject({ parent: null })
    expect(checkPlacement(room, structs).change).toMatch(/root type "junk"/)
  })

  it('leaves to Yjs an item placed by what neither the document nor the change holds, and judges it when that arrives', () => {
    const { room, client } = roomAndClient()
    const first = changeOf(client, (d) => lastText(d).insert(0, 'ab'))
    const second = changeOf(client, (d) => lastText(d).insert(1, 'X'))
    expect(checkPlacement(room, second.structs)).toMatchObject({ change: null, pending: null })
    Y.applyUpdate(room, second.update)
    expect(room.store.pendingStructs).not.toBeNull()
    const pending = Y.decodeUpdateV2(room.store.pendingStructs!.update).structs
    expect(checkPlacement(room, first.structs, pending)).toMatchObject({ change: null, pending: null })
  })

  it('finds a pending struct that the arriving change shows to be misplaced', () => {
    const { room, client } = roomAndClient()
    const list = new Y.XmlElement('bulletList')
    const first = changeOf(client, (d) => fragment(d).insert(0, [list]))
    const second = changeOf(client, () => list.insert(0, [new Y.XmlText('text straight in a list')]))
    expect(checkPlacement(room, second.structs).change).toBeNull() // its parent is not known yet
    Y.applyUpdate(room, second.update)
    const pending = Y.decodeUpdateV2(room.store.pendingStructs!.update).structs
    expect(checkPlacement(room, first.structs, pending)).toMatchObject({ change: null, pending: expect.stringMatching(/Y.XmlText inside <bulletList>/) })
  })

  it('skips what the document already holds, and what will be garbage (its parent is)', () => {
    const { room, client } = roomAndClient()
    const { update, structs } = changeOf(client, (d) => lastText(d).insert(0, 'kept'))
    Y.applyUpdate(room, update)
    expect(checkPlacement(room, structs).change).toBeNull()
    // The paragraph is deleted in the room; a client that had not heard types into its text: garbage, harmless.
    const late = changeOf(client, (d) => lastText(d).insert(0, 'late '))
    room.transact(() => fragment(room).delete(fragment(room).length - 1, 1))
    expect(checkPlacement(room, late.structs).change).toBeNull()
  })
})
