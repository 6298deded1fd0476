import type { AuthUser } from '../../app-env.ts'
import { currentDocumentJson, type DocumentSource } from '../../collab/current-document.ts'
import { Action } from '../access/access-policy.ts'
import type { NetworkAccess } from '../access/network-access.ts'
import type { IdeasService } from '../ideas/ideas.service.ts'
import { attachmentHeader } from './download-filename.ts'
import { proposalDocx } from './docx-proposal.ts'
import type { ExportLanguage } from './export-labels.ts'

export interface ExportedFile {
  body: Buffer
  contentDisposition: string
}

/** An idea as a file to hand a funder: whoever may read the idea may export it, from the document as it is now. */
export class ExportService {
  constructor(
    private readonly ideas: IdeasService,
    private readonly access: NetworkAccess,
    private readonly documents: DocumentSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async docx(user: AuthUser | null, slug: string, ideaId: string, language: ExportLanguage): Promise<ExportedFile> {
    // The same checks, in the same order, as reading the idea: 401, 404 (network), 403, 404 (idea).
    const { network } = await this.access.require(user, slug, Action.READ_NETWORK)
    const idea = await this.ideas.get(user, slug, ideaId)
    const content = await currentDocumentJson(this.documents, idea.id, idea.title)
    const body = await proposalDocx({ idea, networkName: network.name, content, language, exportedAt: this.now() })
    return { body, contentDisposition: attachmentHeader(idea.title, 'docx') }
  }
}
