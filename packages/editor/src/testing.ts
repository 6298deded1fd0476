import * as Y from 'yjs'
import { DOC_FORMAT_MAP, TITLE_FORMAT_KEY } from './doc-format.ts'
import { legacyProposalTemplateJson } from './legacy-template.fixture.ts'
import type { TemplateLanguage } from './proposal-template.ts'
import { proseMirrorJsonToYUpdate } from './ydoc-content.ts'

export { legacyProposalTemplateJson }

/**
 * For tests: a new idea's first state as the server stored it before the title moved to the idea's record (the old
 * template, its title as the first heading, and no mark of the new format), exactly as `server.ts` then wrote it.
 */
export function ideaDocumentStoredTheOldWay(title: string, language?: TemplateLanguage): Uint8Array {
  return proseMirrorJsonToYUpdate(legacyProposalTemplateJson(title, language))
}

/**
 * For tests: turns a new idea's document (the template without a title) into what the old template made, in one
 * transaction: the title as a first heading (level 1) and no mark that the title lives in the record.
 */
export function rewriteTheOldWay(doc: Y.Doc, title: string): void {
  doc.transact(() => {
    doc.getMap(DOC_FORMAT_MAP).delete(TITLE_FORMAT_KEY)
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', 1 as unknown as string)
    heading.insert(0, [new Y.XmlText(title)])
    doc.getXmlFragment('default').insert(0, [heading])
  })
}
