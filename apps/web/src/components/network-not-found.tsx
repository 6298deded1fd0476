import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'

/** A network's screens (home, manage) when the directory has no network of that slug. */
export function NetworkNotFound() {
  const { t } = useTranslation()
  return (
    <div className="stack">
      <h1>{t('networkHome.notFound')}</h1>
      <p>
        <Link href="/networks">{t('networkHome.backToNetworks')}</Link>
      </p>
    </div>
  )
}
