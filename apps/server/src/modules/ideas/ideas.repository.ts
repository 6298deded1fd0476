import type { Database, IdeaStatus } from '@tandem/db'
import { type Kysely, sql } from 'kysely'

export interface IdeaFields {
  title?: string
  summary?: string
  cluster?: string | null
  sdgs?: number[]
  status?: IdeaStatus
}

export class IdeasRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the idea, its first co-author, its first status and its document's first state, in one transaction. */
  async create(networkId: string, fields: IdeaFields & { title: string }, createdBy: string, initialState: Uint8Array | null) {
    return this.db.transaction().execute(async (trx) => {
      const idea = await trx
        .insertInto('ideas')
        .values({
          network_id: networkId,
          title: fields.title,
          summary: fields.summary ?? '',
          cluster: fields.cluster ?? null,
          sdgs: JSON.stringify(fields.sdgs ?? []),
          created_by: createdBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx.insertInto('idea_co_authors').values({ idea_id: idea.id, user_id: createdBy }).execute()
      await trx.insertInto('idea_status_changes').values({ idea_id: idea.id, from_status: null, to_status: 'idea', changed_by: createdBy }).execute()
      if (initialState) {
        await trx.insertInto('doc_updates').values({ doc_id: idea.id, data: initialState, user_id: createdBy }).execute()
      }
      return idea.id
    })
  }

  private selectIdeas() {
    return this.db
      .selectFrom('ideas')
      .innerJoin('networks', 'networks.id', 'ideas.network_id')
      .selectAll('ideas')
      .select('networks.slug as network_slug')
      .select((eb) =>
        eb
          .selectFrom('idea_co_authors')
          .innerJoin('users', 'users.id', 'idea_co_authors.user_id')
          .select(sql<{ id: string; displayName: string }[]>`coalesce(json_agg(json_build_object('id', users.id, 'displayName', users.display_name) order by idea_co_authors.added_at), '[]')`.as('list'))
          .whereRef('idea_co_authors.idea_id', '=', 'ideas.id')
          .as('co_authors'),
      )
  }

  findInNetwork(networkSlug: string, ideaId: string) {
    return this.selectIdeas().where('networks.slug', '=', networkSlug).where('ideas.id', '=', ideaId).executeTakeFirst()
  }

  async titleOf(ideaId: string): Promise<string | null> {
    const row = await this.db.selectFrom('ideas').select('title').where('id', '=', ideaId).executeTakeFirst()
    return row?.title ?? null
  }

  list(networkId: string, filter: { status?: IdeaStatus; cluster?: string; sdg?: number }) {
    let query = this.selectIdeas().where('ideas.network_id', '=', networkId)
    if (filter.status) query = query.where('ideas.status', '=', filter.status)
    if (filter.cluster) query = query.where('ideas.cluster', '=', filter.cluster)
    if (filter.sdg) query = query.where(sql<boolean>`ideas.sdgs @> ${JSON.stringify([filter.sdg])}::jsonb`)
    return query.orderBy('ideas.updated_at', 'desc').execute()
  }

  /** Updates fields, records a status change, replaces co-authors — one transaction. */
  async update(ideaId: string, fields: IdeaFields, changedBy: string, coAuthors?: string[]) {
    await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('ideas').select('status').where('id', '=', ideaId).forUpdate().executeTakeFirstOrThrow()
      await trx
        .updateTable('ideas')
        .set({
          ...(fields.title !== undefined ? { title: fields.title } : {}),
          ...(fields.summary !== undefined ? { summary: fields.summary } : {}),
          ...(fields.cluster !== undefined ? { cluster: fields.cluster } : {}),
          ...(fields.sdgs !== undefined ? { sdgs: JSON.stringify(fields.sdgs) } : {}),
          ...(fields.status !== undefined ? { status: fields.status } : {}),
          updated_at: sql`now()`,
        })
        .where('id', '=', ideaId)
        .execute()
      if (fields.status !== undefined && fields.status !== current.status) {
        await trx
          .insertInto('idea_status_changes')
          .values({ idea_id: ideaId, from_status: current.status, to_status: fields.status, changed_by: changedBy })
          .execute()
      }
      if (coAuthors) {
        await trx.deleteFrom('idea_co_authors').where('idea_id', '=', ideaId).execute()
        if (coAuthors.length) {
          await trx.insertInto('idea_co_authors').values(coAuthors.map((user_id) => ({ idea_id: ideaId, user_id }))).execute()
        }
      }
    })
  }

  /** The idea's document was written at `at`: updated_at moves there, never back. A deleted idea is no error. */
  async touch(ideaId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('ideas')
      .set({ updated_at: sql`greatest(updated_at, ${at})` })
      .where('id', '=', ideaId)
      .execute()
  }

  async delete(ideaId: string): Promise<void> {
    await this.db.deleteFrom('ideas').where('id', '=', ideaId).execute()
  }

  statusHistory(ideaId: string) {
    return this.db
      .selectFrom('idea_status_changes')
      .select(['from_status', 'to_status', 'changed_by', 'changed_at'])
      .where('idea_id', '=', ideaId)
      .orderBy('changed_at')
      .execute()
  }

  countMembersAmong(networkId: string, userIds: string[]) {
    if (userIds.length === 0) return Promise.resolve(0)
    return this.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('network_id', '=', networkId)
      .where('user_id', 'in', userIds)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n))
  }
}
