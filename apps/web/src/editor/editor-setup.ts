import { editorExtensions, findUnreadableContent, unreadableAdditions, yDocToProseMirrorJson } from '@tandem/editor'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { BlockDirection } from './block-direction.ts'
import type { CollabSession, CollabUser, ReadabilityCheck } from './collab-session.ts'
import { renderCaret, selectionRender, showNamesOnMove } from './remote-carets.ts'
import { SelectionBlocks } from './selection-blocks.ts'

export interface IdeaEditorSetup {
  session: CollabSession
  user: CollabUser
  editable: boolean
  /** The editor's accessible name. */
  label: string
  /** Where the editor is mounted; a detached element when the page moves it into place itself (EditorContent). */
  element?: HTMLElement
}

/** The editor's placement rules (@tandem/editor), for the session to judge its document with. */
const readability: ReadabilityCheck = {
  unreadableNow: (doc) => findUnreadableContent(doc, { only: 'fragment' }).length > 0,
  unreadableAdded: (transaction) => unreadableAdditions(transaction).length > 0,
}

/**
 * The shared document's editor: TipTap with Tandem's schema, bound to the session's Y.Doc (field `default`), with
 * each co-author's caret and selection in their colour and name. No React here: the quick open (quick-open.ts) makes
 * it before React has loaded, and the idea page (idea-editor.tsx) adopts that one or makes its own.
 *
 * A document the editor cannot read (written by something else than this editor) is never bound: the binding would
 * throw, show an empty page, and the first keystroke would replace the stored document. The editor then shows what it
 * can read, unbound and read-only, and the session says why (ReadabilityCheck); made again once it is repaired.
 */
export function createIdeaEditor({ session, user, editable, label, element }: IdeaEditorSetup): Editor {
  const place = element ?? document.createElement('div')
  session.watchReadability(readability)
  if (!session.getSnapshot().unreadable) {
    try {
      const editor = new Editor({
        element: place,
        extensions: [
          ...editorExtensions,
          BlockDirection,
          SelectionBlocks,
          Collaboration.configure({ document: session.doc, field: 'default' }),
          CollaborationCaret.configure({ provider: session.provider, user, render: renderCaret, selectionRender }),
        ],
        editable,
        // An object of its own, which the page changes in place as its sticky bar changes height (topScrollMargin).
        editorProps: { attributes: editorAttributes(label, editable), scrollMargin: { top: 8, bottom: 8, left: 5, right: 5 } },
      })
      editor.on('destroy', showNamesOnMove(editor, session.provider.awareness))
      // Stopped the moment the document becomes unreadable, before its binding reads it: a destroyed editor neither
      // reads nor writes (whoever holds it makes the read-only one next, see editorEpoch).
      const stop = session.onUnreadable(() => {
        if (!editor.isDestroyed) editor.destroy()
      })
      editor.on('destroy', stop)
      return editor
    } catch {
      // The binding could not read the document after all: as above.
      session.setUnreadable(true)
      place.replaceChildren()
    }
  }
  const unbound = new Editor({
    element: place,
    extensions: [...editorExtensions, BlockDirection],
    content: yDocToProseMirrorJson(session.doc),
    editable: false,
    editorProps: { attributes: editorAttributes(label, false), scrollMargin: { top: 8, bottom: 8, left: 5, right: 5 } },
  })
  unboundEditors.add(unbound)
  return unbound
}

const unboundEditors = new WeakSet<Editor>()

/** Whether the editor writes into the shared document (false: it only shows what it could read, and stays read-only). */
export function isBound(editor: Editor): boolean {
  return !unboundEditors.has(editor)
}

/** How far from the top of the window the editor keeps the caret when it scrolls it into view. */
export function topScrollMargin(editor: Editor): { top: number } {
  const margin = editor.view.props.scrollMargin
  return typeof margin === 'object' ? (margin as { top: number }) : { top: 0 }
}

export function editorAttributes(label: string, editable: boolean): Record<string, string> {
  return {
    id: 'idea-editor-content',
    class: 'idea-document',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-readonly': String(!editable),
    'aria-label': label,
  }
}
