import type { Database } from '@tandem/db'
import { ErrorCode } from '@tandem/shared'
import { Hono } from 'hono'
import { type Kysely, sql } from 'kysely'
import { AppError } from '../../errors.ts'

/** 200 when the database answers a query within 2 s, 503 otherwise. */
export function healthRoutes(db: Kysely<Database>, dialect: string) {
  return new Hono().get('/', async (c) => {
    const started = performance.now()
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ])
    } catch {
      throw new AppError(ErrorCode.UNAVAILABLE, 'database is not answering')
    }
    return c.json({ status: 'ok', database: dialect, dbLatencyMs: Math.round(performance.now() - started) })
  })
}
