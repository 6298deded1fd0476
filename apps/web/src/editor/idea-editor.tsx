import type { Editor } from '@tiptap/core'
import { EditorContent } from '@tiptap/react'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CollabSession, CollabUser } from './collab-session.ts'
import { EditorToolbar } from './editor-toolbar.tsx'
import { createIdeaEditor, editorAttributes } from './editor-setup.ts'

interface Owned {
  editor: Editor
  /** Set when the quick open made the editor: tells it the editor is in the page now. */
  adopted?: () => void
}

/**
 * The shared document with its toolbar. Read-only for observers (the server drops their updates anyway) and until
 * the document has loaded, so nothing is typed into an empty page that is about to fill. When the quick open made the
 * editor before React arrived (the person may already be typing), this takes that editor over, focus included.
 */
export function IdeaEditor({ session, user, editable, title }: { session: CollabSession; user: CollabUser; editable: boolean; title: string }) {
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
      made.editor.destroy()
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

  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable)
  }, [editor, editable])

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { attributes: editorAttributes(label, editable) } })
  }, [editor, editable, label])

  useEffect(() => {
    session.setUser(user)
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user)
  }, [editor, session, user])

  if (!editor || !placed) return null
  return (
    <div className="idea-editor">
      {editable && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} className="idea-editor-content" />
    </div>
  )
}
