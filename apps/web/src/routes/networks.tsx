import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { ErrorAlert } from '../components/error-alert.tsx'
import { JoinNetwork } from '../components/join-network.tsx'
import { RoleBadge } from '../components/role-badge.tsx'
import { SkeletonCards } from '../components/skeleton.tsx'
import { formatNumber } from '../i18n/format.ts'
import { useRefreshWhilePending } from '../lib/join-requests.ts'
import { useSession } from '../lib/session.tsx'
import { regionWorthShowing } from '../lib/network-region.ts'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import { useNetworkDirectory } from '../lib/use-network.ts'
import '../styles/screens.css'

/** The directory of regional networks: anyone may look; members go in, others ask to join. */
export default function Networks() {
  const { t } = useTranslation()
  useDocumentTitle(t('networks.title'))
  const { me, roleIn, refresh } = useSession()
  useRefreshWhilePending(me, refresh)
  const networks = useNetworkDirectory()

  return (
    <div className="stack">
      <h1>{t('networks.title')}</h1>
      <p className="muted lead">{t('networks.intro')}</p>
      <ErrorAlert error={networks.error} />
      {networks.data === undefined ? (
        networks.loading ? <SkeletonCards count={5} className="network-grid" /> : null
      ) : networks.data.length === 0 ? (
        <p className="empty-state">{t('networks.empty')}</p>
      ) : (
        <ul className="network-grid" aria-label={t('networks.listLabel')}>
          {networks.data.map((network) => {
            const role = roleIn(network.slug)
            const isAdmin = me?.user.isAdmin ?? false
            const canEnter = role !== null || isAdmin
            const headingId = `network-${network.slug}`
            const region = regionWorthShowing(network)
            return (
              <li key={network.slug} className="card network-card stack">
                <div className="network-card-head">
                  <h2 id={headingId} className="network-name">
                    <Link href={`/networks/${network.slug}`}>
                      <bdi>{network.name}</bdi>
                    </Link>
                  </h2>
                  <RoleBadge role={role} isAdmin={isAdmin} />
                </div>
                {region ? (
                  <p className="muted">
                    <bdi>{region}</bdi>
                  </p>
                ) : null}
                <dl className="counts">
                  <div>
                    <dt>{t('networks.members')}</dt>
                    <dd>{formatNumber(network.memberCount)}</dd>
                  </div>
                  <div>
                    <dt>{t('networks.ideas')}</dt>
                    <dd>{formatNumber(network.ideaCount)}</dd>
                  </div>
                </dl>
                {canEnter ? (
                  <p>
                    <Link href={`/networks/${network.slug}`} className="button secondary">
                      {t('networks.open')}
                      <span className="visually-hidden"> · {network.name}</span>
                    </Link>
                  </p>
                ) : (
                  <JoinNetwork slug={network.slug} networkName={network.name} returnTo="/networks" />
                )}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
