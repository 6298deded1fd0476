// @ts-check
/**
 * Statements prepared once per text, on the PGlite worker's thread.
 *
 * PGlite's own `query` makes six calls into PostgreSQL for every statement (Parse, Describe, Bind, Describe, Execute,
 * Sync), and PostgreSQL parses and plans the SQL anew each time. Here each distinct text is parsed once under a name
 * of its own, and every later run is one call carrying Bind, Describe, Execute and Sync together, on the plan
 * PostgreSQL kept (what pg's named statements and postgres.js's automatic preparing do over a socket). Byte values go
 * as binary parameters instead of hex text. apps/bench/src/tools/db-thread.ts, process CPU before → after: 100 group
 * commits of 5 rows 190 → 157 ms; 16 of 100 rows with a compaction and a load 229 → 164 ms.
 *
 * PostgreSQL re-analyses a kept statement when a table it names changes, so a renamed or dropped table fails it as it
 * would fail a fresh one. One whose result columns changed ("cached plan must not change result type") is prepared
 * again and run once more.
 */
import { serialize } from 'pg-protocol'

const BYTEA = 17
/** Distinct texts kept prepared; the least recently run is closed past this. */
const MAX_STATEMENTS = 200
const DESCRIBE_PORTAL = serialize.describe({ type: 'P' })
const EXECUTE = serialize.execute()
const SYNC = serialize.sync()

/** @typedef {import('@electric-sql/pglite').PGlite} PGlite */
/** @typedef {import('./pglite-protocol.ts').RemoteResults} RemoteResults */
/** @typedef {{ name: string, types: number[] }} Statement */
/** @typedef {import('pg-protocol/dist/messages.js').ParameterDescriptionMessage} ParameterDescriptionMessage */
/** @typedef {import('pg-protocol/dist/messages.js').RowDescriptionMessage} RowDescriptionMessage */
/** @typedef {import('pg-protocol/dist/messages.js').DataRowMessage} DataRowMessage */
/** @typedef {import('pg-protocol/dist/messages.js').CommandCompleteMessage} CommandCompleteMessage */

export class PreparedStatements {
  /** @type {Map<string, Statement>} in order of last use */
  #bySql = new Map()
  /** Close messages for evicted statements, sent ahead of the next call. */
  /** @type {Buffer[]} */
  #closing = []
  #nextName = 1

  /** @param {PGlite} db */
  constructor(db) {
    this.db = db
  }

