import type { Editor } from '@tiptap/core'
import { EditorContent } from '@tiptap/react'
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { CollabSession, CollabUser } from './collab-session.ts'
import { readPendingSelection } from './pending-selection.ts'
import { EditorToolbar } from './editor-toolbar.tsx'
import { createIdeaEditor, editorAttributes, isBound, topScrollMargin } from './editor-setup.ts'

interface Owned {
  editor: Editor
  /** Set when the quick open made the editor: tells it the editor is in the page now. */
  adopted?: () => void
}

/**
 * The shared document with its toolbar and, beside it, `status` (the connection and save state): both stay in view
 * at the top of the window while the document scrolls. Read-only for observers (the server drops their updates anyway),
 * for a document the editor cannot read (createIdeaEditor shows it unbound), and until
 * the document has loaded, so nothing is typed into an empty page that is about to fill. When the quick open made the
 * editor before React arrived (the person may already be typing), this takes that editor over, focus included.
 */
export function IdeaEditor({
  session,
  user,
  editable,
  title,
  status,
}: {
  session: CollabSession
  user: CollabUser
  editable: boolean
  title: string
  status: ReactNode
}) {
  const { t } = useTranslation('editor')
  const label = t('editor.label', { title })
  const [owned, setOwned] = useState<Owned | null>(null)
  // Two steps, both before the browser handles another event: first note whether the person is typing in the
  // quick editor, then let EditorContent move its element into the page and give the focus back.
  const [placed, setPlaced] = useState(false)
  const hadFocus = useRef(false)
  const initial = useRef({ user, editable, label })
  initial.current = { user, editable, label }

  useEffect(() => {
    const made: Owned = session.takeEditor() ?? { editor: createIdeaEditor({ session, ...initial.current }) }
    setOwned(made)
    return () => {
      setOwned(null)
      setPlaced(false)
      if (!made.editor.isDestroyed) made.editor.destroy()
      made.adopted?.()
    }
  }, [session])

  useLayoutEffect(() => {
    if (!owned || owned.editor.isDestroyed) return
    if (!placed) {
      hadFocus.current = owned.editor.view.hasFocus()
      setPlaced(true)
      return
    }
    if (hadFocus.current) owned.editor.view.focus()
    hadFocus.current = false
    owned.adopted?.()
  }, [owned, placed])

  const editor = owned?.editor ?? null
  // An editor that could not be bound to the document (it held something the editor cannot read) stays read-only.
  const canEdit = editable && editor !== null && isBound(editor)

  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== canEdit) {
      readPendingSelection(editor)
      editor.setEditable(canEdit)
    }
  }, [editor, canEdit])

  useEffect(() => {
    if (editor && !editor.isDestroyed) {
      readPendingSelection(editor)
      editor.setOptions({ editorProps: { attributes: editorAttributes(label, canEdit) } })
    }
  }, [editor, canEdit, label])

  useEffect(() => {
    session.setUser(user)
    if (editor && !editor.isDestroyed && isBound(editor)) {
      readPendingSelection(editor)
      editor.commands.updateUser(user)
    }
  }, [editor, session, user])

  const ready = editor !== null && placed ? editor : null
  const bar = useRef<HTMLDivElement>(null)
  useKeptClearOf(bar, ready)
  return (
    <div className="idea-editor">
      <div className="editor-bar" data-testid="editor-bar" ref={bar}>
        {ready && canEdit && <EditorToolbar editor={ready} />}
        {status}
      </div>
      {ready && <EditorContent editor={ready} className="idea-editor-content" />}
    </div>
  )
}

/**
 * What scrolls a place into view (the caret as one types or moves up, the browser's find, a link to a heading) keeps
 * it below the sticky bar rather than under it: the page's scroll padding and the editor's scroll margin follow the
 * bar's height, which changes when it wraps (a phone, a narrow window).
 */
function useKeptClearOf(bar: RefObject<HTMLDivElement | null>, editor: Editor | null) {
  useLayoutEffect(() => {
    const element = bar.current
    if (!element) return
    const root = document.documentElement
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(element.getBoundingClientRect().height)
      root.style.scrollPaddingBlockStart = `${height}px`
      // Changed in place: setting the editor's props here would redraw it, and could put back a selection the browser
      // has just moved (a click) before the editor has read it.
      if (editor && !editor.isDestroyed) topScrollMargin(editor).top = height + 8
    })
    observer.observe(element)
    return () => {
      observer.disconnect()
      root.style.scrollPaddingBlockStart = ''
    }
  }, [bar, editor])
}
