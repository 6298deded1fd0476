import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** The typed shape of every table; migrations are the source of truth, this mirrors them. */
export interface Database {
  networks: NetworksTable
  ideas: IdeasTable
  doc_updates: DocUpdatesTable
  doc_snapshots: DocSnapshotsTable
  doc_versions: DocVersionsTable
  users: UsersTable
  sessions: SessionsTable
  memberships: MembershipsTable
  join_requests: JoinRequestsTable
  invitations: InvitationsTable
  clusters: ClustersTable
  idea_co_authors: IdeaCoAuthorsTable
  idea_status_changes: IdeaStatusChangesTable
}

export type NetworkRole = 'observer' | 'member' | 'facilitator'
export type IdeaStatus = 'idea' | 'draft' | 'proposal' | 'submitted' | 'withdrawn'
/** jsonb columns: written as JSON text, read as parsed values (pg and PGlite both parse jsonb). */
type Json<T> = ColumnType<T, string | undefined, string>

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
  summary: Generated<string>
  cluster: string | null
  sdgs: Json<number[]>
  status: ColumnType<IdeaStatus, IdeaStatus | undefined, IdeaStatus>
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface UsersTable {
  id: Generated<string>
  email: string
  password_hash: string
  display_name: string
  organisation: string | null
  city: string | null
  country: string | null
  languages: Json<string[]>
  is_admin: Generated<boolean>
  /** Sample content's accounts: never the first admin, never signed into. */
  is_demo: Generated<boolean>
  created_at: Generated<Date>
}

/** Lucia's sessions: id = hex SHA-256 of the cookie's token. */
export interface SessionsTable {
  id: string
  user_id: string
  expires_at: Timestamp
  created_at: Generated<Date>
}

export interface MembershipsTable {
  network_id: string
  user_id: string
  role: NetworkRole
  created_at: Generated<Date>
}

export interface JoinRequestsTable {
  id: Generated<string>
  network_id: string
  user_id: string
  message: string | null
  status: ColumnType<'pending' | 'approved' | 'rejected', 'pending' | undefined, 'approved' | 'rejected'>
  decided_by: string | null
  decided_at: Timestamp | null
  created_at: Generated<Date>
}

export interface InvitationsTable {
  id: Generated<string>
  network_id: string
  token_hash: string
  role: NetworkRole
  email: string | null
  expires_at: Timestamp
  used_at: Timestamp | null
  used_by: string | null
  created_by: string | null
  created_at: Generated<Date>
}

export interface ClustersTable {
  slug: string
  name: string
}

export interface IdeaCoAuthorsTable {
  idea_id: string
  user_id: string
  added_at: Generated<Date>
}

export interface IdeaStatusChangesTable {
  id: Generated<string>
  idea_id: string
  from_status: IdeaStatus | null
  to_status: IdeaStatus
  changed_by: string | null
  changed_at: Generated<Date>
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
export type UserRow = Selectable<UsersTable>
export type SessionRow = Selectable<SessionsTable>
export type MembershipRow = Selectable<MembershipsTable>
