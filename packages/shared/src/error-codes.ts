/** Stable error codes of the HTTP API: `{ error: { code, message, fields? } }`. */
export const ErrorCode = {
  VALIDATION: 'validation_failed',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  /** A password change whose current password is not the account's. */
  WRONG_PASSWORD: 'wrong_password',
  NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  /** It existed and is no more (an expired or used invitation). */
  GONE: 'gone',
  TOO_LARGE: 'payload_too_large',
  RATE_LIMITED: 'rate_limited',
  UNAVAILABLE: 'service_unavailable',
  INTERNAL: 'internal_error',
} as const

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  wrong_password: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
}

/**
 * Why one field of a request was refused, for a client to say it in its reader's language (`fields` says it in
 * English): `limit` is the number of characters, items or the bound the rule names.
 */
export const fieldIssueKinds = [
  'required',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'too_small',
  'too_large',
  'email',
  'format',
  'choice',
  'invalid',
] as const
export type FieldIssueKind = (typeof fieldIssueKinds)[number]
export interface FieldIssue {
  kind: FieldIssueKind
  limit?: number
}

export interface ErrorBody {
  error: {
    code: ErrorCode
    /** English, one sentence per refused field for a 400. */
    message: string
    /** Each refused field (its path in the request, `a.b`) with an English sentence naming it. */
    fields?: Record<string, string>
    /** The same fields with the rule each broke (400 `validation_failed` only). */
    issues?: Record<string, FieldIssue>
  }
}
