import type { JSONContent } from '@tiptap/core'
import { proposalSectionHeadings, proposalSectionHeadingsByLanguage, type TemplateLanguage } from './proposal-template.ts'

/**
 * The concept-note template as Tandem wrote it before the title moved to the idea's record (verbatim): a level 1
 * heading with the title, then the 11 sections. Stored documents made from it are what title-heading.ts repairs.
 */
export function legacyProposalTemplateJson(title: string, language: TemplateLanguage = 'en'): JSONContent {
  const trimmed = title.trim()
  const headings = proposalSectionHeadingsByLanguage[language] ?? proposalSectionHeadings
  return {
    type: 'doc',
    content: [
      heading(1, trimmed),
      ...headings.flatMap((text) => [heading(2, text), { type: 'paragraph' }]),
    ],
  }
}

function heading(level: number, text: string): JSONContent {
  return text === ''
    ? { type: 'heading', attrs: { level } }
    : { type: 'heading', attrs: { level }, content: [{ type: 'text', text }] }
}
