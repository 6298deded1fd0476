import { editorExtensions } from '@tandem/editor'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { BlockDirection } from './block-direction.ts'
import type { CollabSession, CollabUser } from './collab-session.ts'
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

/**
 * The shared document's editor: TipTap with Tandem's schema, bound to the session's Y.Doc (field `default`), with
 * each co-author's caret and selection in their colour and name. No React here: the quick open (quick-open.ts) makes
 * it before React has loaded, and the idea page (idea-editor.tsx) adopts that one or makes its own.
 */
export function createIdeaEditor({ session, user, editable, label, element }: IdeaEditorSetup): Editor {
  const editor = new Editor({
    element: element ?? document.createElement('div'),
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
  return editor
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
