import { useTranslation } from 'react-i18next'
import { apiErrorMessage } from '../lib/api-error-message.ts'

/**
 * The one place a screen says what went wrong. The alert region is always in the page (empty when all is well), so
 * screen readers announce a message the moment it appears.
 */
export function ErrorAlert({ error, message }: { error?: unknown; message?: string | null }) {
  const { t, i18n } = useTranslation()
  const text = message ?? (error === undefined || error === null ? null : apiErrorMessage(t, error, i18n.resolvedLanguage ?? 'en'))
  return (
    <div role="alert" className={text ? 'alert alert-error' : 'alert-empty'}>
      {text}
    </div>
  )
}
