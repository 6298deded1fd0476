import { Extension } from '@tiptap/core'
import { DOMSerializer, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { NodeViewConstructor } from '@tiptap/pm/view'

/**
 * Gives every text block `dir="auto"`, so an Arabic paragraph in a French proposal (or the reverse) reads in its own
 * direction. Not a node attribute: the shared schema (and so the stored document) stays unchanged.
 *
 * A node view per text block type, drawn as the schema draws it plus the attribute. Not a node decoration: ProseMirror
 * keeps the decorations of the document's top-level blocks in one list and, at every update of the view, scans that
 * list once for each block (DecorationSet.forChild), so in a 1 MB report of ~1,900 blocks every keystroke cost
 * ~7 ms of script for this alone (docs/PERFORMANCE.md, scenario 8). A node view costs nothing after it is drawn.
 */
export const BlockDirection = Extension.create({
  name: 'blockDirection',
  addProseMirrorPlugins() {
    const nodeViews: Record<string, NodeViewConstructor> = {}
    for (const type of Object.values(this.editor.schema.nodes)) {
      if (type.isTextblock && type.spec.toDOM) nodeViews[type.name] = textBlockView
    }
    return [new Plugin({ key: new PluginKey('blockDirection'), props: { nodeViews } })]
  },
})

/** The block as its schema draws it, with `dir="auto"`; drawn again when its type or attributes change. */
function textBlockView(node: ProseMirrorNode) {
  const { dom, contentDOM } = DOMSerializer.renderSpec(document, node.type.spec.toDOM!(node))
  ;(dom as HTMLElement).setAttribute('dir', 'auto')
  return { dom, contentDOM: contentDOM ?? undefined }
}