  /**
   * Runs one statement. The caller holds PGlite's query lock (and, outside a transaction, its transaction lock).
   * @param {string} sql
   * @param {unknown[] | undefined} params
   * @param {'array' | 'object' | undefined} rowMode
   * @param {boolean} outsideTransaction PGlite's own query syncs its file system after such a statement, not inside one
   * @param {boolean} [retried]
   * @returns {Promise<RemoteResults>}
   */
  async run(sql, params = [], rowMode, outsideTransaction, retried = false) {
    const statement = this.#bySql.get(sql) ?? (await this.#prepare(sql))
    this.#bySql.delete(sql)
    this.#bySql.set(sql, statement)
    const values = params.map((value, i) => this.#toParam(value, statement.types[i]))
    const message = Buffer.concat([...this.#closing.splice(0), serialize.bind({ statement: statement.name, values }), DESCRIBE_PORTAL, EXECUTE, SYNC])
    try {
      return this.#toResults(await this.db.execProtocolStream(message, { syncToFs: outsideTransaction }), rowMode)
    } catch (error) {
      if (!isStalePlan(error) || retried) throw withQuery(error, sql)
      // The statement's result columns changed since it was prepared (a migration altered its table). Prepared again,
      // it runs on the new columns; inside a transaction the error has aborted it, so there it is the caller's.
      this.#forget(sql)
      if (!outsideTransaction) throw withQuery(error, sql)
      return this.run(sql, params, rowMode, outsideTransaction, true)
    }
  }

  /** @param {string} sql @returns {Promise<Statement>} */
  async #prepare(sql) {
    const name = `tandem_${this.#nextName++}`
    while (this.#bySql.size >= MAX_STATEMENTS) this.#forget(/** @type {string} */ (this.#bySql.keys().next().value))
    const message = Buffer.concat([...this.#closing.splice(0), serialize.parse({ name, text: sql, types: [] }), serialize.describe({ type: 'S', name }), SYNC])
    /** @type {Awaited<ReturnType<PGlite['execProtocolStream']>>} */
    let messages
    try {
      messages = await this.db.execProtocolStream(message, { syncToFs: false })
    } catch (error) {
      throw withQuery(error, sql)
    }
    const description = /** @type {ParameterDescriptionMessage | undefined} */ (messages.find((m) => m.name === 'parameterDescription'))
    /** @type {Statement} */
    const statement = { name, types: description?.dataTypeIDs ?? [] }
    this.#bySql.set(sql, statement)
    return statement
  }

  /** @param {string} sql */
  #forget(sql) {
    const statement = this.#bySql.get(sql)
    if (!statement) return
    this.#bySql.delete(sql)
    this.#closing.push(serialize.close({ type: 'S', name: statement.name }))
  }

  /**
   * A parameter as PGlite's query would send it, except bytes, which go as they are (binary format).
   * @param {unknown} value
   * @param {number | undefined} type
   * @returns {string | Buffer | null}
   */
  #toParam(value, type) {
    if (value === null || value === undefined) return null
    if (type === BYTEA && value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    const serializer = type === undefined ? undefined : this.db.serializers[type]
    return serializer ? serializer(value) : String(value)
  }

  /**
   * PGlite's parseResults for one statement: rows through its parsers, affected rows from the command tag.
   * @param {Awaited<ReturnType<PGlite['execProtocolStream']>>} messages
   * @param {'array' | 'object' | undefined} rowMode
   * @returns {RemoteResults}
   */
  #toResults(messages, rowMode) {
    /** @type {RemoteResults['fields']} */
    let fields = []
    /** @type {unknown[]} */
    const rows = []
    let affectedRows = 0
    for (const message of messages) {
      if (message.name === 'rowDescription') {
        const { fields: described } = /** @type {RowDescriptionMessage} */ (/** @type {unknown} */ (message))
        fields = described.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID }))
      } else if (message.name === 'dataRow') {
        const { fields: texts } = /** @type {DataRowMessage} */ (/** @type {unknown} */ (message))
        const values = texts.map((value, i) => this.#parse(value, /** @type {number} */ (fields[i]?.dataTypeID)))
        rows.push(rowMode === 'array' ? values : Object.fromEntries(values.map((value, i) => [fields[i]?.name, value])))
      } else if (message.name === 'commandComplete') {
        const tag = /** @type {CommandCompleteMessage} */ (/** @type {unknown} */ (message)).text.split(' ')
        if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(/** @type {string} */ (tag[0]))) {
          affectedRows += Number.parseInt(/** @type {string} */ (tag.at(-1)), 10)
        }
        break
      }
    }
    return { rows, fields, affectedRows }
  }

  /** @param {string | null} value @param {number} type */
  #parse(value, type) {
    if (value === null) return null
    const parser = this.db.parsers[type]
    return parser ? parser(value, type) : value
  }
}

/**
 * PostgreSQL's "cached plan must not change result type" (feature_not_supported, which other errors share).
 * @param {unknown} error
 */
function isStalePlan(error) {
  return error instanceof Error && 'code' in error && error.code === '0A000' && /cached plan must not change result type/.test(error.message)
}

/**
 * The statement on the error, as PGlite's query sets it.
 * @param {unknown} error
 * @param {string} sql
 */
function withQuery(error, sql) {
  if (error && typeof error === 'object' && 'code' in error) Object.assign(error, { query: sql })
  return error
}
