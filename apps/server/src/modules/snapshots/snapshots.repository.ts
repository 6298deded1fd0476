import type { Database } from '@tandem/db'
import { sql, type JoinBuilder, type Kysely } from 'kysely'

/** named: kept by a person; restore-point: the state just before a restore; automatic: at each status change. */
export type SnapshotKind = 'named' | 'restore-point' | 'automatic'

/** doc_versions.created_by is text (a version may outlive its author's account): compare as text. */
const byAuthor = <DB, TB extends keyof DB>(join: JoinBuilder<DB, TB>) => join.on(sql<boolean>`users.id::text = doc_versions.created_by`)

/** Named snapshots (version history) in doc_versions: never compacted away. */
export class SnapshotsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** `author` is who keeps the version (their name is returned as it is now, without asking the database again). */
  create(docId: string, label: string, kind: SnapshotKind, state: Uint8Array, author: { id: string; displayName: string } | null) {
    return this.db
      .insertInto('doc_versions')
      .values({ doc_id: docId, label, kind, state, created_by: author?.id ?? null })
      .returning(['id', 'label', 'kind', 'created_by', 'created_at'])
      .executeTakeFirstOrThrow()
      .then((row) => ({ ...row, created_by_name: author?.displayName ?? null }))
  }

  list(docId: string) {
    return this.db
      .selectFrom('doc_versions')
      .leftJoin('users', byAuthor)
      .select(['doc_versions.id', 'doc_versions.label', 'doc_versions.kind', 'doc_versions.created_by', 'doc_versions.created_at', 'users.display_name as created_by_name'])
      .where('doc_id', '=', docId)
      .orderBy('doc_versions.created_at', 'desc')
      .orderBy('doc_versions.id')
      .execute()
  }

  find(docId: string, id: string) {
    return this.db
      .selectFrom('doc_versions')
      .leftJoin('users', byAuthor)
      .selectAll('doc_versions')
      .select('users.display_name as created_by_name')
      .where('doc_versions.doc_id', '=', docId)
      .where('doc_versions.id', '=', id)
      .executeTakeFirst()
  }
}
