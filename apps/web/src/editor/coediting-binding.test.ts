// @vitest-environment happy-dom
import { editorExtensions, proposalTemplateJson, proseMirrorJsonToYUpdate, seedEmptyTextBlocks } from '@tandem/editor'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BlockDirection } from './block-direction.ts'

/**
 * Two editors as two browsers have them (TipTap + the patched Yjs binding, patches/@tiptap+y-tiptap+3.0.9.patch),
 * joined by a wire whose delivery the test decides: what each co-author sees when the other types into the empty
 * paragraph their caret is in, or into the same one at the same time. The Chromium test (e2e/coediting-rounds) does
 * the same with two browser processes and a real server; this one fails fast, and fails if the patch is dropped.
 */
interface Peer {
  doc: Y.Doc
  editor: Editor
  outbox: Uint8Array[]
}

const editors: Editor[] = []
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy()
})

function peer(initial: Uint8Array): Peer {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initial)
  const outbox: Uint8Array[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'wire') outbox.push(update)
  })
  const element = document.createElement('div')
  document.body.append(element)
  const editor = new Editor({
    element,
    extensions: [...editorExtensions, BlockDirection, Collaboration.configure({ document: doc, field: 'default' })],
  })
  editors.push(editor)
  return { doc, editor, outbox }
}

/** Delivers what `from` has sent so far to `to`. */
function deliver(from: Peer, to: Peer): void {
  for (const update of from.outbox.splice(0)) Y.applyUpdate(to.doc, update, 'wire')
}

/** The position inside the `n`th (0-based) top-level empty paragraph. */
function insideEmptyParagraph(doc: ProseMirrorNode, n: number): number {
  let seen = -1
  let found = -1
  doc.forEach((node, offset) => {
    if (found < 0 && node.type.name === 'paragraph' && node.content.size === 0 && ++seen === n) found = offset + 1
  })
  if (found < 0) throw new Error(`no empty paragraph #${n}`)
  return found
}

function placeCaret(p: Peer, pos: number): void {
  p.editor.view.dispatch(p.editor.state.tr.setSelection(TextSelection.create(p.editor.state.doc, pos)))
}

function type(p: Peer, text: string): void {
  for (const letter of text) p.editor.view.dispatch(p.editor.state.tr.insertText(letter))
}

/** The index of the top-level block the caret is in. */
const caretBlock = (p: Peer): number => p.editor.state.selection.$head.index(0)
const blockText = (p: Peer, index: number): string => p.editor.state.doc.child(index).textContent

/** A new idea's document as the server seeds it: the concept-note template. */
const template = (): Uint8Array => proseMirrorJsonToYUpdate(proposalTemplateJson())

