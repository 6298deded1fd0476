import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'

export type SnapshotKind = 'named' | 'restore-point'

/** Named snapshots (version history) in doc_versions: never compacted away. */
export class SnapshotsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  create(docId: string, label: string, kind: SnapshotKind, state: Uint8Array, createdBy: string | null) {
    return this.db
      .insertInto('doc_versions')
      .values({ doc_id: docId, label, kind, state, created_by: createdBy })
      .returning(['id', 'label', 'kind', 'created_by', 'created_at'])
      .executeTakeFirstOrThrow()
  }

  list(docId: string) {
    return this.db
      .selectFrom('doc_versions')
      .select(['id', 'label', 'kind', 'created_by', 'created_at'])
      .where('doc_id', '=', docId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()
  }

  find(docId: string, id: string) {
    return this.db
      .selectFrom('doc_versions')
      .selectAll()
      .where('doc_id', '=', docId)
      .where('id', '=', id)
      .executeTakeFirst()
  }
}
