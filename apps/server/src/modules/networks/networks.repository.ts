import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'

export class NetworksRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listWithIdeaCounts() {
    return this.db
      .selectFrom('networks')
      .leftJoin('ideas', 'ideas.network_id', 'networks.id')
      .select(['networks.slug', 'networks.name', 'networks.region'])
      .select((eb) => eb.fn.count<string>('ideas.id').as('idea_count'))
      .groupBy(['networks.id', 'networks.slug', 'networks.name', 'networks.region'])
      .orderBy('networks.name')
      .execute()
  }

  findBySlug(slug: string) {
    return this.db.selectFrom('networks').selectAll().where('slug', '=', slug).executeTakeFirst()
  }
}
