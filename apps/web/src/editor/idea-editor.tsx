import { editorExtensions } from '@tandem/editor'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { BlockDirection } from './block-direction.ts'
import type { CollabSession, CollabUser } from './collab-session.ts'
import { EditorToolbar } from './editor-toolbar.tsx'

/**
 * The shared document: TipTap with Tandem's schema, bound to the session's Y.Doc (field `default`), with each
 * co-author's caret and selection in their colour and name. Read-only for observers (the server drops their updates
 * anyway) and until the document has loaded, so nothing is typed into an empty page that is about to fill.
 */
export function IdeaEditor({ session, user, editable, title }: { session: CollabSession; user: CollabUser; editable: boolean; title: string }) {
  const { t } = useTranslation('editor')
  const editor = useEditor(
    {
      extensions: [
        ...editorExtensions,
        BlockDirection,
        Collaboration.configure({ document: session.doc, field: 'default' }),
        CollaborationCaret.configure({ provider: session.provider, user, render: renderCaret, selectionRender }),
      ],
      editable,
      editorProps: {
        attributes: {
          id: 'idea-editor-content',
          class: 'idea-document',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('editor.label', { title }),
        },
      },
    },
    [session],
  )

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable)
  }, [editor, editable])

  useEffect(() => {
    if (!editor) return
    editor.setOptions({ editorProps: { attributes: { ...editor.options.editorProps.attributes, 'aria-readonly': String(!editable), 'aria-label': t('editor.label', { title }) } } })
  }, [editor, editable, title, t])

  useEffect(() => {
    session.setUser(user)
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user)
  }, [editor, session, user])

  if (!editor) return null
  return (
    <div className="idea-editor">
      {editable && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} className="idea-editor-content" />
    </div>
  )
}

/**
 * A co-author's selection: their colour at 18 % over the page, light enough that any text on it (links included)
 * keeps ≥ 4.5:1 contrast (y-tiptap's default, 44 %, does not).
 */
function selectionRender(user: Record<string, unknown>) {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#37474f'
  return { style: `background-color: ${color}2e`, class: 'ProseMirror-yjs-selection' }
}

/** A co-author's caret: a bar in their colour and their name on a label (white text on a dark colour: AA contrast). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.setAttribute('aria-hidden', 'true')
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#37474f'
  caret.style.borderColor = color
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.textContent = typeof user.name === 'string' ? user.name : ''
  caret.append(label)
  return caret
}
