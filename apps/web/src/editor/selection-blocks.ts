import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/**
 * Marks the top-level blocks that hold the ends of the selection (`holds-selection`), which editor.css keeps drawn
 * when the others may be skipped (`content-visibility: auto`, for long documents). Chrome places a caret in a block it
 * has not drawn yet wrongly: in a paragraph just made by Enter, the second letter typed went before the first.
 */
export const SelectionBlocks = Extension.create({
  name: 'selectionBlocks',
  addProseMirrorPlugins() {
    return [new Plugin({ key: new PluginKey('selectionBlocks'), props: { decorations: selectionBlocks } })]
  },
})

const HOLDS_SELECTION = { class: 'holds-selection' }

function selectionBlocks(state: EditorState): DecorationSet {
  const decorations: Decoration[] = []
  const { $from, $to } = state.selection
  for (const $pos of $from.pos === $to.pos ? [$from] : [$from, $to]) {
    // At the top level (a selected table, a gap cursor): the block after it.
    const start = $pos.depth === 0 ? $pos.pos : $pos.before(1)
    const block = $pos.depth === 0 ? $pos.nodeAfter : $pos.node(1)
    if (block && !decorations.some((d) => d.from === start)) decorations.push(Decoration.node(start, start + block.nodeSize, HOLDS_SELECTION))
  }
  return DecorationSet.create(state.doc, decorations)
}
