import { createRoute, z } from '@hono/zod-openapi'
import type { Database } from '@tandem/db'
import { ErrorCode } from '@tandem/shared'
import { type Kysely, sql } from 'kysely'
import { AppError } from '../../errors.ts'
import { createRouter, errors, json } from '../../openapi.ts'

const healthSchema = z.object({ status: z.literal('ok'), database: z.string(), dbLatencyMs: z.number() })

const getHealth = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Answers 200 when the database answers a query within 2 s',
  responses: { 200: json(healthSchema, 'Healthy'), ...errors(503) },
})

export function healthRoutes(db: Kysely<Database>, dialect: string) {
  return createRouter().openapi(getHealth, async (c) => {
    const started = performance.now()
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ])
    } catch {
      throw new AppError(ErrorCode.UNAVAILABLE, 'database is not answering')
    }
    return c.json({ status: 'ok' as const, database: dialect, dbLatencyMs: Math.round(performance.now() - started) }, 200)
  })
}
