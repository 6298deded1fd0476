import { useTranslation } from 'react-i18next'

/** A loading state that says so, to eyes and to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <p className="loading muted" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  )
}
