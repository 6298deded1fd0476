import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { JoinNetwork } from '../components/join-network.tsx'
import { SkeletonBlock, SkeletonLines } from '../components/skeleton.tsx'
import { useNetwork } from '../lib/use-network.ts'
import { ideaPath } from './use-idea.ts'

type Unavailable = 'forbidden' | 'not-found' | 'deleted' | 'offline' | 'failed'

/**
 * What an idea screen shows instead of the idea: no access (with "Request to join" the network, then its pending
 * state), not found, deleted while open, offline with nothing kept, failed.
 */
export function IdeaUnavailable({ kind, slug, id }: { kind: Unavailable; slug: string; id?: string }) {
  const { t } = useTranslation('editor')
  return (
    // Deleted while open replaces the editor under the person's hands: said at once (an alert), not left to be found.
    <section className="card stack idea-unavailable" aria-labelledby="idea-unavailable-heading" role={kind === 'deleted' ? 'alert' : undefined} data-kind={kind}>
      <h1 id="idea-unavailable-heading">{t(`unavailable.${kind}.title`)}</h1>
      <p>{t(`unavailable.${kind}.body`)}</p>
      {kind === 'forbidden' ? <JoinThisNetwork slug={slug} returnTo={id ? ideaPath(slug, id) : `/networks/${slug}`} /> : null}
      <p>
        <Link href={`/networks/${encodeURIComponent(slug)}`}>{t('unavailable.backToNetwork')}</Link>
      </p>
    </section>
  )
}

function JoinThisNetwork({ slug, returnTo }: { slug: string; returnTo: string }) {
  const { network } = useNetwork(slug)
  if (!network) return null
  return <JoinNetwork slug={slug} networkName={network.name} returnTo={returnTo} />
}

/** The idea screen's frame while the idea is on its way: the way back, and shapes where the title and text will be. */
export function IdeaLoading({ slug }: { slug: string }) {
  const { t } = useTranslation('editor')
  return (
    <div className="idea-page" aria-busy="true">
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <Link href={`/networks/${encodeURIComponent(slug)}`}>{t('backToNetwork')}</Link>
      </nav>
      <p className="visually-hidden" role="status">
        {t('loading')}
      </p>
      <header className="idea-header">
        <SkeletonBlock className="skeleton-heading" />
      </header>
      <div className="idea-layout columns" aria-hidden="true">
        <div className="idea-main">
          <div className="card skeleton-document">
            <SkeletonLines lines={8} />
          </div>
        </div>
        <div className="idea-aside">
          <div className="card skeleton-card">
            <SkeletonLines lines={4} />
          </div>
        </div>
      </div>
    </div>
  )
}
