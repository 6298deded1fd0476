import { ErrorCode, formatRoomName, type Idea } from '@tandem/shared'
import { AppError } from '../../errors.ts'
import type { NetworksRepository } from '../networks/networks.repository.ts'
import type { IdeasRepository } from './ideas.repository.ts'

export class IdeasService {
  constructor(
    private readonly ideas: IdeasRepository,
    private readonly networks: NetworksRepository,
    /** The document a new idea starts with; written once, by the server, when the idea is created. */
    private readonly initialDocument: (title: string) => Uint8Array | null,
  ) {}

  async create(networkSlug: string, title: string): Promise<Idea> {
    const network = await this.networks.findBySlug(networkSlug)
    if (!network) throw new AppError(ErrorCode.NOT_FOUND, `no network '${networkSlug}'`)
    const row = await this.ideas.create(network.id, title, this.initialDocument(title))
    return {
      id: row.id,
      networkSlug,
      title: row.title,
      room: formatRoomName({ networkSlug, ideaId: row.id }),
      createdAt: row.created_at.toISOString(),
    }
  }

  async get(networkSlug: string, ideaId: string): Promise<Idea> {
    const row = await this.find(networkSlug, ideaId)
    return {
      id: row.id,
      networkSlug,
      title: row.title,
      room: formatRoomName({ networkSlug, ideaId: row.id }),
      createdAt: row.created_at.toISOString(),
    }
  }

  /** The idea inside that network, or 404 (an id of another network is not found either). */
  async find(networkSlug: string, ideaId: string) {
    const row = isUuid(ideaId) ? await this.ideas.findInNetwork(networkSlug, ideaId) : undefined
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'no such idea in this network')
    return row
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
function isUuid(value: string): boolean {
  return UUID.test(value)
}
