import type { Dialect } from '@tandem/db'
import { openTestDb, type TestDb } from '@tandem/db/testing'
import type { Idea } from '@tandem/shared'
import { createLogger, type Logger } from '../logger.ts'
import { startServer, type RunningServer, type ServerConfig } from '../server.ts'
import { adminCookie } from './session-cookies.ts'

export interface TestServer extends RunningServer {
  testDb: TestDb
  wsUrl: string
  createIdea(title?: string, networkSlug?: string): Promise<Idea>
}

export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent')

/**
 * The configuration every test server starts from: port 0 on loopback, a short flush window, and room for the
 * hundreds of accounts a test file's fixtures sign up from 127.0.0.1. The sign-up limit itself is tested with its
 * real defaults (modules/auth/auth-limits.integration.test.ts passes `authLimits`, which replaces this one).
 */
export function testServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    PORT: 0,
    HOST: '127.0.0.1',
    DATABASE_URL: undefined,
    DATA_DIR: undefined,
    MAX_MESSAGE_BYTES: 8 * 1024 * 1024,
    MAX_DOCUMENT_BYTES: 32 * 1024 * 1024,
    PERSIST_WINDOW_MS: 20,
    COMPACT_AFTER_UPDATES: 500,
    SHUTDOWN_TIMEOUT_MS: 5_000,
    authLimits: { signUpsPerAddress: { capacity: 10_000, refillEveryMs: 1 } },
    // Test clients all sign in as the one test admin (session-cookies.ts): the per-user cap is tested on its own.
    MAX_SOCKETS_PER_USER: 100_000,
    ...overrides,
  }
}

/** A real server on port 0 over a fresh database of the dialect (or the one given, to restart on it). */
export async function startTestServer(
  dialect: Dialect,
  overrides: Partial<ServerConfig> = {},
  testDb?: TestDb,
  logger: Logger = testLogger,
): Promise<TestServer> {
  const db = testDb ?? (await openTestDb(dialect, { migrate: false }))
  const server = await startServer(testServerConfig(overrides), logger, db)
  return {
    ...server,
    testDb: db,
    wsUrl: `ws://127.0.0.1:${server.port}/collab`,
    createIdea: (title = 'An idea', networkSlug = 'asia') => createIdea(server.url, networkSlug, title),
  }
}

/** Creates an idea as the test admin (signed up on first use). */
export async function createIdea(baseUrl: string, networkSlug: string, title: string): Promise<Idea> {
  const attempt = async (cookie: string) =>
    fetch(`${baseUrl}/api/networks/${networkSlug}/ideas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: new URL(baseUrl).origin },
      body: JSON.stringify({ title }),
    })
  let response = await attempt(await adminCookie(baseUrl))
  if (response.status === 401) response = await attempt(await adminCookie(baseUrl, true)) // a new database on that port
  if (response.status !== 201) throw new Error(`creating an idea answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as Idea
}
