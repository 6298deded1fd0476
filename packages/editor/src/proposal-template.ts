import type { JSONContent } from '@tiptap/core'

/** The headings of the 11 concept-note sections, in order. */
export const proposalSectionHeadings: readonly string[] = [
  '1. Summary (title, partner cities, duration, estimated budget, one-line objective)',
  '2. Context and problem analysis',
  '3. Objectives, expected results and indicators',
  '4. Target groups and final beneficiaries',
  '5. Stakeholders and partners',
  '6. Activities, outputs and timeline',
  '7. Good practices and peer advice used',
  '8. Budget estimate, co-financing and funding source',
  '9. Risks and assumptions',
  '10. Cross-cutting: gender, climate, inclusion, SDG targets',
  '11. Local ownership, validation and sustainability',
]

/**
 * A new concept note: a level 1 heading with `title`, then for each of the 11
 * sections a level 2 heading followed by one empty paragraph to write in.
 * A blank title gives an empty level 1 heading.
 */
export function proposalTemplateJson(title: string): JSONContent {
  const trimmed = title.trim()
  return {
    type: 'doc',
    content: [
      heading(1, trimmed),
      ...proposalSectionHeadings.flatMap((text) => [heading(2, text), { type: 'paragraph' }]),
    ],
  }
}

function heading(level: number, text: string): JSONContent {
  return text === ''
    ? { type: 'heading', attrs: { level } }
    : { type: 'heading', attrs: { level }, content: [{ type: 'text', text }] }
}
