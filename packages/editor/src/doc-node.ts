import type { JSONContent } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { editorSchema } from './schema.ts'

/**
 * Builds the ProseMirror document node for `json` with {@link editorSchema}.
 *
 * Throws a RangeError if `json` is not a whole document (`type: 'doc'`), uses
 * unknown node or mark types, or breaks a content rule of the schema
 * (`Schema.nodeFromJSON` alone does not check content rules).
 */
export function docNodeFromJson(json: JSONContent): ProseMirrorNode {
  const node = editorSchema.nodeFromJSON(json)
  if (node.type !== editorSchema.topNodeType) {
    throw new RangeError(`Expected a "${editorSchema.topNodeType.name}" node, got "${node.type.name}"`)
  }
  node.check()
  return node
}
