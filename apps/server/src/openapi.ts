import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi'
import { ErrorCode, fieldIssueKinds, text } from '@tandem/shared'
import type { Env } from 'hono'
import { AppError } from './errors.ts'
import { describeIssues } from './validation-issues.ts'

/**
 * Every API router: zod schemas validate each request and document it in /api/openapi.json. A failed validation is
 * a 400 `validation_failed` with one English sentence per field (`fields`, and all of them as the message) and the
 * rule each broke (`issues`).
 */
export function createRouter<E extends Env = Env>() {
  return new OpenAPIHono<E>({
    defaultHook: (result, _c) => {
      if (result.success) return
      // The validator hands the hook the input it checked, so a field sent blank reads "required".
      const input = (result as { data?: unknown }).data
      const { message, fields, issues } = describeIssues(result.error.issues, input, result.target)
      throw new AppError(ErrorCode.VALIDATION, message, fields, issues)
    },
  })
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      issues: z
        .record(z.string(), z.object({ kind: z.enum(fieldIssueKinds), limit: z.number().optional() }))
        .optional(),
    }),
  })
  .openapi('Error')

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true }
}

/** The error answers a route can give, documented with the shared error shape. */
export function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 503)[]): RouteConfig['responses'] {
  const descriptions = {
    400: 'Invalid request (the fields are named)',
    401: 'Not signed in',
    403: 'Not allowed',
    404: 'Not found',
    409: 'Conflict',
    410: 'Gone (expired or used)',
    413: 'Request too large',
    429: 'Too many requests (see Retry-After)',
    503: 'Service unavailable',
  }
  return Object.fromEntries(statuses.map((s) => [s, json(errorSchema, descriptions[s])]))
}

export const slugParam = z.object({ slug: text().openapi({ example: 'sub-saharan-africa' }) })
export const ideaParams = slugParam.extend({ id: text().openapi({ example: '3f1e9b3c-2d7a-4b8e-9a51-0c6d2e7f8a90' }) })
