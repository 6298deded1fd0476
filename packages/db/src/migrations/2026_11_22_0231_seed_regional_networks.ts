import type { Kysely } from 'kysely'

// Frozen copy of the seed as it was on this date: migrations never import app code.
const networks = [
  { slug: 'sub-saharan-africa', name: 'Sub-Saharan Africa', region: 'Africa' },
  { slug: 'middle-east-north-africa', name: 'Middle East & North Africa', region: 'Middle East & North Africa' },
  { slug: 'south-east-europe', name: 'South-East Europe', region: 'Europe' },
  { slug: 'asia', name: 'Asia', region: 'Asia' },
  { slug: 'latin-america', name: 'Latin America', region: 'Latin America' },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('networks')
    .values(networks)
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('networks')
    .where(
      'slug',
      'in',
      networks.map((n) => n.slug),
    )
    .execute()
}
