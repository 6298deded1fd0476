import type { Idea } from '@tandem/shared'
import { useCallback, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'wouter'
import { DeletedIdeaNotice } from '../components/deleted-idea-notice.tsx'
import { ErrorAlert } from '../components/error-alert.tsx'
import { IdeaBoard } from '../components/idea-board.tsx'
import { IdeaFilters, type IdeaFilter } from '../components/idea-filters.tsx'
import { IdeaFiltersToggle } from '../components/idea-filters-toggle.tsx'
import { IdeaList } from '../components/idea-list.tsx'
import { JoinNetwork } from '../components/join-network.tsx'
import { NetworkNotFound } from '../components/network-not-found.tsx'
import { NewIdeaForm } from '../components/new-idea-form.tsx'
import { OnlineMembers } from '../components/online-members.tsx'
import { RoleBadge } from '../components/role-badge.tsx'
import { SkeletonBlock, SkeletonCards } from '../components/skeleton.tsx'
import { formatNumber } from '../i18n/format.ts'
import { regionWorthShowing } from '../lib/network-region.ts'
import { isCluster, isIdeaStatus, isSdg } from '../lib/taxonomy.ts'
import { useSession } from '../lib/session.tsx'
import { useApiResource } from '../lib/use-api-resource.ts'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import { useMediaQuery, WIDE_NETWORK_LAYOUT } from '../lib/use-media-query.ts'
import { useNetwork } from '../lib/use-network.ts'
import { useNetworkPresence } from '../lib/use-network-presence.ts'
import { useRefreshWhileShown } from '../lib/use-refresh-while-shown.ts'
import '../styles/screens.css'
import '../styles/network-home.css'

type View = 'board' | 'list'

/** A network's home: its ideas as a board and as a filterable list, who is online, and a way to start an idea. */
export default function NetworkHome() {
  const { t } = useTranslation()
  const { slug } = useParams<{ slug: string }>()
  const { me, roleIn } = useSession()
  const { network, error: networkError } = useNetwork(slug)
  useDocumentTitle(network?.name ?? t('networkHome.title'))

  const role = roleIn(slug)
  const isAdmin = me?.user.isAdmin ?? false
  const canRead = role !== null || isAdmin
  const canWrite = isAdmin || role === 'member' || role === 'facilitator'
  const canManage = isAdmin || role === 'facilitator'

  const breadcrumb = (
    <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
      <Link href="/networks">{t('shell.networks')}</Link>
    </nav>
  )
  // The frame at once (the directory is usually remembered from the screen before), shapes where the data will be.
  if (me === undefined || network === undefined) {
    return (
      <div className="stack">
        {breadcrumb}
        <ErrorAlert error={networkError} />
        {networkError ? null : (
          <>
            <header className="page-head">
              <SkeletonBlock className="skeleton-heading" />
            </header>
            <SkeletonCards count={3} className="idea-board" />
          </>
        )}
      </div>
    )
  }
  if (network === null) return <NetworkNotFound />
  const region = regionWorthShowing(network)

  return (
    <div className="stack">
      {breadcrumb}
      <header className="page-head">
        <div>
          <h1>
            <bdi>{network.name}</bdi>
          </h1>
          {region ? (
            <p className="muted">
              <bdi>{region}</bdi>
            </p>
          ) : null}
        </div>
        <div className="row">
          <RoleBadge role={role} isAdmin={isAdmin} />
          {canManage ? (
            <Link href={`/networks/${slug}/manage`} className="button secondary">
              {t('networkHome.manage')}
            </Link>
          ) : null}
        </div>
      </header>
      <DeletedIdeaNotice />
      {canRead ? (
        <NetworkWorkspace slug={slug} canWrite={canWrite} isObserver={role === 'observer' && !isAdmin} selfId={me?.user.id} />
      ) : (
        <section className="card stack join-prompt" aria-labelledby="join-heading">
          <h2 id="join-heading">{t('networkHome.joinTitle')}</h2>
          <p>{t('networkHome.joinIntro', { network: network.name })}</p>
          <JoinNetwork slug={slug} networkName={network.name} returnTo={`/networks/${slug}`} />
        </section>
      )}
    </div>
  )
}

function readFilter(params: URLSearchParams): IdeaFilter {
  const cluster = params.get('cluster')
  const sdg = Number(params.get('sdg'))
  const status = params.get('status')
  return { cluster: isCluster(cluster) ? cluster : null, sdg: isSdg(sdg) ? sdg : null, status: isIdeaStatus(status) ? status : null }
}

function NetworkWorkspace({ slug, canWrite, isObserver, selfId }: { slug: string; canWrite: boolean; isObserver: boolean; selfId: string | undefined }) {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const view: View = params.get('view') === 'list' ? 'list' : 'board'
  const filter = readFilter(params)
  const [creating, setCreating] = useState(false)
  const presence = useNetworkPresence(slug, true)
  // On a phone the filters fold behind a button, so the first ideas are on the screen.
  const wide = useMediaQuery(WIDE_NETWORK_LAYOUT)
  const [filtersOpen, setFiltersOpen] = useState(false)
  const filtersId = useId()
  const filtersInUse = [filter.cluster, filter.sdg, view === 'list' ? filter.status : null].filter((value) => value !== null).length

  const query = new URLSearchParams()
  if (filter.cluster) query.set('cluster', filter.cluster)
  if (filter.sdg) query.set('sdg', String(filter.sdg))
  if (view === 'list' && filter.status) query.set('status', filter.status)
  const queryString = query.toString()
  const ideas = useApiResource<Idea[]>(`/networks/${encodeURIComponent(slug)}/ideas${queryString ? `?${queryString}` : ''}`)
  const filtered = queryString !== ''
  const reloadIdeas = ideas.reload

  // Back on the tab: others may have moved ideas meanwhile.
  useRefreshWhileShown(reloadIdeas, { everyMs: null, onlineOnly: false })

  const insideByIdea = useMemo(() => {
    const map = new Map<string, typeof presence.users>()
    for (const user of presence.users) for (const ideaId of user.ideaIds) map.set(ideaId, [...(map.get(ideaId) ?? []), user])
    return map
  }, [presence.users])
  const insideOf = useCallback((ideaId: string) => insideByIdea.get(ideaId) ?? [], [insideByIdea])

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous)
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key)
          else next.set(key, value)
        }
        return next
      },
      { replace: true },
    )

  return (
    <div className="network-layout stack">
      <div className="network-top columns">
        {isObserver ? (
          <p className="note" role="note">
            {t('networkHome.observerNote')}
          </p>
        ) : null}
        {canWrite ? (
          creating ? (
            <NewIdeaForm slug={slug} onCancel={() => setCreating(false)} />
          ) : (
            <div className="new-idea-action">
              <button type="button" onClick={() => setCreating(true)}>
                <span aria-hidden="true">+</span> {t('networkHome.newIdea')}
              </button>
            </div>
          )
        ) : null}
        <OnlineMembers presence={presence} selfId={selfId} />
      </div>
      <section className="stack" aria-labelledby="ideas-heading">
        <div className="section-head">
          <h2 id="ideas-heading">{t('networkHome.ideas')}</h2>
          <div className="row section-tools">
            {wide ? null : (
              <IdeaFiltersToggle open={filtersOpen} inUse={filtersInUse} controls={filtersId} onToggle={() => setFiltersOpen((open) => !open)} />
            )}
            <div className="segmented" role="group" aria-label={t('networkHome.viewLabel')}>
              <button type="button" className={view === 'board' ? '' : 'secondary'} aria-pressed={view === 'board'} onClick={() => update({ view: null })}>
                {t('networkHome.viewBoard')}
              </button>
              <button type="button" className={view === 'list' ? '' : 'secondary'} aria-pressed={view === 'list'} onClick={() => update({ view: 'list' })}>
                {t('networkHome.viewList')}
              </button>
            </div>
          </div>
        </div>
        <div id={filtersId} hidden={!wide && !filtersOpen}>
          <IdeaFilters
            value={filter}
            withStatus={view === 'list'}
            onChange={(next) => update({ cluster: next.cluster, sdg: next.sdg === null ? null : String(next.sdg), status: next.status })}
          />
        </div>
        <ErrorAlert error={ideas.error} />
        <div aria-busy={ideas.loading} className="ideas-region">
          {ideas.data === undefined ? (
            ideas.loading ? <SkeletonCards count={3} className="idea-board" /> : null
          ) : ideas.data.length === 0 ? (
            <p className="empty-state">{filtered ? t('networkHome.noMatches') : canWrite ? t('networkHome.noIdeasYet') : t('networkHome.noIdeas')}</p>
          ) : (
            <>
              <p className="muted" role="status">
                {t('networkHome.shown', { number: formatNumber(ideas.data.length) })}
              </p>
              {view === 'board' ? (
                <IdeaBoard ideas={ideas.data} slug={slug} insideOf={insideOf} />
              ) : (
                <IdeaList ideas={ideas.data} slug={slug} insideOf={insideOf} />
              )}
            </>
          )}
        </div>
        </section>
    </div>
  )
}
