import { useTranslation } from 'react-i18next'
import { apiErrorMessage } from '../lib/api-error-message.ts'
import { fieldProblems } from '../lib/field-problems.ts'

/**
 * The one place a screen says what went wrong. The alert region is always in the page (empty when all is well), so
 * screen readers announce a message the moment it appears. A refused form lists what is wrong with each field.
 */
export function ErrorAlert({ error, message }: { error?: unknown; message?: string | null }) {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? 'en'
  const problems = message || error === undefined || error === null ? [] : fieldProblems(t, error, language)
  if (problems.length > 0) {
    return (
      <div role="alert" className="alert alert-error">
        <p>{t('errors.validation')}</p>
        <ul className="alert-list">
          {problems.map((p) => (
            <li key={p.field}>{p.sentence}</li>
          ))}
        </ul>
      </div>
    )
  }
  const text = message ?? (error === undefined || error === null ? null : apiErrorMessage(t, error, language))
  return (
    <div role="alert" className={text ? 'alert alert-error' : 'alert-empty'}>
      {text}
    </div>
  )
}
