import { getSchema } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { editorExtensions } from './extensions.ts'

/** The ProseMirror schema built from {@link editorExtensions}. */
export const editorSchema: Schema = getSchema(editorExtensions)
