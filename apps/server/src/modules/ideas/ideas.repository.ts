import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'

export class IdeasRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the idea and, when given, its document's first state, in one transaction. */
  async create(networkId: string, title: string, initialState: Uint8Array | null) {
    return this.db.transaction().execute(async (trx) => {
      const idea = await trx
        .insertInto('ideas')
        .values({ network_id: networkId, title })
        .returning(['id', 'title', 'created_at'])
        .executeTakeFirstOrThrow()
      if (initialState) {
        await trx.insertInto('doc_updates').values({ doc_id: idea.id, data: initialState, user_id: null }).execute()
      }
      return idea
    })
  }

  findInNetwork(networkSlug: string, ideaId: string) {
    return this.db
      .selectFrom('ideas')
      .innerJoin('networks', 'networks.id', 'ideas.network_id')
      .select(['ideas.id', 'ideas.title', 'ideas.created_at', 'networks.slug as network_slug'])
      .where('networks.slug', '=', networkSlug)
      .where('ideas.id', '=', ideaId)
      .executeTakeFirst()
  }
}
