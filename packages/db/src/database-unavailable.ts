/** The database cannot be reached: the embedded database's thread is gone or closed. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError'
}

/** Socket errors of a connection to PostgreSQL that is refused, cut or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
/** SQLSTATEs of a server going away or refusing connections: shutdown, crash, starting up, too many connections. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300'])
/** pg and pg-pool say these with a bare Error (no code). */
const PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Query read timeout$/,
  /is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
]

/**
 * Whether `err` says the database is out of reach (worth a 503 and a retry later) rather than that a statement was
 * wrong: pg's connection errors, PostgreSQL's shutdown codes (and class 08), the embedded database's thread gone.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false
  if (err instanceof DatabaseUnavailableError) return true
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true
  if (PG_MESSAGES.some((pattern) => pattern.test(err.message))) return true
  // Node's connect over IPv4 and IPv6 at once fails with an AggregateError of both.
  if (err instanceof AggregateError && err.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true
  return isDatabaseUnavailable(err.cause, depth + 1)
}
