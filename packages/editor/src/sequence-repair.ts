import { Fragment, type Node as ProseMirrorNode, type NodeType } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { DEFAULT_FIELD, editorSchema } from './schema.ts'

/**
 * The binding builds each node with ProseMirror's createChecked: an element whose children no longer make a sequence
 * its content expression accepts (a table cell with no paragraph, a list with no item, a list item that does not start
 * with a paragraph) is dropped by every reader, who then deletes it for everyone. Where each child may stand is the
 * placement rules' (schema-placement.ts); the sequence can only be judged once a change is merged, because two
 * people's well-formed edits can make an invalid one (each deletes one of a table's two rows). So the room completes
 * such elements right after it applies the change, in the same transaction: an empty cell, item, quote or the document
 * gets an empty paragraph, a list or table left with nothing is removed, a list item gains a first paragraph.
 */

/** Why the element's (or the fragment's) visible children are no sequence its node accepts, or null. */
export function sequenceProblem(container: Y.XmlFragment): string | null {
  const type = nodeTypeOf(container)
  const children = type && !type.isTextblock ? standInsOf(container) : null
  if (!type || !children) return null
  const match = type.contentMatch.matchFragment(Fragment.fromArray(children))
  return match?.validEnd ? null : `<${type.name}> holding ${children.map((c) => c.type.name).join(', ') || 'nothing'}`
}

/**
 * Completes every container among `containers` whose children are no valid sequence (and then its parent, if it was
 * removed), inside the caller's transaction. Returns how many were completed or removed.
 */
export function repairSequences(containers: Iterable<Y.XmlFragment>): number {
  const queue = [...containers]
  let fixed = 0
  while (queue.length > 0) {
    const container = queue.pop()!
    if (container._item?.deleted || container.doc === null || sequenceProblem(container) === null) continue
    const type = nodeTypeOf(container)!
    const children = standInsOf(container)!
    const filler = type.contentMatch.fillBefore(Fragment.fromArray(children), true)
    // An element left empty is completed when an empty paragraph does it (a cell, an item, a quote, the document);
    // one that would need more (a list's item, a table's row) is removed with nothing in it.
    const completes = filler !== null && (children.length > 0 || container._item === null || onlyEmptyTextblocks(filler))
    if (completes) {
      const elements: Y.XmlElement[] = []
      filler.forEach((node) => elements.push(toYElement(node)))
      container.insert(0, elements)
    } else {
      const parent = container.parent as Y.XmlFragment
      const index = parent.toArray().indexOf(container as Y.XmlElement)
      if (index === -1) continue
      parent.delete(index, 1)
      queue.push(parent)
    }
    fixed++
  }
  return fixed
}

/** Every container of the document's fragment (the fragment first). */
export function allContainers(doc: Y.Doc, field: string = DEFAULT_FIELD): Y.XmlFragment[] {
  const found: Y.XmlFragment[] = []
  const stack: Y.XmlFragment[] = [doc.getXmlFragment(field)]
  while (stack.length > 0) {
    const container = stack.pop()!
    found.push(container)
    for (const child of container.toArray()) if (child instanceof Y.XmlElement) stack.push(child)
  }
  return found
}

/**
 * The containers whose children a transaction changed (the fragment and elements, not texts: where an element was
 * added or removed), and every element it made inside them (Yjs lists a type made in the transaction as no change).
 */
export function containersChangedBy(transaction: Y.Transaction): Y.XmlFragment[] {
  const found: Y.XmlFragment[] = []
  const isNew = (element: Y.XmlElement) => element._item!.id.clock >= (transaction.beforeState.get(element._item!.id.client) ?? 0)
  const stack: Y.XmlFragment[] = []
  for (const [type, keys] of transaction.changed) {
    if (!keys.has(null)) continue
    if (type instanceof Y.XmlFragment) stack.push(type)
    // A root only an update has named yet is a plain AbstractType: the fragment it is, once asked for as one.
    else if (type._item === null && Y.findRootTypeKey(type) === DEFAULT_FIELD) stack.push(transaction.doc.getXmlFragment(DEFAULT_FIELD))
  }
  while (stack.length > 0) {
    const container = stack.pop()!
    found.push(container)
    for (const child of container.toArray()) if (child instanceof Y.XmlElement && isNew(child)) stack.push(child)
  }
  return found
}

/**
 * Whether adding an element named `child` to one named `parent` (null: the document's fragment) may leave a sequence
 * to complete: the parent's children have an order (a list item's paragraph comes first), or the new element must
 * hold something (a list, a table, a cell), which it may not yet. Text blocks and leaves never do: typing a new
 * paragraph keeps the shortest path.
 */
export function mayLeaveSequence(parent: string | null, child: string): boolean {
  const type = editorSchema.nodes[child]
  const needsChildren = type !== undefined && !type.contentMatch.validEnd
  return needsChildren || (parent !== null && !(orderFree.get(parent) ?? true))
}

function nodeTypeOf(container: Y.XmlFragment): NodeType | null {
  if (container instanceof Y.XmlElement) return editorSchema.nodes[container.nodeName] ?? null
  return container._item === null ? editorSchema.topNodeType : null
}

const standIns = new Map<string, ProseMirrorNode | null>()

/** A node of each child's type, to ask the content expression about (null: a child the placement rules refuse). */
function standInsOf(container: Y.XmlFragment): ProseMirrorNode[] | null {
  const nodes: ProseMirrorNode[] = []
  for (const child of container.toArray()) {
    const name = child instanceof Y.XmlElement ? child.nodeName : child instanceof Y.XmlText ? 'text' : null
    if (name === null) return null
    let node = standIns.get(name)
    if (node === undefined) {
      const type = editorSchema.nodes[name]
      node = !type ? null : type.isText ? editorSchema.text('x') : type.createAndFill()
      standIns.set(name, node)
    }
    if (!node) return null
    nodes.push(node)
  }
  return nodes
}

function onlyEmptyTextblocks(fragment: Fragment): boolean {
  let only = true
  fragment.forEach((node) => (only &&= node.isTextblock && node.content.size === 0))
  return only
}

/** A node the filler made, as the binding writes one (an empty text block holds an empty Y.XmlText). */
function toYElement(node: ProseMirrorNode): Y.XmlElement {
  const element = new Y.XmlElement(node.type.name)
  for (const [key, value] of Object.entries(node.attrs)) if (value !== null) element.setAttribute(key, value as string)
  if (node.isTextblock) element.insert(0, [new Y.XmlText(node.textContent)])
  else {
    const children: Y.XmlElement[] = []
    node.forEach((child) => children.push(toYElement(child)))
    if (children.length > 0) element.insert(0, children)
  }
  return element
}

/** For each node type: whether any sequence of the children it allows, in any order, is accepted once non-empty. */
const orderFree = new Map<string, boolean>(
  Object.values(editorSchema.nodes).map((type) => {
    const allowed = reachable(type)
    const free = allowed.every((first) => {
      const next = type.contentMatch.matchType(first)
      return next !== null && next.validEnd && allowed.every((other) => next.matchType(other) !== null)
    })
    return [type.name, free]
  }),
)

/** Every node type the content expression names. */
function reachable(type: NodeType): NodeType[] {
  const types = new Set<NodeType>()
  const seen = new Set<unknown>()
  const visit = (match: NodeType['contentMatch']) => {
    if (seen.has(match)) return
    seen.add(match)
    for (let i = 0; i < match.edgeCount; i++) {
      types.add(match.edge(i).type)
      visit(match.edge(i).next)
    }
  }
  visit(type.contentMatch)
  return [...types]
}
