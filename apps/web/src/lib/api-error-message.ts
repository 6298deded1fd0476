import type { TFunction } from 'i18next'
import { ApiError, NetworkError } from './api.ts'
import { fieldProblems } from './field-problems.ts'
import { formatRetryAfter } from './retry-after.ts'

/**
 * What to tell a person when a request failed, in their language: the status says what kind of failure it is, and
 * the server's own message (English, precise) follows as the detail when it adds something. A refused form says
 * what is wrong with each field, in their language, and never the server's English.
 */
export function apiErrorMessage(t: TFunction, error: unknown, language = 'en'): string {
  if (error instanceof NetworkError) return t('errors.network')
  if (!(error instanceof ApiError)) return t('errors.unexpected')
  const problems = fieldProblems(t, error, language)
  if (problems.length > 0) return [t('errors.validation'), ...problems.map((p) => p.sentence)].join(' ')
  const detail = error.message && !/^HTTP_\d+$/.test(error.message) ? error.message : ''
  const headline = (() => {
    switch (error.status) {
      case 400:
        return t('errors.validation')
      case 401:
        return t('errors.unauthenticated')
      case 403:
        return t('errors.forbidden')
      case 404:
        return t('errors.notFound')
      case 409:
        return t('errors.conflict')
      case 410:
        return t('errors.gone')
      case 413:
        return t('errors.tooLarge')
      case 429:
        return t('errors.rateLimited', { when: formatRetryAfter(error.retryAfterSeconds ?? 60, language) })
      case 503:
        return t('errors.unavailable')
      default:
        return t('errors.unexpected')
    }
  })()
  return detail ? t('errors.withDetail', { headline, detail }) : headline
}
