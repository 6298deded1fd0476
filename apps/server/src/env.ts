import path from 'node:path'
import { z } from 'zod'
import { DEFAULT_MAX_QUEUED_BYTES } from './collab/queue-budget.ts'
import { DEFAULT_MAX_SOCKETS_PER_USER } from './collab/socket-quota.ts'
import { DEFAULT_MAX_CONNECTIONS } from './http-limits.ts'
import { parseTrustProxy } from './middleware/client-address.ts'

/** The only reader of process.env. Every problem is listed at once, then the process exits. */
const schema = z.object({
  /** production unless told otherwise: `npm run dev` sets development (looser origins), the tests set test. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /**
   * A client's change that would take a document's encoded size past this is refused (close 4413). A 50-page
   * proposal with tables, written the way people write, weighs a few MiB (apps/bench/src/tools/document-weight.ts).
   */
  MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(32 * 1024 * 1024),
  PERSIST_WINDOW_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(500),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Sockets one user may have open on this server at once; past it a socket closes with 4429. */
  MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_MAX_SOCKETS_PER_USER),
  /** Bytes waiting to be sent, all sockets together (see collab/queue-budget.ts). */
  MAX_QUEUED_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(DEFAULT_MAX_QUEUED_BYTES),
  /** Open TCP connections (HTTP and websockets together); keep it under the process's open-file limit. */
  MAX_CONNECTIONS: z.coerce.number().int().min(16).default(DEFAULT_MAX_CONNECTIONS),
  /** Sample people and ideas in a new instance: `true` by default on the embedded database, `false` with DATABASE_URL. */
  DEMO_CONTENT: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1')),
  /** After 5 failed sign-ins of one account from one address, the wait before the next try (it doubles, to 15 min). */
  SIGN_IN_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(900).default(1),
  /** Whether the server is behind a reverse proxy whose X-Forwarded-For / X-Forwarded-Proto to believe. */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const trust = parseTrustProxy(value)
      if (typeof trust === 'object' && !Array.isArray(trust)) {
        ctx.addIssue({ code: 'custom', message: trust.error })
        return z.NEVER
      }
      return trust
    }),
  /** Origins allowed to send state-changing requests with the session cookie (CSRF check), comma-separated. */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const entries = (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
      const bad = entries.filter((entry) => !isOrigin(entry))
      for (const entry of bad) {
        ctx.addIssue({ code: 'custom', message: `'${entry}' is not an origin like https://tandem.example` })
      }
      if (bad.length > 0) return z.NEVER
      return entries.length > 0 ? entries.map((entry) => new URL(entry).origin) : undefined
    }),
})

/** scheme://host[:port] and nothing else (no path, query or credentials). */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password
    return (url.protocol === 'http:' || url.protocol === 'https:') && bare
  } catch {
    return false
  }
}

export type Env = z.infer<typeof schema>

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env & { launchedByNpm: boolean } {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    process.stderr.write(`Invalid environment:\n${lines.join('\n')}\n`)
    process.exit(1)
  }
  const env = parsed.data
  // npm and turbo run the server from apps/server; a relative DATA_DIR means "relative to where npm was run".
  const base = source.INIT_CWD ?? process.cwd()
  return {
    ...env,
    DATA_DIR: path.resolve(base, env.DATA_DIR),
    DEMO_CONTENT: env.DEMO_CONTENT ?? env.DATABASE_URL === undefined,
    launchedByNpm: Boolean(source.npm_lifecycle_event),
  }
}
