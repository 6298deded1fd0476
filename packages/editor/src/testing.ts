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
