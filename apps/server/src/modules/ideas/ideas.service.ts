import type { TemplateLanguage } from '@tandem/editor'
import type { IdeaStatus } from '@tandem/db'
import { ErrorCode, formatRoomName, isUuid, type Idea, type UpdateIdeaRequest } from '@tandem/shared'
import type { AuthUser } from '../../app-env.ts'
import { AppError } from '../../errors.ts'
import { Action } from '../access/access-policy.ts'
import type { NetworkAccess } from '../access/network-access.ts'
import { allowedNextStatuses, canMoveStatus } from './idea-status.ts'
import type { IdeasRepository } from './ideas.repository.ts'

type IdeaRow = NonNullable<Awaited<ReturnType<IdeasRepository['findInNetwork']>>>

function toIdea(row: IdeaRow): Idea {
  return {
    id: row.id,
    networkSlug: row.network_slug,
    title: row.title,
    summary: row.summary,
    cluster: row.cluster as Idea['cluster'],
    sdgs: row.sdgs,
    status: row.status,
    coAuthors: row.co_authors ?? [],
    room: formatRoomName({ networkSlug: row.network_slug, ideaId: row.id }),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

/** Ideas of a network: members create and edit, facilitators and admins delete; every status change is recorded. */
export interface StatusChange {
  ideaId: string
  from: IdeaStatus
  to: IdeaStatus
  user: { id: string; displayName: string }
}

export class IdeasService {
  private readonly statusListeners: Array<(change: StatusChange) => Promise<void>> = []
  private readonly updateListeners: Array<(ideaId: string) => void> = []

  constructor(
    private readonly ideas: IdeasRepository,
    private readonly access: NetworkAccess,
    /**
     * The document a new idea starts with; written once, by the server, when the idea is created. The title is not
     * in it: it lives in the record.
     */
    private readonly initialDocument: (language: TemplateLanguage | undefined) => Uint8Array | null,
    /** Called after an idea is deleted, so open rooms close. */
    private readonly onDeleted: (ideaId: string) => void = () => {},
  ) {}

  async create(
    user: AuthUser | null,
    slug: string,
    fields: { title: string; summary?: string; cluster?: string | null; sdgs?: number[]; language?: TemplateLanguage },
  ) {
    const { network, user: author } = await this.access.require(user, slug, Action.EDIT_IDEAS)
    const id = await this.ideas.create(network.id, fields, author.id, this.initialDocument(fields.language))
    return toIdea((await this.ideas.findInNetwork(slug, id))!)
  }

  async list(user: AuthUser | null, slug: string, filter: { status?: IdeaStatus; cluster?: string; sdg?: number }) {
    const { network } = await this.access.require(user, slug, Action.READ_NETWORK)
    return (await this.ideas.list(network.id, filter)).map(toIdea)
  }

  async get(user: AuthUser | null, slug: string, ideaId: string): Promise<Idea> {
    await this.access.require(user, slug, Action.READ_NETWORK)
    return toIdea(await this.find(slug, ideaId))
  }

  async update(user: AuthUser | null, slug: string, ideaId: string, changes: UpdateIdeaRequest): Promise<Idea> {
    const { network, user: editor } = await this.access.require(user, slug, Action.EDIT_IDEAS)
    const idea = await this.find(slug, ideaId)
    const coAuthors = changes.coAuthors ? [...new Set(changes.coAuthors)] : undefined
    if (coAuthors && (await this.ideas.countMembersAmong(network.id, coAuthors)) !== coAuthors.length) {
      throw new AppError(ErrorCode.VALIDATION, 'every co-author must be a member of the network', {
        coAuthors: 'every co-author must be a member of the network',
      })
    }
    if (changes.status && !canMoveStatus(idea.status, changes.status)) {
      const allowed = allowedNextStatuses(idea.status).join(', ')
      throw new AppError(ErrorCode.CONFLICT, `an idea in status '${idea.status}' can move to: ${allowed}`, {
        status: `from '${idea.status}' only to ${allowed}`,
      })
    }
    await this.ideas.update(idea.id, changes, editor.id, coAuthors)
    if (changes.status && changes.status !== idea.status) {
      const change = { ideaId: idea.id, from: idea.status, to: changes.status, user: editor }
      // Awaited, so the version kept at this step is listed when the answer arrives; a failure there does not undo
      // the status change (each listener reports its own errors).
      await Promise.allSettled(this.statusListeners.map((listener) => listener(change)))
    }
    for (const listener of this.updateListeners) listener(idea.id)
    return toIdea(await this.find(slug, ideaId))
  }

  /** Runs after each change of an idea's record (its open pages read it again). */
  onUpdated(listener: (ideaId: string) => void): void {
    this.updateListeners.push(listener)
  }

  /** Runs after each status change (the version history keeps the document as it was at that step). */
  onStatusChange(listener: (change: StatusChange) => Promise<void>): void {
    this.statusListeners.push(listener)
  }

  async delete(user: AuthUser | null, slug: string, ideaId: string): Promise<void> {
    await this.access.require(user, slug, Action.DELETE_IDEA)
    const idea = await this.find(slug, ideaId)
    await this.ideas.delete(idea.id)
    this.onDeleted(idea.id)
  }

  async statusHistory(user: AuthUser | null, slug: string, ideaId: string) {
    await this.access.require(user, slug, Action.READ_NETWORK)
    const idea = await this.find(slug, ideaId)
    return (await this.ideas.statusHistory(idea.id)).map((r) => ({
      from: r.from_status,
      to: r.to_status,
      changedBy: r.changed_by,
      changedAt: r.changed_at.toISOString(),
    }))
  }

  /** The idea inside that network, or 404 (an id of another network is not found either). No access check. */
  async find(slug: string, ideaId: string): Promise<IdeaRow> {
    const row = isUuid(ideaId) ? await this.ideas.findInNetwork(slug, ideaId) : undefined
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'no such idea in this network')
    return row
  }
}
