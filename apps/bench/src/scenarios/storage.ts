import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { StorageHandle } from '../servers/types.ts'

/** Reads a stopped (PGlite) or running (PostgreSQL) Tandem database: stored bytes of a document and the WAL position. */
export interface StorageFacts {
  snapshotBytes: number
  logBytes: number
  logRows: number
  /** Bytes of WAL written since the database was created (PostgreSQL: the whole cluster's). */
  walBytes: number
}

const QUERY = (docId: string) => `
  SELECT
    (SELECT coalesce(sum(octet_length(state)), 0) FROM doc_snapshots WHERE doc_id = '${docId}')::text AS snapshot,
    (SELECT coalesce(sum(octet_length(data)), 0) FROM doc_updates WHERE doc_id = '${docId}')::text AS log,
    (SELECT count(*) FROM doc_updates WHERE doc_id = '${docId}')::text AS rows,
    pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS wal`

/** PGlite: only while no server has the folder open. */
export async function storageFacts(storage: StorageHandle, docId: string | null): Promise<StorageFacts> {
  const sql = docId ? QUERY(docId) : `SELECT 0 AS snapshot, 0 AS log, 0 AS rows, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS wal`
  let row: Record<string, string>
  if (storage.dataDir) {
    const db = await PGlite.create(storage.dataDir)
    try {
      row = (await db.query<Record<string, string>>(sql)).rows[0]!
    } finally {
      await db.close()
    }
  } else {
    const client = new pg.Client({ connectionString: storage.databaseUrl })
    await client.connect()
    try {
      row = (await client.query(sql)).rows[0] as Record<string, string>
    } finally {
      await client.end()
    }
  }
  return {
    snapshotBytes: Number(row.snapshot),
    logBytes: Number(row.log),
    logRows: Number(row.rows),
    walBytes: Number(row.wal),
  }
}
