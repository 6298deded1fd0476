import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from './api.ts'
import { apiErrorMessage } from './api-error-message.ts'

// A stand-in for i18next's t: the key and its values, so the test reads which message was chosen.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as TFunction

describe('apiErrorMessage', () => {
  it('says the server cannot be reached when offline', () => {
    expect(apiErrorMessage(t, new NetworkError())).toBe('errors.network')
  })
  it('names the kind of failure and keeps the server message as the detail', () => {
    expect(apiErrorMessage(t, new ApiError(403, 'forbidden', 'only facilitators decide join requests'))).toBe(
      'errors.withDetail {"headline":"errors.forbidden","detail":"only facilitators decide join requests"}',
    )
  })
  it('leaves out a detail that says nothing', () => {
    expect(apiErrorMessage(t, new ApiError(502, 'HTTP_502', 'HTTP_502'))).toBe('errors.unexpected')
  })
  it('says when to try again after a 429', () => {
    expect(apiErrorMessage(t, new ApiError(429, 'rate_limited', ''))).toMatch(/^errors\.rateLimited \{"when":".+"\}$/)
  })
  it('falls back for anything else', () => {
    expect(apiErrorMessage(t, new Error('boom'))).toBe('errors.unexpected')
  })
})
