import type { JSONContent } from '@tiptap/core'
import {
  BorderStyle,
  CheckBox,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx'
import { firstStrongDirection } from './text-direction.ts'

/**
 * Turns a document of the editor's schema (ProseMirror JSON, packages/editor/src/extensions.ts) into Word paragraphs
 * and tables. Every node and mark has its Word counterpart; a block whose first letter is right-to-left (as the
 * editor's `dir="auto"` decides) is a right-to-left paragraph. Lists get numbering definitions of their own, so each
 * list counts from its own start.
 */
export interface DocxBlocks {
  blocks: Array<Paragraph | Table>
  numbering: NumberingDefinition[]
}

type Block = Paragraph | Table
interface Context {
  /** How deep in lists (0 outside any list). */
  depth: number
  /** Inside a blockquote. */
  quote: boolean
  /** Inside a table's header cell. */
  header: boolean
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const
const INDENT = 720 // twips: half an inch per list level
const CODE_FONT = 'Consolas'
const CODE_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } as const
const QUOTE_BAR = { style: BorderStyle.SINGLE, size: 12, color: 'BFBFBF', space: 8 } as const
const SAFE_LINK = /^(https?:|mailto:|tel:)/i
const ORDERED_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const
const BULLETS = ['•', '◦', '▪'] as const

export function docxBlocks(doc: JSONContent): DocxBlocks {
  const numbering: NumberingDefinition[] = []
  const top: Context = { depth: 0, quote: false, header: false }

  function blocks(nodes: JSONContent[] | undefined, ctx: Context): Block[] {
    return (nodes ?? []).flatMap((node) => block(node, ctx))
  }

  function block(node: JSONContent, ctx: Context): Block[] {
    switch (node.type) {
      case 'paragraph':
        return [paragraph(node.content, ctx)]
      case 'heading': {
        const level = Math.min(Math.max(Number(node.attrs?.level ?? 1), 1), 6)
        // Word keeps a heading with the paragraph after it, so it never ends a page alone.
        return [paragraph(node.content, ctx, { heading: HEADINGS[level - 1], keepNext: true, keepLines: true })]
      }
      case 'blockquote':
        return blocks(node.content, { ...ctx, quote: true })
      case 'codeBlock':
        return [codeBlock(node, ctx)]
      case 'horizontalRule':
        return [new Paragraph({ thematicBreak: true, indent: indentOf(ctx) })]
      case 'bulletList':
      case 'orderedList':
        return list(node, ctx)
      case 'taskList':
        return taskList(node, ctx)
      case 'table':
        return [table(node, ctx)]
      default:
        // A node this converter does not know (a later schema): keep its text rather than lose it.
        return node.content ? blocks(node.content, ctx) : []
    }
  }

  function indentOf(ctx: Context, extra = 0) {
    const left = ctx.depth * INDENT + (ctx.quote ? INDENT : 0) + extra
    return left > 0 ? { start: left } : undefined
  }

  function paragraph(content: JSONContent[] | undefined, ctx: Context, options: Partial<IParagraphOptions> = {}, lead: ParagraphChild[] = []): Paragraph {
    const rtl = firstStrongDirection(plainText(content)) === 'rtl'
    return new Paragraph({
      indent: indentOf(ctx),
      // A quotation's bar stands on the side its lines start from.
      ...(ctx.quote ? { border: { [rtl ? 'right' : 'left']: QUOTE_BAR } } : {}),
      ...options,
      bidirectional: rtl,
      children: [...lead, ...inline(content, ctx, rtl)],
    })
  }

  function inline(content: JSONContent[] | undefined, ctx: Context, rtl: boolean): ParagraphChild[] {
    const children: ParagraphChild[] = []
    for (const node of content ?? []) {
      if (node.type === 'hardBreak') {
        children.push(new TextRun({ break: 1, rightToLeft: rtl }))
        continue
      }
      if (node.type !== 'text' || !node.text) continue
      const marks = node.marks ?? []
      const has = (type: string) => marks.some((mark) => mark.type === type)
      const run: IRunOptions = {
        text: node.text,
        bold: has('bold') || ctx.header || undefined,
        boldComplexScript: has('bold') || ctx.header || undefined,
        italics: has('italic') || undefined,
        italicsComplexScript: has('italic') || undefined,
        underline: has('underline') ? {} : undefined,
        strike: has('strike') || undefined,
        rightToLeft: rtl || undefined,
        ...(has('code') ? { font: CODE_FONT, shading: CODE_SHADING } : {}),
      }
      const href = marks.find((mark) => mark.type === 'link')?.attrs?.href
      if (typeof href === 'string' && SAFE_LINK.test(href)) {
        children.push(new ExternalHyperlink({ link: href, children: [new TextRun({ ...run, style: 'Hyperlink' })] }))
      } else {
        children.push(new TextRun(run))
      }
    }
    return children
  }

  function codeBlock(node: JSONContent, ctx: Context): Paragraph {
    const lines = plainText(node.content).split('\n')
    return new Paragraph({
      indent: indentOf(ctx),
      shading: CODE_SHADING,
      children: lines.map((line, i) => new TextRun({ text: line, font: CODE_FONT, break: i > 0 ? 1 : undefined })),
    })
  }

  /** A bullet or numbered list: the first paragraph of each item carries the number, the rest are indented under it. */
  function list(node: JSONContent, ctx: Context): Block[] {
    const ordered = node.type === 'orderedList'
    const reference = `tandem-list-${numbering.length + 1}`
    const start = Math.max(1, Number(node.attrs?.start ?? 1) || 1)
    numbering.push({
      reference,
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: ordered ? ORDERED_FORMATS[level % 3] : LevelFormat.BULLET,
        text: ordered ? `%${level + 1}.` : BULLETS[level % 3],
        start: ordered ? start : 1,
        style: { paragraph: { indent: { start: (level + 1) * INDENT + (ctx.quote ? INDENT : 0), hanging: 360 } } },
      })),
    })
    const inner: Context = { ...ctx, depth: ctx.depth + 1 }
    return (node.content ?? []).flatMap((item) => {
      const [first, ...rest] = item.content ?? []
      const head =
        first?.type === 'paragraph'
          ? [paragraph(first.content, inner, { numbering: { reference, level: ctx.depth, custom: true }, indent: undefined })]
          : blocks(first ? [first] : [], inner)
      return [...head, ...blocks(rest, inner)]
    })
  }

  /** Word has no task lists: each item is a paragraph that starts with a real Word check box, ticked or not. */
  function taskList(node: JSONContent, ctx: Context): Block[] {
    const inner: Context = { ...ctx, depth: ctx.depth + 1 }
    return (node.content ?? []).flatMap((item) => {
      const [first, ...rest] = item.content ?? []
      const box = [new CheckBox({ checked: item.attrs?.checked === true }), new TextRun(' ')]
      const head = first?.type === 'paragraph' ? [paragraph(first.content, inner, {}, box)] : [new Paragraph({ indent: indentOf(inner), children: box }), ...blocks(first ? [first] : [], inner)]
      return [...head, ...blocks(rest, inner)]
    })
  }

  function table(node: JSONContent, ctx: Context): Table {
    const rows = (node.content ?? []).map((row) => {
      const cells = row.content ?? []
      const isHeaderRow = cells.length > 0 && cells.every((cell) => cell.type === 'tableHeader')
      return new TableRow({
        // A row of header cells repeats at the top of each page the table runs onto.
        tableHeader: isHeaderRow || undefined,
        cantSplit: true,
        children: cells.map((cell) => {
          const header = cell.type === 'tableHeader'
          const colspan = Number(cell.attrs?.colspan ?? 1)
          const rowspan = Number(cell.attrs?.rowspan ?? 1)
          const children = blocks(cell.content, { depth: 0, quote: false, header })
          return new TableCell({
            children: children.length > 0 ? children : [new Paragraph({})],
            ...(colspan > 1 ? { columnSpan: colspan } : {}),
            ...(rowspan > 1 ? { rowSpan: rowspan } : {}),
            ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E7EEF7' } } : {}),
          })
        }),
      })
    })
    return new Table({
      rows,
      width: { size: 100, type: WidthType.PERCENTAGE },
      ...(ctx.depth > 0 || ctx.quote ? { indent: { size: indentOf(ctx)?.start ?? 0, type: WidthType.DXA } } : {}),
      visuallyRightToLeft: firstStrongDirection(plainText(node.content)) === 'rtl',
    })
  }

  return { blocks: blocks(doc.content, top), numbering }
}

/** The text of a node's content, hard breaks as new lines. */
export function plainText(content: JSONContent[] | undefined): string {
  let text = ''
  for (const node of content ?? []) {
    if (node.type === 'text') text += node.text ?? ''
    else if (node.type === 'hardBreak') text += '\n'
    else if (node.content) text += plainText(node.content)
  }
  return text
}
