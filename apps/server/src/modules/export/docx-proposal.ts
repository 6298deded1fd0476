import type { Idea } from '@tandem/shared'
import type { JSONContent } from '@tiptap/core'
import { AlignmentType, Document, Footer, HeadingLevel, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx'
import { docxBlocks } from './docx-blocks.ts'
import { EXPORT_LABELS, type ExportLanguage } from './export-labels.ts'
import { firstStrongDirection } from './text-direction.ts'

export interface ProposalSource {
  /** The idea's record: its title is the document's title (the record is the one source of the title). */
  idea: Idea
  networkName: string
  /** The idea's document as ProseMirror JSON. */
  content: JSONContent
  /** The language of the front matter's words. */
  language: ExportLanguage
  exportedAt: Date
}

// A4 with 2.5 cm margins, in twips: what funders' concept-note templates use.
const PAGE = { width: 11906, height: 16838, margin: 1417 }

/** A .docx of one idea: the title, its summary and front matter from the record, then the document. */
export async function proposalDocx({ idea, networkName, content, language, exportedAt }: ProposalSource): Promise<Buffer> {
  const labels = EXPORT_LABELS[language]
  const rtlLabels = language === 'ar'
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' })
  const exported = labels.exported.replace('{date}', dateFormat.format(exportedAt))
  const { blocks, numbering } = docxBlocks(content)

  const textParagraph = (text: string, options: ConstructorParameters<typeof Paragraph>[0] & object = {}, run: object = {}) => {
    const rtl = firstStrongDirection(text) === 'rtl'
    return new Paragraph({ ...options, bidirectional: rtl, children: [new TextRun({ text, rightToLeft: rtl || undefined, ...run })] })
  }
  const field = (label: string, value: string) =>
    new Paragraph({
      bidirectional: rtlLabels,
      spacing: { after: 40 },
      children: [
        new TextRun({ text: `${label}: `, bold: true, boldComplexScript: true, rightToLeft: rtlLabels || undefined }),
        new TextRun({ text: value, rightToLeft: firstStrongDirection(value) === 'rtl' || undefined }),
      ],
    })

  const front: Paragraph[] = [textParagraph(idea.title, { heading: HeadingLevel.TITLE })]
  if (idea.summary.trim()) front.push(textParagraph(idea.summary.trim(), { spacing: { after: 200 } }, { italics: true, italicsComplexScript: true, size: 26 }))
  front.push(field(labels.network, networkName))
  front.push(field(labels.status, labels.statuses[idea.status]))
  if (idea.cluster) front.push(field(labels.cluster, labels.clusters[idea.cluster] ?? idea.cluster))
  if (idea.sdgs.length) front.push(field(labels.sdgs, [...idea.sdgs].sort((a, b) => a - b).map(labels.sdg).join(', ')))
  if (idea.coAuthors.length) front.push(field(labels.coAuthors, idea.coAuthors.map((a) => a.displayName).join(', ')))
  front.push(field(labels.updated, dateFormat.format(new Date(idea.updatedAt))))
  front.push(new Paragraph({ bidirectional: rtlLabels, thematicBreak: true, spacing: { after: 240 }, children: [new TextRun({ text: exported, color: '666666', size: 18, rightToLeft: rtlLabels || undefined })] }))

  const document = new Document({
    title: idea.title,
    subject: idea.summary,
    creator: idea.coAuthors.map((a) => a.displayName).join(', ') || 'Tandem',
    keywords: [idea.cluster ? labels.clusters[idea.cluster] : null, ...idea.sdgs.map(labels.sdg)].filter(Boolean).join(', '),
    description: exported,
    numbering: { config: numbering },
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { size: 48 }, paragraph: { spacing: { after: 160 } } },
        heading1: { paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { paragraph: { spacing: { before: 280, after: 100 } } },
        heading3: { paragraph: { spacing: { before: 240, after: 80 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                bidirectional: rtlLabels,
                children: [new TextRun({ text: `${labels.page} `, size: 18, color: '666666' }), new TextRun({ children: [PageNumber.CURRENT], size: 18, color: '666666' })],
              }),
            ],
          }),
        },
        children: [...front, ...blocks],
      },
    ],
  })
  return Packer.toBuffer(document)
}
