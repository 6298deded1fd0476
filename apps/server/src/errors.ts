import { isDatabaseUnavailable } from '@tandem/db'
import { ErrorCode, errorStatus, type ErrorBody, type FieldIssue } from '@tandem/shared'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from './logger.ts'

/** How long a client is told to wait (Retry-After) while the database is out of reach. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

/** The one error type of the HTTP API; its code decides the status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** For a 400: the rule each field broke, so a client can say it in its reader's language. */
    readonly issues?: Record<string, FieldIssue>,
    /** Sent as Retry-After (429, 503): when trying again may work. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'AppError'
  }

  get status(): number {
    return errorStatus[this.code]
  }
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.issues ? { issues: error.issues } : {}),
    },
  }
}

export function toResponse(c: Context, error: AppError): Response {
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))))
  return c.json(errorBody(error), error.status as ContentfulStatusCode)
}

/**
 * Maps anything thrown in a route to `{error: {code, message}}`: a database out of reach is a 503 with Retry-After
 * (the request may work in a moment), anything else unknown is logged and becomes 500.
 */
export function onError(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) return toResponse(c, err)
    if (err instanceof HTTPException) {
      const code = err.status === 413 ? ErrorCode.TOO_LARGE : err.status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.VALIDATION
      return toResponse(c, new AppError(code, err.message || 'bad request'))
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err, path: c.req.path }, 'database unavailable')
      const message = 'the database is not reachable; try again shortly'
      return toResponse(c, new AppError(ErrorCode.UNAVAILABLE, message, undefined, undefined, DATABASE_RETRY_AFTER_SECONDS))
    }
    logger.error({ err, path: c.req.path }, 'unhandled error')
    return toResponse(c, new AppError(ErrorCode.INTERNAL, 'internal error'))
  }
}
