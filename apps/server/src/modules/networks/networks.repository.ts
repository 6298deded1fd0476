import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'

export class NetworksRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listWithCounts() {
    return this.db
      .selectFrom('networks')
      .select(['networks.slug', 'networks.name', 'networks.region'])
      .select((eb) => [
        eb.selectFrom('ideas').select((e) => e.fn.countAll<string>().as('n')).whereRef('ideas.network_id', '=', 'networks.id').as('idea_count'),
        eb
          .selectFrom('memberships')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('memberships.network_id', '=', 'networks.id')
          .as('member_count'),
      ])
      .orderBy('networks.name')
      .execute()
  }

  async exists(slug: string): Promise<boolean> {
    return (await this.db.selectFrom('networks').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
  }

  /** null when the slug is taken. */
  async create(slug: string, name: string, region: string) {
    const row = await this.db
      .insertInto('networks')
      .values({ slug, name, region })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning(['slug', 'name', 'region'])
      .executeTakeFirst()
    return row ?? null
  }
}
