import { editorExtensions } from '@tandem/editor'
import type { JSONContent } from '@tiptap/core'
import { EditorContent, useEditor } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { BlockDirection } from './block-direction.ts'

/** A snapshot as it was, read-only, rendered with the same schema and styles as the editor. */
export function SnapshotViewer({ json, label }: { json: JSONContent; label: string }) {
  const { t } = useTranslation('editor')
  const editor = useEditor(
    {
      extensions: [...editorExtensions, BlockDirection],
      content: json,
      editable: false,
      editorProps: {
        attributes: { class: 'idea-document snapshot-document', role: 'document', 'aria-label': t('history.versionContent', { label }) },
      },
    },
    [json],
  )
  if (!editor) return null
  return <EditorContent editor={editor} />
}
