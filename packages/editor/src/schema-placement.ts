import type { MarkType, NodeType } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { DEFAULT_FIELD, editorSchema } from './schema.ts'

/**
 * What the editor's binding (@tiptap/y-tiptap) can read, as rules on one Yjs item at a time: which node may stand in
 * which (from the schema's content expressions), where text may stand, which marks and attributes it may carry. A
 * document whose every item passes is read whole, with no exception and nothing dropped (see the property test
 * apps/server/src/collab/document-integrity.property.integration.test.ts).
 *
 * The rules are about where a thing stands, never about its neighbours: two people's well-formed edits merged by Yjs
 * (one deletes a table's last row while the other deletes the others) may leave a node with fewer children than its
 * content expression asks for, which the editor reads; a node's name, though, never changes once made, so a place is
 * allowed or not for good.
 */

/** Where an item stands: the Yjs type it is in. */
export type Place =
  /** The editor's fragment: the root type `default` (or another the caller reads as the document). */
  | { kind: 'document' }
  /** Any other root type of the Y.Doc, by its name: the editor never reads it. */
  | { kind: 'root'; name: string }
  /** A Y.XmlElement: a node of the schema, by its name. */
  | { kind: 'element'; name: string }
  /** A Y.XmlText, in an element named `element` (null: in anything else). */
  | { kind: 'text'; element: string | null }
  /** Any other Yjs type (Y.Map, Y.Array, Y.Text, Y.XmlHook, a nested Y.XmlFragment), or an item that holds no type. */
  | { kind: 'other'; what: string }

/** What an item holds. */
export type Piece =
  | { kind: 'element'; name: string }
  | { kind: 'text' }
  | { kind: 'characters' }
  | { kind: 'format'; key: string; value: unknown }
  | { kind: 'json'; values: unknown[] }
  | { kind: 'deleted' }
  | { kind: 'other'; what: string }

/** What an item's content is, from its Yjs content class (the same for an item decoded from an update or integrated). */
export function pieceOf(content: Y.Item['content']): Piece {
  if (content instanceof Y.ContentString) return { kind: 'characters' }
  if (content instanceof Y.ContentDeleted) return { kind: 'deleted' }
  if (content instanceof Y.ContentFormat) return { kind: 'format', key: content.key, value: content.value }
  if (content instanceof Y.ContentAny) return { kind: 'json', values: content.arr }
  if (content instanceof Y.ContentType) {
    const type = content.type
    // Subclasses first: an XmlHook is a Map, an XmlText a Text, an XmlElement an XmlFragment.
    if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName }
    if (type instanceof Y.XmlText) return { kind: 'text' }
    return { kind: 'other', what: typeName(type) }
  }
  if (content instanceof Y.ContentEmbed) return { kind: 'other', what: 'an embed' }
  if (content instanceof Y.ContentBinary) return { kind: 'other', what: 'binary content' }
  if (content instanceof Y.ContentDoc) return { kind: 'other', what: 'a subdocument' }
  return { kind: 'other', what: 'JSON content' }
}

/** The place an item's children have, given the item's own piece and the place it stands in. */
export function placeInside(piece: Piece, outer: Place): Place {
  if (piece.kind === 'element') return { kind: 'element', name: piece.name }
  if (piece.kind === 'text') return { kind: 'text', element: outer.kind === 'element' ? outer.name : null }
  return { kind: 'other', what: piece.kind === 'other' ? piece.what : piece.kind }
}

export function typeName(type: Y.AbstractType<any>): string {
  if (type instanceof Y.XmlHook) return 'a Y.XmlHook'
  if (type instanceof Y.XmlElement) return `a Y.XmlElement <${type.nodeName}>`
  if (type instanceof Y.XmlFragment) return 'a Y.XmlFragment'
  if (type instanceof Y.XmlText) return 'a Y.XmlText'
  if (type instanceof Y.Text) return 'a Y.Text'
  if (type instanceof Y.Map) return 'a Y.Map'
  if (type instanceof Y.Array) return 'a Y.Array'
  return 'a Yjs type'
}

/**
 * Why an item holding `piece` may not stand in `place` under `key` (a map entry: an attribute; null: in the type's
 * list), or null when the editor reads it. The reason names node, mark and attribute names, never a value (it is
 * logged, and values are the document's content).
 */
export function misplacement(place: Place, key: string | null, piece: Piece): string | null {
  if (place.kind === 'root') return `writes the root type "${place.name}" (only "${DEFAULT_FIELD}" is the document)`
  if (place.kind === 'document') {
    if (key !== null) return `sets "${key}" on the document's fragment`
    if (piece.kind === 'deleted') return null
    if (piece.kind === 'element' && rules.topLevel.has(piece.name)) return null
    return `${describe(piece)} at the top of the document (only ${[...rules.topLevel].join(', ')})`
  }
  if (piece.kind === 'deleted') return null
  if (place.kind === 'element') {
    const node = rules.nodes.get(place.name)
    if (!node) return `${describe(piece)} inside an element the editor does not know (<${place.name}>)`
    if (key !== null) return attributeProblem(node, key, piece)
    if (piece.kind === 'element' && node.children.has(piece.name)) return null
    if (piece.kind === 'text' && node.text) return null
    return `${describe(piece)} inside <${place.name}>`
  }
  if (place.kind === 'text') {
    if (key !== null) return `sets "${key}" on a text`
    const node = place.element === null ? undefined : rules.nodes.get(place.element)
    if (!node?.text) return `${describe(piece)} in a text outside any text block`
    if (piece.kind === 'characters') return null
    if (piece.kind === 'format') return markProblem(node.type, piece.key, piece.value)
    return `${describe(piece)} inside a text`
  }
  return `${describe(piece)} inside ${place.what}`
}

