import type { Kysely } from 'kysely'

/**
 * Demo accounts (the embedded database's sample content) are marked, so they never count as "the first account" that
 * becomes the admin, and cannot be signed into.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('is_demo').execute()
}
