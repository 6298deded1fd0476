import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doc_updates')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('doc_id', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('doc_updates_doc_seq_idx').on('doc_updates').columns(['doc_id', 'seq']).execute()

  await db.schema
    .createTable('doc_snapshots')
    .addColumn('doc_id', 'uuid', (c) => c.primaryKey().references('ideas.id').onDelete('cascade'))
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('state_vector', 'bytea', (c) => c.notNull())
    .addColumn('upto_seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('doc_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('doc_id', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('doc_versions_doc_idx').on('doc_versions').columns(['doc_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('doc_versions').execute()
  await db.schema.dropTable('doc_snapshots').execute()
  await db.schema.dropTable('doc_updates').execute()
}
