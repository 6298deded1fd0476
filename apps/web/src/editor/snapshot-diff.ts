import type { JSONContent } from '@tiptap/core'
import { diffArrays, diffWords } from 'diff'

/**
 * What changed between a snapshot and the current document, block by block and then word by word: the readable
 * difference the history screen shows (not a diff of JSON).
 */

/** One text block of a document, with what it is (a heading, a list item, a task, a table cell …). */
export interface Block {
  kind: 'heading' | 'paragraph' | 'bullet' | 'ordered' | 'task' | 'quote' | 'code' | 'cell' | 'rule'
  /** Heading level (1–6). */
  level?: number
  /** A task item's check box. */
  checked?: boolean
  /** List nesting depth (0 for the outer level). */
  depth: number
  text: string
}

export type TextPart = { op: 'same' | 'added' | 'removed'; text: string }

export type BlockChange =
  | { op: 'same'; block: Block }
  | { op: 'added'; block: Block }
  | { op: 'removed'; block: Block }
  /** The same block with its words changed (or its kind: a paragraph that became a heading). */
  | { op: 'changed'; before: Block; after: Block; parts: TextPart[] }

interface Context {
  list: 'bullet' | 'ordered' | 'task' | null
  depth: number
  checked?: boolean
  quote: boolean
  cell: boolean
}

/** The document's text blocks in reading order. */
export function blocksOf(doc: JSONContent): Block[] {
  const blocks: Block[] = []
  const walk = (node: JSONContent, context: Context) => {
    switch (node.type) {
      case 'bulletList':
      case 'orderedList':
      case 'taskList': {
        const list = node.type === 'bulletList' ? 'bullet' : node.type === 'orderedList' ? 'ordered' : 'task'
        const depth = context.list ? context.depth + 1 : 0
        for (const child of node.content ?? []) walk(child, { ...context, list, depth })
        return
      }
      case 'taskItem':
        for (const child of node.content ?? []) walk(child, { ...context, checked: Boolean(node.attrs?.checked) })
        return
      case 'blockquote':
        for (const child of node.content ?? []) walk(child, { ...context, quote: true })
        return
      case 'tableCell':
      case 'tableHeader':
        for (const child of node.content ?? []) walk(child, { ...context, cell: true })
        return
      case 'horizontalRule':
        blocks.push({ kind: 'rule', depth: 0, text: '' })
        return
      case 'heading':
        blocks.push({ kind: 'heading', level: Number(node.attrs?.level ?? 1), depth: 0, text: textOf(node) })
        return
      case 'codeBlock':
        blocks.push({ kind: 'code', depth: 0, text: textOf(node) })
        return
      case 'paragraph': {
        const kind: Block['kind'] = context.cell ? 'cell' : context.list ?? (context.quote ? 'quote' : 'paragraph')
        const block: Block = { kind, depth: context.list ? context.depth : 0, text: textOf(node) }
        if (kind === 'task') block.checked = context.checked ?? false
        blocks.push(block)
        return
      }
      default:
        for (const child of node.content ?? []) walk(child, context)
    }
  }
  walk(doc, { list: null, depth: 0, quote: false, cell: false })
  return blocks
}

function textOf(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  return (node.content ?? []).map(textOf).join('')
}

function sameBlock(a: Block, b: Block): boolean {
  return a.kind === b.kind && a.level === b.level && a.checked === b.checked && a.depth === b.depth && a.text === b.text
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'word' }) : undefined

/** A word-level difference of two texts, in any script (Intl.Segmenter finds the words). */
export function diffText(before: string, after: string): TextPart[] {
  const changes = diffWords(before, after, segmenter ? { intlSegmenter: segmenter } : {})
  return changes.map((change) => ({ op: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value }))
}

/** How much of two texts is shared: pairs a removed block with an added one as "changed" only when they are alike. */
function likeness(before: Block, after: Block): number {
  if (!before.text && !after.text) return before.kind === after.kind ? 1 : 0
  const parts = diffText(before.text, after.text)
  const same = parts.filter((p) => p.op === 'same').reduce((n, p) => n + p.text.trim().length, 0)
  return same / Math.max(before.text.length, after.text.length, 1)
}

export function diffDocuments(before: JSONContent, after: JSONContent): BlockChange[] {
  const changes = diffArrays(blocksOf(before), blocksOf(after), { comparator: sameBlock })
  const result: BlockChange[] = []
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!
    if (!change.added && !change.removed) {
      for (const block of change.value) result.push({ op: 'same', block })
      continue
    }
    // A run of removed blocks followed by a run of added ones: pair them up where alike (edited in place).
    const next = changes[i + 1]
    if (change.removed && next?.added) {
      result.push(...pairUp(change.value, next.value))
      i++
      continue
    }
    for (const block of change.value) result.push({ op: change.added ? 'added' : 'removed', block })
  }
  return result
}

function pairUp(removed: Block[], added: Block[]): BlockChange[] {
  const out: BlockChange[] = []
  let r = 0
  let a = 0
  while (r < removed.length && a < added.length) {
    const before = removed[r]!
    const after = added[a]!
    if (removed.length - r === added.length - a || likeness(before, after) >= 0.3) {
      out.push({ op: 'changed', before, after, parts: diffText(before.text, after.text) })
      r++
      a++
    } else if (removed.length - r > added.length - a) {
      out.push({ op: 'removed', block: before })
      r++
    } else {
      out.push({ op: 'added', block: after })
      a++
    }
  }
  for (; r < removed.length; r++) out.push({ op: 'removed', block: removed[r]! })
  for (; a < added.length; a++) out.push({ op: 'added', block: added[a]! })
  return out
}

/** Counts for the summary line: blocks added, removed and changed. */
export function countChanges(changes: BlockChange[]): { added: number; removed: number; changed: number } {
  let added = 0
  let removed = 0
  let changed = 0
  for (const change of changes) {
    if (change.op === 'added') added++
    else if (change.op === 'removed') removed++
    else if (change.op === 'changed') changed++
  }
  return { added, removed, changed }
}
