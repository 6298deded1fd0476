import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** The typed shape of every table; migrations are the source of truth, this mirrors them. */
export interface Database {
  networks: NetworksTable
  ideas: IdeasTable
  doc_updates: DocUpdatesTable
  doc_snapshots: DocSnapshotsTable
  doc_versions: DocVersionsTable
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** bigint columns: pg returns them as strings, so does PGlite through Kysely; keep them as strings. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>

export interface NetworksTable {
  id: Generated<string>
  slug: string
  name: string
  region: string
  created_at: Generated<Date>
}

export interface IdeasTable {
  id: Generated<string>
  network_id: string
  title: string
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** Append-only log of Yjs updates per document, folded into doc_snapshots by the compactor. */
export interface DocUpdatesTable {
  seq: ColumnType<string, never, never>
  doc_id: string
  data: Uint8Array
  user_id: string | null
  received_at: Timestamp
}

/** One compact state per document; covers every doc_updates row with seq <= upto_seq. */
export interface DocSnapshotsTable {
  doc_id: string
  state: Uint8Array
  state_vector: Uint8Array
  upto_seq: BigIntColumn
  updated_at: Timestamp
}

/** Named snapshots (version history): never compacted away. */
export interface DocVersionsTable {
  id: Generated<string>
  doc_id: string
  label: string
  kind: string
  state: Uint8Array
  created_by: string | null
  created_at: Generated<Date>
}

export type NetworkRow = Selectable<NetworksTable>
export type IdeaRow = Selectable<IdeasTable>
export type NewIdeaRow = Insertable<IdeasTable>
export type DocUpdateRow = Selectable<DocUpdatesTable>
export type DocSnapshotRow = Selectable<DocSnapshotsTable>
export type DocVersionRow = Selectable<DocVersionsTable>
