import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'

/**
 * The document exactly as the database holds it, read straight from the tables (not through DocStore): the snapshot,
 * if any, and then every row of the log in order.
 */
export async function readStoredDoc(db: Kysely<Database>, docId: string): Promise<Y.Doc> {
  const snapshot = await db.selectFrom('doc_snapshots').select('state').where('doc_id', '=', docId).executeTakeFirst()
  const rows = await db.selectFrom('doc_updates').select('data').where('doc_id', '=', docId).orderBy('seq').execute()
  const doc = new Y.Doc()
  if (snapshot) Y.applyUpdate(doc, snapshot.state)
  for (const row of rows) Y.applyUpdate(doc, row.data)
  return doc
}
