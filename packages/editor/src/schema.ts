import { getSchema } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { editorExtensions } from './extensions.ts'

/** The ProseMirror schema built from {@link editorExtensions}. */
export const editorSchema: Schema = getSchema(editorExtensions)

/** The Y.XmlFragment name TipTap's Collaboration extension uses by default: the editor's document in a Y.Doc. */
export const DEFAULT_FIELD = 'default'
