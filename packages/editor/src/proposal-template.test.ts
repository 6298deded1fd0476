import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docNodeFromJson } from './doc-node.ts'
import { proposalSectionHeadings, proposalSectionHeadingsByLanguage, proposalTemplateJson, templateLanguages } from './proposal-template.ts'
import { replaceYDocContent, yDocToProseMirrorJson } from './ydoc-content.ts'

describe('proposalTemplateJson', () => {
  it('is a heading 2 and an empty paragraph per section, with no title heading (the title lives in the record)', () => {
    const json = proposalTemplateJson()
    const content = json.content ?? []

    expect(content).toHaveLength(2 * 11)
    expect(content.some((block) => block.type === 'heading' && block.attrs?.level === 1)).toBe(false)
    for (let i = 0; i < 11; i++) {
      expect(content[2 * i]).toEqual({
        type: 'heading',
        attrs: { level: 2 },
        content: [{ type: 'text', text: proposalSectionHeadings[i] }],
      })
      expect(content[1 + 2 * i]).toEqual({ type: 'paragraph' })
    }
  })

  it('lists the 11 concept-note sections in order', () => {
    expect(proposalSectionHeadings).toHaveLength(11)
    expect(proposalSectionHeadings.map((h) => h.split('.')[0])).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i + 1)),
    )
    expect(proposalSectionHeadings[0]).toContain('Summary')
    expect(proposalSectionHeadings[7]).toContain('Budget estimate, co-financing and funding source')
    expect(proposalSectionHeadings[10]).toContain('Local ownership, validation and sustainability')
  })

  it('is a valid document that survives a Y.Doc round trip', () => {
    const json = proposalTemplateJson()
    const doc = new Y.Doc()
    replaceYDocContent(doc, json)
    expect(yDocToProseMirrorJson(doc)).toEqual(docNodeFromJson(json).toJSON())
  })

  it('is written in each of the six languages, with the same eleven numbered sections', () => {
    for (const language of templateLanguages) {
      const headings = proposalSectionHeadingsByLanguage[language]
      expect(headings, language).toHaveLength(11)
      expect(headings.map((h) => h.split('.')[0]), language).toEqual(proposalSectionHeadings.map((h) => h.split('.')[0]))
      const json = proposalTemplateJson(language)
      expect(json.content?.[2]).toMatchObject({ type: 'heading', attrs: { level: 2 }, content: [{ text: headings[1] }] })
      expect(() => docNodeFromJson(json)).not.toThrow()
    }
    expect(proposalTemplateJson('ar').content?.[0]?.content?.[0]?.text).toContain('الملخص')
  })
})