function describe(piece: Piece): string {
  switch (piece.kind) {
    case 'element':
      return rules.nodes.has(piece.name) ? `<${piece.name}>` : `an element the editor does not know (<${piece.name}>)`
    case 'text':
      return 'a Y.XmlText'
    case 'characters':
      return 'characters'
    case 'format':
      return `formatting "${piece.key}"`
    case 'json':
      return 'JSON content'
    case 'deleted':
      return 'deleted content'
    case 'other':
      return piece.what
  }
}

function attributeProblem(node: NodeRules, key: string, piece: Piece): string | null {
  const valid = node.attributes.get(key)
  if (!valid) return `sets "${key}" on <${node.type.name}>, which has no such attribute`
  if (piece.kind !== 'json' || piece.values.length !== 1) return `sets "${key}" on <${node.type.name}> to ${describe(piece)}`
  return valid(piece.values[0]) ? null : `sets "${key}" on <${node.type.name}> to a value it does not take`
}

/**
 * The binding stores a mark as a formatting attribute named after it (`bold`), or `name--hash` for a mark that may
 * overlap itself; its value is the mark's attributes, null where the mark ends.
 */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/

function markProblem(textBlock: NodeType, key: string, value: unknown): string | null {
  // Where a formatting ends (null) it sets nothing: harmless whatever its name.
  if (value === null) return null
  const hashed = HASHED_MARK.exec(key)
  const markName = hashed && rules.marks.get(hashed[1]!)?.overlaps ? hashed[1]! : key
  const mark = rules.marks.get(markName)
  if (!mark) return `formatting "${key}", which is no mark of the editor`
  if (!textBlock.allowsMarkType(mark.type)) return `formatting "${key}" in <${textBlock.name}>, which takes no such mark`
  if (value === true) return null
  if (typeof value !== 'object' || Array.isArray(value)) return `formatting "${key}" with a value that is no set of attributes`
  for (const [name, valid] of mark.attributes) {
    const given = (value as Record<string, unknown>)[name]
    if (given !== undefined && !valid(given)) return `formatting "${key}" with a ${name} it does not take`
  }
  return null
}

type ValueCheck = (value: unknown) => boolean

const nullOrString: ValueCheck = (v) => v === null || typeof v === 'string'
/** Spans loop once per cell in the table's code (prosemirror-tables' TableMap): a huge one would stop the page. */
const MAX_SPAN = 1000
const span: ValueCheck = (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_SPAN
/** Column widths in pixels, one per spanned column (a width TipTap parsed from HTML may be NaN, read as none). */
const widths: ValueCheck = (v) => v === null || (Array.isArray(v) && v.length <= MAX_SPAN && v.every((w) => w === null || typeof w === 'number'))

/**
 * The values each attribute of the schema may take, as the editor writes them (`node.attr` or `mark.attr`). Every
 * attribute of the schema must be here (a unit test checks it), so a new extension's attributes are looked at once.
 */
export const attributeValues: Record<string, ValueCheck> = {
  'heading.level': (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 6,
  'codeBlock.language': nullOrString,
  'orderedList.start': (v) => Number.isSafeInteger(v),
  'orderedList.type': nullOrString,
  'taskItem.checked': (v) => typeof v === 'boolean',
  'tableCell.colspan': span,
  'tableCell.rowspan': span,
  'tableCell.colwidth': widths,
  'tableCell.align': nullOrString,
  'tableHeader.colspan': span,
  'tableHeader.rowspan': span,
  'tableHeader.colwidth': widths,
  'tableHeader.align': nullOrString,
  'link.href': nullOrString,
  'link.target': nullOrString,
  'link.rel': nullOrString,
  'link.class': nullOrString,
  'link.title': nullOrString,
}

interface NodeRules {
  type: NodeType
  /** Names of the nodes that may stand in it (every type its content expression names). */
  children: Set<string>
  /** It holds text (a text block: its text is one or more Y.XmlText). */
  text: boolean
  attributes: Map<string, ValueCheck>
}

interface MarkRules {
  type: MarkType
  /** The mark does not exclude itself, so the binding keys it `name--hash`. */
  overlaps: boolean
  attributes: Map<string, ValueCheck>
}

function attributesOf(owner: string, attrs: Record<string, unknown>): Map<string, ValueCheck> {
  const checks = new Map<string, ValueCheck>()
  for (const name of Object.keys(attrs)) {
    // An attribute missing from the table (a test fails on it) takes any JSON primitive meanwhile.
    checks.set(name, attributeValues[`${owner}.${name}`] ?? ((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
  }
  return checks
}

/** Every node type a content expression can reach. */
function childrenOf(type: NodeType): Set<string> {
  const names = new Set<string>()
  const seen = new Set<unknown>()
  const visit = (match: NodeType['contentMatch']) => {
    if (seen.has(match)) return
    seen.add(match)
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i)
      names.add(edge.type.name)
      visit(edge.next)
    }
  }
  visit(type.contentMatch)
  return names
}

function buildRules() {
  const nodes = new Map<string, NodeRules>()
  const top = editorSchema.topNodeType
  for (const type of Object.values(editorSchema.nodes)) {
    // The document node is the fragment itself, and text is a Y.XmlText's characters: neither is an element.
    if (type === top || type.isText) continue
    const children = childrenOf(type)
    const text = children.delete('text')
    nodes.set(type.name, { type, children, text, attributes: attributesOf(type.name, type.spec.attrs ?? {}) })
  }
  const marks = new Map<string, MarkRules>()
  for (const type of Object.values(editorSchema.marks)) {
    marks.set(type.name, { type, overlaps: !type.excludes(type), attributes: attributesOf(type.name, type.spec.attrs ?? {}) })
  }
  return { nodes, marks, topLevel: childrenOf(top) }
}

const rules = buildRules()
