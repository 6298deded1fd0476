import { editorExtensions } from '@tandem/editor'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { BlockDirection } from './block-direction.ts'
import type { CollabSession, CollabUser } from './collab-session.ts'
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
  return new Editor({
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

function safeColour(user: Record<string, unknown>): string {
  return typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#37474f'
}

/**
 * A co-author's selection: their colour at 18 % over the page, light enough that any text on it (links included)
 * keeps ≥ 4.5:1 contrast (y-tiptap's default, 44 %, does not).
 */
function selectionRender(user: Record<string, unknown>) {
  return { style: `background-color: ${safeColour(user)}2e`, class: 'ProseMirror-yjs-selection' }
}

/** A co-author's caret: a bar in their colour and their name on a label (white text on a dark colour: AA contrast). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.setAttribute('aria-hidden', 'true')
  const color = safeColour(user)
  caret.style.borderColor = color
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.textContent = typeof user.name === 'string' ? user.name : ''
  caret.append(label)
  return caret
}
