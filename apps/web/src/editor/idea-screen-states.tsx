import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'

/** What an idea screen shows instead of the idea: no access, not found, deleted while open, offline with nothing kept, loading. */
export function IdeaUnavailable({ kind, slug }: { kind: 'forbidden' | 'not-found' | 'deleted' | 'offline' | 'failed'; slug: string }) {
  const { t } = useTranslation('editor')
  return (
    // Deleted while open replaces the editor under the person's hands: said at once (an alert), not left to be found.
    <section className="card stack idea-unavailable" aria-labelledby="idea-unavailable-heading" role={kind === 'deleted' ? 'alert' : undefined} data-kind={kind}>
      <h1 id="idea-unavailable-heading">{t(`unavailable.${kind}.title`)}</h1>
      <p>{t(`unavailable.${kind}.body`)}</p>
      <p>
        <Link href={`/networks/${encodeURIComponent(slug)}`}>{t('unavailable.backToNetwork')}</Link>
      </p>
    </section>
  )
}

export function IdeaLoading() {
  const { t } = useTranslation('editor')
  return (
    <div className="page-loading" aria-busy="true">
      <p className="muted">{t('loading')}</p>
    </div>
  )
}
