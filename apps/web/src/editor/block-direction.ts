import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'

/**
 * Gives every text block `dir="auto"`, so an Arabic paragraph in a French proposal (or the reverse) reads in its own
 * direction. A decoration, not a node attribute: the shared schema (and so the stored document) stays unchanged.
 */
export const BlockDirection = Extension.create({
  name: 'blockDirection',
  addProseMirrorPlugins() {
    const key = new PluginKey<DecorationSet>('blockDirection')
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => build(state.doc),
          apply: (tr, previous) => (tr.docChanged ? build(tr.doc) : previous),
        },
        props: {
          decorations: (state) => key.getState(state),
        },
      }),
    ]
  },
})

function build(doc: ProseMirrorNode): DecorationSet {
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { dir: 'auto' }))
      return false
    }
    return true
  })
  return DecorationSet.create(doc, decorations)
}