/** The same document as Tandem wrote it before the patch: empty paragraphs without a Y.XmlText. */
function unseededTemplate(): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, template())
  doc.transact(() => {
    for (const block of doc.getXmlFragment('default').toArray()) {
      if (block instanceof Y.XmlElement && block.nodeName === 'paragraph' && block.length === 1) {
        const only = block.get(0)
        if (only instanceof Y.XmlText && only.length === 0) block.delete(0, 1)
      }
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

describe('the Yjs binding around empty paragraphs', () => {
  it('seeds every empty text block of a new document with an empty Y.XmlText', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, template())
    const blocks = doc.getXmlFragment('default').toArray() as Y.XmlElement[]
    const emptyParagraphs = blocks.filter((b) => b.nodeName === 'paragraph')
    expect(emptyParagraphs).toHaveLength(11)
    for (const paragraph of emptyParagraphs) {
      expect(paragraph.length).toBe(1)
      expect(paragraph.get(0)).toBeInstanceOf(Y.XmlText)
    }
  })

  it('seeds the paragraph a person creates with Enter', () => {
    const a = peer(template())
    placeCaret(a, insideEmptyParagraph(a.editor.state.doc, 0))
    type(a, 'First line')
    a.editor.commands.splitBlock()
    const index = caretBlock(a)
    const yBlock = a.doc.getXmlFragment('default').get(index) as Y.XmlElement
    expect(yBlock.nodeName).toBe('paragraph')
    expect(yBlock.length).toBe(1)
    expect(yBlock.get(0)).toBeInstanceOf(Y.XmlText)
  })

  for (const [name, initial] of [
    ['a new document', template],
    ['a document written before the fix', unseededTemplate],
  ] as const) {
    it(`keeps a caret in its empty paragraph when a co-author types into it (${name})`, () => {
      for (let section = 0; section < 10; section++) {
        editors.splice(0).forEach((e) => e.destroy())
        const start = initial()
        const amina = peer(start)
        const bruno = peer(start)
        const target = insideEmptyParagraph(bruno.editor.state.doc, section)
        placeCaret(bruno, target)
        placeCaret(amina, target)
        const brunosBlock = caretBlock(bruno)

        type(amina, 'Hello from Amina')
        deliver(amina, bruno)
        expect(caretBlock(bruno), `section ${section + 1}: Bruno's caret moved`).toBe(brunosBlock)

        type(bruno, ' Bruno here')
        deliver(bruno, amina)
        expect(blockText(bruno, brunosBlock)).toContain('Bruno here')
        expect(blockText(bruno, brunosBlock)).toContain('Hello from Amina')
        // The next section's paragraph stayed empty.
        expect(blockText(bruno, brunosBlock + 2)).toBe('')
        expect(amina.editor.state.doc.toJSON()).toEqual(bruno.editor.state.doc.toJSON())
      }
    })
  }

  it('keeps a caret in a paragraph whose text equals other blocks’ when a co-author edits it', () => {
    const a = peer(template())
    for (const n of [0, 0, 0]) {
      placeCaret(a, insideEmptyParagraph(a.editor.state.doc, n))
      type(a, 'same')
    }
    const b = peer(Y.encodeStateAsUpdate(a.doc))
    // b's caret at the end of the second of three "same" paragraphs; a writes at its start.
    const starts: number[] = []
    b.editor.state.doc.forEach((node, offset) => {
      if (node.textContent === 'same') starts.push(offset + 1)
    })
    expect(starts).toHaveLength(3)
    placeCaret(b, starts[1]! + 'same'.length)
    const block = caretBlock(b)
    placeCaret(a, starts[1]!)
    type(a, 'the ')
    deliver(a, b)
    expect(blockText(b, block)).toBe('the same')
    expect(caretBlock(b)).toBe(block)
    expect(b.editor.state.selection.$head.parentOffset).toBe('the same'.length)
  })

  it('still follows a block a co-author drags elsewhere (the case the binding’s recovery is for)', () => {
    const a = peer(template())
    placeCaret(a, insideEmptyParagraph(a.editor.state.doc, 4))
    type(a, 'Move me')
    const b = peer(Y.encodeStateAsUpdate(a.doc))
    let from = -1
    let moved: ProseMirrorNode | null = null
    a.editor.state.doc.forEach((node, offset) => {
      if (node.textContent === 'Move me') [from, moved] = [offset, node]
    })
    placeCaret(b, from + 1 + 'Move'.length)
    // a drags the paragraph to the top: ProseMirror deletes it and inserts a copy, Yjs sees a new element.
    const { tr } = a.editor.state
    a.editor.view.dispatch(tr.delete(from, from + moved!.nodeSize).insert(0, moved!))
    deliver(a, b)
    expect(b.editor.state.doc.child(0).textContent).toBe('Move me')
    expect(caretBlock(b)).toBe(0)
    expect(b.editor.state.selection.$head.parentOffset).toBe('Move'.length)
  })

  it('writes each letter once when two people start typing in one empty paragraph at the same time', () => {
    // A fixed pseudo-random schedule of who types and when the wire delivers, many rounds.
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let round = 0; round < 40; round++) {
      editors.splice(0).forEach((e) => e.destroy())
      const start = template()
      const a = peer(start)
      const b = peer(start)
      const pos = insideEmptyParagraph(a.editor.state.doc, round % 11)
      placeCaret(a, pos)
      placeCaret(b, pos)
      const block = caretBlock(a)
      const aWord = `A${round}abc`
      const bWord = `B${round}xyz`
      let i = 0
      let j = 0
      while (i < aWord.length || j < bWord.length) {
        const r = random()
        if (r < 0.35 && i < aWord.length) type(a, aWord[i++]!)
        else if (r < 0.7 && j < bWord.length) type(b, bWord[j++]!)
        else if (r < 0.85) deliver(a, b)
        else deliver(b, a)
      }
      deliver(a, b)
      deliver(b, a)
      deliver(a, b)
      const text = blockText(a, block)
      expect(a.editor.state.doc.toJSON(), `round ${round}: the two documents differ`).toEqual(b.editor.state.doc.toJSON())
      expect(text.length, `round ${round}: "${text}"`).toBe(aWord.length + bWord.length)
      // Each person's letters in the order they typed them.
      expect(text.replace(/[^A-Za-z0-9]/g, '').split('').filter((c) => aWord.includes(c) && !bWord.includes(c)).join('')).toBe(
        aWord.split('').filter((c) => !bWord.includes(c)).join(''),
      )
    }
  })
})

describe('seedEmptyTextBlocks (the repair of stored documents)', () => {
  it('gives an old document’s empty paragraphs a text, once', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, unseededTemplate())
    expect(seedEmptyTextBlocks.apply(doc)).toBe(true)
    expect(seedEmptyTextBlocks.apply(doc)).toBe(false)
    const paragraphs = (doc.getXmlFragment('default').toArray() as Y.XmlElement[]).filter((b) => b.nodeName === 'paragraph')
    expect(paragraphs.every((p) => p.length === 1 && p.get(0) instanceof Y.XmlText)).toBe(true)
  })
})
