import { zValidator } from '@hono/zod-validator'
import { ErrorCode } from '@tandem/shared'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { AppError } from './errors.ts'

/** zod validation of a request part; failures become 400 `validation_failed` naming each field. */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (result.success) return
    const fields: Record<string, string> = {}
    for (const issue of result.error.issues) {
      const key = issue.path.join('.') || '(body)'
      fields[key] ??= issue.message
    }
    throw new AppError(ErrorCode.VALIDATION, `invalid ${target}: ${Object.keys(fields).join(', ')}`, fields)
  })
}
