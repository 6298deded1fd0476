import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'

export interface StoredDoc {
  /** The snapshot (if any) first, then the log's tail in order. */
  updates: Uint8Array[]
  stats: DocStorageStats
}

export interface DocStorageStats {
  snapshotBytes: number
  tailRows: number
  tailBytes: number
}

export interface AppendRow {
  docId: string
  data: Uint8Array
  userId: string | null
}

/** The only holder of queries on doc_updates and doc_snapshots. */
export class DocStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Snapshot plus tail, read in one repeatable-read transaction so a concurrent compaction cannot split them. */
  async load(docId: string): Promise<StoredDoc> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const snapshot = await trx
          .selectFrom('doc_snapshots')
          .select(['state', 'upto_seq'])
          .where('doc_id', '=', docId)
          .executeTakeFirst()
        const tail = await trx
          .selectFrom('doc_updates')
          .select('data')
          .where('doc_id', '=', docId)
          .where('seq', '>', snapshot?.upto_seq ?? '0')
          .orderBy('seq')
          .execute()
        const updates = tail.map((row) => row.data)
        const tailBytes = updates.reduce((sum, u) => sum + u.byteLength, 0)
        return {
          updates: snapshot ? [snapshot.state, ...updates] : updates,
          stats: { snapshotBytes: snapshot?.state.byteLength ?? 0, tailRows: updates.length, tailBytes },
        }
      })
  }

  /** One INSERT of every row of a group commit: all of them are stored, or none. */
  async append(rows: AppendRow[]): Promise<void> {
    if (rows.length === 0) return
    await this.db
      .insertInto('doc_updates')
      .values(rows.map((r) => ({ doc_id: r.docId, data: r.data, user_id: r.userId })))
      .execute()
  }

  /**
   * Folds the log into the snapshot: reads snapshot and tail, writes the compact state, deletes the folded rows,
   * all in one transaction. Rows appended meanwhile have higher seq and stay in the log.
   */
  async compact(docId: string): Promise<DocStorageStats | null> {
    return this.db.transaction().execute(async (trx) => {
      const snapshot = await trx
        .selectFrom('doc_snapshots')
        .select(['state', 'upto_seq'])
        .where('doc_id', '=', docId)
        .forUpdate()
        .executeTakeFirst()
      const tail = await trx
        .selectFrom('doc_updates')
        .select(['seq', 'data'])
        .where('doc_id', '=', docId)
        .where('seq', '>', snapshot?.upto_seq ?? '0')
        .orderBy('seq')
        .execute()
      const last = tail.at(-1)
      if (!last) return null
      const doc = new Y.Doc()
      if (snapshot) Y.applyUpdate(doc, snapshot.state)
      Y.applyUpdate(doc, Y.mergeUpdates(tail.map((row) => row.data)))
      const state = Y.encodeStateAsUpdate(doc)
      const stateVector = Y.encodeStateVector(doc)
      doc.destroy()
      await trx
        .insertInto('doc_snapshots')
        .values({ doc_id: docId, state, state_vector: stateVector, upto_seq: last.seq, updated_at: new Date() })
        .onConflict((oc) =>
          oc.column('doc_id').doUpdateSet({ state, state_vector: stateVector, upto_seq: last.seq, updated_at: new Date() }),
        )
        .execute()
      await trx.deleteFrom('doc_updates').where('doc_id', '=', docId).where('seq', '<=', last.seq).execute()
      return { snapshotBytes: state.byteLength, tailRows: 0, tailBytes: 0 }
    })
  }

  /** Bytes stored for a document: snapshot plus log. */
  async storedBytes(docId: string): Promise<number> {
    const snapshot = await this.db
      .selectFrom('doc_snapshots')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb.fn('octet_length', ['state'])), eb.lit(0)).as('bytes'))
      .where('doc_id', '=', docId)
      .executeTakeFirstOrThrow()
    const log = await this.db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb.fn('octet_length', ['data'])), eb.lit(0)).as('bytes'))
      .where('doc_id', '=', docId)
      .executeTakeFirstOrThrow()
    return Number(snapshot.bytes) + Number(log.bytes)
  }
}
