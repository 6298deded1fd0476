/** Stable error codes of the HTTP API: `{ error: { code, message, fields? } }`. */
export const ErrorCode = {
  VALIDATION: 'validation_failed',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  /** A password change whose current password is not the account's. */
  WRONG_PASSWORD: 'wrong_password',
  NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
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
  payload_too_large: 413,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> }
}
