/** The one interface every server kind offers the scenarios. */

/** How clients talk to the server: y-websocket's wire, or Hocuspocus's (document name before every message). */
export type Dialect = 'y-websocket' | 'hocuspocus'

export type ServerKindName =
  | 'tandem'
  | 'tandem-pg'
  | 'relay'
  | 'y-websocket'
  | 'y-websocket-leveldb'
  | 'hocuspocus'
  | `tandem@${string}`
  | `tandem-pg@${string}`

export interface ServerKind {
  name: ServerKindName
  /** A line for tables. */
  label: string
  dialect: Dialect
  /** Keeps documents (Tandem) — only these run the persistence scenario. */
  persistent: boolean
  /** Merges documents (not the relay): the document scenarios apply. */
  crdt: boolean
  /** Null when it can run here; otherwise why not (printed as a note). */
  unavailable(): string | null
  start(options: StartOptions): Promise<RunningServer>
}

export interface StartOptions {
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeFlags?: string[]
  /** Server log level (Tandem); warn unless a scenario needs to see the room lifecycle. */
  logLevel?: string
  /** Reuse this server's storage (a restart): the value returned by a previous RunningServer.storage. */
  storage?: StorageHandle
  /** Tandem: measure this commit's server instead of the working tree's (see tandem-tree.ts). */
  tandemRef?: string | null
}

export interface StorageHandle {
  dataDir?: string
  databaseUrl?: string
  databaseName?: string
}

export interface RunningServer {
  kind: ServerKind
  pid: number
  port: number
  /** Base URL clients append the room name to (y-websocket), or the Hocuspocus URL. */
  wsBase: string
  /** Unix socket of the event-loop probe inside the server process. */
  probeSocket: string
  storage: StorageHandle
  /** A room name clients may join (Tandem: creates an idea and returns its `room`). */
  createRoom(index: number): Promise<string>
  /** Query string clients add to opt in to STORED acknowledgements (Tandem only). */
  storedParam: Record<string, string>
  /** Headers every client sends on its websocket upgrade (Tandem: the bench account's session cookie). */
  headers: Record<string, string>
  /** Everything the process printed lately (for failures), and lines it logged (JSON logs of Tandem). */
  output(): string
  onLine(listener: (line: string) => void): () => void
  /** Pids whose CPU counts as the database's (PostgreSQL backends), when the database is another process. */
  databasePids(): Promise<number[]>
  /** Graceful stop (SIGTERM), SIGKILL after the deadline. Keeps storage unless drop is set. */
  stop(options?: { drop?: boolean }): Promise<void>
}
