import { DOMParser, type Element } from '@xmldom/xmldom'
import { strFromU8, unzipSync } from 'fflate'

/**
 * Reads a .docx as Word would find it: unzips the package and parses its XML parts, so tests assert on the real
 * WordprocessingML (paragraph styles, numbering, right-to-left marks, tables), not on the code that wrote it.
 */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

export interface DocxParagraph {
  text: string
  style: string | null
  /** `<w:bidi/>`: laid out right to left. */
  bidi: boolean
  /** The list the paragraph is in (`w:numId`) and its level (`w:ilvl`), or null. */
  numId: string | null
  level: number | null
  /** Every run's properties that are on: b, i, u, strike, rtl, and rFonts' ascii font. */
  runs: Array<{ text: string; bold: boolean; italic: boolean; underline: boolean; strike: boolean; rtl: boolean; font: string | null }>
  /** The targets of the hyperlinks in the paragraph. */
  links: string[]
  /** Check boxes (w14:checkbox content controls): true when ticked. */
  checkboxes: boolean[]
  thematicBreak: boolean
  breaks: number
  element: Element
}

export interface DocxTable {
  rows: Array<{ header: boolean; cells: Array<{ text: string; bold: boolean; gridSpan: number }> }>
}

export interface DocxFile {
  files: string[]
  documentXml: string
  paragraphs: DocxParagraph[]
  tables: DocxTable[]
  /** dc:title etc. from docProps/core.xml. */
  core: Record<string, string>
  /** numId → the format of each level (bullet, decimal, lowerLetter …) and its start. */
  numbering: Map<string, Array<{ format: string; start: number }>>
}

const parser = new DOMParser()
const children = (el: Element, local: string): Element[] =>
  Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === local && (n as Element).namespaceURI === W)
const all = (el: Element, local: string): Element[] => Array.from(el.getElementsByTagNameNS(W, local))
const val = (el: Element | undefined) => el?.getAttributeNS(W, 'val') ?? null
const on = (props: Element | undefined, local: string) => {
  const el = props ? children(props, local)[0] : undefined
  if (!el) return false
  const v = val(el)
  return v === null || !['false', '0', 'off', 'none'].includes(v)
}

function readParagraph(p: Element, rels: Map<string, string>): DocxParagraph {
  const pPr = children(p, 'pPr')[0]
  const numPr = pPr ? children(pPr, 'numPr')[0] : undefined
  const runs = all(p, 'r').map((r) => {
    const rPr = children(r, 'rPr')[0]
    const fonts = rPr ? children(rPr, 'rFonts')[0] : undefined
    return {
      text: all(r, 't').map((t) => t.textContent ?? '').join(''),
      bold: on(rPr, 'b'),
      italic: on(rPr, 'i'),
      underline: on(rPr, 'u'),
      strike: on(rPr, 'strike'),
      rtl: on(rPr, 'rtl'),
      font: fonts?.getAttributeNS(W, 'ascii') ?? null,
    }
  })
  return {
    text: runs.map((r) => r.text).join(''),
    style: val(pPr ? children(pPr, 'pStyle')[0] : undefined),
    bidi: on(pPr, 'bidi'),
    numId: val(numPr ? children(numPr, 'numId')[0] : undefined),
    level: numPr ? Number(val(children(numPr, 'ilvl')[0]) ?? 0) : null,
    runs,
    links: all(p, 'hyperlink').map((h) => rels.get(h.getAttribute('r:id') ?? '') ?? '(no target)'),
    checkboxes: Array.from(p.getElementsByTagName('w14:checkbox')).map((box) => box.getElementsByTagName('w14:checked')[0]?.getAttribute('w14:val') === '1'),
    thematicBreak: Boolean(pPr && children(pPr, 'pBdr')[0] && children(children(pPr, 'pBdr')[0]!, 'bottom').length),
    breaks: all(p, 'br').length,
    element: p,
  }
}

export function readDocx(bytes: Uint8Array): DocxFile {
  const zip = unzipSync(bytes)
  const xml = (name: string) => {
    const file = zip[name]
    if (!file) throw new Error(`${name} is not in the .docx (it has: ${Object.keys(zip).join(', ')})`)
    return strFromU8(file)
  }
  const documentXml = xml('word/document.xml')
  const doc = parser.parseFromString(documentXml, 'text/xml')
  const rels = new Map<string, string>()
  for (const rel of Array.from(parser.parseFromString(xml('word/_rels/document.xml.rels'), 'text/xml').getElementsByTagName('Relationship'))) {
    rels.set(rel.getAttribute('Id') ?? '', rel.getAttribute('Target') ?? '')
  }
  const body = all(doc.documentElement!, 'body')[0]!
  // Paragraphs outside tables, in order; table paragraphs are read through `tables`.
  const paragraphs = children(body, 'p').map((p) => readParagraph(p, rels))
  const tables = children(body, 'tbl').map((tbl) => ({
    rows: children(tbl, 'tr').map((tr) => {
      const trPr = children(tr, 'trPr')[0]
      return {
        header: on(trPr, 'tblHeader'),
        cells: children(tr, 'tc').map((tc) => {
          const tcPr = children(tc, 'tcPr')[0]
          const read = all(tc, 'p').map((p) => readParagraph(p, rels))
          return {
            text: read.map((p) => p.text).join('\n'),
            bold: read.flatMap((p) => p.runs).filter((r) => r.text).every((r) => r.bold),
            gridSpan: Number(val(tcPr ? children(tcPr, 'gridSpan')[0] : undefined) ?? 1),
          }
        }),
      }
    }),
  }))

  const core: Record<string, string> = {}
  const coreDoc = parser.parseFromString(xml('docProps/core.xml'), 'text/xml')
  for (const node of Array.from(coreDoc.documentElement!.childNodes)) {
    if (node.nodeType === 1) core[(node as Element).localName!] = node.textContent ?? ''
  }

  const numbering = new Map<string, Array<{ format: string; start: number }>>()
  if (zip['word/numbering.xml']) {
    const num = parser.parseFromString(xml('word/numbering.xml'), 'text/xml').documentElement!
    const abstracts = new Map<string, Array<{ format: string; start: number }>>()
    for (const abstract of children(num, 'abstractNum')) {
      abstracts.set(
        abstract.getAttributeNS(W, 'abstractNumId') ?? '',
        children(abstract, 'lvl').map((lvl) => ({ format: val(children(lvl, 'numFmt')[0]) ?? '', start: Number(val(children(lvl, 'start')[0]) ?? 1) })),
      )
    }
    for (const n of children(num, 'num')) {
      const levels = abstracts.get(val(children(n, 'abstractNumId')[0]) ?? '') ?? []
      // A level override's start (a list restarted from another number) wins over the abstract definition's.
      const overrides = children(n, 'lvlOverride').map((o) => ({ level: Number(o.getAttributeNS(W, 'ilvl')), start: val(children(o, 'startOverride')[0]) }))
      numbering.set(
        n.getAttributeNS(W, 'numId') ?? '',
        levels.map((l, i) => {
          const start = overrides.find((o) => o.level === i)?.start
          return start ? { ...l, start: Number(start) } : l
        }),
      )
    }
  }
  return { files: Object.keys(zip), documentXml, paragraphs, tables, core, numbering }
}
