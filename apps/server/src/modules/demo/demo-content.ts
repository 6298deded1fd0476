import type { Database } from '@tandem/db'
import { newIdeaDocumentUpdate } from '@tandem/editor'
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Logger } from '../../logger.ts'
import { IdeasRepository } from '../ideas/ideas.repository.ts'
import { demoIdeas, demoPeople } from './demo-ideas.ts'

/** A value no argon2 hash can equal: demo accounts cannot be signed into (their emails are also never looked up). */
const NO_PASSWORD = '!demo-account'

/**
 * Writes the sample content (demo people, their memberships and ideas with documents) once, into an instance that has
 * none yet. Demo accounts are marked `is_demo`: the first real sign-up still becomes the admin. Returns whether it
 * wrote anything.
 */
export async function seedDemoContent(db: Kysely<Database>, logger: Logger): Promise<boolean> {
  const existing = await db.selectFrom('users').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst()
  if (existing) return false
  const networks = new Map(
    (await db.selectFrom('networks').select(['id', 'slug']).execute()).map((row) => [row.slug, row.id] as const),
  )
  const ideas = new IdeasRepository(db)
  const people = new Map<string, string>()
  for (const person of demoPeople) {
    const row = await db
      .insertInto('users')
      .values({
        email: `${person.key}.${randomBytes(4).toString('hex')}@demo.tandem.invalid`,
        password_hash: NO_PASSWORD,
        display_name: person.displayName,
        organisation: person.organisation,
        city: person.city,
        country: person.country,
        languages: JSON.stringify(person.languages),
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    people.set(person.key, row.id)
    for (const membership of person.memberships) {
      const networkId = networks.get(membership.network)
      if (!networkId) continue
      await db.insertInto('memberships').values({ network_id: networkId, user_id: row.id, role: membership.role }).execute()
    }
  }
  for (const idea of demoIdeas) {
    const networkId = networks.get(idea.network)
    const author = people.get(idea.author)
    if (!networkId || !author) continue
    const id = await ideas.create(
      networkId,
      { title: idea.title, summary: idea.summary, cluster: idea.cluster, sdgs: idea.sdgs },
      author,
      newIdeaDocumentUpdate(idea.document),
    )
    const coAuthors = [author, ...idea.coAuthors.map((key) => people.get(key)).filter((v): v is string => v !== undefined)]
    // Walk the lifecycle as people would, so the status history reads true.
    const path = idea.status === 'idea' ? [] : idea.status === 'draft' ? ['draft'] : ['draft', 'proposal']
    await ideas.update(id, {}, author, coAuthors)
    for (const status of path) await ideas.update(id, { status: status as 'draft' | 'proposal' }, author)
  }
  logger.info({ people: demoPeople.length, ideas: demoIdeas.length }, 'demo content written (embedded database)')
  return true
}
